// What changed per version: the diff against the version that was current before it, and that version's number.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON of VersionChanges; null until computed (versions published before this, or a diff that failed: changesOf computes it).
  await db.schema.alterTable('dataset_versions').addColumn('changes', 'text').execute();
  // The number of the version that was current when this one was made current; null for the first, or before this.
  await db.schema.alterTable('dataset_versions').addColumn('compared_to', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dataset_versions').dropColumn('compared_to').execute();
  await db.schema.alterTable('dataset_versions').dropColumn('changes').execute();
}
