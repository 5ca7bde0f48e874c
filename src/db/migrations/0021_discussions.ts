// Discussions on datasets (issue 17): threads, their posts and the reports people make of posts. Rows name accounts by
// id only: an author is shown by their public name, read from the account, never by an address.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discussion_threads')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(60)', (c) => c.notNull())
    // Locked by a moderator: no new posts.
    .addColumn('locked_at', 'varchar(40)')
    .addColumn('locked_by', 'varchar(60)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_post_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discussion_threads_dataset').on('discussion_threads').columns(['dataset_id', 'last_post_at']).execute();

  await db.schema
    .createTable('discussion_posts')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('thread_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 1 when written by staff who may publish the dataset: shown as the publisher's answer.
    .addColumn('publisher', 'integer', (c) => c.notNull())
    // visible | held (likely spam, until a moderator releases it) | hidden (by a moderator)
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    // The language of the page it was written on: the author's mails about the thread are in it.
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('moderated_by', 'varchar(60)')
    .addColumn('moderated_at', 'varchar(40)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discussion_posts_thread').on('discussion_posts').columns(['thread_id', 'created_at']).execute();
  await db.schema.createIndex('discussion_posts_author').on('discussion_posts').column('author_id').execute();

  await db.schema
    .createTable('discussion_reports')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('post_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('reporter_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('reason', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    // When a moderator hid, restored or dismissed the post: the report is dealt with.
    .addColumn('resolved_at', 'varchar(40)')
    .execute();
  await sql`create unique index discussion_reports_once on discussion_reports (post_id, reporter_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['discussion_reports', 'discussion_posts', 'discussion_threads']) await db.schema.dropTable(table).execute();
}
