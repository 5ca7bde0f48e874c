// Reads and writes of reuses and the datasets they use; a reuse and its datasets are written in one transaction.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ReusesTable } from '../../db/schema.ts';

export type ReuseRow = Selectable<ReusesTable>;
export type ReuseStore = ReturnType<typeof createReuseStore>;

interface ReuseFilter {
  status?: string;
  type?: string;
  datasetId?: string;
  userId?: string;
}

export function createReuseStore(db: Kysely<Database>) {
  async function datasetsOf(ids: string[]): Promise<Map<string, string[]>> {
    const byReuse = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byReuse;
    const rows = await db.selectFrom('reuse_datasets').selectAll().where('reuse_id', 'in', ids).orderBy('dataset_id').execute();
    for (const r of rows) byReuse.get(r.reuse_id)?.push(r.dataset_id);
    return byReuse;
  }
  return {
    /** The row and its datasets in one transaction; `alsoThen` runs inside it (the image's commit), so both or neither. */
    async insert(row: ReuseRow, datasetIds: string[], alsoThen: () => Promise<void>): Promise<void> {
      await db.transaction().execute(async (trx: Transaction<Database>) => {
        await trx.insertInto('reuses').values(row).execute();
        await trx.insertInto('reuse_datasets').values(datasetIds.map((dataset_id) => ({ reuse_id: row.id, dataset_id }))).execute();
        await alsoThen();
      });
    },
    byId: (id: string) => db.selectFrom('reuses').selectAll().where('id', '=', id).executeTakeFirst(),
    datasetsOf,
    list(filter: ReuseFilter, limit = 200) {
      let q = db.selectFrom('reuses').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.type) q = q.where('type', '=', filter.type);
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      if (filter.datasetId) q = q.where('id', 'in', db.selectFrom('reuse_datasets').select('reuse_id').where('dataset_id', '=', filter.datasetId));
      return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
    },
    /** A pending reuse decided once: false when it was decided already (two staff members at once). */
    async decide(id: string, set: { status: string; reject_reason: string | null; decided_at: string; decided_by: string }): Promise<boolean> {
      const result = await db.updateTable('reuses').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** Approved reuses per dataset, for the catalog API's `reuse_count`. */
    async approvedCounts(datasetIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (datasetIds.length === 0) return counts;
      const rows = await db
        .selectFrom('reuse_datasets as d')
        .innerJoin('reuses as r', 'r.id', 'd.reuse_id')
        .select(['d.dataset_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.status', '=', 'approved')
        .where('d.dataset_id', 'in', datasetIds)
        .groupBy('d.dataset_id')
        .execute();
      for (const r of rows) counts.set(r.dataset_id, Number(r.n));
      return counts;
    },
  };
}
