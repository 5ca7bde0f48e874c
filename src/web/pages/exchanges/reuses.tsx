// Reuse pages: the list of approved reuses (by kind), one reuse, the submit form, staff moderation, and the section
// on a dataset's information tab. What people wrote is escaped, their Markdown rendered by src/web/markdown.ts.
import type { Reuse, OwnedReuse } from '../../../exchanges/reuses/types.ts';
import { reuseTypes } from '../../../exchanges/reuses/types.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { formatDate, plural } from '../../../i18n/index.ts';
import type { PageContext } from '../../context.ts';
import { Choice, Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import { Layout } from '../../layout.tsx';
import { Markdown } from '../../markdown.ts';

export interface ReuseFormValues {
  title?: string;
  description?: string;
  url?: string;
  type?: string;
  datasets?: string;
}

const author = (ctx: PageContext, r: Reuse) => ctx.t.reuses.by(r.author ?? ctx.t.reuses.formerUser);

function ReuseCard(props: { ctx: PageContext; reuse: Reuse }): Html {
  const { ctx, reuse: r } = props;
  const t = ctx.t.reuses;
  return (
    <article class="card reuse">
      <h2><a href={ctx.link(`/reuses/${r.id}`)}>{r.title}</a></h2>
      {r.hasImage && <img class="reuse-image" src={`/reuses/${r.id}/image`} alt={t.imageAlt(r.title)} loading="lazy" width="320" />}
      <p class="meta">{t.types[r.type]} · {author(ctx, r)}</p>
    </article>
  );
}

/** /reuses: approved reuses, newest first, of one kind when asked. */
export function reusesPage(ctx: PageContext, data: { reuses: Reuse[]; type: string | null }): Html {
  const t = ctx.t.reuses;
  const twin = `${ctx.link('/reuses.json')}${data.type ? `?type=${data.type}` : ''}`;
  return (
    <Layout ctx={ctx} page={{ title: t.title, jsonTwin: `${ctx.config.baseUrl}${twin}` }}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p><a href={ctx.link('/-/reuses/new')}>{ctx.viewer ? t.submitTitle : t.signIn}</a></p>
      <nav aria-label={t.filter}>
        <ul class="inline-list">
          <li><a href={ctx.link('/reuses')} aria-current={data.type ? undefined : 'page'}>{t.allTypes}</a></li>
          {reuseTypes.map((type) => <li><a href={`${ctx.link('/reuses')}?type=${type}`} aria-current={data.type === type ? 'page' : undefined}>{t.types[type]}</a></li>)}
        </ul>
      </nav>
      <p>{plural(ctx.lang, data.reuses.length, t.count)}</p>
      {data.reuses.length === 0 ? <p>{t.none}</p> : <div class="cards">{data.reuses.map((r) => <ReuseCard ctx={ctx} reuse={r} />)}</div>}
    </Layout>
  );
}

/** /reuses/{id}: one reuse (its submitter and staff also see it before it is approved). */
export function reusePage(ctx: PageContext, r: Reuse): Html {
  const t = ctx.t.reuses;
  return (
    <Layout ctx={ctx} page={{ title: r.title, jsonTwin: `${ctx.config.baseUrl}${ctx.link(`/reuses/${r.id}.json`)}`, noindex: r.status !== 'approved' }}>
      <h1>{r.title}</h1>
      {r.status !== 'approved' && <p class="notice">{t.statuses[r.status]}{r.rejectReason ? ` · ${t.rejectedBecause(r.rejectReason)}` : ''}</p>}
      <p class="meta">{t.types[r.type]} · {author(ctx, r)} · <time datetime={r.createdAt}>{formatDate(ctx.lang, r.createdAt, ctx.config.timezone)}</time></p>
      {r.hasImage && <img class="reuse-image" src={`/reuses/${r.id}/image`} alt={t.imageAlt(r.title)} width="640" />}
      <Markdown text={r.description} />
      <p><a href={r.url} rel="nofollow ugc noopener">{t.visit}</a></p>
      <h2>{t.datasets}</h2>
      <ul>{r.datasetIds.map((id) => <li><a href={ctx.link(`/datasets/${encodeURIComponent(id)}`)}>{id}</a></li>)}</ul>
    </Layout>
  );
}

/** The form; multipart, the CSRF field first so it is checked before a byte of the image is stored. */
export function reuseFormPage(ctx: PageContext, data: { values: ReuseFormValues; error?: string | null; done?: boolean }): Html {
  const t = ctx.t.reuses;
  const v = data.values;
  return (
    <Layout ctx={ctx} page={{ title: t.submitTitle, noindex: true }}>
      <h1>{t.submitTitle}</h1>
      <p>{t.submitIntro}</p>
      <Done message={data.done ? t.submitted : null} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {!data.done && (
        <PostForm ctx={ctx} action={ctx.link('/-/reuses/new')} enctype="multipart/form-data">
          <Input name="title" label={t.titleLabel} value={v.title} required maxlength={200} />
          <div class="field">
            <label for="description">{t.descriptionLabel}</label>
            <p class="hint" id="description-hint">{t.descriptionHint}</p>
            <textarea id="description" name="description" rows="8" required maxlength={5000} aria-describedby="description-hint">{v.description ?? ''}</textarea>
          </div>
          <Input name="url" type="url" label={t.urlLabel} hint={t.urlHint} value={v.url} required maxlength={2000} />
          <Choice name="type" label={t.typeLabel} value={v.type} options={reuseTypes.map((type) => [type, t.types[type]])} />
          <Input name="datasets" label={t.datasetsLabel} hint={t.datasetsHint} value={v.datasets} required maxlength={2000} />
          <div class="field honeypot" aria-hidden="true">
            <label for="website">{t.honeypot}</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
          </div>
          <div class="field">
            <label for="image">{t.imageLabel}</label>
            <p class="hint" id="image-hint">{t.imageHint}</p>
            <input id="image" name="image" type="file" accept="image/png,image/jpeg,image/webp" aria-describedby="image-hint" />
          </div>
          <button type="submit">{t.submit}</button>
        </PostForm>
      )}
    </Layout>
  );
}

/** Staff moderation: pending reuses with approve and reject (with a reason), then recent decisions. */
export function reuseModerationPage(ctx: PageContext, data: { reuses: OwnedReuse[]; done?: boolean; error?: string | null }): Html {
  const t = ctx.t.reuses;
  const pending = data.reuses.filter((r) => r.status === 'pending');
  return (
    <Layout ctx={ctx} page={{ title: t.moderationTitle, noindex: true, jsonTwin: `${ctx.config.baseUrl}${ctx.link('/-/reuses/moderation.json')}` }}>
      <h1>{t.moderationTitle}</h1>
      <Done message={data.done ? t.decided : null} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {pending.length === 0 && <p>{t.moderationNone}</p>}
      {data.reuses.map((r) => (
        <article class={`card reuse reuse-${r.status}`}>
          <h2><a href={ctx.link(`/reuses/${r.id}`)}>{r.title}</a></h2>
          <p class="meta">{t.statuses[r.status]} · {t.types[r.type]} · {author(ctx, r)} · <code>{r.url}</code></p>
          <Markdown text={r.description} />
          {r.rejectReason && <p>{t.rejectedBecause(r.rejectReason)}</p>}
          {r.status === 'pending' && (
            <>
              <PostForm ctx={ctx} action={ctx.link(`/-/reuses/${r.id}/approve`)} class="inline">
                <button type="submit">{t.approve}</button>
              </PostForm>
              <PostForm ctx={ctx} action={ctx.link(`/-/reuses/${r.id}/reject`)}>
                <div class="field">
                  <label for={`reason-${r.id}`}>{t.reasonLabel}</label>
                  <textarea id={`reason-${r.id}`} name="reason" rows="2" required maxlength={2000}></textarea>
                </div>
                <button type="submit" class="secondary">{t.reject}</button>
              </PostForm>
            </>
          )}
        </article>
      ))}
    </Layout>
  );
}

/** The section on a dataset's information tab: its approved reuses and the link to submit one. */
export function datasetReusesSection(ctx: PageContext, datasetId: string, reuses: Reuse[]): Html {
  const t = ctx.t.reuses;
  return (
    <section aria-labelledby="reuses">
      <h2 id="reuses">{t.onDataset}</h2>
      {reuses.length > 0 && (
        <ul class="reuses">
          {reuses.map((r) => <li><a href={ctx.link(`/reuses/${r.id}`)}>{r.title}</a> · {t.types[r.type]} · {author(ctx, r)}</li>)}
        </ul>
      )}
      <p><a href={`${ctx.link('/-/reuses/new')}?dataset=${encodeURIComponent(datasetId)}`}>{ctx.viewer ? t.submitLink : t.signIn}</a></p>
    </section>
  );
}
