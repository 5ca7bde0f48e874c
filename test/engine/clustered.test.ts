// A large version's clustered copy: written at import, sorted on the most selective category field, read by the
// statements whose answer does not depend on row order, while pages without an order_by keep the file's order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffAudience } from '../../src/catalog/service.ts';
import { buildRecordsQuery } from '../../src/odsql/query.ts';
import { startServer, json, type ServerHarness } from '../helpers/server.ts';

const rows = 20_000;
const towns = ['Aalst', 'Brugge', 'Dendermonde', 'Eeklo', 'Gent', 'Hasselt', 'Ieper', 'Kortrijk', 'Leuven', 'Mechelen', 'Oostende', 'Ronse'];
const sectors = ['Bouw', 'Zorg', 'Handel'];

// Seeded so a failure can be replayed; towns are spread over the whole file, as in real data.
function csv(): string {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = ['id,gemeente,sector,regio,klasse,aantal,omschrijving'];
  for (let i = 1; i <= rows; i++) {
    const town = towns[Math.floor(next() * towns.length)];
    // Fifteen values that share their first 8 bytes: DuckDB's row-group statistics keep only those, so no use.
    const regio = `Provincie ${Math.floor(next() * 15)}`;
    lines.push(`${i},${town},${sectors[Math.floor(next() * sectors.length)]},${regio},${Math.floor(next() * 20)},${Math.floor(next() * 1000)},tekst ${i} ${town}`);
  }
  return `${lines.join('\n')}\n`;
}

let s: ServerHarness;
let tables: { from: string; orderFree: string };
before(async () => {
  s = await startServer('sqlite', { CLUSTER_MIN_ROWS: String(rows) });
  const file = join(s.env.config.dataDir, 'groot.csv');
  writeFileSync(file, csv());
  await s.portal.catalog.importDataset({ datasetId: 'groot', path: file, actor: 'test' });
  const { path } = await s.portal.catalog.currentVersion('groot', staffAudience);
  tables = await s.portal.engine.recordsFrom(path!);
});
after(() => s.close());

const api = (query: string) => json(s.get(`/api/explore/v2.1/catalog/datasets/groot/${query}`));
const sql = async (text: string) =>
  JSON.parse(JSON.stringify(await s.portal.engine.all(text), (_, v) => (typeof v === 'bigint' ? Number(v) : v)));

test('a version of CLUSTER_MIN_ROWS records gets a copy sorted on its most selective category field', async () => {
  assert.match(tables.orderFree, /\."records_clustered"$/);
  assert.notEqual(tables.orderFree, tables.from);
  // gemeente (12 values) splits the rows finest; regio's 15 values share their first 8 bytes; klasse's 20 are
  // numbers (a measure); id and omschrijving are no categories; sector has 3 values.
  const clustered = (await sql(`SELECT gemeente FROM ${tables.orderFree}`)) as { gemeente: string }[];
  const names = clustered.map((r) => r.gemeente);
  assert.deepEqual(names, [...names].sort(), 'sorted on gemeente');
  const [{ n }] = await sql(`SELECT count(*) AS n FROM (SELECT * FROM ${tables.from} EXCEPT ALL SELECT * FROM ${tables.orderFree})`);
  assert.equal(n, 0, 'the same records');
  assert.equal((await sql(`SELECT count(*) AS n FROM ${tables.orderFree}`))[0].n, rows);
});

