// Breaches get a title, so the DPO tells them apart in the register and on a breach's page. Breaches recorded before
// this had none: each gets one from the day it became known and its nature (e.g. `2026-01-05 (C)`), which staff can
// change while the breach is open.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The default lets SQLite add a NOT NULL column to a table with rows; the service requires a title on every write.
  await db.schema.alterTable('privacy_breaches').addColumn('title', 'varchar(200)', (c) => c.notNull().defaultTo('')).execute();
  await sql`update privacy_breaches set title = substr(aware_at, 1, 10) || ' (' || nature || ')'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('privacy_breaches').dropColumn('title').execute();
}
