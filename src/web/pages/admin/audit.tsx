// The audit log for staff: events newest first, filtered by action, actor and subject, with ids made readable.
import type { AuditEntry, AuditFilter } from '../../../admin/service.ts';
import { Pagination } from '../../components.tsx';
import { queryString, type PageContext } from '../../context.ts';
import { plural, type KeysExactly, type Messages } from '../../../i18n/index.ts';
import { isEventVerb, type EventVerb } from '../../../events/verbs.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { AdminFrame, When } from './frame.tsx';

const auditQueryString = (filter: AuditFilter, page: number) =>
  queryString([['verb', filter.verb], ['actor', filter.actor], ['subject_type', filter.subjectType], ['subject', filter.subject], ['page', page > 1 ? page : null]]);

/** An id as staff read it: the id itself, and the account's current address when it is one. */
function Who(props: { ctx: PageContext; id: string; email: string | null; isAccount: boolean }): Html {
  const { ctx } = props;
  if (props.email) return <><code>{props.id}</code> <span>{props.email}</span></>;
  if (props.isAccount) return <><code>{props.id}</code> <span class="muted">({ctx.t.admin.goneAccount})</span></>;
  return <code>{props.id}</code>;
}

// The catalogs have a sentence for every verb the log records, and no other.
true satisfies KeysExactly<Messages['admin']['verbs'], EventVerb>;

/** What happened, as the rest of a sentence after the actor; a verb the catalogs do not know yet shows as its code. */
const verbText = (ctx: PageContext, verb: string) => (isEventVerb(verb) ? ctx.t.admin.verbs[verb] : verb);

/** Who did it, by role, with the account's address when it still exists; the id only in the tooltip. */
function Actor(props: { ctx: PageContext; entry: AuditEntry }): Html {
  const { ctx, entry } = props;
  const actors = ctx.t.admin.actors;
  if (entry.actorRole) return <span title={entry.actor}>{actors[entry.actorRole] ?? entry.actorRole} <span class="muted">({entry.actorEmail})</span></span>;
  if (entry.actor === 'cli') return <>{actors.cli}</>;
  if (entry.actor === 'system' || entry.actor === 'retention') return <>{actors.system}</>;
  return <span title={entry.actor}>{actors.gone}</span>;
}

export function auditPage(
  ctx: PageContext,
  filter: AuditFilter,
  page: number,
  data: { entries: AuditEntry[]; total: number; pages: number; verbs: string[]; subjectTypes: string[] },
): Html {
  const t = ctx.t.admin;
  return (
    <AdminFrame ctx={ctx} title={t.audit} jsonTwin={ctx.link('/-/admin/audit.json') + auditQueryString(filter, page)}>
      <p>{t.auditIntro}</p>
      <form method="get" action={ctx.link('/-/admin/audit')} class="inline" role="search">
        <label for="verb">{t.verb}</label>
        <select id="verb" name="verb">
          <option value="">{t.anyVerb}</option>
          {data.verbs.map((v) => <option value={v} selected={v === filter.verb}>{verbText(ctx, v)}</option>)}
        </select>
        <label for="actor">{t.actorLabel}</label>
        <input id="actor" name="actor" value={filter.actor} maxlength={320} />
        <label for="subject_type">{t.subjectType}</label>
        <select id="subject_type" name="subject_type">
          <option value="">{t.anyType}</option>
          {data.subjectTypes.map((v) => <option value={v} selected={v === filter.subjectType}>{v}</option>)}
        </select>
        <label for="subject">{t.subjectLabel}</label>
        <input id="subject" name="subject" value={filter.subject} maxlength={320} />
        <button type="submit">{t.filter}</button>
      </form>
      <p class="results-count">{plural(ctx.lang, data.total, t.eventsCount)}</p>
      {data.entries.length === 0 ? <p>{t.noEvents}</p> : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t.when}</th><th scope="col">{t.actor}</th><th scope="col">{t.verb}</th><th scope="col">{t.subject}</th><th scope="col">{t.details}</th></tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr>
                  <td><When ctx={ctx} iso={e.at} /></td>
                  <td><Actor ctx={ctx} entry={e} /></td>
                  <td><span title={e.verb}>{verbText(ctx, e.verb)}</span></td>
                  <td>{e.subjectType}: <Who ctx={ctx} id={e.subjectId} email={e.subjectEmail} isAccount={e.subjectType === 'user'} /></td>
                  <td>{Object.keys(e.data).length > 0 && <code>{JSON.stringify(e.data)}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={page} pages={data.pages} href={(p) => ctx.link('/-/admin/audit') + auditQueryString(filter, p)} />
    </AdminFrame>
  );
}
