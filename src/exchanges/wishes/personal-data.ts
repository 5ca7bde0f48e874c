// Data requests' personal data for the registry: a person's requests, votes and comments. Erasure deletes the votes
// (the support count goes down with them) and the comments, and pseudonymises the requests, which stay public with
// the support others gave them (src/personal-data/map.ts says why).
import { sql } from 'kysely';
import { eraseColumn } from '../../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';

export const wishesModule: PersonalDataModule = {
  name: 'wishes',
  tables: ['wishes', 'wish_votes', 'wish_comments', 'wish_comment_reports'],
  async subjectIds({ db }) {
    const ids = new Set<string>();
    for (const table of ['wishes', 'wish_votes', 'wish_comments'] as const) {
      for (const r of await db.selectFrom(table).select('user_id').distinct().execute()) ids.add(r.user_id);
    }
    for (const r of await db.selectFrom('wish_comment_reports').select('reporter_id').distinct().execute()) ids.add(r.reporter_id);
    return [...ids];
  },
  async exportFor({ db }, { userId }) {
    const requests = await db.selectFrom('wishes').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const votes = await db.selectFrom('wish_votes').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const comments = await db.selectFrom('wish_comments').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const reports = await db.selectFrom('wish_comment_reports').selectAll().where('reporter_id', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        dataRequests: requests.map((w) => ({ id: w.id, title: w.title, description: w.description, status: w.status, dataset: w.dataset_id, language: w.language, createdAt: w.created_at })),
        dataRequestVotes: votes.map((v) => ({ request: v.wish_id, language: v.language, createdAt: v.created_at })),
        dataRequestComments: comments.map((c) => ({ id: c.id, request: c.wish_id, body: c.body, status: c.status, createdAt: c.created_at })),
        dataRequestCommentReports: reports.map((r) => ({ comment: r.comment_id, reason: r.reason, createdAt: r.created_at, resolvedAt: r.resolved_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    const voted = (await ctx.db.selectFrom('wish_votes').select('wish_id').where('user_id', '=', userId).execute()).map((v) => v.wish_id);
    // Reports others made of the person's comments go with the comments (the foreign key says so too).
    await ctx.db.deleteFrom('wish_comment_reports').where('comment_id', 'in', ctx.db.selectFrom('wish_comments').select('id').where('user_id', '=', userId)).execute();
    const lines = [
      await eraseColumn(ctx, { table: 'wish_comment_reports', column: 'reporter_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'wish_comments', column: 'moderated_by', value: userId, owns: false, pseudonym }),
      await eraseColumn(ctx, { table: 'wish_votes', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'wish_comments', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'wishes', column: 'user_id', value: userId, owns: true, pseudonym }),
    ];
    // The count the list sorts on follows the votes that are left.
    if (voted.length > 0) {
      await ctx.db
        .updateTable('wishes')
        .set({ support: sql<number>`(select count(*) from wish_votes where wish_votes.wish_id = wishes.id)` })
        .where('id', 'in', voted)
        .execute();
    }
    return lines;
  },
};
