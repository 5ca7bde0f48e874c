// The catalog's change number (src/catalog/store.ts): every write to `datasets` adds one in its own transaction, so a
// process that keeps the catalog in memory (its list of datasets, the engine's catalog table) sees any process's
// change with one read of one row. Times cannot serve: two changes may share a millisecond, and clocks of processes
// sharing a database may differ.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row (id 1), written by the first change; none read as 0.
  await db.schema
    .createTable('catalog_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_revision').execute();
}
