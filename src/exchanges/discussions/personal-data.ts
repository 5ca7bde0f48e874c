// Discussions' personal data for the registry: the person's threads, posts and reports in the access archive; on
// erasure their posts and threads stay readable under "former user" (author pseudonymised, as the map says why) and
// their reports are deleted.
import { eraseColumn } from '../../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';

export const discussionsModule: PersonalDataModule = {
  name: 'discussions',
  tables: ['discussion_threads', 'discussion_posts', 'discussion_reports'],
  async subjectIds({ db }) {
    const authors = await db.selectFrom('discussion_posts').select('author_id as id').distinct().execute();
    const reporters = await db.selectFrom('discussion_reports').select('reporter_id as id').distinct().execute();
    return [...new Set([...authors, ...reporters].map((r) => r.id))];
  },
  async exportFor({ db }, { userId }) {
    const threads = await db.selectFrom('discussion_threads').selectAll().where('author_id', '=', userId).orderBy('created_at').execute();
    const posts = await db.selectFrom('discussion_posts').selectAll().where('author_id', '=', userId).orderBy('created_at').execute();
    const reports = await db.selectFrom('discussion_reports').selectAll().where('reporter_id', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        discussionThreads: threads.map((t) => ({ id: t.id, dataset: t.dataset_id, title: t.title, createdAt: t.created_at })),
        discussionPosts: posts.map((p) => ({ id: p.id, thread: p.thread_id, body: p.body, status: p.status, publisherAnswer: p.publisher === 1, createdAt: p.created_at })),
        discussionReports: reports.map((r) => ({ post: r.post_id, reason: r.reason, createdAt: r.created_at, resolvedAt: r.resolved_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'discussion_reports', column: 'reporter_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'discussion_posts', column: 'author_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'discussion_posts', column: 'moderated_by', value: userId, owns: false, pseudonym }),
      await eraseColumn(ctx, { table: 'discussion_threads', column: 'author_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'discussion_threads', column: 'locked_by', value: userId, owns: false, pseudonym }),
    ];
  },
};
