// The public figures' reads of the daily counts (stats_daily): per dataset, in all and since a day.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

interface UseRow {
  dataset_id: string;
  kind: string;
  total: number | string;
  recent: number | string;
}

/** Views, API calls and exports per dataset: all counted, and those counted on `since` (YYYY-MM-DD) or later. */
export async function usePerDataset(db: Kysely<Database>, since: string): Promise<UseRow[]> {
  return db
    .selectFrom('stats_daily')
    .select([
      'dataset_id',
      'kind',
      sql<string>`sum(count)`.as('total'),
      sql<string>`sum(case when day >= ${since} then count else 0 end)`.as('recent'),
    ])
    .where('dataset_id', '<>', '')
    .where('kind', 'in', ['view', 'api', 'export'])
    .groupBy(['dataset_id', 'kind'])
    .execute();
}
