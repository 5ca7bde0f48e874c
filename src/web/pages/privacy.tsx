// The privacy statement as a page, from the operator's configuration.
import { statementText } from '../../privacy/statement-text.ts';
import { currentStatement } from '../../privacy/statement.ts';
import type { PageContext } from '../context.ts';
import type { Html } from '../jsx-runtime.ts';
import { Layout } from '../layout.tsx';

export function privacyPage(ctx: PageContext): Html {
  const title = ctx.lang === 'nl' ? 'Privacyverklaring' : 'Privacy statement';
  const statement = currentStatement(ctx.config);
  return (
    <Layout ctx={ctx} page={{ title }}>
      <h1>{title}</h1>
      <p class="meta">{ctx.lang === 'nl' ? 'Versie' : 'Version'} {statement.version}</p>
      {statementText(ctx.lang, ctx.config).map((section) => (
        <section>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((p) => <p class="prose">{p}</p>)}
        </section>
      ))}
    </Layout>
  );
}
