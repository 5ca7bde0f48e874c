// What is shown of the rollups (stats_daily and its companions): the dashboards' sums over a range of days, for the
// portal or one dataset, and the public figures per dataset. Nothing here reads the raw events: what is shown has been
// through the rollup's k-anonymity.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface Range {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** One dataset's figures, or the portal's (null). */
  datasetId: string | null;
}

const count = sql<string>`sum(count)`;

function daily(db: Kysely<Database>, range: Range) {
  let query = db.selectFrom('stats_daily').where('day', '>=', range.from).where('day', '<=', range.to);
  if (range.datasetId !== null) query = query.where('dataset_id', '=', range.datasetId);
  return query;
}

export function createReportStore(db: Kysely<Database>) {
  return {
    /** The public figures: views, API calls and exports per dataset, in all and on `since` (YYYY-MM-DD) or later. */
    usePerDataset: (since: string) =>
      db
        .selectFrom('stats_daily')
        .select(['dataset_id', 'kind', count.as('total'), sql<string>`sum(case when day >= ${since} then count else 0 end)`.as('recent')])
        .where('dataset_id', '<>', '')
        .where('kind', 'in', ['view', 'api', 'export'])
        .groupBy(['dataset_id', 'kind'])
        .execute(),

    /** Per day and kind (view, api, export). */
    perDay: (range: Range) => daily(db, range).select(['day', 'kind', count.as('n')]).where('kind', 'in', ['view', 'api', 'export']).groupBy(['day', 'kind']).execute(),

    /** Per kind, page (page type, endpoint or format) and caller. */
    perPage: (range: Range) => daily(db, range).select(['kind', 'page', 'caller', count.as('n')]).groupBy(['kind', 'page', 'caller']).execute(),

    /** Per dataset and kind, the portal's datasets only (not the pages about none). */
    perDataset: (range: Range) =>
      daily(db, range).select(['dataset_id', 'kind', count.as('n')]).where('dataset_id', '<>', '').where('kind', 'in', ['view', 'api', 'export']).groupBy(['dataset_id', 'kind']).execute(),

    /** Every daily row of the range, for the CSV. */
    rows: (range: Range) => daily(db, range).select(['day', 'kind', 'page', 'dataset_id', 'caller', 'count']).orderBy('day').orderBy('kind').orderBy('page').orderBy('dataset_id').orderBy('caller').execute(),

    visitors: (range: Range) =>
      db.selectFrom('stats_daily_visitors').select(['day', 'visitors']).where('day', '>=', range.from).where('day', '<=', range.to).orderBy('day').execute(),

    /** Search terms over the range ('' is every term too rare to show, "other"). */
    terms: (range: Range) =>
      db
        .selectFrom('stats_daily_terms')
        .select(['term', sql<string>`sum(searches)`.as('searches'), sql<string>`sum(empty)`.as('empty')])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .groupBy('term')
        .execute(),

    referrers: (range: Range) =>
      db
        .selectFrom('stats_daily_referrers')
        .select(['host', sql<string>`sum(count)`.as('n')])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .groupBy('host')
        .orderBy(sql`sum(count)`, 'desc')
        .orderBy('host')
        .limit(50)
        .execute(),
  };
}
