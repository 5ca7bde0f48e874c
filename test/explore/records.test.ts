// The reference's conformance queries (§8) on /records, over a live server with the `cities` dataset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s.close());

async function records(query: Record<string, string | string[]>, status = 200) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/cities/records?${params}`);
  const body = await json(response);
  assert.equal(response.status, status, JSON.stringify(body));
  return body;
}

const names = async (query: Record<string, string | string[]>) =>
  (await records({ select: 'name', limit: '100', ...query })).results.map((r: { name: string }) => r.name);

test('1: pages by name, and sorts nulls last both ways', async () => {
  const body = await records({ select: 'name', order_by: 'name', limit: '3', offset: '2' });
  assert.equal(body.total_count, 10);
  assert.deepEqual(body.results.map((r: { name: string }) => r.name), ['Hamburg', 'Lyon', 'Madrid']);
  assert.equal((await names({ order_by: 'population desc' })).at(-1), 'Saint-Malo');
  assert.equal((await names({ order_by: 'population asc' })).at(-1), 'Saint-Malo');
  assert.equal((await names({ order_by: '-population' }))[0], 'Berlin');
});

test('2: filters with a numeric comparison, dropping nulls', async () => {
  const body = await records({ where: 'population > 1500000', select: 'name,population', order_by: 'population desc' });
  assert.equal(body.total_count, 5);
  assert.deepEqual(body.results, [
    { name: 'Berlin', population: 3645000 },
    { name: 'Madrid', population: 3223000 },
    { name: 'Paris', population: 2148000 },
    { name: 'Hamburg', population: 1841000 },
    { name: 'Barcelona', population: 1620000 },
  ]);
});

test('3: text equality is exact and case-sensitive; back-quotes and single quotes work', async () => {
  assert.deepEqual(await names({ where: 'country = "DE"', order_by: 'name' }), ['Berlin', 'Hamburg', 'Munich']);
  assert.deepEqual(await names({ where: 'country = "de"' }), []);
  assert.deepEqual(await names({ where: "`country`='DE'", order_by: 'name' }), ['Berlin', 'Hamburg', 'Munich']);
});

test('4: AND binds tighter than OR', async () => {
  assert.deepEqual(await names({ where: 'country = "FR" OR country = "ES" AND capital is true', order_by: 'name' }), [
    'Lyon', 'Marseille', 'Nantes', 'Paris', 'Saint-Malo', 'Madrid',
  ].sort());
  assert.deepEqual(await names({ where: '(country = "FR" OR country = "ES") AND capital', order_by: 'name' }), ['Madrid', 'Paris']);
});

test('5: IN lists and NOT on a boolean field', async () => {
  assert.deepEqual(await names({ where: 'country IN ("DE","ES") AND NOT capital', order_by: 'name' }), ['Barcelona', 'Hamburg', 'Munich']);
  assert.deepEqual(await names({ where: 'country IN ("DE","ES") AND capital is false', order_by: 'name' }), ['Barcelona', 'Hamburg', 'Munich']);
});

test('6: ranges with inclusive and exclusive bounds', async () => {
  assert.deepEqual(await names({ where: 'area_km2 IN [100..300]', order_by: 'area_km2' }), ['Barcelona', 'Paris', 'Marseille']);
  assert.deepEqual(await names({ where: 'area_km2 IN ]101.9..240.6[' }), ['Paris']);
});

test('7: IS NULL and IS NOT NULL, on plain and multivalued fields', async () => {
  assert.deepEqual(await names({ where: 'population is null' }), ['Saint-Malo']);
  assert.deepEqual(await names({ where: 'tags is null' }), ['Nantes']);
  assert.deepEqual((await records({ select: 'count(*) as n', where: 'census_date is not null' })).results, [{ n: 9 }]);
});

test('8: a quoted string searches every text field, words combine with boolean operators', async () => {
  assert.deepEqual(await names({ where: '"tourism"', order_by: 'name' }), ['Barcelona', 'Marseille', 'Munich', 'Paris']);
  assert.deepEqual(await names({ where: '"TOURISM" AND NOT "port"', order_by: 'name' }), ['Munich', 'Paris']);
  assert.deepEqual(await names({ where: '"hamburg"' }), ['Hamburg']);
  const error = await records({ where: 'tourism' }, 400);
  assert.equal(error.error_code, 'ODSQLError');
  assert.match(error.message, /Unknown field "tourism"/);
});

test('9: startswith is case-sensitive; suggest and search match word beginnings', async () => {
  assert.deepEqual(await names({ where: 'startswith(name, "Ma")', order_by: 'name' }), ['Madrid', 'Marseille']);
  assert.deepEqual(await names({ where: 'startswith(name, "ma")' }), []);
  assert.deepEqual(await names({ where: 'suggest("munic")' }), ['Munich']);
  assert.deepEqual(await names({ where: 'search(name, "sain mal")' }), ['Saint-Malo']);
  // search() forgives typos in all but the last word; suggest() and bare strings do not.
  assert.deepEqual(await names({ where: 'search(name, "hamburk saint")' }), []);
  assert.deepEqual(await names({ where: 'search(name, "barcelonna")' }), []);
  assert.deepEqual(await names({ where: 'search("barcelonna spain")' }), []);
  assert.deepEqual(await names({ where: 'search(name, region, "barcelonna catal")' }), ['Barcelona']);
  assert.deepEqual(await names({ where: 'search(region, "bavria b")' }), ['Munich']);
  assert.deepEqual(await names({ where: 'suggest("bavria")' }), []);
  assert.deepEqual(await names({ where: '"barcelonna"' }), []);
});

test('10: date comparisons and year()', async () => {
  const expected = ['Berlin', 'Munich', 'Nantes'];
  assert.deepEqual(await names({ where: "census_date >= date'2021-01-01' AND census_date < date'2022-01-01'", order_by: 'name' }), expected);
  assert.deepEqual(await names({ where: 'year(census_date) = 2021', order_by: 'name' }), expected);
  assert.deepEqual((await records({ select: 'name,census_date', where: 'name="Berlin"' })).results, [{ name: 'Berlin', census_date: '2021-12-31' }]);
});

test('11: date-times follow the timezone parameter, in filters and in output', async () => {
  assert.deepEqual(await names({ where: "updated_at < date'2024-01-01'", order_by: 'name' }), ['Barcelona', 'Marseille', 'Munich']);
  assert.deepEqual(await names({ where: "updated_at < date'2024-01-01'", order_by: 'name', timezone: 'Europe/Paris' }), ['Barcelona', 'Munich']);
  assert.deepEqual((await records({ select: 'updated_at', where: 'name="Marseille"' })).results, [{ updated_at: '2023-12-31T23:30:00+00:00' }]);
  assert.deepEqual((await records({ select: 'updated_at', where: 'name="Marseille"', timezone: 'Europe/Paris' })).results, [
    { updated_at: '2024-01-01T00:30:00+01:00' },
  ]);
});

test('12: expressions with aliases, and exclude()', async () => {
  const body = await records({ select: 'name, population / area_km2 as density, length(name) as len, lower(country) as cc', where: 'name="Lyon"' });
  assert.equal(body.results.length, 1);
  const [lyon] = body.results;
  assert.deepEqual(Object.keys(lyon), ['name', 'density', 'len', 'cc']);
  assert.ok(Math.abs(lyon.density - 10904.533110507626) < 1e-6);
  assert.deepEqual([lyon.name, lyon.len, lyon.cc], ['Lyon', 4, 'fr']);
  const excluded = (await records({ select: 'exclude(tags),exclude(location)', where: 'name="Lyon"' })).results[0];
  assert.equal(Object.keys(excluded).length, 8);
  assert.ok(!('tags' in excluded) && !('location' in excluded));
});

test('groups without an order_by come in the order of their keys, nulls last, so paging through them is stable', async () => {
  const all = await records({ select: 'count(*) as n', group_by: 'census_date' });
  const dates = all.results.map((r: { census_date: string | null }) => r.census_date);
  assert.equal(dates.at(-1), null);
  assert.deepEqual(dates.slice(0, -1), [...dates.slice(0, -1)].sort());
  const pages = [];
  for (let offset = 0; offset < dates.length; offset += 2) {
    pages.push(...(await records({ select: 'count(*) as n', group_by: 'census_date', limit: '2', offset: String(offset) })).results.map((r: { census_date: string | null }) => r.census_date));
  }
  assert.deepEqual(pages, dates, 'the pages put together are the groups, each once');
  const countries = await records({ select: 'count(*) as n', group_by: 'country as c, capital as k' });
  const keys = countries.results.map((r: { c: string; k: boolean }) => `${r.c}${r.k}`);
  assert.deepEqual(keys, [...keys].sort());
});

test('a constant key in group_by or order_by (text, geometry) is one group and no reordering, not an error', async () => {
  const byName = await names({ order_by: 'name' });
  assert.deepEqual(await names({ order_by: "'x', name" }), byName, 'a constant sort key changes nothing');
  assert.deepEqual(await names({ order_by: "geom'POINT(2 48)', name" }), byName);
  const one = await records({ group_by: "'alle' as k", select: 'count(*) as n, sum(population) as p' });
  assert.deepEqual(one.results, [{ k: 'alle', n: 10, p: 15677000 }]);
  const perCountry = await records({ group_by: "'x' as k, country", select: 'count(*) as n', order_by: 'k, country desc' });
  assert.deepEqual(perCountry.results.map((r: { country: string; n: number }) => [r.country, r.n]), [['FR', 5], ['ES', 2], ['DE', 3]]);
  assert.equal((await records({ group_by: "geom'POINT(2 48)'" })).total_count, 1);
});

test('13: aggregates without group_by give one row over all matching records', async () => {
  const body = await records({
    select: 'count(*) as n, sum(population) as total, avg(population) as mean, min(census_date) as first, max(area_km2) as biggest, count(distinct country) as nc',
  });
  assert.equal(body.results.length, 1);
  const [row] = body.results;
  assert.equal(row.n, 10);
  assert.equal(row.total, 15677000);
  assert.ok(Math.abs(row.mean - 1741888.888888889) < 1e-3);
  assert.equal(row.first, '2019-01-01');
  assert.equal(row.biggest, 891.8);
  assert.equal(row.nc, 3);
});

test('14: group_by with the group key first, and a null group', async () => {
  const body = await records({ select: 'country, count(*) as n, sum(population) as pop', group_by: 'country', order_by: 'country' });
  assert.deepEqual(body.results, [
    { country: 'DE', n: 3, pop: 6974000 },
    { country: 'ES', n: 2, pop: 4843000 },
    { country: 'FR', n: 5, pop: 3860000 },
  ]);
  const dates = await records({ select: 'count(*) as n', group_by: 'census_date', order_by: 'census_date' });
  assert.equal(dates.results.length, 7);
  assert.deepEqual(dates.results.at(-1), { census_date: null, n: 1 });
});

test('15: order by aggregates, by alias, and aggregates first', async () => {
  const countries = (body: { results: { country: string }[] }) => body.results.map((r) => r.country);
  const byAvg = await records({ select: 'avg(area_km2) as avg_area', group_by: 'country', order_by: 'avg(area_km2) desc' });
  assert.deepEqual(countries(byAvg), ['DE', 'ES', 'FR']);
  assert.ok(Math.abs(byAvg.results[0].avg_area - 652.5666666666667) < 1e-6);
  assert.deepEqual(countries(await records({ select: 'avg(area_km2) as avg_area', group_by: 'country', order_by: 'avg_area desc' })), ['DE', 'ES', 'FR']);
  assert.deepEqual(countries(await records({ select: 'count(*) as n', group_by: 'country', order_by: 'count(*) desc' })), ['FR', 'DE', 'ES']);
  const error = await records({ select: 'avg(area_km2) as a', group_by: 'country', order_by: 'country, avg(area_km2)' }, 400);
  assert.equal(error.error_code, 'ODSQLError');
});

test('16: group by year() gives an int key, in the request time zone; date_format names days in the language', async () => {
  assert.deepEqual((await records({ select: 'count(*) as n', group_by: 'year(updated_at) as y', order_by: 'y' })).results, [
    { y: 2023, n: 3 },
    { y: 2024, n: 7 },
  ]);
  assert.deepEqual(
    (await records({ select: 'count(*) as n', group_by: 'year(updated_at) as y', order_by: 'y', timezone: 'Europe/Paris' })).results,
    [
      { y: 2023, n: 2 },
      { y: 2024, n: 8 },
    ],
  );
  assert.deepEqual((await records({ select: "date_format(updated_at, 'EEEE') as d", where: 'name="Paris"' })).results, [{ d: 'vendredi' }]);
  assert.deepEqual((await records({ select: "date_format(updated_at, 'EEEE') as d", where: 'name="Paris"', lang: 'en' })).results, [{ d: 'Friday' }]);
  assert.deepEqual((await records({ select: "date_format(updated_at, 'EEEE') as d", where: 'name="Paris"', lang: 'nl' })).results, [{ d: 'vrijdag' }]);
});

test('17: group by date_format', async () => {
  const body = await records({ select: 'count(*) as n', group_by: "date_format(updated_at, 'yyyy-MM') as month", where: "updated_at >= date'2024-01-01'", order_by: 'month' });
  assert.deepEqual(body.results, [
    { month: '2024-01', n: 2 },
    { month: '2024-02', n: 2 },
    { month: '2024-03', n: 3 },
  ]);
});

test('18: distance filters, bounding boxes and distances', async () => {
  assert.deepEqual(await names({ where: "within_distance(location, geom'POINT(2.3522 48.8566)', 500km)", order_by: 'name' }), ['Lyon', 'Nantes', 'Paris', 'Saint-Malo']);
  assert.deepEqual(await names({ where: 'in_bbox(location, 48, -3, 44, 6)', order_by: 'name' }), ['Lyon', 'Nantes']);
  const body = await records({ select: "name, distance(location, geom'POINT(2.3522 48.8566)') as d", order_by: 'd', limit: '2' });
  assert.equal(body.results[0].name, 'Paris');
  assert.ok(body.results[0].d < 1);
  assert.equal(body.results[1].name, 'Saint-Malo');
  assert.ok(Math.abs(body.results[1].d - 321700) / 321700 < 0.005);
  const paris = (await records({ select: 'location', where: 'name="Paris"' })).results[0];
  assert.deepEqual(paris, { location: { lon: 2.3522, lat: 48.8566 } });
});

test('19: refine and exclude', async () => {
  assert.deepEqual(await names({ refine: 'country:FR', exclude: 'region:Bretagne', order_by: 'name' }), ['Lyon', 'Marseille', 'Nantes', 'Paris']);
  assert.deepEqual(await names({ refine: 'census_date:2021', order_by: 'name' }), ['Berlin', 'Munich', 'Nantes']);
  assert.deepEqual(await names({ refine: ['country:DE', 'capital:true'] }), ['Berlin']);
});

test('multivalued fields come out as lists and match single values', async () => {
  assert.deepEqual((await records({ select: 'tags', where: 'name="Paris"' })).results, [{ tags: ['capital', 'tourism'] }]);
  assert.deepEqual(await names({ where: 'tags = "beer"' }), ['Munich']);
  assert.deepEqual(await names({ where: '"beer" IN tags' }), ['Munich']);
});

test('error paths: limits, malformed queries, unknown fields, datasets and records', async () => {
  assert.equal((await records({ limit: '101' }, 400)).error_code, 'InvalidRESTParameterError');
  assert.equal((await records({ offset: '9995', limit: '10' }, 400)).error_code, 'InvalidRESTParameterError');
  const far = await records({ offset: '9990', limit: '10' });
  assert.deepEqual([far.total_count, far.results], [10, []]);
  const malformed = await records({ where: 'population >' }, 400);
  assert.equal(malformed.error_code, 'ODSQLError');
  assert.match(malformed.message, /^ODSQL query is malformed: .+ Clause\(s\) containing the error\(s\): where\.$/);
  assert.equal((await records({ where: 'nosuchfield = 1' }, 400)).error_code, 'ODSQLError');
  assert.equal((await records({ timezone: 'Mars/Olympus' }, 400)).error_code, 'InvalidRESTParameterError');
  const missing = await s.get('/api/explore/v2.1/catalog/datasets/nope/records');
  assert.equal(missing.status, 404);
  const record = await s.get('/api/explore/v2.1/catalog/datasets/cities/records/doesnotexist');
  assert.equal(record.status, 404);
  assert.deepEqual(await json(record), { error_code: 'NotFoundResource', message: 'The requested record doesnotexist does not exist.' });
});

test('a record can be fetched by its id, and limit=0 gives only the count', async () => {
  const [row] = await s.portal.engine.all(
    `SELECT _recordid FROM read_parquet('${(await s.portal.catalog.currentVersion('cities', { seesRestricted: true })).path}') LIMIT 1`,
  );
  const record = await json(s.get(`/api/explore/v2.1/catalog/datasets/cities/records/${row._recordid}/`));
  assert.equal(record.name, 'Paris');
  assert.deepEqual(await records({ limit: '0' }), { total_count: 10, results: [] });
});

async function facets(query: string) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/cities/facets?${query}`);
  const body = await json(response);
  assert.equal(response.status, 200, JSON.stringify(body));
  return body.facets;
}

