// Issue 13, class 7: bad values are 400, never 500 — integers past 64 bits, overflow, now() out of range, huge
// distances and ranges, prototype names as functions, formats, languages and facets — and broken stored shapes
// never break a page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer('sqlite', { QUERY_TIMEOUT_MS: '5000', DUCKDB_THREADS: '2' });
  const lines = ['id,naam,aantal,bedrag,tijdstip,plek'];
  for (let i = 0; i < 200; i++) lines.push(`${i},naam${i % 7},${i * 11},${(i * 7.31).toFixed(2)},2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,"${50 + i / 1000}, ${4 + i / 1000}"`);
  writeFileSync(join(s.env.dataDir, 'waarden.csv'), `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'waarden', path: join(s.env.dataDir, 'waarden.csv'), actor: 'test' });
  // Shapes that no reader accepts: an open ring, coordinates out of range, a one-point line, text for numbers.
  const shapes = [
    '{"type":"Polygon","coordinates":[[[4,50],[5,50],[5,51]]]}',
    '{"type":"Polygon","coordinates":[[[4,50],[500,50],[5,91],[4,50]]]}',
    '{"type":"LineString","coordinates":[[4,50]]}',
    '{"type":"Point","coordinates":["a","b"]}',
    '{"type":"Polygon","coordinates":[[[4,50],[5,50],[5,51],[4,50]]]}',
  ];
  writeFileSync(join(s.env.dataDir, 'kapot.jsonl'), `${shapes.map((shape, i) => `{"naam":"vorm ${i}","vorm":${shape}}`).join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'kapot', path: join(s.env.dataDir, 'kapot.jsonl'), actor: 'test' });
});
after(() => s.close());

const api = '/api/explore/v2.1/catalog/datasets';
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function answer(path: string): Promise<{ status: number; body: { error_code?: string; message?: string } }> {
  const response = await s.get(path);
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : {} };
}

async function badValue(path: string, message: RegExp): Promise<void> {
  const { status, body } = await answer(path);
  assert.equal(status, 400, `${decodeURIComponent(path)}: ${JSON.stringify(body)}`);
  assert.ok(body.error_code, path);
  assert.match(body.message ?? '', message, path);
}

test('integers past 64 bits and arithmetic overflow are 400 with the reason, on records and aggregates', async () => {
  const records = (params: Record<string, string>) => `${api}/waarden/records?${query(params)}`;
  await badValue(records({ select: '99999999999999999999' }), /integer 99999999999999999999 is beyond the 64-bit range/);
  await badValue(records({ where: 'aantal = 9223372036854775808' }), /beyond the 64-bit range/);
  await badValue(records({ where: 'aantal in (9223372036854775808, 1)' }), /beyond the 64-bit range/);
  await badValue(records({ select: '9223372036854775807*2' }), /Overflow in multiplication of INT64/);
  await badValue(records({ select: 'max(aantal*aantal*aantal*aantal*aantal*aantal*aantal*aantal)' }), /cannot be computed: Overflow/);
  await badValue(records({ select: '-9223372036854775807-10' }), /Overflow in subtraction/);
  await badValue(records({ select: 'sum(aantal*922337203685477580)' }), /Overflow/);
  await badValue(records({ select: 'naam, avg(aantal*9223372036854775807) as a', group_by: 'naam' }), /Overflow/);
  // Int64's largest is exact, and decimals compute in doubles.
  const max = await json(s.get(records({ select: '9223372036854775807 as m', limit: '1' })));
  assert.equal(max.results[0].m, 9223372036854775807);
  assert.equal((await s.get(records({ select: '9223372036854775807.0*2 as d', limit: '1' }))).status, 200);
});

