// Dataset popularity: counts per dataset and day, kept in memory and written in batches, so counting never slows a request.
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

type UsageKind = 'page_views' | 'api_calls' | 'downloads';

export type UsageService = ReturnType<typeof createUsageService>;

export function createUsageService(deps: { db: Kysely<Database>; clock: Clock; flushEveryMs?: number }) {
  const pending = new Map<string, Record<UsageKind, number>>();
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const rows = [...pending].map(([key, counts]) => {
      const [dataset_id, day] = key.split('\u0000');
      return { dataset_id, day, ...counts };
    });
    pending.clear();
    for (const row of rows) {
      await deps.db
        .insertInto('dataset_usage')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['dataset_id', 'day']).doUpdateSet({
            page_views: sql`dataset_usage.page_views + ${row.page_views}`,
            api_calls: sql`dataset_usage.api_calls + ${row.api_calls}`,
            downloads: sql`dataset_usage.downloads + ${row.downloads}`,
          }),
        )
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
        .selectFrom('dataset_usage')
        .select(['dataset_id', sql<string>`sum(page_views + api_calls + downloads)`.as('uses')])
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
