// A case's letter as a printable page, in the requester's language (not the console's).
import type { Letter } from '../../../privacy/cases/letters.ts';
import type { PageContext } from '../../context.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

export function letterPage(ctx: PageContext, letter: Letter, lang: string): Html {
  return (
    <Layout ctx={ctx} page={{ title: letter.title, noindex: true }}>
      <p class="hint no-print">{ctx.t.privacyCases.print}</p>
      <article class="letter" lang={lang}>
        <h1>{letter.title}</h1>
        <dl>{letter.facts.map(([label, value]) => <><dt>{label}</dt><dd>{value}</dd></>)}</dl>
        {letter.paragraphs.map((text) => <p>{text}</p>)}
        <p>{letter.signature}</p>
      </article>
    </Layout>
  );
}
