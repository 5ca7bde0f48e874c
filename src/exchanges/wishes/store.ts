// Reads and writes of data requests, their votes and comments; a vote and the request's count change in one transaction.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, WishesTable } from '../../db/schema.ts';

export type WishRow = Selectable<WishesTable>;
export type CommentRow = Selectable<Database['wish_comments']>;
export type WishStore = ReturnType<typeof createWishStore>;

export function createWishStore(db: Kysely<Database>) {
  const recount = (trx: Kysely<Database>, wishId: string) =>
    trx.updateTable('wishes').set({ support: sql<number>`(select count(*) from wish_votes where wish_votes.wish_id = ${wishId})` }).where('id', '=', wishId).execute();
  return {
    insert: (row: WishRow) => db.insertInto('wishes').values(row).execute(),
    byId: (id: string) => db.selectFrom('wishes').selectAll().where('id', '=', id).executeTakeFirst(),
    /** By support, most first; ties by age, oldest first. */
    list(status: string | null, limit = 500) {
      let q = db.selectFrom('wishes').selectAll();
      if (status) q = q.where('status', '=', status);
      return q.orderBy('support', 'desc').orderBy('created_at').orderBy('id').limit(limit).execute();
    },
    /** One vote per person: a second does nothing and returns false. */
    async vote(row: { wish_id: string; user_id: string; language: string; created_at: string }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx.insertInto('wish_votes').values(row).onConflict((oc) => oc.columns(['wish_id', 'user_id']).doNothing()).executeTakeFirst();
        await recount(trx, row.wish_id);
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      });
    },
    async unvote(wishId: string, userId: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('wish_votes').where('wish_id', '=', wishId).where('user_id', '=', userId).executeTakeFirst();
        await recount(trx, wishId);
        return Number(result.numDeletedRows) > 0;
      });
    },
    hasVoted: async (wishId: string, userId: string) =>
      (await db.selectFrom('wish_votes').select('user_id').where('wish_id', '=', wishId).where('user_id', '=', userId).executeTakeFirst()) !== undefined,
    voters: (wishId: string) => db.selectFrom('wish_votes').select(['user_id', 'language']).where('wish_id', '=', wishId).orderBy('created_at').execute(),
    addComment: (row: CommentRow) => db.insertInto('wish_comments').values(row).execute(),
    comment: (id: string) => db.selectFrom('wish_comments').selectAll().where('id', '=', id).executeTakeFirst(),
    commentsBy: async (userId: string) => Number((await db.selectFrom('wish_comments').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n),
    /** A moderator's decision on a comment: its reports are dealt with in the same transaction. */
    async setCommentStatus(id: string, status: string, by: string, at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('wish_comments').set({ status, moderated_by: by, moderated_at: at }).where('id', '=', id).execute();
        await trx.updateTable('wish_comment_reports').set({ resolved_at: at }).where('comment_id', '=', id).where('resolved_at', 'is', null).execute();
      });
    },
    /** One report per person and comment: false when this person reported it already. */
    async report(row: { comment_id: string; reporter_id: string; reason: string; created_at: string }): Promise<boolean> {
      const result = await db.insertInto('wish_comment_reports').values({ ...row, resolved_at: null }).onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Comments waiting for a moderator: reported and not dealt with, or held as likely spam. */
    async moderationQueue() {
      const reports = await db.selectFrom('wish_comment_reports').selectAll().where('resolved_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      const ids = [...new Set(reports.map((r) => r.comment_id))];
      const comments = await db
        .selectFrom('wish_comments')
        .selectAll()
        .where((eb) => eb.or([eb('status', '=', 'held'), ...(ids.length ? [eb('id', 'in', ids)] : [])]))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return { comments, reports };
    },
    byIds: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : db.selectFrom('wishes').selectAll().where('id', 'in', ids).execute()),
    comments: (wishId: string) => db.selectFrom('wish_comments').selectAll().where('wish_id', '=', wishId).orderBy('created_at').orderBy('id').execute(),
    setStatus: (id: string, set: { status: string; dataset_id: string | null; refuse_reason: string | null; status_changed_at: string }) =>
      db.updateTable('wishes').set(set).where('id', '=', id).execute(),
  };
}
