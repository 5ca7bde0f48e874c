// Filters in the column's own type: the SQL compares a date field with DATEs and a date-time field with one folded
// TIMESTAMPTZ, so DuckDB pushes the filter into the scan and skips row groups on min/max; and every rewritten form
// gives, row for row (nulls included), the answer the per-row cast gave, in time zones with odd offsets and DST.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Field } from '../../src/catalog/types.ts';
import { nowWith, parseDateLiteral, timestampText } from '../../src/odsql/dates.ts';
import { buildRecordsQuery } from '../../src/odsql/query.ts';
import { facetQueries, type FacetRequest } from '../../src/explore/facets.ts';
import { engineHarness, type EngineHarness } from '../helpers/engine.ts';

const field = (name: string, type: Field['type']): Field => ({ name, label: name, type, description: null, annotations: {} });
const fields: Field[] = [field('id', 'int'), field('d', 'date'), field('t', 'datetime'), field('n', 'int'), field('s', 'text'), field('u', 'text')];
const clock = new Date('2018-11-04T02:30:00Z');

const compile = (request: { where?: string[]; refine?: string[]; exclude?: string[]; groupBy?: string; select?: string }, from = 't') =>
  buildRecordsQuery({ fields, from, limit: null, offset: 0, now: clock, ...request });
/** The WHERE clause of a records query, parameters left as $n. */
const whereOf = (request: Parameters<typeof compile>[0]) => / WHERE (.*)$/.exec(compile(request).countSql)![1];

// ---- the emitted SQL -------------------------------------------------------------------------------------

test('a date field compared with a date literal is a DATE comparison, whichever side the literal is on', () => {
  assert.equal(whereOf({ where: ["d >= date'2021-01-01'"] }), `("d" >= DATE '2021-01-01')`);
  assert.equal(whereOf({ where: ["date'2021-01-01' > d"] }), `("d" < DATE '2021-01-01')`);
  assert.equal(whereOf({ where: ['d = "2021-03-05"'] }), `("d" = DATE '2021-03-05')`);
  assert.equal(whereOf({ where: ["d != date'2021'"] }), `("d" != DATE '2021-01-01')`);
  assert.equal(whereOf({ where: ["d in [date'2021-01-01' TO date'2022-01-01'["] }), `(("d" >= DATE '2021-01-01') AND ("d" < DATE '2022-01-01'))`);
});

test('an instant that is no local midnight (a time, an offset, now()) becomes folded DATE bounds, not a cast of the field', () => {
  const at = `CAST(CAST($1 AS TIMESTAMPTZ) AS DATE)`;
  const before = `CAST(CAST($1 AS TIMESTAMPTZ) - INTERVAL '1 microsecond' AS DATE)`;
  const q = compile({ where: ["d >= date'2021-01-01T08:00'"] });
  assert.equal(/ WHERE (.*)$/.exec(q.countSql)![1], `("d" > ${before})`);
  assert.deepEqual(q.countParams, ['2021-01-01 08:00:00']);
  assert.equal(whereOf({ where: ["d <= date'2021-01-01T00:00:00Z'"] }), `("d" <= ${at})`);
  assert.equal(whereOf({ where: ["d = date'2021-01-01T00:00:00+02:00'"] }), `("d" > ${before} AND "d" <= ${at})`);
  const recent = compile({ where: ['d >= now(days=-7)'] });
  assert.equal(/ WHERE (.*)$/.exec(recent.countSql)![1], `("d" > ${before})`);
  assert.deepEqual(recent.countParams, ['2018-10-28T02:30:00.000Z']);
});

test('a date-time field is compared with one TIMESTAMPTZ constant, never cast itself', () => {
  assert.equal(whereOf({ where: ["t >= date'2021-01-01'"] }), '("t" >= CAST($1 AS TIMESTAMPTZ))');
  assert.equal(whereOf({ where: ['t < now(hours=-1)'] }), '("t" < CAST($1 AS TIMESTAMPTZ))');
});

