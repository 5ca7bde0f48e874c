// The audit log for staff: events newest first, filtered by action, actor and subject, with ids made readable.
import type { AuditEntry, AuditFilter } from '../../../admin/service.ts';
import { Pagination } from '../../components.tsx';
import { queryString, type PageContext } from '../../context.ts';
import { formatNumber } from '../../../i18n/index.ts';
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

const looksLikeAccount = (id: string) => /^u_[A-Za-z0-9_-]+$/.test(id);

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
          {data.verbs.map((v) => <option value={v} selected={v === filter.verb}>{v}</option>)}
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
      <p class="results-count">{t.eventsCount(formatNumber(ctx.lang, data.total))}</p>
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
                  <td><Who ctx={ctx} id={e.actor} email={e.actorEmail} isAccount={looksLikeAccount(e.actor)} /></td>
                  <td><code>{e.verb}</code></td>
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
