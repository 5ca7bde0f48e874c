// Dataset usage per day: page views, API calls and downloads, counted without any trace of who.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dataset_usage')
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('page_views', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('api_calls', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('downloads', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dataset_usage_pk', ['dataset_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dataset_usage').execute();
}