test('year() compared with a year is a range of the field; other parts and odd years keep their form', () => {
  assert.equal(whereOf({ where: ['year(d) = 2024'] }), `("d" >= DATE '2024-01-01' AND "d" < DATE '2025-01-01')`);
  assert.equal(whereOf({ where: ['2024 <= year(d)'] }), `("d" >= DATE '2024-01-01')`);
  assert.equal(whereOf({ where: ['year(d) > 2024'] }), `("d" >= DATE '2025-01-01')`);
  assert.equal(
    whereOf({ where: ['year(t) = 2024'] }),
    `("t" >= CAST('2024-01-01 00:00:00' AS TIMESTAMPTZ) AND "t" < CAST('2025-01-01 00:00:00' AS TIMESTAMPTZ))`,
  );
  assert.equal(
    whereOf({ where: ['year(d) in (2020, 2022)'] }),
    `(("d" >= DATE '2020-01-01' AND "d" < DATE '2021-01-01') OR ("d" >= DATE '2022-01-01' AND "d" < DATE '2023-01-01'))`,
  );
  assert.match(whereOf({ where: ['month(d) = 3'] }), /date_part\('month', "d"\)/);
  assert.match(whereOf({ where: ['year(d) = 99999'] }), /date_part\('year', "d"\)/);
});

test('in lists of days are DATE lists; refine by year, month or day is a range of the field', () => {
  assert.equal(whereOf({ where: [`d in (date'2021-01-01', "2021-02-01")`] }), `("d" IN (DATE '2021-01-01', DATE '2021-02-01'))`);
  assert.equal(whereOf({ refine: ['d:2021'] }), `("d" >= DATE '2021-01-01' AND "d" < DATE '2022-01-01')`);
  assert.equal(whereOf({ refine: ['d:2021/12'] }), `("d" >= DATE '2021-12-01' AND "d" < DATE '2022-01-01')`);
  assert.equal(whereOf({ refine: ['t:2024-02-29'] }), `("t" >= CAST('2024-02-29 00:00:00' AS TIMESTAMPTZ) AND "t" < CAST('2024-03-01 00:00:00' AS TIMESTAMPTZ))`);
  assert.equal(whereOf({ exclude: ['d:2021'] }), `(("d" >= DATE '2021-01-01' AND "d" < DATE '2022-01-01') IS NOT TRUE)`);
  // No such day: the old form, which matches nothing.
  assert.match(whereOf({ refine: ['d:2021/02/30'] }), /date_part\('day', "d"\)/);
});

test('range() buckets compare a date field as a DATE and group on a number or a start, not a label; startswith and an integer against a fraction need no cast', () => {
  const q = compile({ select: 'count(*) as n', groupBy: "range(d, *, date'2021-01-01', *) as r" });
  const bucket = `CASE WHEN ("d" < DATE '2021-01-01') THEN 0 WHEN ("d" >= DATE '2021-01-01') THEN 1 END`;
  // Grouped on the bucket's number; its label is written once per group.
  assert.ok(q.sql.includes(` GROUP BY ${bucket} ORDER BY `), q.sql);
  assert.ok(q.sql.startsWith(`SELECT CASE ${bucket} WHEN 0 THEN $1 WHEN 1 THEN $2 END AS o0`), q.sql);
  assert.deepEqual(q.params, ['[*, 2021-01-01[', '[2021-01-01, *[']);
  const days = compile({ select: 'count(*) as n', groupBy: 'range(t, 1 day) as r' });
  assert.match(days.sql, / GROUP BY date_trunc\('day', "t"\) ORDER BY /);
  const prefix = compile({ where: ['startswith(s, "ab")'] });
  assert.equal(/ WHERE (.*)$/.exec(prefix.countSql)![1], '("s" >= $1 AND "s" < $2 AND starts_with("s", $1))');
  assert.deepEqual(prefix.countParams, ['ab', 'ac']);
  assert.deepEqual(compile({ where: ['startswith(s, "a\uD7FF")'] }).countParams, ['a\uD7FF', 'a\uE000']);
  assert.equal(whereOf({ where: ['startswith(s, "")'] }), 'starts_with("s", $1)');
  const fraction = compile({ where: ['n > 2.5 and n <= -1.5'] });
  assert.equal(/ WHERE (.*)$/.exec(fraction.countSql)![1], '(("n" > CAST($1 AS BIGINT)) AND ("n" <= CAST($2 AS BIGINT)))');
  assert.deepEqual(fraction.countParams, [2, -2]);
});

