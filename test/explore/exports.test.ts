// Record exports over a live server: the reference's check #20, every format, options and errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s.close());

async function exported(format: string, query: Record<string, string> = {}) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/cities/exports/${format}?${new URLSearchParams(query)}`);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

test('20: CSV with a BOM, semicolons and the selected fields; options change delimiter, BOM and header', async () => {
  const { response, body } = await exported('csv', { select: 'name,population', where: 'country="ES"', order_by: 'name' });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(response.headers.get('content-disposition'), 'attachment; filename="cities.csv"');
  assert.equal(body.toString('utf8'), '\uFEFFname;population\nBarcelona;1620000\nMadrid;3223000\n');
  const plain = await exported('csv', { select: 'name,population', where: 'country="ES"', order_by: 'name', with_bom: 'false', delimiter: ',' });
  assert.equal(plain.body.toString('utf8'), 'name,population\nBarcelona,1620000\nMadrid,3223000\n');
  const labels = await exported('csv', { select: 'name', where: 'name="Paris"', use_labels: 'true', with_bom: 'false' });
  assert.equal(labels.body.toString('utf8'), 'Name\nParis\n');
});

test('CSV quotes values that need it and writes every type readably', async () => {
  const { body } = await exported('csv', { where: 'name="Marseille"', with_bom: 'false' });
  const [header, line] = body.toString('utf8').trim().split('\n');
  assert.equal(header, 'name;country;region;population;area_km2;census_date;updated_at;capital;location;tags');
  assert.equal(line, `Marseille;FR;Provence-Alpes-Cote d'Azur;870000;240.6;2019-01-01;2023-12-31T23:30:00+00:00;false;43.2965, 5.3698;port,tourism`);
  const paris = await exported('csv', { select: 'name,updated_at', where: 'name="Marseille"', with_bom: 'false', timezone: 'Europe/Paris', quote_all: 'true' });
  assert.equal(paris.body.toString('utf8'), '"name";"updated_at"\n"Marseille";"2024-01-01T00:30:00+01:00"\n');
});

test('JSON exports every record as an array, past the 100-record page size', async () => {
  const { response, body } = await exported('json', { select: 'name', where: 'capital', order_by: 'name' });
  assert.match(response.headers.get('content-type')!, /^application\/json/);
  assert.deepEqual(JSON.parse(body.toString()), [{ name: 'Berlin' }, { name: 'Madrid' }, { name: 'Paris' }]);
  const all = JSON.parse((await exported('json')).body.toString());
  assert.equal(all.length, 10);
  assert.deepEqual(all[0].location, { lon: 2.3522, lat: 48.8566 });
  assert.deepEqual(all[0].tags, ['capital', 'tourism']);
  assert.equal(all[0].updated_at, '2024-03-15T10:30:00+00:00');
  assert.equal(all[0].population, 2148000);
  const none = JSON.parse((await exported('json', { where: 'population > 99999999' })).body.toString());
  assert.deepEqual(none, []);
});

test('JSON lines, GeoJSON and gzip', async () => {
  const lines = (await exported('jsonl', { select: 'name', order_by: 'name', limit: '2' })).body.toString();
  assert.equal(lines, '{"name":"Barcelona"}\n{"name":"Berlin"}\n');
  const geo = JSON.parse((await exported('geojson', { select: 'name,location', where: 'name="Paris"' })).body.toString());
  assert.deepEqual(geo, {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [2.3522, 48.8566] }, properties: { name: 'Paris' } }],
  });
  const zipped = await exported('csv', { select: 'name', where: 'name="Paris"', compressed: 'true', with_bom: 'false' });
  assert.equal(zipped.response.headers.get('content-disposition'), 'attachment; filename="cities.csv.gz"');
  assert.equal(gunzipSync(zipped.body).toString(), 'name\nParis\n');
});

test('lists the export formats, and refuses an unknown format or a bad query before streaming', async () => {
  const listing = await (await s.get('/api/explore/v2.1/catalog/datasets/cities/exports')).json() as { links: { rel: string }[] };
  assert.deepEqual(listing.links.map((l) => l.rel), ['self', 'csv', 'json', 'jsonl', 'geojson', 'kml', 'gpx', 'turtle', 'n3', 'jsonld', 'rdfxml', 'xlsx', 'parquet', 'shp', 'fgb']);
  const unknown = await exported('pdf');
  assert.equal(unknown.response.status, 400);
  assert.equal(JSON.parse(unknown.body.toString()).error_code, 'InvalidRESTParameterError');
  const bad = await exported('csv', { where: 'population >' });
  assert.equal(bad.response.status, 400);
  assert.equal(JSON.parse(bad.body.toString()).error_code, 'ODSQLError');
  const missing = await exported('csv');
  assert.equal(missing.response.status, 200);
  const gone = await s.get('/api/explore/v2.1/catalog/datasets/nope/exports/csv');
  assert.equal(gone.status, 404);
});

test('exports the catalog as CSV and JSON, the public part only', async () => {
  const csv = await s.get('/api/explore/v2.1/catalog/exports/csv?select=dataset_id,title,records_count&with_bom=false');
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="catalog.csv"');
  assert.equal(await csv.text(), 'dataset_id;title;records_count\ncities;Europese steden;10\n');
  const list = JSON.parse(await (await s.get('/api/explore/v2.1/catalog/exports/json?lang=en')).text());
  assert.equal(list.length, 1);
  assert.equal(list[0].title, 'European cities');
  assert.deepEqual(list[0].features, ['geo', 'analyze', 'timeserie']);
  const listing = await (await s.get('/api/explore/v2.1/catalog/exports')).json() as { links: { rel: string }[] };
  assert.ok(listing.links.some((l) => l.rel === 'csv'));
});