test('now() out of range, huge distances, odd ranges and widths are 400; huge but harmless numbers are answered', async () => {
  const records = (params: Record<string, string>) => `${api}/waarden/records?${query(params)}`;
  await badValue(records({ where: 'tijdstip < now(years=100000)' }), /now\(\) falls outside the years 1 to 9999/);
  await badValue(records({ where: 'tijdstip < now(year=-300000)' }), /outside the years/);
  // This one looped once per Monday on the event loop: a hundred million of them held the server.
  await badValue(records({ where: 'tijdstip < now(mondays=100000000)' }), /outside the years/);
  await badValue(records({ where: 'tijdstip < now(constructor=1)' }), /now\(\) has no argument "constructor"/);
  await badValue(records({ where: "within_distance(plek, geom'POINT(4 50)', 1e300km)" }), /more than the Earth's circumference/);
  await badValue(records({ group_by: 'range(bedrag, 1e300)', select: 'count(*)' }), /range width lies between/);
  await badValue(records({ group_by: 'range(bedrag, 1e-300)', select: 'count(*)' }), /range width lies between/);
  await badValue(records({ group_by: 'range(tijdstip, 100000000000 d)', select: 'count(*)' }), /whole number of days from 1 to 1,000,000/);
  await badValue(records({ group_by: 'range(tijdstip, 1e300 s)', select: 'count(*)' }), /whole number of seconds/);
  await badValue(records({ group_by: 'range(tijdstip, 0.0001 ms)', select: 'count(*)' }), /whole number of milliseconds/);
  await badValue(records({ group_by: 'range(tijdstip, 1 constructor)', select: 'count(*)' }), /interval such as 1 day/);
  for (const fine of <Record<string, string>[]>[
    { where: 'in_bbox(plek, 1e308, -1e308, -1e308, 1e308)' },
    { refine: 'aantal:1e300' },
    { order_by: 'random(1e300)' },
    { group_by: 'range(aantal, *, 1e300, *)', select: 'count(*) as n' },
    { where: "within_distance(plek, geom'POINT(4 50)', 40000km)" },
  ]) {
    const { status, body } = await answer(records(fine));
    assert.equal(status, 200, `${JSON.stringify(fine)}: ${JSON.stringify(body)}`);
  }
});

test('constructor, toString and __proto__ are no function, format, language or facet', async () => {
  const records = (params: Record<string, string>) => `${api}/waarden/records?${query(params)}`;
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    await badValue(records({ select: `${name}(aantal)` }), /Unknown function/);
    await badValue(`${api}/waarden/exports/${name}`, /Unknown export format/);
    await badValue(`/api/explore/v2.1/catalog/exports/${name}`, /Unknown export format/);
    await badValue(`${api}/waarden/facets?facet=${name}`, /Unknown facet field/);
    await badValue(`/api/explore/v2.1/catalog/datasets?${query({ select: `${name}(x)` })}`, /Unknown function/);
  }
  // A language the names do not know falls back to English, as any other unknown one.
  const named = await json(s.get(records({ select: "date_format(tijdstip, 'EEEE MMMM') as d", lang: 'constructor', limit: '1' })));
  assert.match(named.results[0].d, /^[A-Z][a-z]+day March$/);
  await badValue(`${api}/waarden/facets?${query({ facet: 'facet(name="naam", sort="constructor")' })}`, /Facet sort must be one of/);
  await badValue(`${api}/waarden/facets?${query({ facet: 'naam', where: 'aantal*aantal*aantal*aantal*aantal*aantal*aantal*aantal = 5' })}`, /Overflow/);
  await badValue(`${api}/waarden/facets?${query({ facet: 'naam', where: 'tijdstip < now(years=100000)' })}`, /outside the years/);
  // The catalog page shows an unknown filter value as typed, not as Object.prototype's function.
  const page = await (await s.get('/datasets?features=constructor&modified=toString&theme=__proto__')).text();
  assert.doesNotMatch(page, /native code/);
});

test('a dataset whose stored shapes are broken still renders its pages and answers its queries', async () => {
  for (const path of ['/datasets/kapot', '/datasets/kapot/table', '/datasets/kapot/map', '/en/datasets/kapot/map', '/datasets/kapot/chart', '/datasets/kapot/export']) {
    const response = await s.get(path);
    assert.equal(response.status, 200, path);
    assert.match(await response.text(), /vorm 0|kapot/);
  }
  const records = (params: Record<string, string>) => `${api}/kapot/records?${query(params)}`;
  for (const params of <Record<string, string>[]>[
    { limit: '20' },
    { where: "intersects(vorm, geom'POLYGON((0 0, 10 0, 10 60, 0 0))')" },
    { where: "within(vorm, geom'POLYGON((0 0, 10 0, 10 60, 0 0))')" },
    { where: "within_distance(vorm, geom'POINT(4 50)', 100km)" },
    { select: 'bbox(vorm) as b, envelope(vorm) as e' },
    { select: "distance(vorm, geom'POINT(4 50)') as d" },
    { group_by: 'geo_cluster(vorm, 5)', select: 'count(*) as n' },
  ]) {
    const { status, body } = await answer(records(params));
    assert.equal(status, 200, `${JSON.stringify(params)}: ${JSON.stringify(body)}`);
  }
  const all = await json(s.get(records({ limit: '20' })));
  assert.equal(all.total_count, 5);
  for (const format of ['geojson', 'csv', 'kml', 'fgb']) assert.equal((await s.get(`${api}/kapot/exports/${format}`)).status, 200, format);
});
