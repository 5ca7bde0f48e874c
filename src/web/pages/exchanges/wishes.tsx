// Data request pages: the list by support (by status), one request with its support, comments and staff's status form,
// and the form to ask. What people wrote is escaped, their Markdown rendered by src/web/markdown.ts.
import type { Wish, WishComment } from '../../../exchanges/wishes/types.ts';
import { wishStatuses } from '../../../exchanges/wishes/types.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { formatDate, plural } from '../../../i18n/index.ts';
import type { PageContext } from '../../context.ts';
import { Choice, Done, ErrorSummary, Input, PostForm, RowAction } from '../../forms.tsx';
import { Layout } from '../../layout.tsx';
import { Markdown } from '../../markdown.ts';

function Honeypot(props: { ctx: PageContext }): Html {
  return (
    <div class="field honeypot" aria-hidden="true">
      <label for="website">{props.ctx.t.wishes.honeypot}</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
  );
}

function TextArea(props: { name: string; label: string; hint?: string; value?: string; rows?: string; maxlength: number }): Html {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.hint && <p class="hint" id={`${props.name}-hint`}>{props.hint}</p>}
      <textarea id={props.name} name={props.name} rows={props.rows ?? '5'} maxlength={props.maxlength} aria-describedby={props.hint ? `${props.name}-hint` : undefined}>{props.value ?? ''}</textarea>
    </div>
  );
}

const author = (ctx: PageContext, w: { author: string | null }) => w.author ?? ctx.t.wishes.formerUser;

/** /data-requests: every request, most supported first; of one status when asked; the form to ask for signed-in people. */
export function wishesPage(ctx: PageContext, data: { wishes: Wish[]; status: string | null; error?: string | null; done?: boolean; values?: { title?: string; description?: string } }): Html {
  const t = ctx.t.wishes;
  const twin = `${ctx.link('/data-requests.json')}${data.status ? `?status=${data.status}` : ''}`;
  return (
    <Layout ctx={ctx} page={{ title: t.title, jsonTwin: `${ctx.config.baseUrl}${twin}` }}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <nav aria-label={t.filter}>
        <ul class="inline-list">
          <li><a href={ctx.link('/data-requests')} aria-current={data.status ? undefined : 'page'}>{t.allStatuses}</a></li>
          {wishStatuses.map((s) => <li><a href={`${ctx.link('/data-requests')}?status=${s}`} aria-current={data.status === s ? 'page' : undefined}>{t.statuses[s]}</a></li>)}
        </ul>
      </nav>
      {data.wishes.length === 0 ? <p>{t.none}</p> : (
        <ol class="wishes">
          {data.wishes.map((w) => (
            <li>
              <a href={ctx.link(`/data-requests/${w.id}`)}>{w.title}</a> · {t.statuses[w.status]} · <span class="support">{plural(ctx.lang, w.support, t.support)}</span>
            </li>
          ))}
        </ol>
      )}
      <h2 id="ask">{t.newTitle}</h2>
      <Done message={data.done ? t.asked : null} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {ctx.viewer ? (
        <PostForm ctx={ctx} action={ctx.link('/data-requests')}>
          <Input name="title" label={t.titleLabel} value={data.values?.title} required maxlength={200} />
          <TextArea name="description" label={t.descriptionLabel} hint={t.descriptionHint} value={data.values?.description} maxlength={5000} />
          <Honeypot ctx={ctx} />
          <button type="submit">{t.ask}</button>
        </PostForm>
      ) : <p><a href={ctx.link('/-/account/login')}>{t.signIn}</a></p>}
    </Layout>
  );
}

