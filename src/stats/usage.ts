// Dataset popularity for the catalog's sort and the home page, from the daily counts the statistics roll up
// (src/stats/collect.ts counts; the public figures replace this with src/stats/figures.ts).
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

export type UsageService = ReturnType<typeof createUsageService>;

export function createUsageService(deps: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** Uses over the last `days` days per dataset. */
    async popularity(days = 90): Promise<Map<string, number>> {
      const since = new Date(deps.clock().getTime() - days * 86_400_000).toISOString().slice(0, 10);
      const rows = await deps.db
        .selectFrom('stats_daily')
        .select(['dataset_id', sql<string>`sum(count)`.as('uses')])
        .where('dataset_id', '<>', '')
        .where('day', '>=', since)
        .groupBy('dataset_id')
        .execute();
      return new Map(rows.map((r) => [r.dataset_id, Number(r.uses)]));
    },

    async close(): Promise<void> {},
  };
}
