// Following datasets (issue 16): subscriptions with double opt-in, the person's preferences, notifications with their
// idempotency keys, and publishers' announcements. Rows name accounts by id only: no address is kept here.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    // dataset | catalog | newsletter
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // The dataset followed; '' for the catalog and the newsletter, so the unique index below covers them too.
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    // pending (waiting for its confirmation link) | confirmed | ended
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    // SHA-256 of the confirmation link's token; null once used.
    .addColumn('confirm_digest', 'varchar(64)')
    .addColumn('confirm_expires_at', 'varchar(40)')
    // The consents row given when the link was followed.
    .addColumn('consent_id', 'integer')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(40)')
    .addColumn('ended_at', 'varchar(40)')
    // unfollowed | one_click | consent_withdrawn | unconfirmed
    .addColumn('end_reason', 'varchar(30)')
    .execute();
  // One live subscription per person and target; ended ones stay (until retention) beside a new one.
  await sql`create unique index subscriptions_live on subscriptions (user_id, kind, dataset_id) where status <> 'ended'`.execute(db);
  await db.schema.createIndex('subscriptions_target').on('subscriptions').columns(['kind', 'dataset_id', 'status']).execute();
  await db.schema.createIndex('subscriptions_confirm').on('subscriptions').column('confirm_digest').execute();

  await db.schema
    .createTable('follow_preferences')
    .addColumn('user_id', 'varchar(40)', (c) => c.primaryKey())
    // instant | daily | weekly
    .addColumn('frequency', 'varchar(10)', (c) => c.notNull())
    // The language the person's mails are written in: the one of the page where they last chose.
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // null: a portal announcement (to newsletter subscribers)
    .addColumn('dataset_id', 'varchar(100)')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'varchar(60)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcements_dataset').on('announcements').columns(['dataset_id', 'created_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', autoIncrementId(db))
    // sub:{subscription}:v:{dataset}:{version}, …: one row per subscription and event, whoever runs the fan-out.
    .addColumn('key', 'varchar(300)', (c) => c.notNull().unique())
    .addColumn('subscription_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    // version | metadata | new_dataset | announcement
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('announcement_id', 'varchar(40)')
    // instant | daily | weekly: the person's choice when the row was written (changed with it while pending)
    .addColumn('frequency', 'varchar(10)', (c) => c.notNull())
    // pending | sending (claimed by a sender since sent_at) | sent | withheld
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    // digest:{user}:{period} once a digest took the row; for an instant row, the run sending it
    .addColumn('digest_key', 'varchar(120)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('notifications_pending').on('notifications').columns(['status', 'frequency', 'user_id']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notifications', 'announcements', 'follow_preferences', 'subscriptions']) await db.schema.dropTable(table).execute();
}
