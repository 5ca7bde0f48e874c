// The requester's pages of information requests: the contact form, the thread (by a visitor's secret link or in the
// account) and the account's list of questions with their whole history.
import type { RequestRow } from '../../../exchanges/requests/store.ts';
import { maxMessage, type RequestMessage, type RequestStatus } from '../../../exchanges/requests/types.ts';
import { formatDate, formatNumber } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import { Layout } from '../../layout.tsx';
import { Markdown } from '../../markdown.ts';

export interface ContactValues { subject?: string; message?: string; name?: string; email?: string }

/** The form: a visitor gives name and address (and confirms it by mail); a signed-in person does not. */
export function contactPage(ctx: PageContext, data: { dataset: { id: string; title: string } | null; signedIn: boolean; values?: ContactValues; error?: string | null }): Html {
  const t = ctx.t.requests;
  const v = data.values ?? {};
  return (
    <Layout ctx={ctx} page={{ title: t.contactTitle, noindex: true }}>
      <h1>{t.contactTitle}</h1>
      <p>{t.contactIntro}</p>
      {data.dataset && <p>{t.aboutDataset(data.dataset.title)}</p>}
      <ErrorSummary ctx={ctx} error={data.error} />
      <PostForm ctx={ctx} action={ctx.link('/-/contact')} class="stack contact-form">
        {data.dataset && <input type="hidden" name="dataset" value={data.dataset.id} />}
        {!data.signedIn && (
          <>
            <p class="hint">{t.visitorHint}</p>
            <Input name="name" label={t.name} value={v.name} required autocomplete="name" maxlength={200} />
            <Input name="email" label={t.email} type="email" value={v.email} required autocomplete="email" maxlength={320} />
          </>
        )}
        <Input name="subject" label={t.subject} value={v.subject} required maxlength={200} />
        <div class="field">
          <label for="message">{t.message}</label>
          <p class="hint" id="message-hint">{t.messageHint(formatNumber(ctx.lang, maxMessage))}</p>
          <textarea id="message" name="message" rows={8} required aria-describedby="message-hint">{v.message ?? ''}</textarea>
        </div>
        {/* The honeypot: hidden from people (and from assistive technology), filled in by form-filling robots. */}
        <div class="hp" aria-hidden="true" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden">
          <label for="website">{t.honeypot}</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
        </div>
        <button type="submit">{t.send}</button>
      </PostForm>
    </Layout>
  );
}

export function StatusLine(props: { ctx: PageContext; request: RequestRow }): Html {
  const t = props.ctx.t.requests;
  const r = props.request;
  return (
    <dl class="request-facts">
      <dt>{t.reference}</dt><dd>{r.reference ?? ''}</dd>
      <dt>{t.status}</dt><dd>{t.statuses[r.status as RequestStatus] ?? r.status}</dd>
      {r.due_at && <><dt>{t.due}</dt><dd>{formatDate(props.ctx.lang, `${r.due_at}T12:00:00Z`, props.ctx.config.timezone)}</dd></>}
      {r.dataset_id && <><dt>{t.dataset}</dt><dd><a href={props.ctx.link(`/datasets/${r.dataset_id}`)}>{r.dataset_id}</a></dd></>}
    </dl>
  );
}

/** The messages, oldest first; notes (staff only) marked as such. Bodies are Markdown rendered safely. */
export function Thread(props: { ctx: PageContext; messages: RequestMessage[] }): Html {
  const t = props.ctx.t.requests;
  return (
    <ol class="thread">
      {props.messages.map((m) => (
        <li class={`message message-${m.kind}`} id={`m${m.id}`}>
          <p class="message-meta"><strong>{m.author}</strong> · {t.kinds[m.kind]} · {formatDate(props.ctx.lang, m.createdAt, props.ctx.config.timezone)}</p>
          <Markdown text={m.body} />
        </li>
      ))}
    </ol>
  );
}

/** The requester's thread: by the secret link (action under /-/contact/thread/…) or in the account. */
export function threadPage(ctx: PageContext, data: { request: RequestRow; messages: RequestMessage[]; action: string; back?: { href: string; label: string }; done?: string | null; error?: string | null; jsonTwin?: string }): Html {
  const t = ctx.t.requests;
  const r = data.request;
  return (
    <Layout ctx={ctx} page={{ title: t.threadTitle(r.reference ?? ''), noindex: true, ...(data.jsonTwin ? { jsonTwin: data.jsonTwin } : {}) }}>
      {data.back && <p><a href={data.back.href}>{data.back.label}</a></p>}
      <h1>{t.threadTitle(r.reference ?? '')}</h1>
      <p class="lead">{r.subject}</p>
      <StatusLine ctx={ctx} request={r} />
      <p>{t.threadIntro}</p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      <Thread ctx={ctx} messages={data.messages} />
      {r.status === 'closed' ? (
        <p>{t.closedNote}</p>
      ) : (
        <PostForm ctx={ctx} action={data.action}>
          <div class="field">
            <label for="message">{t.reply}</label>
            <textarea id="message" name="message" rows={6} required></textarea>
          </div>
          <button type="submit">{t.sendReply}</button>
        </PostForm>
      )}
    </Layout>
  );
}

/** The account's list: every question with its whole conversation. */
export function accountRequestsPage(ctx: PageContext, data: { requests: { request: RequestRow; messages: RequestMessage[] }[] }): Html {
  const t = ctx.t.requests;
  return (
    <Layout ctx={ctx} page={{ title: t.accountTitle, noindex: true, jsonTwin: ctx.link('/-/account/requests.json') }}>
      <nav class="breadcrumb" aria-label={ctx.t.common.breadcrumb}>
        <ol>
          <li><a href={ctx.link('/-/account')}>{ctx.t.account.myAccount}</a></li>
          <li><a href={ctx.link('/-/account/requests')} aria-current="page">{t.accountTitle}</a></li>
        </ol>
      </nav>
      <h1>{t.accountTitle}</h1>
      <p>{t.accountIntro}</p>
      <p><a href={ctx.link('/-/contact')}>{t.askQuestion}</a></p>
      {data.requests.length === 0 ? <p>{t.accountNone}</p> : data.requests.map(({ request, messages }) => (
        <section class="request">
          <h2><a href={ctx.link(`/-/account/requests/${request.id}`)}>{request.reference ?? ''}</a>: {request.subject}</h2>
          <StatusLine ctx={ctx} request={request} />
          <Thread ctx={ctx} messages={messages} />
        </section>
      ))}
    </Layout>
  );
}

/** The JSON twin of a requester's view: never a note, never a digest. */
export function requestJson(request: RequestRow, messages: RequestMessage[]) {
  return {
    id: request.id, reference: request.reference, status: request.status, subject: request.subject, dataset_id: request.dataset_id,
    registered_at: request.registered_at, due_at: request.due_at, closed_at: request.closed_at,
    messages: messages.map((m) => ({ id: m.id, kind: m.kind, author: m.author, body: m.body, created_at: m.createdAt })),
  };
}

/** The account page's section: a link to the person's questions. */
export function requestsSectionBody(ctx: PageContext): Html {
  return <p><a href={ctx.link('/-/account/requests')}>{ctx.t.requests.accountSection}</a></p>;
}