test('Parquet exports typed columns named by field, in snappy or zstd', async () => {
  for (const compression of ['snappy', 'zstd']) {
    const { response, body } = await exported('parquet', { select: 'name,population,census_date,location', order_by: 'name', parquet_compression: compression });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="cities.parquet"');
    assert.equal(body.subarray(0, 4).toString(), 'PAR1');
    const path = `${s.env.dataDir}/check-${compression}.parquet`;
    (await import('node:fs')).writeFileSync(path, body);
    const rows = await s.portal.engine.all(`SELECT name, population, CAST(census_date AS VARCHAR) AS d, location.lat AS lat FROM read_parquet('${path}') LIMIT 1`);
    assert.deepEqual({ ...rows[0], population: Number(rows[0].population) }, { name: 'Barcelona', population: 1620000, d: '2022-01-01', lat: 41.3874 });
    const [meta] = await s.portal.engine.all(`SELECT compression FROM parquet_metadata('${path}') LIMIT 1`);
    assert.equal(String(meta.compression).toLowerCase(), compression);
  }
});

test('XLSX exports one sheet with a header row', async () => {
  const { response, body } = await exported('xlsx', { select: 'name,population,capital', where: 'capital', order_by: 'name', use_labels: 'true' });
  assert.equal(response.status, 200);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const rows = (workbook.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  assert.deepEqual(rows, [
    ['Name', 'population', 'capital'],
    ['Berlin', 3645000, true],
    ['Madrid', 3223000, true],
    ['Paris', 2148000, true],
  ]);
});

test('KML and GPX place each record at its location, with its fields, escaped', async () => {
  const kml = await exported('kml', { select: 'name,country,location', where: 'country="ES"', order_by: 'name' });
  assert.match(kml.response.headers.get('content-type')!, /^application\/vnd.google-earth.kml\+xml/);
  const text = kml.body.toString();
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<kml xmlns="http:\/\/www.opengis.net\/kml\/2.2"><Document><name>cities<\/name>/);
  assert.equal((text.match(/<Placemark>/g) ?? []).length, 2);
  assert.match(text, /<Placemark><name>Barcelona<\/name><ExtendedData><Data name="name"><value>Barcelona<\/value><\/Data><Data name="country"><value>ES<\/value><\/Data><\/ExtendedData><Point><coordinates>2.1686,41.3874<\/coordinates><\/Point><\/Placemark>/);
  const marseille = (await exported('kml', { select: 'region,location', where: 'name="Marseille"' })).body.toString();
  assert.match(marseille, /<value>Provence-Alpes-Cote d&apos;Azur<\/value>/);
  const gpx = (await exported('gpx', { select: 'name,location', where: 'name="Paris"' })).body.toString();
  assert.match(gpx, /<wpt lat="48.8566" lon="2.3522"><name>Paris<\/name><extensions><opaal:field name="name">Paris<\/opaal:field><\/extensions><\/wpt>/);
  assert.match(gpx, /<\/gpx>\n$/);
});

test('publishes the catalog as an RSS feed and as data.json', async () => {
  const rss = await s.get('/api/explore/v2.1/catalog/exports/rss?lang=en');
  assert.match(rss.headers.get('content-type')!, /^application\/rss\+xml/);
  const xml = await rss.text();
  assert.match(xml, /<item><title>European cities<\/title><link>http:\/\/localhost:\d+\/datasets\/cities<\/link>/);
  assert.match(xml, /<language>en<\/language>/);
  const data = (await (await s.get('/api/explore/v2.1/catalog/exports/data.json')).json()) as { dataset: { title: string; distribution: { downloadURL: string }[] }[] };
  assert.equal(data.dataset[0].title, 'Europese steden');
  assert.deepEqual(data.dataset[0].distribution.map((d) => d.downloadURL.split('/').pop()), ['csv', 'json', 'geojson']);
});

test('RDF exports: Turtle, N3, JSON-LD and RDF/XML carry the same typed statements', async () => {
  const { parseTurtle, parseRdfXml } = await import('../dcat/catalog-fixture.ts');
  const query = { select: 'name,population,census_date,capital,location,tags', where: 'name="Paris" or name="Nantes"', order_by: 'name' };
  const turtle = (await exported('turtle', query)).body.toString();
  const quads = parseTurtle(turtle);
  const base = `${s.portal.config.baseUrl}/datasets/cities/fields#`;
  const population = quads.find((q) => q.predicate.value === `${base}population` && q.object.value === '2148000');
  assert.ok(population, turtle);
  assert.equal((population!.object as { datatype: { value: string } }).datatype.value, 'http://www.w3.org/2001/XMLSchema#integer');
  assert.ok(quads.some((q) => q.predicate.value === `${base}location` && q.object.value === 'POINT(2.3522 48.8566)'));
  assert.equal(quads.filter((q) => q.predicate.value === `${base}tags`).length, 2, 'one statement per value of a list');
  const n3 = await exported('n3', query);
  assert.match(n3.response.headers.get('content-type')!, /^text\/n3/);
  const rdfxml = await exported('rdfxml', query);
  assert.equal(rdfxml.response.headers.get('content-disposition'), 'attachment; filename="cities.rdf"');
  assert.equal((await parseRdfXml(rdfxml.body.toString())).length, quads.length);
  const jsonld = JSON.parse((await exported('jsonld', query)).body.toString());
  assert.equal(jsonld['@context']['@vocab'], base);
  assert.deepEqual(jsonld['@context'].population, { '@type': 'xsd:integer' });
  assert.deepEqual(jsonld['@graph'].map((r: { name: string }) => r.name), ['Nantes', 'Paris']);
});