test('19: facets count values, mark refined and excluded ones, and sort by count', async () => {
  const [country] = await facets('facet=country');
  assert.deepEqual(country, {
    name: 'country',
    facets: [
      { name: 'FR', value: 'FR', count: 5, state: 'displayed' },
      { name: 'DE', value: 'DE', count: 3, state: 'displayed' },
      { name: 'ES', value: 'ES', count: 2, state: 'displayed' },
    ],
  });
  const [excluded] = await facets('facet=country&exclude=country:FR');
  assert.deepEqual(excluded.facets.map((f: { value: string; count: number; state: string }) => [f.value, f.count, f.state]), [
    ['FR', 5, 'excluded'],
    ['DE', 3, 'displayed'],
    ['ES', 2, 'displayed'],
  ]);
  const [refined] = await facets('facet=country&refine=country:FR');
  assert.deepEqual(refined.facets, [{ name: 'FR', value: 'FR', count: 5, state: 'refined' }]);
  const [disjunctive] = await facets('facet=facet(name="country", disjunctive=true)&refine=country:FR');
  assert.equal(disjunctive.facets.length, 3);
});

test('facets default to the fields annotated facet, count each value of a list, and nest dates', async () => {
  const all = await facets('');
  assert.deepEqual(all.map((f: { name: string }) => f.name), ['country', 'region', 'tags']);
  const tags = all.find((f: { name: string }) => f.name === 'tags');
  assert.deepEqual(tags.facets.slice(0, 2).map((f: { value: string; count: number }) => [f.value, f.count]), [
    ['port', 4],
    ['tourism', 4],
  ]);
  const [years] = await facets('facet=census_date&refine=census_date:2021');
  assert.deepEqual(years.facets, [
    {
      name: '2021',
      value: '2021',
      count: 3,
      state: 'refined',
      facets: [
        { name: '12', value: '2021/12', count: 2, state: 'displayed' },
        { name: '01', value: '2021/01', count: 1, state: 'displayed' },
      ],
    },
  ]);
  const bad = await s.get('/api/explore/v2.1/catalog/datasets/cities/facets?facet=location');
  assert.equal(bad.status, 400);
  assert.equal((await json(bad)).error_code, 'ODSQLError');
});

