// Attempt counters: sign-in, second-factor and mail-form limits counted in the database, so that every server sharing
// it shares the limits and a burst of parallel requests cannot pass them (an attempt is reserved before it is checked).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    // HMAC-SHA-256 (hex) of what is counted (an address, an account, a client) under the portal's key: never the value.
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // The end of the window: the counter starts again after it, and the retention sweep removes the row.
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_counters_expires').on('attempt_counters').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attempt_counters').execute();
}
