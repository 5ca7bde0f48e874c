// The follow button of a dataset page: follow (with what it brings), or the state and unfollow; a sign-in link for
// visitors that brings them back; the dataset's Atom feed for those without an account; staff's link to write to the
// followers.
import { can } from '../accounts/permissions.ts';
import type { PageContext } from './context.ts';
import { PostForm } from './forms.tsx';
import type { Html } from '../html/jsx-runtime.ts';

/**
 * `hint`: say what following brings and link the feed (the information tab); the data tabs keep to the button, so the
 * records stay on a phone's first screen.
 */
export function FollowButton(props: { ctx: PageContext; datasetId: string; title: string; hint?: boolean }): Html {
  const { ctx, datasetId, title } = props;
  const t = ctx.t.follow;
  const page = ctx.link(`/datasets/${datasetId}`);
  const feed = <a class="feed-link" href={ctx.link(`/datasets/${datasetId}/feed.atom`)} type="application/atom+xml">{ctx.t.versions.feed}</a>;
  if (!ctx.viewer) {
    return (
      <div class="follow">
        <a class="button secondary" href={`${ctx.link('/-/account/login')}?back=${encodeURIComponent(page)}`}>{t.signInToFollow}</a>
        {props.hint && <p class="follow-hint">{t.followHint} {feed}</p>}
      </div>
    );
  }
  const state = ctx.following?.get(datasetId);
  return (
    <div class="follow">
      {state === undefined ? (
        <>
          <PostForm ctx={ctx} action={ctx.link(`/datasets/${datasetId}/follow`)} class="inline">
            <button type="submit" class="secondary" aria-label={t.followLabel(title)}>{t.follow}</button>
          </PostForm>
          {props.hint && <p class="follow-hint">{t.followHint} {feed}</p>}
        </>
      ) : (
        <>
          <p role="status">{state === 'confirmed' ? t.following : t.pending}</p>
          {state !== 'confirmed' && (
            <PostForm ctx={ctx} action={ctx.link(`/datasets/${datasetId}/follow`)} class="inline">
              <button type="submit" class="secondary">{t.resend}</button>
            </PostForm>
          )}
          <PostForm ctx={ctx} action={ctx.link(`/datasets/${datasetId}/unfollow`)} class="inline">
            <button type="submit" class="secondary" aria-label={t.unfollowLabel(title)}>{t.unfollow}</button>
          </PostForm>
          {props.hint && <p class="follow-hint"><a href={ctx.link('/-/account/follows')}>{t.manage}</a> · {feed}</p>}
        </>
      )}
      {can(ctx.viewer.account, 'dataset.publish') && <a class="button secondary" href={ctx.link(`/datasets/${datasetId}/announce`)}>{t.announce}</a>}
    </div>
  );
}
