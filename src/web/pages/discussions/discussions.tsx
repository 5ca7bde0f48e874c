// Discussions on a dataset: the list of threads with the form to start one, a single thread with its posts, the reply,
// report and moderation forms, and the moderators' list. Authors by their public name only; bodies through <Markdown>.
import type { PostView, ThreadView } from '../../../exchanges/discussions/service.ts';
import { formatDate, formatNumber } from '../../../i18n/index.ts';
import { plural } from '../../../i18n/plural.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, PostForm, RowAction } from '../../forms.tsx';
import { Layout } from '../../layout.tsx';
import { Markdown } from '../../markdown.ts';

export interface FormState {
  done?: string | null;
  error?: string | null;
  values?: { title?: string; body?: string };
}

interface ListData {
  datasetId: string;
  datasetTitle: string;
  threads: ThreadView[];
}

interface ThreadData {
  datasetId: string;
  datasetTitle: string;
  thread: ThreadView;
  moderator: boolean;
}

const name = (ctx: PageContext, author: string | null) => author ?? ctx.t.discussions.formerUser;
const when = (ctx: PageContext, iso: string) => formatDate(ctx.lang, iso, ctx.config.timezone);

function Breadcrumb(props: { ctx: PageContext; datasetId: string; datasetTitle: string; thread?: ThreadView }): Html {
  const { ctx } = props;
  const list = ctx.link(`/datasets/${props.datasetId}/discussions`);
  return (
    <nav class="breadcrumb" aria-label={ctx.t.common.breadcrumb}>
      <ol>
        <li><a href={ctx.link(`/datasets/${props.datasetId}`)}>{props.datasetTitle}</a></li>
        <li><a href={list} aria-current={props.thread ? undefined : 'page'}>{ctx.t.discussions.title}</a></li>
        {props.thread && <li><a href={ctx.link(`/datasets/${props.datasetId}/discussions/${props.thread.id}`)} aria-current="page">{props.thread.title}</a></li>}
      </ol>
    </nav>
  );
}

function BodyField(props: { ctx: PageContext; value?: string }): Html {
  const t = props.ctx.t.discussions;
  return (
    <div class="field">
      <label for="body">{t.bodyLabel}</label>
      <p class="hint" id="body-hint">{t.bodyHint(formatNumber(props.ctx.lang, 10_000))}</p>
      <textarea id="body" name="body" rows={6} required aria-describedby="body-hint">{props.value ?? ''}</textarea>
    </div>
  );
}

function SignInHint(props: { ctx: PageContext }): Html {
  const { ctx } = props;
  return <p><a href={ctx.link(`/-/account/login?next=${encodeURIComponent(ctx.link(ctx.path))}`)}>{ctx.t.discussions.signIn}</a></p>;
}

