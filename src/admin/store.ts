// Reads and writes of the administration's own table: who was granted access to which restricted dataset.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type AdminStore = ReturnType<typeof createAdminStore>;

export function createAdminStore(db: Kysely<Database>) {
  return {
    grantsOfUser: (userId: string) =>
      db.selectFrom('dataset_grants').select(['dataset_id', 'granted_by', 'granted_at']).where('user_id', '=', userId).orderBy('dataset_id').execute(),

    /** The people's names and addresses are the accounts' to read: the service adds them. */
    grantsOfDataset: (datasetId: string) =>
      db.selectFrom('dataset_grants').select(['user_id', 'granted_by', 'granted_at']).where('dataset_id', '=', datasetId).execute(),

    /** The restricted datasets this person may read, for their audience. */
    grantedDatasets: async (userId: string) =>
      new Set((await db.selectFrom('dataset_grants').select('dataset_id').where('user_id', '=', userId).execute()).map((r) => r.dataset_id)),

    async grantCounts(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('dataset_grants')
        .select((eb) => ['dataset_id', eb.fn.countAll<number | string>().as('n')])
        .groupBy('dataset_id')
        .execute();
      return new Map(rows.map((r) => [r.dataset_id, Number(r.n)]));
    },

    hasGrant: async (datasetId: string, userId: string) =>
      (await db.selectFrom('dataset_grants').select('user_id').where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst()) !== undefined,

    insertGrant: (row: { dataset_id: string; user_id: string; granted_by: string; granted_at: string }) => db.insertInto('dataset_grants').values(row).execute(),

    async deleteGrant(datasetId: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom('dataset_grants').where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
