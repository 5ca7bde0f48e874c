// The explore benchmark's queries, each written three ways: Opaal's Explore API, the same question in DuckDB SQL
// straight on the version's Parquet file, and in PostgreSQL. Each run returns a short summary of its answer, so that
// the table can say when two systems answer differently.
import type pg from 'pg';
import type { DuckDBConnection } from '@duckdb/node-api';
import { nowWith } from '../src/odsql/dates.ts';
import { searchWord } from './explore-data.ts';

/** GET on the dataset's Explore API (path under …/catalog/datasets/bench), resolving to the body. */
export type ApiGet = (path: string, params: Record<string, string>) => Promise<string>;

export interface BenchQuery {
  name: string;
  /** Aggregates over many rows: Opaal should be at least 5× faster than PostgreSQL there. */
  aggregate: boolean;
  opaal(get: ApiGet): Promise<string>;
  duckdb(c: DuckDBConnection, from: string): Promise<string>;
  pg(client: pg.Client): Promise<string>;
}

const totalCount = (n: unknown) => `total_count ${Number(n)}`;
const groups = (counts: unknown[]) => `${counts.length} groups, Σn ${counts.reduce((s: number, n) => s + Number(n), 0)}`;

async function duckRows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
/** A page and its total, as the API answers them: two statements. */
async function duckPage(c: DuckDBConnection, from: string, where: string, order: string, limit: number): Promise<string> {
  await duckRows(c, `SELECT * FROM ${from} WHERE ${where}${order ? ` ORDER BY ${order}` : ''} LIMIT ${limit}`);
  return totalCount((await duckRows(c, `SELECT count(*) AS n FROM ${from} WHERE ${where}`))[0].n);
}
async function duckCount(c: DuckDBConnection, from: string, where: string): Promise<string> {
  return `n ${Number((await duckRows(c, `SELECT count(*) AS n FROM ${from} WHERE ${where}`))[0].n)}`;
}
/** A DataStore search returns the page and the total: both statements go in one round trip. */
async function pgPage(client: pg.Client, where: string, order: string, limit: number): Promise<string> {
  const result = (await client.query(`SELECT * FROM bench WHERE ${where}${order ? ` ORDER BY ${order}` : ''} LIMIT ${limit}; SELECT count(*) FROM bench WHERE ${where}`)) as unknown as { rows: { count: string }[] }[];
  return totalCount(result[result.length - 1].rows[0].count);
}
async function pgCount(client: pg.Client, where: string): Promise<string> {
  return `n ${Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM bench WHERE ${where}`)).rows[0].n)}`;
}

const apiRecords = async (get: ApiGet, params: Record<string, string>) => JSON.parse(await get('/records', params)) as { total_count: number; results: Record<string, unknown>[] };
const apiCount = async (get: ApiGet, params: Record<string, string>) => `n ${Number((await apiRecords(get, { select: 'count(*) as n', ...params })).results[0].n)}`;

/** now(years=-3) as the portal computes it, as a DATE for the hand-written SQL (the data holds first days of months). */
const threeYearsAgo = () => nowWith(new Date(), [{ name: 'years', value: -3 }]).toISOString().slice(0, 10);

export const benchQueries: BenchQuery[] = [
  {
    // Filters on gemeente, the field the import clusters this dataset on (CLUSTER_MIN_ROWS).
    name: 'page (filtered, sorted)',
    aggregate: false,
    opaal: async (get) => totalCount((await apiRecords(get, { where: 'gemeente="Gent" and aantal > 100', order_by: 'bedrag desc', limit: '20' })).total_count),
    duckdb: (c, from) => duckPage(c, from, `gemeente = 'Gent' AND aantal > 100`, 'bedrag DESC', 20),
    pg: (client) => pgPage(client, `gemeente = 'Gent' AND aantal > 100`, 'bedrag DESC', 20),
  },
  {
    // The same page filtered on another field, which the clustered copy does not help.
    name: 'page, off the cluster',
    aggregate: false,
    opaal: async (get) => totalCount((await apiRecords(get, { where: 'sector="Bouw" and aantal > 100', order_by: 'bedrag desc', limit: '20' })).total_count),
    duckdb: (c, from) => duckPage(c, from, `sector = 'Bouw' AND aantal > 100`, 'bedrag DESC', 20),
    pg: (client) => pgPage(client, `sector = 'Bouw' AND aantal > 100`, 'bedrag DESC', 20),
  },
  {
    // group_by pages like /records (default limit 10): limit=100 asks for every sector's group, as the SQL does.
    name: 'group_by, date filter',
    aggregate: true,
    opaal: async (get) =>
      groups((await apiRecords(get, { select: 'sector, count(*) as n, avg(bedrag) as avg', group_by: 'sector', where: "maand >= date'2021-01-01'", limit: '100' })).results.map((r) => r.n)),
    duckdb: async (c, from) => groups((await duckRows(c, `SELECT sector, count(*) AS n, avg(bedrag) AS avg FROM ${from} WHERE maand >= DATE '2021-01-01' GROUP BY sector`)).map((r) => r.n)),
    pg: async (client) => groups((await client.query<{ n: string }>(`SELECT sector, count(*) AS n, avg(bedrag) AS avg FROM bench WHERE maand >= DATE '2021-01-01' GROUP BY sector`)).rows.map((r) => r.n)),
  },
  {
    name: 'count, date range',
    aggregate: true,
    opaal: (get) => apiCount(get, { where: "maand >= date'2019-01-01' and maand < date'2020-07-01'" }),
    duckdb: (c, from) => duckCount(c, from, `maand >= DATE '2019-01-01' AND maand < DATE '2020-07-01'`),
    pg: (client) => pgCount(client, `maand >= DATE '2019-01-01' AND maand < DATE '2020-07-01'`),
  },
  {
    // A facet returns its top 100 values by count, so the SQL has the same ORDER BY … LIMIT 100.
    name: 'facet',
    aggregate: true,
    opaal: async (get) => {
      const values = ((JSON.parse(await get('/facets', { facet: 'gemeente' })).facets?.[0]?.facets ?? []) as { count: number }[]);
      return `${values.length} values, top count ${values[0]?.count}`;
    },
    duckdb: async (c, from) => {
      const values = await duckRows(c, `SELECT gemeente, count(*) AS n FROM ${from} WHERE gemeente IS NOT NULL GROUP BY gemeente ORDER BY n DESC, gemeente LIMIT 100`);
      return `${values.length} values, top count ${Number(values[0]?.n)}`;
    },
    pg: async (client) => {
      const { rows } = await client.query<{ n: string }>('SELECT gemeente, count(*) AS n FROM bench WHERE gemeente IS NOT NULL GROUP BY gemeente ORDER BY n DESC, gemeente LIMIT 100');
      return `${rows.length} values, top count ${Number(rows[0]?.n)}`;
    },
  },
  {
    // A bare word: every word must start a word of a text field. DuckDB and PostgreSQL look in omschrijving only,
    // the one column that holds the vocabulary (PostgreSQL through its GIN index).
    name: 'full text',
    aggregate: false,
    opaal: async (get) => totalCount((await apiRecords(get, { where: `"${searchWord}"`, limit: '10' })).total_count),
    duckdb: (c, from) => duckPage(c, from, `contains(lower(omschrijving), '${searchWord}')`, '', 10),
    pg: (client) => pgPage(client, `to_tsvector('simple', omschrijving) @@ plainto_tsquery('simple', '${searchWord}')`, '', 10),
  },
  // One query per family of filters the compiler writes in the column's own type (issue 19, point 1).
  {
    name: 'year() = 2020',
    aggregate: true,
    opaal: (get) => apiCount(get, { where: 'year(maand) = 2020' }),
    duckdb: (c, from) => duckCount(c, from, `maand >= DATE '2020-01-01' AND maand < DATE '2021-01-01'`),
    pg: (client) => pgCount(client, `maand >= DATE '2020-01-01' AND maand < DATE '2021-01-01'`),
  },
  {
    name: 'refine by month',
    aggregate: true,
    opaal: (get) => apiCount(get, { refine: 'maand:2020/03' }),
    duckdb: (c, from) => duckCount(c, from, `maand >= DATE '2020-03-01' AND maand < DATE '2020-04-01'`),
    pg: (client) => pgCount(client, `maand >= DATE '2020-03-01' AND maand < DATE '2020-04-01'`),
  },
  {
    name: 'in list of dates',
    aggregate: true,
    opaal: (get) => apiCount(get, { where: "maand in (date'2016-01-01', date'2020-06-01', date'2023-12-01')" }),
    duckdb: (c, from) => duckCount(c, from, `maand IN (DATE '2016-01-01', DATE '2020-06-01', DATE '2023-12-01')`),
    pg: (client) => pgCount(client, `maand IN (DATE '2016-01-01', DATE '2020-06-01', DATE '2023-12-01')`),
  },
  {
    name: 'startswith',
    aggregate: true,
    opaal: (get) => apiCount(get, { where: 'startswith(gemeente, "Hoog")' }),
    duckdb: (c, from) => duckCount(c, from, `starts_with(gemeente, 'Hoog')`),
    pg: (client) => pgCount(client, `gemeente LIKE 'Hoog%'`),
  },
  {
    name: 'range() date buckets',
    aggregate: true,
    opaal: async (get) =>
      groups((await apiRecords(get, { select: 'count(*) as n', group_by: "range(maand, *, date'2018-01-01', date'2021-01-01', *) as r", limit: '100' })).results.map((r) => r.n)),
    duckdb: async (c, from) =>
      groups((await duckRows(c, `SELECT CASE WHEN maand < DATE '2018-01-01' THEN 1 WHEN maand < DATE '2021-01-01' THEN 2 ELSE 3 END AS r, count(*) AS n FROM ${from} GROUP BY r`)).map((r) => r.n)),
    pg: async (client) =>
      groups((await client.query<{ n: string }>(`SELECT CASE WHEN maand < DATE '2018-01-01' THEN 1 WHEN maand < DATE '2021-01-01' THEN 2 ELSE 3 END AS r, count(*) AS n FROM bench GROUP BY r`)).rows.map((r) => r.n)),
  },
  {
    name: 'now() arithmetic',
    aggregate: true,
    opaal: (get) => apiCount(get, { where: 'maand >= now(years=-3)' }),
    // The portal compares the date with the instant (its local midnight from that day on); the data holds first days
    // of months, so the day after the date three years ago selects the same rows.
    duckdb: (c, from) => duckCount(c, from, `maand > DATE '${threeYearsAgo()}'`),
    pg: (client) => pgCount(client, `maand > DATE '${threeYearsAgo()}'`),
  },
];
