// Publishing: a dataset is a draft until published, and a version is staged until it is made current.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // null: a draft only staff see. Every dataset made before this was public, so it counts as published since its creation.
  await db.schema.alterTable('datasets').addColumn('published_at', 'varchar(40)').execute();
  await sql`update datasets set published_at = created_at`.execute(db);
  // null: staged, uploaded for review but never made current. Earlier versions were all made current on import.
  await db.schema.alterTable('dataset_versions').addColumn('published_at', 'varchar(40)').execute();
  await sql`update dataset_versions set published_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dataset_versions').dropColumn('published_at').execute();
  await db.schema.alterTable('datasets').dropColumn('published_at').execute();
}