test('17b: group by static and equal-width ranges of numbers and dates', async () => {
  const staticRanges = await records({ select: 'count(*) as n', group_by: 'range(population, *, 1000000, 2000000, *) as b', order_by: 'b' });
  assert.deepEqual(staticRanges.results, [
    { b: '[*, 1000000[', n: 3 },
    { b: '[1000000, 2000000[', n: 3 },
    { b: '[2000000, *[', n: 3 },
    { b: null, n: 1 },
  ]);
  const widths = await records({ select: 'count(*) as n', group_by: 'range(area_km2, 500) as b', order_by: 'b' });
  assert.deepEqual(widths.results, [
    { b: '[0, 500[', n: 7 },
    { b: '[500, 1000[', n: 3 },
  ]);
  const years = await records({ select: 'count(*) as n', group_by: 'range(updated_at, 1 year) as y', order_by: 'y' });
  assert.deepEqual(years.results, [
    { y: '[2023-01-01T00:00:00+00:00, 2024-01-01T00:00:00+00:00[', n: 3 },
    { y: '[2024-01-01T00:00:00+00:00, 2025-01-01T00:00:00+00:00[', n: 7 },
  ]);
  const dates = await records({ select: 'count(*) as n', group_by: "range(census_date, *, date'2021-01-01', *) as d", order_by: 'd' });
  assert.deepEqual(dates.results.map((r: { d: string; n: number }) => [r.d, r.n]), [
    ['[*, 2021-01-01[', 4],
    ['[2021-01-01, *[', 5],
    [null, 1],
  ]);
  assert.equal((await records({ group_by: 'range(name, 5)' }, 400)).error_code, 'ODSQLError');
  assert.equal((await records({ where: 'range(population, 5) = "x"' }, 400)).error_code, 'ODSQLError');
});

