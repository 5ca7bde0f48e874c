// Administration: indexes for the audit log's filters (by actor, by verb) and for a person's access grants.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_actor').on('events').columns(['actor', 'id']).execute();
  await db.schema.createIndex('events_verb').on('events').columns(['verb', 'id']).execute();
  // The primary key leads with the dataset; every request of a signed-in person looks grants up by person.
  await db.schema.createIndex('dataset_grants_user').on('dataset_grants').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['dataset_grants_user', 'events_verb', 'events_actor']) await db.schema.dropIndex(index).execute();
}
