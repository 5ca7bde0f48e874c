// Import reports: a version keeps the file it was read from, the readings a person chose, and what the import decided.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // null for versions imported before sources were kept: they cannot be read again with other types.
  await db.schema.alterTable('dataset_versions').addColumn('source_blob', 'varchar(400)').execute();
  await db.schema.alterTable('dataset_versions').addColumn('readings', 'text').execute();
  await db.schema.alterTable('dataset_versions').addColumn('report', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dataset_versions').dropColumn('report').execute();
  await db.schema.alterTable('dataset_versions').dropColumn('readings').execute();
  await db.schema.alterTable('dataset_versions').dropColumn('source_blob').execute();
}
