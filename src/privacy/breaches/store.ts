// Reads and writes of the breach register.
import type { Kysely } from 'kysely';
import type { Database, PrivacyBreachesTable } from '../../db/schema.ts';

export type BreachRow = PrivacyBreachesTable;

export function createBreachStore(db: Kysely<Database>) {
  return {
    list: () => db.selectFrom('privacy_breaches').selectAll().orderBy('aware_at', 'desc').orderBy('id').execute(),
    get: (id: string) => db.selectFrom('privacy_breaches').selectAll().where('id', '=', id).executeTakeFirst(),
    insert: (row: BreachRow) => db.insertInto('privacy_breaches').values(row).execute(),
    /** Changes an open breach; 0 when it was closed meanwhile. */
    update: async (id: string, changes: Partial<BreachRow>) =>
      Number((await db.updateTable('privacy_breaches').set(changes).where('id', '=', id).where('closed_at', 'is', null).executeTakeFirst()).numUpdatedRows),
  };
}
