// The frame of the privacy office (DPO console): its sections, notes and errors.
import type { PageContext } from '../../context.ts';
import type { Child, Html } from '../../../html/jsx-runtime.ts';
import { StaffFrame } from '../staff-frame.tsx';

const officeSections = (ctx: PageContext) => [
  { path: '/-/privacy-office/register', title: ctx.t.privacy.register },
  { path: '/-/privacy-office/recipients', title: ctx.t.privacy.recipients },
  { path: '/-/privacy-office/breaches', title: ctx.t.privacy.breaches },
  // Requests from data subjects are their own module; the office only links to them.
  { path: '/-/privacy-office/cases', title: ctx.t.privacy.cases },
  { path: '/-/privacy/versions', title: ctx.t.privacy.versions },
];

export function OfficeFrame(props: { ctx: PageContext; title: string; jsonTwin?: string; done?: string | null; error?: string | null; children?: Child }): Html {
  const { ctx } = props;
  // The tab row holds the office's own registers; cases and statement versions are linked from its home page.
  return <StaffFrame {...props} home={{ path: '/-/privacy-office', title: ctx.t.privacy.office }} sections={officeSections(ctx).slice(0, 3)} />;
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
