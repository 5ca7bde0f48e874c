// Webhooks: URLs a person registers for a dataset or the catalog, and the signed deliveries of dataset events to them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Null: the whole catalog (every dataset the owner may see).
    .addColumn('dataset_id', 'varchar(100)', (c) => c.references('datasets.id').onDelete('cascade'))
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    // The signing secret sealed under the portal key (secret-box, bound to the webhook's id): never in clear text.
    .addColumn('secret', 'text', (c) => c.notNull())
    // The language of the notice mailed when the webhook is disabled.
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('disabled_at', 'varchar(40)')
    // `failures` (Opaal gave up on a delivery) or `owner`.
    .addColumn('disabled_reason', 'varchar(20)')
    // Failed attempts since the last delivered one, across deliveries.
    .addColumn('failing_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_delivered_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('webhooks_user').on('webhooks').column('user_id').execute();
  await db.schema.createIndex('webhooks_dataset').on('webhooks').column('dataset_id').execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('webhook_id', 'varchar(40)', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    // The event's id, the same in every process for the same change: with the webhook, what makes a delivery unique.
    .addColumn('event_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    // The exact body sent (and signed) on every attempt.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending → sending → delivered | failed (pending again between attempts).
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('claimed_at', 'varchar(40)')
    .addColumn('last_status_code', 'integer')
    // An error kind (`timeout`, `ECONNREFUSED`, `http_500`) and at most a short snippet of the answer.
    .addColumn('last_error', 'varchar(300)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('delivered_at', 'varchar(40)')
    .addUniqueConstraint('webhook_deliveries_event', ['webhook_id', 'event_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
