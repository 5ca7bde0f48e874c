// Moderation of data-request comments (issue 17): a comment's status (visible, held as likely spam, hidden by a
// moderator) and who moderated it, and the reports people make of comments, as discussion posts have them.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // visible | held | hidden; the comments written before were all shown.
  await db.schema.alterTable('wish_comments').addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('visible')).execute();
  await db.schema.alterTable('wish_comments').addColumn('moderated_by', 'varchar(60)').execute();
  await db.schema.alterTable('wish_comments').addColumn('moderated_at', 'varchar(40)').execute();
  await db.schema.createIndex('wish_comments_status').on('wish_comments').column('status').execute();
  await db.schema
    .createTable('wish_comment_reports')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('comment_id', 'varchar(40)', (c) => c.notNull().references('wish_comments.id').onDelete('cascade'))
    .addColumn('reporter_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('reason', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    // When a moderator hid, restored or released the comment: the report is dealt with.
    .addColumn('resolved_at', 'varchar(40)')
    .execute();
  await sql`create unique index wish_comment_reports_once on wish_comment_reports (comment_id, reporter_id)`.execute(db);
  await db.schema.createIndex('wish_comment_reports_reporter').on('wish_comment_reports').column('reporter_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wish_comment_reports').execute();
  await db.schema.dropIndex('wish_comments_status').execute();
  for (const column of ['moderated_at', 'moderated_by', 'status']) await db.schema.alterTable('wish_comments').dropColumn(column).execute();
}