test('18b: points within, intersecting or disjoint from a polygon, and the bounding box of points', async () => {
  // A pentagon over northern France: Paris and Saint-Malo inside, Nantes and Lyon outside.
  const pentagon = "geom'POLYGON((-3 48, 4 48, 4 49.5, 0.5 50.5, -3 49.5, -3 48))'";
  assert.deepEqual(await names({ where: `within(location, ${pentagon})`, order_by: 'name' }), ['Paris', 'Saint-Malo']);
  assert.deepEqual(await names({ where: `intersects(location, ${pentagon})`, order_by: 'name' }), ['Paris', 'Saint-Malo']);
  assert.equal((await names({ where: `disjoint(location, ${pentagon})` })).length, 8);
  const geojson = 'geom\'{"type":"Polygon","coordinates":[[[-3,48],[4,48],[4,49.5],[0.5,50.5],[-3,49.5],[-3,48]]]}\'';
  // A point in the notch of a concave polygon is outside: the test is the polygon, not its box.
  const notch = "geom'POLYGON((-3 48, 4 48, 4 50, 3 50, 3 48.5, -3 48.5, -3 48))'";
  assert.deepEqual(await names({ where: `within(location, ${notch})`, order_by: 'name' }), []);
  assert.deepEqual(await names({ where: `within(location, ${geojson})`, order_by: 'name' }), ['Paris', 'Saint-Malo']);
  const [box] = (await records({ select: 'bbox(location) as b', where: 'country="DE"' })).results;
  assert.deepEqual(box.b.geometry, { type: 'Polygon', coordinates: [[[9.9937, 48.1351], [13.405, 48.1351], [13.405, 53.5511], [9.9937, 53.5511], [9.9937, 48.1351]]] });
  assert.equal((await records({ where: "within(location, geom'POLYGON((1 2))')" }, 400)).error_code, 'ODSQLError');
  assert.equal((await records({ where: "within(name, geom'POLYGON((0 0, 1 0, 1 1, 0 0))')" }, 400)).error_code, 'ODSQLError');
});

test('groups points into map clusters whose key is the cell centre', async () => {
  const world = await records({ select: 'count(*) as n', group_by: 'geo_cluster(location, 0) as c' });
  // At zoom 0 a 40-pixel cell is 56.25 degrees wide: Europe's ten cities fall in two cells.
  assert.equal(world.results.reduce((sum: number, r: { n: number }) => sum + r.n, 0), 10);
  assert.ok(world.results.length <= 3);
  for (const r of world.results) assert.deepEqual(Object.keys(r.c).sort(), ['lat', 'lon']);
  const close = await records({ select: 'count(*) as n', group_by: 'geo_cluster(location, 12, radius=10) as c' });
  assert.equal(close.results.length, 10, 'at zoom 12 every city has a cell of its own');
  assert.equal((await records({ group_by: 'geo_cluster(location, 30)' }, 400)).error_code, 'ODSQLError');
  assert.equal((await records({ group_by: 'geo_cluster(name, 3)' }, 400)).error_code, 'ODSQLError');
});
