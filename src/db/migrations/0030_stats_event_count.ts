// A raw statistics event row stands for `n` events alike in every other column (the same second, page, caller and
// visitor hash): a collector counts them together in memory and writes one row, not one per request. Rows written
// before stand for one event each.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stats_events').addColumn('n', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stats_events').dropColumn('n').execute();
}
