// The collector's store: raw events in multi-row inserts, the day's key, and the rollups' reads and idempotent
// upserts of absolute values. What the dashboards and the public figures read of the rollups is in report-store.ts.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A raw event as written: the table's columns but the id the database numbers. */
export type EventRow = Omit<Selectable<Database['stats_events']>, 'id'>;

interface CountRow {
  kind: string;
  page: string;
  dataset_id: string;
  caller: string;
  count: number;
}

/** Rows per insert: 10 values each, far within every dialect's limit on bound values. */
const rowsPerInsert = 500;

export function createStatsStore(db: Kysely<Database>) {
  const counts = (rows: { kind: string; page: string; dataset_id: string; caller: string; count: unknown }[]): CountRow[] =>
    rows.map((r) => ({ kind: r.kind, page: r.page, dataset_id: r.dataset_id, caller: r.caller, count: Number(r.count) }));

  return {
    /** Inserts distinct rows (each its own id, `n` events alike): two processes writing at once neither lose nor double anything. */
    async insertEvents(rows: EventRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += rowsPerInsert) await db.insertInto('stats_events').values(rows.slice(i, i + rowsPerInsert)).execute();
    },

    /** The day's key: the first process to ask creates it, every process reads the same one back. */
    async dayKey(day: string, fresh: string, now: Date): Promise<string> {
      await db.insertInto('stats_day_keys').values({ day, secret: fresh, created_at: now.toISOString() }).onConflict((oc) => oc.column('day').doNothing()).execute();
      const row = await db.selectFrom('stats_day_keys').select('secret').where('day', '=', day).executeTakeFirstOrThrow();
      return row.secret;
    },

    /** The UTC hours (`YYYY-MM-DDTHH`) that have raw events at or after `since`. */
    async eventHours(since: string): Promise<string[]> {
      const rows = await db.selectFrom('stats_events').select(sql<string>`substr(at, 1, 13)`.as('hour')).where('at', '>=', since).groupBy(sql`substr(at, 1, 13)`).execute();
      return rows.map((r) => r.hour);
    },

    /** Views, API calls and exports per UTC hour at or after `since` (a whole hour). */
    async hourlyCounts(since: string): Promise<(CountRow & { hour: string })[]> {
      const rows = await db
        .selectFrom('stats_events')
        .select([sql<string>`substr(at, 1, 13)`.as('hour'), 'kind', 'page', 'dataset_id', 'caller', db.fn.sum<number>('n').as('count')])
        .where('at', '>=', since)
        .where('kind', 'in', ['view', 'api', 'export'])
        .groupBy([sql`substr(at, 1, 13)`, 'kind', 'page', 'dataset_id', 'caller'])
        .execute();
      return counts(rows).map((r, i) => ({ ...r, hour: rows[i].hour }));
    },

    async existingHourly(since: string): Promise<Map<string, number>> {
      const rows = await db.selectFrom('stats_hourly').selectAll().where('hour', '>=', since).execute();
      return new Map(rows.map((r) => [[r.hour, r.kind, r.page, r.dataset_id, r.caller].join('\u0000'), Number(r.count)]));
    },

    async upsertHourly(rows: (CountRow & { hour: string })[]): Promise<void> {
      for (let i = 0; i < rows.length; i += rowsPerInsert) {
        await db
          .insertInto('stats_hourly')
          .values(rows.slice(i, i + rowsPerInsert))
          .onConflict((oc) => oc.columns(['hour', 'kind', 'page', 'dataset_id', 'caller']).doUpdateSet({ count: (eb) => eb.ref('excluded.count') }))
          .execute();
      }
    },

    /** Views, API calls and exports between two instants (a day in the portal's time zone). */
    async countsBetween(from: string, to: string): Promise<CountRow[]> {
      const rows = await db
        .selectFrom('stats_events')
        .select(['kind', 'page', 'dataset_id', 'caller', db.fn.sum<number>('n').as('count')])
        .where('at', '>=', from)
        .where('at', '<', to)
        .where('kind', 'in', ['view', 'api', 'export'])
        .groupBy(['kind', 'page', 'dataset_id', 'caller'])
        .execute();
      return counts(rows);
    },

    async upsertDaily(day: string, rows: CountRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += rowsPerInsert) {
        await db
          .insertInto('stats_daily')
          .values(rows.slice(i, i + rowsPerInsert).map((r) => ({ day, ...r })))
          .onConflict((oc) => oc.columns(['day', 'kind', 'page', 'dataset_id', 'caller']).doUpdateSet({ count: (eb) => eb.ref('excluded.count') }))
          .execute();
      }
    },

    /** Distinct visitor hashes between two instants, and how many events still carry one. */
    async visitorsBetween(from: string, to: string): Promise<{ visitors: number; hashed: number }> {
      const row = await db
        .selectFrom('stats_events')
        .select([sql<number>`count(distinct visitor)`.as('visitors'), sql<number>`count(visitor)`.as('hashed')])
        .where('at', '>=', from)
        .where('at', '<', to)
        .executeTakeFirstOrThrow();
      return { visitors: Number(row.visitors), hashed: Number(row.hashed) };
    },

    async upsertVisitors(day: string, visitors: number): Promise<void> {
      await db.insertInto('stats_daily_visitors').values({ day, visitors }).onConflict((oc) => oc.column('day').doUpdateSet({ visitors })).execute();
    },

    /** Searches per term between two instants: how many, how many found nothing, by how many distinct visitors. */
    async termsBetween(from: string, to: string): Promise<{ term: string | null; searches: number; empty: number; visitors: number }[]> {
      const rows = await db
        .selectFrom('stats_events')
        .select([
          'term',
          db.fn.sum<number>('n').as('searches'),
          sql<number>`sum(case when results = 0 then n else 0 end)`.as('empty'),
          sql<number>`count(distinct visitor)`.as('visitors'),
        ])
        .where('kind', '=', 'search')
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy('term')
        .execute();
      return rows.map((r) => ({ term: r.term, searches: Number(r.searches), empty: Number(r.empty), visitors: Number(r.visitors) }));
    },

    async upsertTerms(day: string, rows: { term: string; searches: number; empty: number }[]): Promise<void> {
      for (let i = 0; i < rows.length; i += rowsPerInsert) {
        await db
          .insertInto('stats_daily_terms')
          .values(rows.slice(i, i + rowsPerInsert).map((r) => ({ day, ...r })))
          .onConflict((oc) => oc.columns(['day', 'term']).doUpdateSet({ searches: (eb) => eb.ref('excluded.searches'), empty: (eb) => eb.ref('excluded.empty') }))
          .execute();
      }
    },

    async referrersBetween(from: string, to: string): Promise<{ host: string; count: number }[]> {
      const rows = await db
        .selectFrom('stats_events')
        .select(['referrer', db.fn.sum<number>('n').as('count')])
        .where('referrer', 'is not', null)
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy('referrer')
        .execute();
      return rows.map((r) => ({ host: r.referrer!, count: Number(r.count) }));
    },

    async upsertReferrers(day: string, rows: { host: string; count: number }[]): Promise<void> {
      for (let i = 0; i < rows.length; i += rowsPerInsert) {
        await db
          .insertInto('stats_daily_referrers')
          .values(rows.slice(i, i + rowsPerInsert).map((r) => ({ day, ...r })))
          .onConflict((oc) => oc.columns(['day', 'host']).doUpdateSet({ count: (eb) => eb.ref('excluded.count') }))
          .execute();
      }
    },

    /** Clears the visitor hashes of events before `to` (a rolled-up day's end): only the counts made from them stay. */
    async clearVisitors(before: string): Promise<number> {
      const result = await db.updateTable('stats_events').set({ visitor: null }).where('at', '<', before).where('visitor', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Destroys the keys of the days up to `lastDay`, and any key made before `createdBefore`. */
    async deleteKeys(lastDay: string, createdBefore: string): Promise<void> {
      await db.deleteFrom('stats_day_keys').where((eb) => eb.or([eb('day', '<=', lastDay), eb('created_at', '<', createdBefore)])).execute();
    },

    async deleteEventsBefore(before: string): Promise<number> {
      const result = await db.deleteFrom('stats_events').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
