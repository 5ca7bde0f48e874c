// The frame of the admin pages: the sections the viewer may open, notes and errors, and times as staff read them.
import { can, type Action } from '../../../accounts/permissions.ts';
import type { PageContext } from '../../context.ts';
import { formatDate, formatTime } from '../../../i18n/index.ts';
import type { Child, Html } from '../../../html/jsx-runtime.ts';
import { StaffFrame } from '../staff-frame.tsx';

/** The admin sections, each with the actions that open it. */
const adminSections: { path: string; title: (ctx: PageContext) => string; actions: readonly Action[] }[] = [
  { path: '/-/admin/users', title: (ctx) => ctx.t.admin.users, actions: ['users.manage'] },
  { path: '/-/admin/grants', title: (ctx) => ctx.t.admin.grants, actions: ['grants.manage'] },
  { path: '/-/admin/delivery', title: (ctx) => ctx.t.admin.delivery, actions: ['delivery.manage'] },
  { path: '/-/admin/audit', title: (ctx) => ctx.t.admin.audit, actions: ['audit.read'] },
];

export const adminActions: readonly Action[] = [...new Set(adminSections.flatMap((s) => s.actions))];

function sectionsFor(ctx: PageContext) {
  const account = ctx.viewer?.account ?? null;
  return adminSections.filter((s) => s.actions.some((action) => can(account, action)));
}

/** Date and time in the portal's zone: the audit log needs the minute, not just the day. */
export function When(props: { ctx: PageContext; iso: string | null; empty?: string }): Html {
  const { ctx, iso } = props;
  if (!iso) return <>{props.empty ?? ''}</>;
  const time = formatTime(ctx.lang, iso, ctx.config.timezone);
  return <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)} {time}</time>;
}

export function AdminFrame(props: { ctx: PageContext; title: string; jsonTwin?: string; done?: string | null; error?: string | null; children?: Child }): Html {
  const { ctx } = props;
  const sections = sectionsFor(ctx).map((s) => ({ path: s.path, title: s.title(ctx) }));
  return <StaffFrame {...props} home={{ path: '/-/admin', title: ctx.t.admin.title }} label={ctx.t.admin.navigation} sections={sections} />;
}

export function adminHome(ctx: PageContext): Html {
  return (
    <AdminFrame ctx={ctx} title={ctx.t.admin.title}>
      <p>{ctx.t.admin.intro}</p>
      <ul>
        {sectionsFor(ctx).map((s) => (
          <li><a href={ctx.link(s.path)}>{s.title(ctx)}</a></li>
        ))}
      </ul>
    </AdminFrame>
  );
}

/** What went wrong outside a form (an expired form, a refused request), with the way back. */
export function adminErrorPage(ctx: PageContext, error: string): Html {
  return (
    <AdminFrame ctx={ctx} title={ctx.t.account.errorsTitle}>
      <p role="alert">{error}</p>
      <p><a href={ctx.link('/-/admin')}>{ctx.t.admin.back}</a></p>
    </AdminFrame>
  );
}
