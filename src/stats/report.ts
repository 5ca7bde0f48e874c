// What the dashboards show (/-/stats): over a range of days, for the portal or one dataset, the views, downloads by
// format, API calls by endpoint and caller kind, unique visitors, top datasets, search terms (those k-anonymity lets
// through, the rest as "other"), searches without result and referring sites, read from the rollups.
import type { Kysely } from 'kysely';
import { zonedDay, type Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { Invalid } from '../errors.ts';
import { createReportStore, type Range } from './report-store.ts';



interface DayFigures {
  day: string;
  views: number;
  downloads: number;
  apiCalls: number;
  /** Unique visitors of the portal that day; null on a dataset's dashboard (visitors are counted portal-wide only). */
  visitors: number | null;
}

export interface StatsReport {
  range: Range;
  totals: { views: number; downloads: number; apiCalls: number; apiCallsWithKey: number; apiCallsAnonymous: number; visitors: number | null; searches: number; emptySearches: number };
  /** Every day of the range, in order, zeros included. */
  days: DayFigures[];
  pages: { page: string; count: number }[];
  downloadsByFormat: { format: string; count: number }[];
  apiByEndpoint: { endpoint: string; withKey: number; anonymous: number }[];
  topDatasets: { datasetId: string; views: number; downloads: number; apiCalls: number }[];
  /** Terms at least 5 distinct visitors used on a day; `other` sums the rest. Portal-wide only (empty for a dataset). */
  terms: { term: string; searches: number; empty: number }[];
  other: { searches: number; empty: number };
  /** Terms that found nothing, most asked first: what people look for and do not find. */
  notFound: { term: string; count: number }[];
  referrers: { host: string; count: number }[];
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;
/** The longest range one request may ask: five years, as long as anything is kept. */
const maxDays = 5 * 366;
/** The default range: the last 30 days, today included. */
const defaultDays = 30;

function isDay(text: string): boolean {
  const at = new Date(`${text}T00:00:00Z`);
  return dayPattern.test(text) && !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

export type StatsReports = ReturnType<typeof createStatsReports>;

export function createStatsReports(deps: { db: Kysely<Database>; clock: Clock; timezone: string }) {
  const store = createReportStore(deps.db);

  return {
    /** The range a request asks for: `from` and `to` as YYYY-MM-DD (default: the last 30 days), and a dataset or none. */
    range(input: { from?: string; to?: string; dataset?: string }): Range {
      const today = zonedDay(deps.clock(), deps.timezone).toISOString().slice(0, 10);
      const to = input.to?.trim() || today;
      const fromDefault = new Date(Date.parse(`${to}T00:00:00Z`) - (defaultDays - 1) * dayMs).toISOString().slice(0, 10);
      for (const [name, value] of [['to', to], ['from', input.from?.trim() || fromDefault]] as const) {
        if (!isDay(value)) throw new Invalid(`The day "${value}" (${name}) is not a date written as YYYY-MM-DD.`, 'stats_day');
      }
      const from = input.from?.trim() || fromDefault;
      const days = (Date.parse(to) - Date.parse(from)) / dayMs + 1;
      if (days < 1) throw new Invalid(`The range starts (${from}) after it ends (${to}).`, 'stats_range');
      if (days > maxDays) throw new Invalid(`The range is longer than five years (${days} days).`, 'stats_range');
      return { from, to, datasetId: input.dataset?.trim() || null };
    },

    async report(range: Range): Promise<StatsReport> {
      const [perDay, perPage, perDataset, visitors, terms, referrers] = await Promise.all([
        store.perDay(range),
        store.perPage(range),
        range.datasetId === null ? store.perDataset(range) : Promise.resolve([]),
        range.datasetId === null ? store.visitors(range) : Promise.resolve([]),
        range.datasetId === null ? store.terms(range) : Promise.resolve([]),
        range.datasetId === null ? store.referrers(range) : Promise.resolve([]),
      ]);
      const days: DayFigures[] = [];
      const byDay = new Map<string, DayFigures>();
      for (let t = Date.parse(range.from); t <= Date.parse(range.to); t += dayMs) {
        const day = new Date(t).toISOString().slice(0, 10);
        const figures = { day, views: 0, downloads: 0, apiCalls: 0, visitors: range.datasetId === null ? 0 : null };
        days.push(figures);
        byDay.set(day, figures);
      }
      for (const r of perDay) {
        const d = byDay.get(r.day);
        if (!d) continue;
        if (r.kind === 'view') d.views += Number(r.n);
        else if (r.kind === 'export') d.downloads += Number(r.n);
        else d.apiCalls += Number(r.n);
      }
      for (const v of visitors) {
        const d = byDay.get(v.day);
        if (d) d.visitors = Number(v.visitors);
      }
      const sum = (rows: { n: string | number }[]) => rows.reduce((total, r) => total + Number(r.n), 0);
      const api = perPage.filter((r) => r.kind === 'api');
      const endpoints = new Map<string, { endpoint: string; withKey: number; anonymous: number }>();
      for (const r of api) {
        const e = endpoints.get(r.page) ?? { endpoint: r.page, withKey: 0, anonymous: 0 };
        if (r.caller === 'key') e.withKey += Number(r.n);
        else e.anonymous += Number(r.n);
        endpoints.set(r.page, e);
      }
      const grouped = (kind: string) => {
        const counts = new Map<string, number>();
        for (const r of perPage.filter((p) => p.kind === kind)) counts.set(r.page, (counts.get(r.page) ?? 0) + Number(r.n));
        return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      };
      const datasets = new Map<string, { datasetId: string; views: number; downloads: number; apiCalls: number }>();
      for (const r of perDataset) {
        const d = datasets.get(r.dataset_id) ?? { datasetId: r.dataset_id, views: 0, downloads: 0, apiCalls: 0 };
        if (r.kind === 'view') d.views += Number(r.n);
        else if (r.kind === 'export') d.downloads += Number(r.n);
        else d.apiCalls += Number(r.n);
        datasets.set(r.dataset_id, d);
      }
      const shownTerms = terms
        .filter((t) => t.term !== '')
        .map((t) => ({ term: t.term, searches: Number(t.searches), empty: Number(t.empty) }))
        .sort((a, b) => b.searches - a.searches || a.term.localeCompare(b.term));
      const other = terms.find((t) => t.term === '');
      const otherFigures = { searches: Number(other?.searches ?? 0), empty: Number(other?.empty ?? 0) };
      const searches = shownTerms.reduce((n, t) => n + t.searches, otherFigures.searches);
      const emptySearches = shownTerms.reduce((n, t) => n + t.empty, otherFigures.empty);
      return {
        range,
        totals: {
          views: days.reduce((n, d) => n + d.views, 0),
          downloads: days.reduce((n, d) => n + d.downloads, 0),
          apiCalls: sum(api),
          apiCallsWithKey: sum(api.filter((r) => r.caller === 'key')),
          apiCallsAnonymous: sum(api.filter((r) => r.caller !== 'key')),
          visitors: range.datasetId === null ? days.reduce((n, d) => n + (d.visitors ?? 0), 0) : null,
          searches,
          emptySearches,
        },
        days,
        pages: grouped('view').map(([page, count]) => ({ page, count })),
        downloadsByFormat: grouped('export').map(([format, count]) => ({ format, count })),
        apiByEndpoint: [...endpoints.values()].sort((a, b) => b.withKey + b.anonymous - (a.withKey + a.anonymous) || a.endpoint.localeCompare(b.endpoint)),
        topDatasets: [...datasets.values()].sort((a, b) => b.views + b.downloads + b.apiCalls - (a.views + a.downloads + a.apiCalls) || a.datasetId.localeCompare(b.datasetId)).slice(0, 20),
        terms: shownTerms.slice(0, 50),
        other: otherFigures,
        notFound: shownTerms.filter((t) => t.empty > 0).map((t) => ({ term: t.term, count: t.empty })).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term)).slice(0, 50),
        referrers: referrers.map((r) => ({ host: r.host, count: Number(r.n) })),
      };
    },

    /** Every daily count of the range, for the CSV download. */
    rows: (range: Range) => store.rows(range),
  };
}