test('a page without an order_by keeps the file order; with one, the records and the total are the same as the file gives', async () => {
  const first = await api('records?limit=5&where=gemeente="Gent"&select=id');
  const expected = await sql(`SELECT CAST(id AS DOUBLE) AS id FROM ${tables.from} WHERE gemeente = 'Gent' LIMIT 5`);
  assert.deepEqual(first.results, expected);
  assert.ok(first.results.every((r: { id: number }, i: number) => i === 0 || r.id > first.results[i - 1].id), 'ascending ids: file order');

  const sorted = await api('records?where=gemeente="Gent" and aantal > 100&order_by=aantal desc, id&limit=20&offset=5&select=id,aantal');
  const truth = await sql(`SELECT CAST(id AS DOUBLE) AS id, CAST(aantal AS DOUBLE) AS aantal FROM ${tables.from} WHERE gemeente = 'Gent' AND aantal > 100 ORDER BY aantal DESC, id LIMIT 20 OFFSET 5`);
  assert.deepEqual(sorted.results, truth);
  const [{ n }] = await sql(`SELECT count(*) AS n FROM ${tables.from} WHERE gemeente = 'Gent' AND aantal > 100`);
  assert.equal(sorted.total_count, n);
  assert.ok(n > 100);
});

test('groups, aggregates and facets read the copy and count the same as the file', async () => {
  const groups = await api('records?select=sector, count(*) as n, sum(aantal) as totaal&group_by=sector&where=gemeente in ("Gent", "Ieper")');
  const truth = await sql(`SELECT sector, CAST(count(*) AS DOUBLE) AS n, CAST(sum(aantal) AS DOUBLE) AS totaal FROM ${tables.from} WHERE gemeente IN ('Gent', 'Ieper') GROUP BY sector ORDER BY sector`);
  assert.deepEqual(groups.results, truth);

  const facets = await api('facets?facet=gemeente&refine=sector:Zorg');
  const counts = await sql(`SELECT gemeente AS name, CAST(count(*) AS INTEGER) AS count FROM ${tables.from} WHERE sector = 'Zorg' GROUP BY gemeente ORDER BY count DESC, name`);
  assert.deepEqual(
    facets.facets[0].facets.map((f: { name: string; count: number }) => ({ name: f.name, count: f.count })).sort((a: { count: number; name: string }, b: { count: number; name: string }) => b.count - a.count || a.name.localeCompare(b.name)),
    counts,
  );
});

test('a smaller version has no copy: every statement reads the table in file order', async () => {
  const file = join(s.env.config.dataDir, 'klein.csv');
  writeFileSync(file, csv().split('\n').slice(0, 1001).join('\n'));
  await s.portal.catalog.importDataset({ datasetId: 'klein', path: file, actor: 'test' });
  const { path } = await s.portal.catalog.currentVersion('klein', staffAudience);
  const small = await s.portal.engine.recordsFrom(path!);
  assert.equal(small.orderFree, small.from);
  assert.match(small.from, /\.records$/);
});

test('the count, aggregates, groups and orderings read the order-free copy; a page without an order_by the file order', async () => {
  const { dataset } = await s.portal.catalog.currentVersion('groot', staffAudience);
  const query = (extra: { orderBy?: string; groupBy?: string; select?: string }) =>
    buildRecordsQuery({ fields: dataset.fields, from: 'FILE', orderFreeFrom: 'FREE', where: ['gemeente = "Gent"'], limit: 10, offset: 0, ...extra });
  const reads = (sqlText: string) => /FROM (FILE|FREE)\b/.exec(sqlText)?.[1];
  const plain = query({});
  assert.equal(reads(plain.sql), 'FILE');
  assert.equal(reads(plain.countSql), 'FREE');
  assert.equal(reads(query({ orderBy: 'aantal desc' }).sql), 'FREE');
  assert.equal(reads(query({ orderBy: 'random(3)' }).sql), 'FREE');
  assert.equal(reads(query({ groupBy: 'sector', select: 'sector, count(*)' }).sql), 'FREE');
  assert.equal(reads(query({ select: 'sum(aantal)' }).sql), 'FREE');
  assert.doesNotMatch(plain.sql, /OFFSET/, 'no OFFSET 0: it keeps DuckDB reading past the page');
  assert.match(buildRecordsQuery({ fields: dataset.fields, from: 'FILE', limit: 10, offset: 20 }).sql, /LIMIT 10 OFFSET 20$/);
});
