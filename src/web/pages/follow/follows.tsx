// The account's follows page: what the person follows, its state, unfollow, how often they want mail, and the catalog
// and newsletter subscriptions.
import { can } from '../../../accounts/permissions.ts';
import type { Follow, Preferences } from '../../../follow/types.ts';
import { frequencies } from '../../../follow/types.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, PostForm, RowAction } from '../../forms.tsx';
import { formatDate } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

interface FollowsData {
  follows: Follow[];
  preferences: Preferences;
}

function nameOf(ctx: PageContext, f: Follow): string {
  const t = ctx.t.follow.targets;
  if (f.kind === 'dataset') return t.dataset(f.title ?? f.datasetId);
  return f.kind === 'catalog' ? t.catalog : t.newsletter;
}

function unfollowAction(ctx: PageContext, f: Follow): string {
  return f.kind === 'dataset' ? ctx.link(`/datasets/${f.datasetId}/unfollow`) : ctx.link(`/-/account/follows/${f.kind}/unfollow`);
}

export function followsPage(ctx: PageContext, data: FollowsData & { done?: string | null; error?: string | null }): Html {
  const t = ctx.t.follow;
  // The forms of this page come back to it, saying what they did.
  const fromHere = { from: 'follows' };
  const has = (kind: string) => data.follows.some((f) => f.kind === kind);
  return (
    <Layout ctx={ctx} page={{ title: t.title, noindex: true, jsonTwin: ctx.link('/-/account/follows.json') }}>
      <nav class="breadcrumb" aria-label={ctx.t.common.breadcrumb}>
        <ol>
          <li><a href={ctx.link('/-/account')}>{ctx.t.account.myAccount}</a></li>
          <li><a href={ctx.link('/-/account/follows')} aria-current="page">{t.title}</a></li>
        </ol>
      </nav>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {data.follows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="follows">
          {data.follows.map((f) => (
            <li>
              <p>
                {f.kind === 'dataset' ? <a href={ctx.link(`/datasets/${f.datasetId}`)}>{nameOf(ctx, f)}</a> : nameOf(ctx, f)} · {t.states[f.status === 'confirmed' ? 'confirmed' : 'pending']} ·{' '}
                {t.since(formatDate(ctx.lang, f.confirmedAt ?? f.createdAt, ctx.config.timezone))}
              </p>
              <RowAction ctx={ctx} action={unfollowAction(ctx, f)} label={ctx.t.follow.unfollow} ariaLabel={t.unfollowLabel(nameOf(ctx, f))} fields={fromHere} />
            </li>
          ))}
        </ul>
      )}
      <h2 id="frequency">{t.frequencyLabel}</h2>
      <PostForm ctx={ctx} action={ctx.link('/-/account/follows/frequency')}>
        <fieldset class="choices" aria-labelledby="frequency">
          {frequencies.map((f) => (
            <label class="check">
              <input type="radio" name="frequency" value={f} checked={data.preferences.frequency === f} />
              <span>{t.frequencies[f]}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit">{t.saveFrequency}</button>
      </PostForm>
      {(!has('catalog') || !has('newsletter')) && (
        <>
          <h2>{t.followMore}</h2>
          <p>{t.consentNote} (<a href={ctx.link('/-/privacy')}>{ctx.t.account.privacyStatement}</a>)</p>
          <div class="follow-more">
            {!has('catalog') && (
              <PostForm ctx={ctx} action={ctx.link('/-/account/follows/catalog')} class="inline">
                <input type="hidden" name="from" value="follows" />
                <button type="submit" class="secondary">{t.followCatalog}</button>
              </PostForm>
            )}
            {!has('newsletter') && (
              <PostForm ctx={ctx} action={ctx.link('/-/account/follows/newsletter')} class="inline">
                <input type="hidden" name="from" value="follows" />
                <button type="submit" class="secondary">{t.subscribeNewsletter}</button>
              </PostForm>
            )}
          </div>
        </>
      )}
      {can(ctx.viewer?.account ?? null, 'dataset.publish') && <p><a href={ctx.link('/-/follow/announce')}>{t.announcePortalTitle}</a></p>}
    </Layout>
  );
}

/** The twin of the follows page. */
export function followsJson(data: FollowsData) {
  return {
    frequency: data.preferences.frequency,
    follows: data.follows.map((f) => ({ kind: f.kind, dataset_id: f.datasetId || null, title: f.title, status: f.status, created_at: f.createdAt, confirmed_at: f.confirmedAt })),
  };
}

/** A publisher's message to the followers of a dataset (or, with no dataset, to the newsletter's readers). */
export function announcePage(
  ctx: PageContext,
  data: { action: string; heading: string; back: { href: string; label: string }; error?: string | null; done?: string | null; values?: { title?: string; body?: string } },
): Html {
  const t = ctx.t.follow;
  const back = <p><a href={data.back.href}>{data.back.label}</a></p>;
  // Once sent, the page says so and leads back, rather than offering an empty form as if nothing happened.
  if (data.done) {
    return (
      <Layout ctx={ctx} page={{ title: data.heading, noindex: true }}>
        <h1>{data.heading}</h1>
        <Done message={data.done} />
        {back}
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} page={{ title: data.heading, noindex: true }}>
      <h1>{data.heading}</h1>
      <p>{t.announceIntro}</p>
      <ErrorSummary ctx={ctx} error={data.error} />
      <PostForm ctx={ctx} action={data.action}>
        <div class="field">
          <label for="title">{t.announcementTitle}</label>
          <input id="title" name="title" type="text" value={data.values?.title} required maxlength={200} />
        </div>
        <div class="field">
          <label for="body">{t.announcementBody}</label>
          <textarea id="body" name="body" rows={8} required maxlength={10000}>{data.values?.body ?? ''}</textarea>
        </div>
        <button type="submit">{t.announceButton}</button>
      </PostForm>
      {back}
    </Layout>
  );
}

/** The account page's section: where to manage what one follows. */
export function followsSectionBody(ctx: PageContext): Html {
  return <p><a href={ctx.link('/-/account/follows')}>{ctx.t.follow.manage}</a></p>;
}

/** The confirmation link's page: what the mail is about, the consent it gives (with the statement), and the button. */
export function followConfirmPage(ctx: PageContext, data: { what: string; action: string }): Html {
  const t = ctx.t.follow;
  return (
    <Layout ctx={ctx} page={{ title: t.confirmTitle, noindex: true }}>
      <h1>{t.confirmTitle}</h1>
      <p>{t.confirmText(data.what)}</p>
      <p>{t.consentNote} (<a href={ctx.link('/-/privacy')}>{ctx.t.account.privacyStatement}</a>)</p>
      <PostForm ctx={ctx} action={data.action}>
        <button type="submit">{t.confirmButton}</button>
      </PostForm>
    </Layout>
  );
}
