// The frame of the privacy office (DPO console): its sections, notes and errors.
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary } from '../../forms.tsx';
import type { Child, Html } from '../../jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

export const officeSections = (ctx: PageContext) => [
  { path: '/-/privacy-office/register', title: ctx.t.privacy.register },
  { path: '/-/privacy-office/recipients', title: ctx.t.privacy.recipients },
  { path: '/-/privacy-office/breaches', title: ctx.t.privacy.breaches },
  // Requests from data subjects are their own module; the office only links to them.
  { path: '/-/privacy-office/cases', title: ctx.t.privacy.cases },
  { path: '/-/privacy/versions', title: ctx.t.privacy.versions },
];

export function OfficeFrame(props: { ctx: PageContext; title: string; jsonTwin?: string; done?: string | null; error?: string | null; children?: Child }): Html {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} page={{ title: props.title, noindex: true, jsonTwin: props.jsonTwin }}>
      <nav class="tabs" aria-label={ctx.t.privacy.office}>
        <ul>
          <li><a href={ctx.link('/-/privacy-office')} aria-current={ctx.path === '/-/privacy-office' ? 'page' : undefined}>{ctx.t.privacy.office}</a></li>
          {officeSections(ctx).slice(0, 3).map((s) => (
            <li><a href={ctx.link(s.path)} aria-current={ctx.path.startsWith(s.path) ? 'page' : undefined}>{s.title}</a></li>
          ))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      <Done message={props.done} />
      <ErrorSummary ctx={ctx} error={props.error} />
      {props.children}
    </Layout>
  );
}

export function officeHome(ctx: PageContext): Html {
  return (
    <OfficeFrame ctx={ctx} title={ctx.t.privacy.office}>
      <p>{ctx.t.privacy.officeIntro}</p>
      <ul>
        {officeSections(ctx).map((s) => <li><a href={ctx.link(s.path)}>{s.title}</a></li>)}
      </ul>
    </OfficeFrame>
  );
}

export function officeErrorPage(ctx: PageContext, error: string): Html {
  return (
    <OfficeFrame ctx={ctx} title={ctx.t.account.errorsTitle} error={error}>
      <p><a href={ctx.link('/-/privacy-office')}>{ctx.t.privacy.office}</a></p>
    </OfficeFrame>
  );
}
