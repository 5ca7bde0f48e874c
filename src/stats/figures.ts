// What the public sees of the statistics, as Opendatasoft shows it: per dataset its downloads and API calls over the
// last 30 days and in all, and a popularity score, all from the daily counts (src/stats/report-store.ts). The figures
// of every dataset are read in one query and kept a minute, so a catalog page or call does not recount them.
import type { Kysely } from 'kysely';
import { zonedDay } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { createReportStore } from './report-store.ts';

/** The period the recent figures cover, in days (today included). */
export const recentDays = 30;

export interface DatasetFigures {
  /** Exports of the dataset's records, in every format, through the portal or the API. */
  downloads: number;
  /** Calls of the dataset's API endpoints (records, facets, the dataset itself), exports not included. */
  apiCalls: number;
  downloads30: number;
  apiCalls30: number;
  views30: number;
  /**
   * 0 to 10, one decimal: the dataset's use over the last 30 days (views, API calls and downloads) on a logarithmic
   * scale where the portal's most used dataset scores 10; 0 for a dataset nobody used.
   */
  popularity: number;
}

/** Everything a dataset was used for over the recent period: views, API calls and downloads (what "most used" ranks by). */
export const recentUses = (f: DatasetFigures): number => f.views30 + f.apiCalls30 + f.downloads30;

export const noFigures: DatasetFigures = { downloads: 0, apiCalls: 0, downloads30: 0, apiCalls30: 0, views30: 0, popularity: 0 };

export type Figures = ReturnType<typeof createFigures>;

export function createFigures(deps: { db: Kysely<Database>; clock: Clock; timezone: string; cacheMs?: number }) {
  const store = createReportStore(deps.db);
  let cached: { at: number; figures: Map<string, DatasetFigures> } | null = null;
  let loading: Promise<Map<string, DatasetFigures>> | null = null;

  async function load(): Promise<Map<string, DatasetFigures>> {
    const today = zonedDay(deps.clock(), deps.timezone);
    const since = new Date(today.getTime() - (recentDays - 1) * 86_400_000).toISOString().slice(0, 10);
    const figures = new Map<string, DatasetFigures>();
    for (const row of await store.usePerDataset(since)) {
      const f = figures.get(row.dataset_id) ?? { ...noFigures };
      const total = Number(row.total);
      const recent = Number(row.recent);
      if (row.kind === 'export') [f.downloads, f.downloads30] = [total, recent];
      else if (row.kind === 'api') [f.apiCalls, f.apiCalls30] = [total, recent];
      else f.views30 = recent;
      figures.set(row.dataset_id, f);
    }
    const most = Math.max(0, ...[...figures.values()].map(recentUses));
    for (const f of figures.values()) f.popularity = most > 0 ? Math.round((100 * Math.log1p(recentUses(f))) / Math.log1p(most)) / 10 : 0;
    return figures;
  }

  return {
    /** Every dataset's figures (a dataset without any use is absent: read it as `noFigures`). */
    async all(): Promise<Map<string, DatasetFigures>> {
      const now = Date.now();
      if (cached && now - cached.at < (deps.cacheMs ?? 60_000)) return cached.figures;
      loading ??= load().finally(() => {
        loading = null;
      });
      const figures = await loading;
      cached = { at: Date.now(), figures };
      return figures;
    },

    async of(datasetId: string): Promise<DatasetFigures> {
      return (await this.all()).get(datasetId) ?? noFigures;
    },

    /** Reads afresh at the next call (after a rollup, in tests). */
    forget(): void {
      cached = null;
    },
  };
}