// ---- on a real file ------------------------------------------------------------------------------------

let h: EngineHarness;
let parquet: string;
let twin: string;
before(async () => {
  h = await engineHarness();
  parquet = join(h.dir, 'pruning.parquet');
  // Days from 2017-12-20 over a year and a bit; instants every 20 minutes around the autumn DST changes (Europe
  // 28 October, São Paulo's midnight gap 4 November, New York 4 November), then every 5 minutes around New Year;
  // a null now and then in each column. Small row groups, so that pruning has groups to skip.
  await h.engine.withConnection((c) =>
    c.run(`COPY (SELECT i AS id,
        CASE WHEN i % 47 = 0 THEN NULL ELSE DATE '2017-12-20' + CAST(i % 400 AS INTEGER) END AS d,
        CASE WHEN i % 53 = 0 THEN NULL
             WHEN i < 1500 THEN TIMESTAMPTZ '2018-10-26 00:00:00+00' + to_minutes(i * 20)
             ELSE TIMESTAMPTZ '2018-12-30 12:00:00+00' + to_minutes((i - 1500) * 5) END AS t,
        CASE WHEN i % 31 = 0 THEN NULL ELSE i % 26 - 5 END AS n,
        'k' || (i % 50) AS s,
        CASE WHEN i % 7 = 0 THEN NULL ELSE ['école', 'ecole', 'ec', '𝄞 clef', 'z', 'e', 'éa', 'x', '퟿y'][i % 9 + 1] END AS u
      FROM range(3000) r(i) ORDER BY i) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 256)`),
  );
  // The same rows in DuckDB's own storage, as a version's twin holds them (engine/tables.ts).
  const twinPath = parquet.replace(/\.parquet$/, '.duckdb');
  await h.engine.withConnection(async (c) => {
    await c.run(`ATTACH '${twinPath}' AS pruning_twin`);
    await c.run(`CREATE TABLE pruning_twin.records AS SELECT * FROM read_parquet('${parquet}')`);
    await c.run('DETACH pruning_twin');
  });
  twin = (await h.engine.recordsFrom(parquet)).from;
});
after(() => h.close());

interface PlanNode {
  name: string;
  children: PlanNode[];
  extra_info: Record<string, string | string[]>;
}

/** The filters each scan of a query's plan applies, and the plan as text. */
async function scanFilters(from: string, request: Parameters<typeof compile>[0], timeZone = 'Europe/Brussels') {
  const q = compile(request, from);
  const plan = await h.engine.withConnection(async (c) => String((await c.runAndReadAll(`EXPLAIN (FORMAT json) ${q.countSql}`, q.countParams as never)).getRows()[0][1]), timeZone);
  const filters: string[] = [];
  const visit = (node: PlanNode) => {
    if (/SCAN|READ_PARQUET/.test(node.name)) filters.push(...[node.extra_info.Filters ?? []].flat());
    node.children.forEach(visit);
  };
  (JSON.parse(plan) as PlanNode[]).forEach(visit);
  return { filters: filters.join(' AND '), plan };
}

