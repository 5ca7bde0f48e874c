// The staff inbox of information requests: the list with search, filters, overdue flags and counts per status, and a
// request's page with its whole thread (internal notes included), answer, note, status, assignment and saved answers.
import type { CannedRow, RequestRow } from '../../../exchanges/requests/store.ts';
import type { Person } from '../../../exchanges/requests/service.ts';
import { requestStatuses, type RequestMessage, type RequestStatus } from '../../../exchanges/requests/types.ts';
import { formatDate, plural } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import type { PageContext } from '../../context.ts';
import { Choice, Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import { Layout } from '../../layout.tsx';
import { StatusLine, Thread } from './requests.tsx';

export interface InboxQuery { q: string; status: string; assignee: string; dataset: string; overdue: boolean }
interface InboxData { list: RequestRow[]; counts: Record<string, number>; staff: Person[]; today: string; query: InboxQuery }

export const isOverdue = (r: RequestRow, today: string) => r.due_at !== null && r.due_at < today && r.status !== 'answered' && r.status !== 'closed';

/** Counts per status, for the inbox and the staff home. */
export function RequestCounts(props: { ctx: PageContext; counts: Record<string, number> }): Html {
  const t = props.ctx.t.requests;
  return (
    <section class="request-counts" aria-label={t.counts}>
      <h2><a href={props.ctx.link('/-/inbox')}>{t.inboxLink}</a></h2>
      <ul>
        {requestStatuses.map((s) => <li><a href={props.ctx.link(`/-/inbox?status=${s}`)}>{t.statuses[s]}</a>: <span data-status={s}>{String(props.counts[s] ?? 0)}</span></li>)}
      </ul>
    </section>
  );
}

export function inboxPage(ctx: PageContext, data: InboxData): Html {
  const t = ctx.t.requests;
  const q = data.query;
  const name = (id: string | null) => data.staff.find((s) => s.id === id)?.firstName ?? '';
  return (
    <Layout ctx={ctx} page={{ title: t.inboxTitle, noindex: true, jsonTwin: ctx.link('/-/inbox.json') }}>
      <h1>{t.inboxTitle}</h1>
      <p>{t.inboxIntro}</p>
      <RequestCounts ctx={ctx} counts={data.counts} />
      <form method="get" action={ctx.link('/-/inbox')} class="inbox-filter" role="search">
        <Input name="q" label={t.search} value={q.q} />
        <Choice name="status" label={t.status} value={q.status} options={[['', t.anyStatus], ...requestStatuses.map((s): [string, string] => [s, t.statuses[s]])]} />
        <Choice name="assignee" label={t.assignee} value={q.assignee} options={[['', t.anyAssignee], ['-', t.unassigned], ...data.staff.map((s): [string, string] => [s.id, `${s.firstName} ${s.lastName}`])]} />
        <Input name="dataset" label={t.dataset} value={q.dataset} />
        <label class="check"><input type="checkbox" name="overdue" value="1" checked={q.overdue} /> <span>{t.overdueOnly}</span></label>
        <button type="submit">{t.filter}</button>
      </form>
      <p>{plural(ctx.lang, data.list.length, t.found)}</p>
      {data.list.length === 0 ? <p>{t.none}</p> : (
        <table class="inbox">
          <thead><tr><th scope="col">{t.reference}</th><th scope="col">{t.subject}</th><th scope="col">{t.status}</th><th scope="col">{t.assignee}</th><th scope="col">{t.received}</th><th scope="col">{t.due}</th></tr></thead>
          <tbody>
            {data.list.map((r) => (
              <tr class={isOverdue(r, data.today) ? 'overdue' : undefined}>
                <td><a href={ctx.link(`/-/inbox/${r.id}`)}>{r.reference ?? ''}</a></td>
                <td>{r.subject}{r.dataset_id ? ` (${r.dataset_id})` : ''}</td>
                <td data-label={t.status}>{t.statuses[r.status as RequestStatus] ?? r.status}</td>
                <td data-label={t.assignee}>{name(r.assignee) || t.unassigned}</td>
                <td data-label={t.received}>{formatDate(ctx.lang, r.registered_at, ctx.config.timezone)}</td>
                <td data-label={t.due}>{r.due_at ? formatDate(ctx.lang, `${r.due_at}T12:00:00Z`, ctx.config.timezone) : ''}{isOverdue(r, data.today) && <strong class="badge overdue"> {t.overdue}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

interface InboxRequestData { request: RequestRow; messages: RequestMessage[]; staff: Person[]; canned: CannedRow[]; today: string; answer?: string; done?: string | null; error?: string | null }

export function inboxRequestPage(ctx: PageContext, data: InboxRequestData): Html {
  const t = ctx.t.requests;
  const r = data.request;
  const action = (path: string) => ctx.link(`/-/inbox/${r.id}/${path}`);
  return (
    <Layout ctx={ctx} page={{ title: t.threadTitle(r.reference ?? ''), noindex: true, jsonTwin: ctx.link(`/-/inbox/${r.id}.json`) }}>
      <p><a href={ctx.link('/-/inbox')}>{t.inboxTitle}</a></p>
      <h1>{t.threadTitle(r.reference ?? '')}</h1>
      <p class="lead">{r.subject}</p>
      <StatusLine ctx={ctx} request={r} />
      {isOverdue(r, data.today) && <p class="badge overdue">{t.overdue}</p>}
      <p>{t.requester}: {r.user_id ? ctx.t.navigation.requesterAccount(data.messages.find((m) => m.kind === 'requester')?.author ?? '') : `${r.name ?? ''} <${r.email ?? ''}>`}</p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      <Thread ctx={ctx} messages={data.messages} />
      <h2>{t.answer}</h2>
      <PostForm ctx={ctx} action={action('answer')}>
        <div class="field">
          <label for="answer">{t.answer}</label>
          <textarea id="answer" name="message" rows={8} required>{data.answer ?? ''}</textarea>
        </div>
        <Choice name="status" id="answer-status" label={t.answerStatus} value="answered" options={requestStatuses.map((s): [string, string] => [s, t.statuses[s]])} />
        <button type="submit">{t.sendAnswer}</button>
      </PostForm>
      {data.canned.length > 0 && (
        <section>
          <h3>{t.canned}</h3>
          <p class="hint">{t.cannedHint}</p>
          <ul>{data.canned.map((c) => <li><a href={ctx.link(`/-/inbox/${r.id}?canned=${c.id}#answer`)}>{c.title}</a></li>)}</ul>
        </section>
      )}
      <h2>{t.note}</h2>
      <PostForm ctx={ctx} action={action('note')}>
        <div class="field">
          <label for="note">{t.note}</label>
          <textarea id="note" name="message" rows={4} required></textarea>
        </div>
        <button type="submit" class="secondary">{t.addNote}</button>
      </PostForm>
      <h2>{t.setStatus}</h2>
      <PostForm ctx={ctx} action={action('status')}>
        <Choice name="status" label={t.status} value={r.status} options={requestStatuses.map((s): [string, string] => [s, t.statuses[s]])} />
        <button type="submit" class="secondary">{t.setStatus}</button>
      </PostForm>
      <PostForm ctx={ctx} action={action('assign')}>
        <Choice name="assignee" label={t.assignee} value={r.assignee ?? ''} options={[['', t.unassigned], ...data.staff.map((s): [string, string] => [s.id, `${s.firstName} ${s.lastName}`])]} />
        <button type="submit" class="secondary">{t.assign}</button>
      </PostForm>
      <h2>{t.addCanned}</h2>
      <PostForm ctx={ctx} action={ctx.link('/-/inbox/canned')}>
        <input type="hidden" name="request" value={r.id} />
        <Input name="title" label={t.cannedTitle} maxlength={200} required />
        <div class="field">
          <label for="canned-body">{t.cannedBody}</label>
          <textarea id="canned-body" name="body" rows={4} required></textarea>
        </div>
        <button type="submit" class="secondary">{t.addCanned}</button>
      </PostForm>
    </Layout>
  );
}

/** A request for staff as JSON: the thread with notes, the requester's address (staff only). */
export function inboxRequestJson(r: RequestRow, messages: RequestMessage[], today: string) {
  return {
    id: r.id, reference: r.reference, status: r.status, subject: r.subject, dataset_id: r.dataset_id, user_id: r.user_id, name: r.name, email: r.email,
    assignee: r.assignee, language: r.language, registered_at: r.registered_at, due_at: r.due_at, overdue: isOverdue(r, today), closed_at: r.closed_at,
    messages: messages.map((m) => ({ id: m.id, kind: m.kind, author: m.author, body: m.body, created_at: m.createdAt })),
  };
}
