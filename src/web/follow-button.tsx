// The follow button of a dataset page: follow, or the state and unfollow; a sign-in link for visitors; staff's link to
// write to the followers.
import { can } from '../accounts/permissions.ts';
import type { PageContext } from './context.ts';
import { PostForm } from './forms.tsx';
import type { Html } from '../html/jsx-runtime.ts';

export function FollowButton(props: { ctx: PageContext; datasetId: string; title: string }): Html {
  const { ctx, datasetId, title } = props;
  const t = ctx.t.follow;
  if (!ctx.viewer) {
    return <p class="follow"><a class="button secondary" href={`${ctx.link('/-/account/login')}?back=${encodeURIComponent(ctx.link(`/datasets/${datasetId}`))}`}>{t.signInToFollow}</a></p>;
  }
  const state = ctx.following?.get(datasetId);
  return (
    <div class="follow">
      {state === undefined ? (
        <PostForm ctx={ctx} action={ctx.link(`/datasets/${datasetId}/follow`)} class="inline">
          <button type="submit" class="secondary" aria-label={t.followLabel(title)}>{t.follow}</button>
        </PostForm>
      ) : (
        <>
          <p role="status">{state === 'confirmed' ? t.following : t.pending}</p>
          <PostForm ctx={ctx} action={ctx.link(`/datasets/${datasetId}/unfollow`)} class="inline">
            <button type="submit" class="secondary" aria-label={t.unfollowLabel(title)}>{t.unfollow}</button>
          </PostForm>
        </>
      )}
      {can(ctx.viewer.account, 'dataset.publish') && <a class="button secondary" href={ctx.link(`/datasets/${datasetId}/announce`)}>{t.announce}</a>}
    </div>
  );
}
