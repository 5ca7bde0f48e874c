// Information requests (issue 17): a question to the department, from a signed-in person or a visitor who confirmed
// their address by a link, with its thread of messages (the requester's, staff's answers and staff's internal notes)
// and the staff's saved answers.
import type { Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('information_requests')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // VRG-2026-XXXXXX; null until the request is registered (a visitor confirmed their address).
    .addColumn('reference', 'varchar(20)', (c) => c.unique())
    // unconfirmed | new | in_progress | waiting | answered | closed
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    // The account asking, or null for a visitor (then name and email say who).
    .addColumn('user_id', 'varchar(40)')
    .addColumn('name', 'varchar(200)')
    .addColumn('email', 'varchar(320)')
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(100)')
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    // SHA-256 of the confirmation link's token (a visitor, until confirmed).
    .addColumn('confirm_digest', 'varchar(64)')
    // SHA-256 of the thread link's token: a visitor's capability to read and answer their thread.
    .addColumn('access_digest', 'varchar(64)')
    .addColumn('assignee', 'varchar(40)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('registered_at', 'varchar(40)')
    // The day (YYYY-MM-DD, the portal's time zone) an answer is due.
    .addColumn('due_at', 'varchar(10)')
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('information_requests_status').on('information_requests').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('information_requests_user').on('information_requests').column('user_id').execute();
  await db.schema.createIndex('information_requests_confirm').on('information_requests').column('confirm_digest').execute();
  await db.schema.createIndex('information_requests_access').on('information_requests').column('access_digest').execute();

  await db.schema
    .createTable('request_messages')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    // requester | staff | note (internal: the requester never sees it)
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    // The account that wrote it; null for a visitor requester.
    .addColumn('author', 'varchar(60)')
    .addColumn('body', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_messages_request').on('request_messages').columns(['request_id', 'id']).execute();

  await db.schema
    .createTable('canned_answers')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(60)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['canned_answers', 'request_messages', 'information_requests']) await db.schema.dropTable(table).execute();
}