const noCast = /CAST\((d|t|n) |date_part|"year"\(|icu_/i;

test('EXPLAIN: each family is a filter of the scan, in the column type, on the Parquet file and on the twin', async () => {
  const cases: [Parameters<typeof compile>[0], RegExp[]][] = [
    [{ where: ["d >= date'2018-06-01'"] }, [/d>='2018-06-01'::DATE/]],
    [{ where: ["d >= date'2018-06-01T10:00:00Z'"] }, [/d>'2018-06-01'::DATE/]],
    [{ where: ['d >= now(days=-7)'] }, [/d>'2018-10-28'::DATE/]],
    [{ where: ['year(d) = 2018'] }, [/d>='2018-01-01'::DATE/, /d<'2019-01-01'::DATE/]],
    [{ where: ['year(t) = 2018'] }, [/t>='2017-12-31 23:00:00\+00'::TIMESTAMP WITH TIME ZONE/, /t<'2018-12-31 23:00:00\+00'::TIMESTAMP WITH TIME ZONE/]],
    [{ where: ["t >= date'2018-11-01'"] }, [/t>='2018-10-31 23:00:00\+00'::TIMESTAMP WITH TIME ZONE/]],
    [{ refine: ['d:2018/06'] }, [/d>='2018-06-01'::DATE/, /d<'2018-07-01'::DATE/]],
    [{ where: ['n > 2.5'] }, [/n>2\b/]],
    [{ where: ['startswith(s, "k1")'] }, [/s>='k1' AND s<'k2'/, /starts_with\(s, 'k1'\)/]],
    [{ where: [`d in (date'2018-06-01', date'2018-06-03')`] }, [/d IN \('2018-06-01'::DATE, '2018-06-03'::DATE\)/]],
  ];
  for (const from of [`read_parquet('${parquet}')`, twin]) {
    for (const [request, expected] of cases) {
      const { filters, plan } = await scanFilters(from, request);
      for (const e of expected) assert.match(filters, e, `${JSON.stringify(request)} on ${from}: ${filters}`);
      assert.doesNotMatch(plan, noCast, `${JSON.stringify(request)} on ${from}: no per-row cast in\n${plan}`);
    }
  }
});

test('EXPLAIN: the cast the compiler used to write is what kept a date filter out of the row-group statistics', async () => {
  // The old form, for the record: the date is cast row by row, so the scan cannot compare it with min/max.
  const plan = await h.engine.withConnection(
    async (c) => String((await c.runAndReadAll(`EXPLAIN (FORMAT json) SELECT count(*) FROM read_parquet('${parquet}') WHERE d >= CAST($1 AS TIMESTAMPTZ)`, ['2018-06-01 00:00:00'])).getRows()[0][1]),
    'Europe/Brussels',
  );
  assert.match(plan, /CAST\(d AS TIMESTAMP WITH TIME ZONE\)/);
});

// ---- the same answers as the per-row cast gave ----------------------------------------------------------------

const zones = ['UTC', 'Europe/Brussels', 'America/Sao_Paulo', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
const operators = ['=', '!=', '<', '<=', '>', '>='];
const literals = [
  "date'2018-03-25'", "date'2018-10-28'", "date'2018-11-04'", "date'2019-01-01'", "date'2018'", "date'2018-11'",
  "date'2018-11-04T00:00'", "date'2018-11-04T13:30'", "date'2018-10-28T02:30'", "date'2018-11-04T00:00:00Z'",
  "date'2018-11-03T23:30:00-03:00'", "date'2018-12-31T23:00:00+00:00'", "date'2018-11-04T00:00:00+13:45'", '"2018-12-31"',
];
/** The literal as the compiler used to bind it: text for CAST(… AS TIMESTAMPTZ). */
const oldInstant = (literal: string) => {
  const text = literal.startsWith('"') ? literal.slice(1, -1) : /^date'(.*)'$/.exec(literal)![1];
  return `CAST('${timestampText(parseDateLiteral(text)!)}' AS TIMESTAMPTZ)`;
};
const oldNow = (args: { name: string; value: number }[]) => `CAST('${nowWith(clock, args).toISOString()}' AS TIMESTAMPTZ)`;
const oldYear = (x: string) => `CAST(date_part('year', ${x}) AS BIGINT)`;

/** ODSQL conditions and the SQL the compiler wrote for them before (the date cast to TIMESTAMPTZ row by row). */
function comparisonCases(): [string, string][] {
  const cases: [string, string][] = [];
  for (const op of operators) {
    for (const literal of literals) {
      for (const f of ['d', 't']) {
        cases.push([`${f} ${op} ${literal}`, `(CAST(${f} AS TIMESTAMPTZ) ${op} ${oldInstant(literal)})`]);
        cases.push([`${literal} ${op} ${f}`, `(${oldInstant(literal)} ${op} CAST(${f} AS TIMESTAMPTZ))`]);
      }
    }
    cases.push([`d ${op} now(days=-3)`, `(CAST(d AS TIMESTAMPTZ) ${op} ${oldNow([{ name: 'days', value: -3 }])})`]);
    cases.push([`d ${op} now(hour=0, minute=0, second=0)`, `(CAST(d AS TIMESTAMPTZ) ${op} ${oldNow([{ name: 'hour', value: 0 }, { name: 'minute', value: 0 }, { name: 'second', value: 0 }])})`]);
    for (const year of [2017, 2018, 2019]) {
      for (const f of ['d', 't']) {
        cases.push([`year(${f}) ${op} ${year}`, `(${oldYear(f)} ${op} ${year})`]);
        cases.push([`${year} ${op} year(${f})`, `(${year} ${op} ${oldYear(f)})`]);
      }
    }
    for (const v of [2.5, -1.5, 0.25, 19.75]) cases.push([`n ${op} ${v}`, `(CAST(n AS DOUBLE) ${op} ${v})`]);
  }

  cases.push(
    [`d in (date'2018-11-04', "2018-12-31")`, `(CAST(d AS TIMESTAMPTZ) IN (${oldInstant("date'2018-11-04'")}, ${oldInstant('"2018-12-31"')}))`],
    [`d in (date'2018-11-04T13:00', date'2018-11-05', date'2018-11-04T00:00:00Z')`, `(CAST(d AS TIMESTAMPTZ) IN (${oldInstant("date'2018-11-04T13:00'")}, ${oldInstant("date'2018-11-05'")}, ${oldInstant("date'2018-11-04T00:00:00Z'")}))`],
    ['year(t) in (2018, 2019)', `(${oldYear('t')} IN (2018, 2019))`],
    ['year(d) in (2017)', `(${oldYear('d')} IN (2017))`],
    [`d in [date'2018-11-01' TO date'2018-11-04T12:00'[`, `(CAST(d AS TIMESTAMPTZ) >= ${oldInstant("date'2018-11-01'")} AND CAST(d AS TIMESTAMPTZ) < ${oldInstant("date'2018-11-04T12:00'")})`],
    [`d in ]date'2018-11-01T00:00:00Z'..date'2018-11-04']`, `(CAST(d AS TIMESTAMPTZ) > ${oldInstant("date'2018-11-01T00:00:00Z'")} AND CAST(d AS TIMESTAMPTZ) <= ${oldInstant("date'2018-11-04'")})`],
    ['year(t) in [2018..2019]', `(${oldYear('t')} >= 2018 AND ${oldYear('t')} <= 2019)`],
    ['n in [0.5..3.5]', '(CAST(n AS DOUBLE) >= 0.5 AND CAST(n AS DOUBLE) <= 3.5)'],
  );
  return cases;
}

test('every rewritten comparison gives, row for row and nulls included, what the per-row cast gave, in seven time zones', async () => {
  const cases = comparisonCases();
  const file = `read_parquet('${parquet}')`;
  for (const zone of zones) {
    const seen = { true: 0, false: 0, null: 0 };
    await h.engine.withConnection(async (c) => {
      for (const [odsql, old] of cases) {
        const q = compile({ select: `id, ${odsql} as b` }, file);
        const [row] = (
          await c.runAndReadAll(
            `SELECT count(*) FILTER (WHERE q.o1 IS DISTINCT FROM (${old})) AS differ, count(*) FILTER (WHERE q.o1) AS yes,
               count(*) FILTER (WHERE NOT q.o1) AS no, count(*) FILTER (WHERE q.o1 IS NULL) AS nulls
             FROM (${q.sql}) q JOIN ${file} r ON r.id = q.o0`,
            q.params as never,
          )
        ).getRowObjectsJson();
        assert.equal(Number(row.differ), 0, `${odsql} in ${zone}: ${row.differ} rows differ from ${old}`);
        seen.true += Number(row.yes);
        seen.false += Number(row.no);
        seen.null += Number(row.nulls);
      }
    }, zone);
    assert.ok(seen.true > 0 && seen.false > 0 && seen.null > 0, `${zone}: true, false and null answers all occur (${JSON.stringify(seen)})`);
  }
});

test('refine and exclude by period, range() buckets of a date field and startswith() keep the same rows in every zone', async () => {
  const file = `read_parquet('${parquet}')`;
  const periods: [string, string][] = [
    ['d:2018', `date_part('year', d) = 2018`],
    ['d:2018/11', `date_part('year', d) = 2018 AND date_part('month', d) = 11`],
    ['d:2018-11-04', `date_part('year', d) = 2018 AND date_part('month', d) = 11 AND date_part('day', d) = 4`],
    ['t:2018/11/04', `date_part('year', t) = 2018 AND date_part('month', t) = 11 AND date_part('day', t) = 4`],
    ['t:2018/10/28', `date_part('year', t) = 2018 AND date_part('month', t) = 10 AND date_part('day', t) = 28`],
    ['t:2019', `date_part('year', t) = 2019`],
    ['t:2018/12', `date_part('year', t) = 2018 AND date_part('month', t) = 12`],
  ];
  const ids = async (c: Parameters<Parameters<typeof h.engine.withConnection>[0]>[0], sql: string, params: unknown[] = []) =>
    (await c.runAndReadAll(sql, params as never)).getRows().map((r) => Number(r[0]));
  for (const zone of zones) {
    await h.engine.withConnection(async (c) => {
      for (const [refine, old] of periods) {
        for (const clause of ['refine', 'exclude'] as const) {
          const q = compile({ select: 'id', [clause]: [refine] }, file);
          const oldWhere = clause === 'refine' ? `(${old})` : `((${old}) IS NOT TRUE)`;
          const expected = await ids(c, `SELECT id FROM ${file} WHERE ${oldWhere} ORDER BY id`);
          assert.ok(clause === 'exclude' || expected.length > 0, `${refine} in ${zone} matches some rows`);
          assert.deepEqual(await ids(c, `SELECT o0 FROM (${q.sql}) ORDER BY o0`, q.params), expected, `${clause} ${refine} in ${zone}`);
        }
      }
      // startswith() is a where condition only: the same rows, and the same rows for its negation (nulls in neither).
      for (const prefix of ['é', 'e', 'ec', 'éc', '𝄞', 'z', '', 'k1', '\uD7FF', '\uE000']) {
        for (const f of ['s', 'u']) {
          for (const [odsql, old] of [[`startswith(${f}, "${prefix}")`, `starts_with(${f}, '${prefix}')`], [`not startswith(${f}, "${prefix}")`, `NOT starts_with(${f}, '${prefix}')`]]) {
            const q = compile({ select: 'id', where: [odsql] }, file);
            const expected = await ids(c, `SELECT id FROM ${file} WHERE ${old} ORDER BY id`);
            assert.deepEqual(await ids(c, `SELECT o0 FROM (${q.sql}) ORDER BY o0`, q.params), expected, `${odsql} in ${zone}`);
          }
        }
      }
      const bounds = ["date'2018-11-04'", "date'2018-11-04T12:00'", "date'2018-12-31T23:00:00Z'"];
      const q = compile({ select: 'count(*) as n', groupBy: `range(d, *, ${bounds.join(', ')}, *) as r` }, file);
      const got = (await c.runAndReadAll(q.sql, q.params as never)).getRows().map((r) => `${r[0]}=${r[1]}`);
      const [a, b, e] = bounds.map(oldInstant);
      const dd = 'CAST(d AS TIMESTAMPTZ)';
      const expected = (
        await c.runAndReadAll(`SELECT CASE WHEN ${dd} < ${a} THEN 1 WHEN ${dd} >= ${a} AND ${dd} < ${b} THEN 2 WHEN ${dd} >= ${b} AND ${dd} < ${e} THEN 3 WHEN ${dd} >= ${e} THEN 4 END AS k, count(*)
          FROM ${file} GROUP BY k ORDER BY k NULLS LAST`)
      ).getRows();
      const labels = ['[*, 2018-11-04[', '[2018-11-04, 2018-11-04T12:00[', '[2018-11-04T12:00, 2018-12-31T23:00:00Z[', '[2018-12-31T23:00:00Z, *['];
      const want = expected.map((r) => `${r[0] === null ? null : labels[Number(r[0]) - 1]}=${Number(r[1])}`);
      assert.deepEqual([...got].sort(), [...want].sort(), `range() buckets in ${zone}`);
    }, zone);
  }
});

test("range() grouped on its key gives the groups, labels and order that grouping on each row's label gave", async () => {
  const file = `read_parquet('${parquet}')`;
  const ranges = [
    'range(t, 1 day)', 'range(t, 6 h)', 'range(t, 1 month)', 'range(d, 1 month)', 'range(d, 10 day)', 'range(n, 5)', 'range(n, 2.5)',
    'range(n, *, 0, 10, *)', 'range(n, 10, 0, 10, 20)', "range(d, *, date'2018-11-04', date'2018-11-04T12:00', *)", "range(t, date'2018-11-01', date'2018-12-31T23:00:00Z', *)",
  ];
  for (const zone of ['Europe/Brussels', 'America/Sao_Paulo', 'Asia/Kolkata']) {
    await h.engine.withConnection(async (c) => {
      for (const range of ranges) {
        const q = compile({ select: 'count(*) as n', groupBy: `${range} as r` }, file);
        const label = q.sql.slice('SELECT '.length, q.sql.indexOf(' AS o0, '));
        const rows = async (sql: string) => JSON.stringify((await c.runAndReadAll(sql, q.params as never)).getRows());
        const perRow = await rows(`SELECT o0, CAST(count(*) AS DOUBLE) FROM (SELECT ${label} AS o0 FROM ${file}) GROUP BY o0 ORDER BY o0 ASC NULLS LAST`);
        assert.equal(await rows(q.sql), perRow, `${range} in ${zone}`);
        assert.ok(JSON.parse(perRow).length > 1, `${range} makes groups`);
      }
    }, zone);
  }
});

test('a date facet counted per day first gives the values, counts and order that formatting each row gave', async () => {
  const file = `read_parquet('${parquet}')`;
  const formats = ['%Y', '%Y/%m', '%Y/%m/%d'];
  const requests: { refine: string[]; where: string[]; facet: Omit<FacetRequest, 'name'> }[] = [
    { refine: ['d:2018/11'], where: [], facet: { disjunctive: false, sort: '-count', limit: 100 } },
    { refine: ['d:2018'], where: ['n > 3'], facet: { disjunctive: false, sort: 'alphanum', limit: 5, withTotal: true } },
    { refine: [], where: [], facet: { disjunctive: false, sort: 'count', limit: 100, contains: '2018' } },
  ];
  await h.engine.withConnection(async (c) => {
    for (const request of requests) {
      const [facet] = facetQueries({ fields, from: file, exclude: [], now: clock, lang: 'en', ...request, facets: [{ name: 'd', ...request.facet }] });
      // A refined date opens the next level down, to days at most.
      assert.equal(facet.levels.length, request.refine[0] ? Math.min(3, request.refine[0].split('/').length + 1) : 1);
      for (const level of facet.levels) {
        // The per-row form the facet query had before.
        const where = [...request.where.map((w) => `(${w})`), ...request.refine.map((r) => `strftime(d, '${formats[r.split('/').length - 1]}') = '${r.slice(2)}'`)];
        const contains = level.level === 0 && request.facet.contains ? ` AND contains(strip_accents(lower(v)), '${request.facet.contains}')` : '';
        const order = { '-count': 'n DESC, v ASC', alphanum: 'v ASC', count: 'n ASC, v ASC' }[request.facet.sort as '-count' | 'alphanum' | 'count'];
        const total = request.facet.withTotal ? ', count(*) OVER () AS total' : '';
        const old = `SELECT v, count(*) AS n${total} FROM (SELECT strftime(d, '${formats[level.level]}') AS v FROM ${file}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}) WHERE v IS NOT NULL${contains} GROUP BY v ORDER BY ${order} LIMIT ${request.facet.limit}`;
        const rows = async (sql: string, params: unknown[]) => JSON.stringify((await c.runAndReadAll(sql, params as never)).getRowsJson());
        const expected = await rows(old, []);
        assert.ok(JSON.parse(expected).length > 0, `${JSON.stringify(request)} level ${level.level} has values`);
        assert.equal(await rows(level.sql, level.params), expected, `${JSON.stringify(request)} level ${level.level}`);
      }
    }
  }, 'America/Sao_Paulo');
});
