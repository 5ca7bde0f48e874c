// Dataset popularity: counts per dataset and day, kept in memory and written in batches, so counting never slows a request.
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

type UsageKind = 'page_views' | 'api_calls' | 'downloads';

export type UsageService = ReturnType<typeof createUsageService>;

export function createUsageService(deps: { db: Kysely<Database>; clock: Clock; flushEveryMs?: number }) {
  const pending = new Map<string, Record<UsageKind, number>>();
  let timer: NodeJS.Timeout | null = null;

  // Until the collector (src/stats) counts every event: views, API calls and downloads per dataset and UTC day.
  const shape: Record<UsageKind, { kind: string; page: string; caller: string }> = {
    page_views: { kind: 'view', page: 'dataset', caller: '' },
    api_calls: { kind: 'api', page: 'records', caller: 'anonymous' },
    downloads: { kind: 'export', page: 'csv', caller: 'anonymous' },
  };
  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const rows = [...pending].flatMap(([key, counts]) => {
      const [dataset_id, day] = key.split('\u0000');
      return (Object.keys(counts) as UsageKind[]).filter((k) => counts[k] > 0).map((k) => ({ day, dataset_id, ...shape[k], count: counts[k] }));
    });
    pending.clear();
    for (const row of rows) {
      await deps.db
        .insertInto('stats_daily')
        .values(row)
        .onConflict((oc) => oc.columns(['day', 'kind', 'page', 'dataset_id', 'caller']).doUpdateSet({ count: sql`stats_daily.count + ${row.count}` }))
        .execute();
    }
  }

  return {
    count(datasetId: string, kind: UsageKind): void {
      const day = deps.clock().toISOString().slice(0, 10);
      const key = `${datasetId}\u0000${day}`;
      const counts = pending.get(key) ?? { page_views: 0, api_calls: 0, downloads: 0 };
      counts[kind]++;
      pending.set(key, counts);
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          void flush().catch(() => undefined);
        }, deps.flushEveryMs ?? 30_000);
        timer.unref();
      }
    },

    flush,

    /** Uses over the last `days` days per dataset, counting what is not yet written too. */
    async popularity(days = 90): Promise<Map<string, number>> {
      await flush();
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

    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}