export function discussionsPage(ctx: PageContext, data: ListData, form: FormState = {}): Html {
  const t = ctx.t.discussions;
  return (
    <Layout ctx={ctx} page={{ title: t.titleOf(data.datasetTitle), jsonTwin: ctx.link(`/datasets/${data.datasetId}/discussions.json`) }}>
      <Breadcrumb ctx={ctx} datasetId={data.datasetId} datasetTitle={data.datasetTitle} />
      <h1>{t.titleOf(data.datasetTitle)}</h1>
      <p>{t.intro}</p>
      <Done message={form.done} />
      {data.threads.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="discussions">
          {data.threads.map((thread) => (
            <li>
              <p>
                <a href={ctx.link(`/datasets/${data.datasetId}/discussions/${thread.id}`)}>{thread.title}</a>
                {thread.locked && <> · {t.locked}</>}
              </p>
              <p class="meta">
                {t.by(name(ctx, thread.author))} · {when(ctx, thread.createdAt)} · {plural(ctx.lang, thread.posts.length, t.replies)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2 id="start">{t.start}</h2>
      {ctx.viewer ? (
        <PostForm ctx={ctx} action={ctx.link(`/datasets/${data.datasetId}/discussions`)}>
          <ErrorSummary ctx={ctx} error={form.error} />
          <div class="field">
            <label for="title">{t.titleLabel}</label>
            <input id="title" name="title" type="text" required maxlength={200} value={form.values?.title ?? ''} />
          </div>
          <BodyField ctx={ctx} value={form.values?.body} />
          <input type="text" name="website" value="" class="honeypot" tabindex="-1" autocomplete="off" aria-hidden="true" />
          <button type="submit">{t.submitStart}</button>
        </PostForm>
      ) : (
        <SignInHint ctx={ctx} />
      )}
    </Layout>
  );
}

function Post(props: { ctx: PageContext; data: ThreadData; post: PostView }): Html {
  const { ctx, data, post } = props;
  const t = ctx.t.discussions;
  const base = `/datasets/${data.datasetId}/discussions/${data.thread.id}`;
  return (
    <article class={`post${post.publisher ? ' post-publisher' : ''}`} id={post.id}>
      <header>
        <p class="meta">
          <strong>{name(ctx, post.author)}</strong> · <time datetime={post.createdAt}>{when(ctx, post.createdAt)}</time>
          {post.publisher && <> · <span class="badge">{t.publisher}</span></>}
          {data.moderator && post.status === 'held' && <> · <span class="badge">{t.held}</span></>}
          {data.moderator && post.status === 'hidden' && <> · <span class="badge">{t.hidden}</span></>}
        </p>
      </header>
      {post.body === null ? <p class="placeholder">{t.hiddenByModerator}</p> : <Markdown text={post.body} />}
      {post.mine && post.status === 'hidden' && <p class="hint">{t.hiddenYours}</p>}
      {post.mine && post.status === 'held' && <p class="hint">{t.heldYours}</p>}
      {ctx.viewer && !post.mine && post.status === 'visible' && (
        <details>
          <summary>{t.report}</summary>
          <PostForm ctx={ctx} action={ctx.link(`${base}/posts/${post.id}/report`)}>
            <div class="field">
              <label for={`reason-${post.id}`}>{t.reportLabel}</label>
              <textarea id={`reason-${post.id}`} name="reason" rows={2} required maxlength={1000}></textarea>
            </div>
            <button type="submit" class="secondary">{t.report}</button>
          </PostForm>
        </details>
      )}
      {data.moderator && (
        <div class="actions">
          {post.status === 'visible' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${post.id}/hide`)} label={t.hide} />}
          {post.status === 'hidden' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${post.id}/restore`)} label={t.restore} />}
          {post.status === 'held' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${post.id}/release`)} label={t.release} />}
        </div>
      )}
    </article>
  );
}

export function threadPage(ctx: PageContext, data: ThreadData, form: FormState = {}): Html {
  const t = ctx.t.discussions;
  const base = `/datasets/${data.datasetId}/discussions/${data.thread.id}`;
  return (
    <Layout ctx={ctx} page={{ title: data.thread.title, jsonTwin: ctx.link(`${base}.json`) }}>
      <Breadcrumb ctx={ctx} datasetId={data.datasetId} datasetTitle={data.datasetTitle} thread={data.thread} />
      <h1>{data.thread.title}</h1>
      <Done message={form.done} />
      {data.thread.locked && <p class="notice">{t.locked}</p>}
      {data.thread.posts.map((post) => <Post ctx={ctx} data={data} post={post} />)}
      {data.moderator && <RowAction ctx={ctx} action={ctx.link(`${base}/${data.thread.locked ? 'unlock' : 'lock'}`)} label={data.thread.locked ? t.unlock : t.lock} />}
      {!data.thread.locked && (
        <>
          <h2 id="reply">{t.reply}</h2>
          {ctx.viewer ? (
            <PostForm ctx={ctx} action={ctx.link(base)}>
              <ErrorSummary ctx={ctx} error={form.error} />
              <BodyField ctx={ctx} value={form.values?.body} />
              <input type="text" name="website" value="" class="honeypot" tabindex="-1" autocomplete="off" aria-hidden="true" />
              <button type="submit">{t.submitReply}</button>
            </PostForm>
          ) : (
            <SignInHint ctx={ctx} />
          )}
        </>
      )}
      {form.error && data.thread.locked && <ErrorSummary ctx={ctx} error={form.error} />}
      <p><a href={ctx.link(`/datasets/${data.datasetId}/discussions`)}>{t.backToList}</a></p>
    </Layout>
  );
}

interface QueueItem {
  id: string;
  threadId: string;
  datasetId: string;
  threadTitle: string;
  author: string | null;
  status: string;
  body: string;
  createdAt: string;
  reports: { reason: string; createdAt: string }[];
}

/** A data-request comment waiting for a moderator. */
interface CommentItem {
  id: string;
  wishId: string;
  wishTitle: string;
  author: string | null;
  status: string;
  body: string;
  createdAt: string;
  reports: { reason: string; createdAt: string }[];
}

export interface ExchangeCountsData {
  pendingReuses: number;
  moderation: number;
}

/** On staff's home: reuses to decide on and posts or comments to moderate, each a link to its list. */
export function ExchangeCounts(props: { ctx: PageContext; counts: ExchangeCountsData }): Html {
  const m = props.ctx.t.moderation;
  return (
    <section class="request-counts exchange-counts" aria-label={m.staffCounts}>
      <h2>{m.staffCounts}</h2>
      <ul>
        <li><a href={props.ctx.link('/-/reuses/moderation')}>{m.pendingReuses}</a>: <span data-count="reuses">{String(props.counts.pendingReuses)}</span></li>
        <li><a href={props.ctx.link('/-/moderation')}>{m.waitingPosts}</a>: <span data-count="moderation">{String(props.counts.moderation)}</span></li>
      </ul>
    </section>
  );
}

function Reports(props: { ctx: PageContext; title: string; reports: { reason: string; createdAt: string }[] }): Html {
  return props.reports.length === 0 ? <></> : (
    <>
      <p>{props.title}</p>
      <ul>{props.reports.map((r) => <li>{r.reason} · {when(props.ctx, r.createdAt)}</li>)}</ul>
    </>
  );
}

export function moderationPage(ctx: PageContext, items: QueueItem[], done: string | null, more: { comments: CommentItem[]; pendingReuses: number } = { comments: [], pendingReuses: 0 }): Html {
  const t = ctx.t.discussions;
  const m = ctx.t.moderation;
  return (
    <Layout ctx={ctx} page={{ title: t.moderation, noindex: true, jsonTwin: ctx.link('/-/moderation.json') }}>
      <h1>{t.moderation}</h1>
      <p>{t.moderationIntro}</p>
      <Done message={done} />
      <p class="pending-reuses">
        {more.pendingReuses > 0 ? plural(ctx.lang, more.pendingReuses, m.reusesWaiting) : m.reusesNone} <a href={ctx.link('/-/reuses/moderation')}>{m.reusesLink}</a>
      </p>
      {items.length === 0 && more.comments.length === 0 && <p>{t.moderationNone}</p>}
      {items.length > 0 && <h2>{m.posts}</h2>}
      {items.map((item) => {
        const base = `/datasets/${item.datasetId}/discussions/${item.threadId}`;
        return (
          <article class="post" id={item.id}>
            <p class="meta">
              <a href={ctx.link(`${base}#${item.id}`)}>{item.threadTitle}</a> · <strong>{name(ctx, item.author)}</strong> · {when(ctx, item.createdAt)}
              {item.status === 'held' && <> · <span class="badge">{t.held}</span></>}
              {item.status === 'hidden' && <> · <span class="badge">{t.hidden}</span></>}
            </p>
            <Markdown text={item.body} />
            <Reports ctx={ctx} title={t.reports} reports={item.reports} />
            <div class="actions">
              {item.status === 'visible' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${item.id}/hide`)} label={t.hide} fields={{ from: 'moderation' }} />}
              {item.status === 'hidden' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${item.id}/restore`)} label={t.restore} fields={{ from: 'moderation' }} />}
              {item.status === 'held' && <RowAction ctx={ctx} action={ctx.link(`${base}/posts/${item.id}/release`)} label={t.release} fields={{ from: 'moderation' }} />}
            </div>
          </article>
        );
      })}
      {more.comments.length > 0 && <h2>{m.comments}</h2>}
      {more.comments.map((item) => {
        const base = `/data-requests/${item.wishId}`;
        return (
          <article class="post comment" id={item.id}>
            <p class="meta">
              <a href={ctx.link(`${base}#${item.id}`)}>{item.wishTitle}</a> · <strong>{name(ctx, item.author)}</strong> · {when(ctx, item.createdAt)}
              {item.status === 'held' && <> · <span class="badge">{m.held}</span></>}
              {item.status === 'hidden' && <> · <span class="badge">{m.hidden}</span></>}
            </p>
            <Markdown text={item.body} />
            <Reports ctx={ctx} title={m.reports} reports={item.reports} />
            <div class="actions">
              {item.status === 'visible' && <RowAction ctx={ctx} action={ctx.link(`${base}/comments/${item.id}/hide`)} label={m.hide} fields={{ from: 'moderation' }} />}
              {item.status === 'hidden' && <RowAction ctx={ctx} action={ctx.link(`${base}/comments/${item.id}/restore`)} label={m.restore} fields={{ from: 'moderation' }} />}
              {item.status === 'held' && <RowAction ctx={ctx} action={ctx.link(`${base}/comments/${item.id}/release`)} label={m.release} fields={{ from: 'moderation' }} />}
            </div>
          </article>
        );
      })}
    </Layout>
  );
}