/** A comment: a placeholder where a moderator hid it, its author told of a hold, the report form, moderators' actions. */
function Comment(props: { ctx: PageContext; base: string; comment: WishComment; moderator: boolean }): Html {
  const { ctx, comment: c, moderator } = props;
  const m = ctx.t.moderation;
  const path = `${props.base}/comments/${c.id}`;
  return (
    <article class="comment" id={c.id}>
      <p class="meta">
        {author(ctx, c)} · <time datetime={c.createdAt}>{formatDate(ctx.lang, c.createdAt, ctx.config.timezone)}</time>
        {moderator && c.status === 'held' && <> · <span class="badge">{m.held}</span></>}
        {moderator && c.status === 'hidden' && <> · <span class="badge">{m.hidden}</span></>}
      </p>
      {c.body === null ? <p class="placeholder">{m.hiddenByModerator}</p> : <Markdown text={c.body} />}
      {c.mine && c.status === 'hidden' && <p class="hint">{m.hiddenYours}</p>}
      {c.mine && c.status === 'held' && <p class="hint">{m.heldYours}</p>}
      {ctx.viewer && !c.mine && c.status === 'visible' && (
        <details>
          <summary>{m.report}</summary>
          <PostForm ctx={ctx} action={ctx.link(`${path}/report`)}>
            <div class="field">
              <label for={`reason-${c.id}`}>{m.reportLabel}</label>
              <textarea id={`reason-${c.id}`} name="reason" rows={2} required maxlength={1000}></textarea>
            </div>
            <button type="submit" class="secondary">{m.report}</button>
          </PostForm>
        </details>
      )}
      {moderator && (
        <div class="actions">
          {c.status === 'visible' && <RowAction ctx={ctx} action={ctx.link(`${path}/hide`)} label={m.hide} />}
          {c.status === 'hidden' && <RowAction ctx={ctx} action={ctx.link(`${path}/restore`)} label={m.restore} />}
          {c.status === 'held' && <RowAction ctx={ctx} action={ctx.link(`${path}/release`)} label={m.release} />}
        </div>
      )}
    </article>
  );
}

/** /data-requests/{id}: the request, its support (vote or withdraw), comments, and the status form for staff. */
export function wishPage(ctx: PageContext, data: { wish: Wish; comments: WishComment[]; voted: boolean; staff: boolean; moderator: boolean; done?: string | null; error?: string | null }): Html {
  const t = ctx.t.wishes;
  const w = data.wish;
  const base = `/data-requests/${w.id}`;
  return (
    <Layout ctx={ctx} page={{ title: w.title, jsonTwin: `${ctx.config.baseUrl}${ctx.link(`${base}.json`)}` }}>
      <h1>{w.title}</h1>
      <p class="meta">{t.statuses[w.status]} · {t.by(author(ctx, w))} · <time datetime={w.createdAt}>{formatDate(ctx.lang, w.createdAt, ctx.config.timezone)}</time> · <span class="support">{plural(ctx.lang, w.support, t.support)}</span></p>
      {w.datasetId && <p>{t.answeredBy}: <a href={ctx.link(`/datasets/${encodeURIComponent(w.datasetId)}`)}>{w.datasetId}</a></p>}
      {w.refuseReason && <p>{t.refusedBecause(w.refuseReason)}</p>}
      <Markdown text={w.description} />
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {ctx.viewer ? (
        <PostForm ctx={ctx} action={ctx.link(`${base}/${data.voted ? 'unvote' : 'vote'}`)} class="inline">
          <button type="submit" class={data.voted ? 'secondary' : undefined}>{data.voted ? t.unvote : t.vote}</button>
        </PostForm>
      ) : <p><a href={ctx.link('/-/account/login')}>{t.signIn}</a></p>}
      <h2>{plural(ctx.lang, data.comments.length, t.comments)}</h2>
      {data.comments.map((c) => <Comment ctx={ctx} base={base} comment={c} moderator={data.moderator} />)}
      {ctx.viewer && (
        <PostForm ctx={ctx} action={ctx.link(`${base}/comment`)}>
          <TextArea name="body" label={t.commentLabel} hint={t.descriptionHint} maxlength={5000} rows="3" />
          <Honeypot ctx={ctx} />
          <button type="submit">{t.comment}</button>
        </PostForm>
      )}
      {data.staff && (
        <>
          <h2>{t.statusTitle}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/status`)}>
            <Choice name="status" label={t.statusLabel} value={w.status} options={wishStatuses.filter((s) => s !== 'open').map((s) => [s, t.statuses[s]])} />
            <Input name="dataset_id" label={t.datasetLabel} value={w.datasetId ?? ''} maxlength={100} />
            <TextArea name="reason" label={t.reasonLabel} value={w.refuseReason ?? ''} maxlength={2000} rows="2" />
            <button type="submit">{t.setStatus}</button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
