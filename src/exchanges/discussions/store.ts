// Reads and writes of discussion threads, posts and reports; no rules here.
import type { Kysely, Selectable } from 'kysely';
import type { Database, DiscussionPostsTable, DiscussionThreadsTable } from '../../db/schema.ts';

export type ThreadRow = Selectable<DiscussionThreadsTable>;
export type PostRow = Selectable<DiscussionPostsTable>;
export type DiscussionStore = ReturnType<typeof createDiscussionStore>;

export function createDiscussionStore(db: Kysely<Database>) {
  return {
    async insertThread(thread: ThreadRow, post: PostRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('discussion_threads').values(thread).execute();
        await trx.insertInto('discussion_posts').values(post).execute();
      });
    },
    async insertPost(post: PostRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('discussion_posts').values(post).execute();
        await trx.updateTable('discussion_threads').set({ last_post_at: post.created_at }).where('id', '=', post.thread_id).execute();
      });
    },
    thread: (id: string) => db.selectFrom('discussion_threads').selectAll().where('id', '=', id).executeTakeFirst(),
    threadsOf: (datasetId: string) => db.selectFrom('discussion_threads').selectAll().where('dataset_id', '=', datasetId).orderBy('last_post_at', 'desc').orderBy('id').execute(),
    postsOf: (threadIds: string[]) =>
      threadIds.length === 0 ? Promise.resolve([]) : db.selectFrom('discussion_posts').selectAll().where('thread_id', 'in', threadIds).orderBy('created_at').orderBy('id').execute(),
    post: (id: string) => db.selectFrom('discussion_posts').selectAll().where('id', '=', id).executeTakeFirst(),
    postsBy: async (authorId: string) => Number((await db.selectFrom('discussion_posts').select((eb) => eb.fn.countAll<number>().as('n')).where('author_id', '=', authorId).executeTakeFirstOrThrow()).n),
    setLock: (id: string, at: string | null, by: string | null) => db.updateTable('discussion_threads').set({ locked_at: at, locked_by: by }).where('id', '=', id).execute(),
    async setStatus(id: string, status: string, by: string, at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('discussion_posts').set({ status, moderated_by: by, moderated_at: at }).where('id', '=', id).execute();
        await trx.updateTable('discussion_reports').set({ resolved_at: at }).where('post_id', '=', id).where('resolved_at', 'is', null).execute();
      });
    },
    /** One report per person and post: false when this person reported it already. */
    async report(row: { post_id: string; reporter_id: string; reason: string; created_at: string }): Promise<boolean> {
      const result = await db.insertInto('discussion_reports').values({ ...row, resolved_at: null }).onConflict((oc) => oc.columns(['post_id', 'reporter_id']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Posts waiting for a moderator: reported and not dealt with, or held as likely spam. */
    async moderationQueue() {
      const reports = await db.selectFrom('discussion_reports').selectAll().where('resolved_at', 'is', null).orderBy('created_at').execute();
      const ids = [...new Set(reports.map((r) => r.post_id))];
      const posts = await db
        .selectFrom('discussion_posts')
        .selectAll()
        .where((eb) => eb.or([eb('status', '=', 'held'), ...(ids.length ? [eb('id', 'in', ids)] : [])]))
        .orderBy('created_at')
        .execute();
      return { posts, reports };
    },
    threadsByIds: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : db.selectFrom('discussion_threads').selectAll().where('id', 'in', ids).execute()),
    countsOf: async (datasetId: string) =>
      Number((await db.selectFrom('discussion_threads').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', datasetId).executeTakeFirstOrThrow()).n),
  };
}
