// The day's visitor hash on a raw statistics event (src/stats): HMAC-SHA256 under the day's random key of the client's
// address and user agent, so that distinct visitors can be counted for one day and never linked across days. It is
// cleared when its day is rolled up, and by the retention sweep two days after the event at the latest.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stats_events').addColumn('visitor', 'varchar(64)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stats_events').dropColumn('visitor').execute();
}
