// The frame of the privacy office (DPO console): its sections, notes and errors.
import type { PageContext } from '../../context.ts';
import type { Child, Html } from '../../../html/jsx-runtime.ts';
import { StaffFrame } from '../staff-frame.tsx';

/** Every part of the office; requests from data subjects and legal holds are their own modules, which the office links. */
const officeParts = (ctx: PageContext) => [
  { path: '/-/privacy-office/cases', title: ctx.t.privacy.cases },
  { path: '/-/privacy-office/register', title: ctx.t.privacy.register },
  { path: '/-/privacy-office/recipients', title: ctx.t.privacy.recipients },
  { path: '/-/privacy-office/breaches', title: ctx.t.privacy.breaches },
  { path: '/-/privacy-office/holds', title: ctx.t.holds.title },
];

/** The home page also links the statement's versions, which are public pages outside the office. */
const officeSections = (ctx: PageContext) => [...officeParts(ctx), { path: '/-/privacy/versions', title: ctx.t.privacy.versions }];

export function OfficeFrame(props: { ctx: PageContext; title: string; jsonTwin?: string; done?: string | null; error?: string | null; children?: Child }): Html {
  const { ctx } = props;
  return <StaffFrame {...props} home={{ path: '/-/privacy-office', title: ctx.t.privacy.office }} sections={officeParts(ctx)} />;
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
