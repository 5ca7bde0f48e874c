// Geo export parameters over a live server: epsg on GeoJSON and its refusals, GPX use_extension, missing geo, access.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importGeoDatasets } from '../helpers/geo-datasets.ts';
import { belgianLambert72, international1924, lambertConformal2sp, webMercator } from '../helpers/geodesy.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  await importGeoDatasets(s.portal, s.env.dataDir);
});
after(() => s.close());

async function exported(dataset: string, format: string, query: Record<string, string> = {}) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/${dataset}/exports/${format}?${new URLSearchParams(query)}`);
  return { status: response.status, text: await response.text() };
}

const near = (actual: number[], expected: number[], tolerance: number) =>
  assert.ok(actual.every((v, i) => Math.abs(v - expected[i]) < tolerance), `${actual} is not within ${tolerance} of ${expected}`);

test('the test projection formulas reproduce the EPSG Guidance Note 7-2 Belgian Lambert example', () => {
  // Guidance Note 7-2, Lambert Conic Conformal (2SP Belgium): 50°40'46.461"N 5°48'26.533"E on BD72 → 251763.20 E, 153034.13 N.
  near(lambertConformal2sp(international1924, belgianLambert72, 5 + 48 / 60 + 26.533 / 3600, 50 + 40 / 60 + 46.461 / 3600), [251763.2, 153034.13], 0.05);
});

test('GeoJSON in another epsg: reprojected coordinates, and the collection names its crs', async () => {
  const mercator = JSON.parse((await exported('cities', 'geojson', { select: 'name,location', where: 'name="Paris"', epsg: '3857' })).text);
  assert.deepEqual(mercator.crs, { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } });
  assert.deepEqual(mercator.features[0].properties, { name: 'Paris' });
  near(mercator.features[0].geometry.coordinates, webMercator(2.3522, 48.8566), 1e-6);
  const lambert = JSON.parse((await exported('mixed', 'geojson', { select: 'volgorde,geo_shape', where: 'volgorde=5', epsg: '31370' })).text);
  // Brussels, 4.3517 E 50.8503 N: PROJ 9 (cs2cs EPSG:4326 EPSG:31370) gives 148799.1702 171100.1548.
  near(lambert.features[0].geometry.coordinates, [148799.1702, 171100.1548], 0.01);
  const utm = JSON.parse((await exported('mixed', 'geojson', { select: 'geo_shape', where: 'volgorde=5', epsg: '32631' })).text);
  near(utm.features[0].geometry.coordinates, [595151.35, 5634048.3801], 0.01);
  const laea = JSON.parse((await exported('mixed', 'geojson', { select: 'geo_shape', where: 'volgorde=5', epsg: '3035' })).text);
  // cs2cs prints EPSG:3035 northing first (its official axis order); files carry easting, northing.
  near(laea.features[0].geometry.coordinates, [3923672.0212, 3097434.5367], 0.01);
  const polygon = JSON.parse((await exported('mixed', 'geojson', { select: 'geo_shape', where: 'volgorde=2', epsg: '25831' })).text);
  assert.equal(polygon.features[0].geometry.type, 'Polygon');
  assert.equal(polygon.features[0].geometry.coordinates[1].length, 4, 'the hole keeps its positions');
  const wgs84 = JSON.parse((await exported('cities', 'geojson', { select: 'location', where: 'name="Paris"', epsg: '4326' })).text);
  assert.equal('crs' in wgs84, false);
  assert.deepEqual(wgs84.features[0].geometry.coordinates, [2.3522, 48.8566]);
});

test('an epsg Opaal does not bundle is a 400 naming those it does; KML and GPX stay in WGS 84', async () => {
  for (const epsg of ['9999', 'abc', '-4326']) {
    const bad = await exported('cities', 'shp', { epsg });
    assert.equal(bad.status, 400);
    const body = JSON.parse(bad.text);
    assert.equal(body.error_code, 'InvalidRESTParameterError');
    assert.match(body.message, new RegExp(`^Invalid value for epsg API parameter: ${epsg} was found but one of .*31370.* is expected`));
  }
  for (const format of ['kml', 'gpx']) {
    const refused = await exported('cities', format, { epsg: '31370' });
    assert.equal(refused.status, 400);
    assert.match(JSON.parse(refused.text).message, /always in WGS 84/);
    assert.equal((await exported('cities', format, { epsg: '4326' })).status, 200);
  }
  const csv = await exported('cities', 'csv', { select: 'location', where: 'name="Paris"', epsg: '31370', with_bom: 'false' });
  assert.equal(csv.text, 'location\n48.8566, 2.3522\n', 'tabular formats keep the record values');
});

test('GPX writes the fields as extensions by default, and in the description with use_extension=false', async () => {
  const query = { select: 'name,population,location', where: 'name="Paris"' };
  const extended = (await exported('cities', 'gpx', query)).text;
  assert.match(extended, /<wpt lat="48.8566" lon="2.3522"><name>Paris<\/name><extensions><opaal:field name="name">Paris<\/opaal:field><opaal:field name="population">2148000<\/opaal:field><\/extensions><\/wpt>/);
  assert.equal((await exported('cities', 'gpx', { ...query, use_extension: 'true' })).text, extended);
  const described = (await exported('cities', 'gpx', { ...query, use_extension: 'false' })).text;
  assert.match(described, /<wpt lat="48.8566" lon="2.3522"><name>Paris<\/name><desc>name: Paris\npopulation: 2148000<\/desc><\/wpt>/);
  assert.doesNotMatch(described, /<extensions>/);
  assert.equal((await exported('cities', 'gpx', { ...query, use_extension: 'maybe' })).status, 400);
});

test('shp and fgb refuse a dataset, or a select, without a geo field', async () => {
  for (const format of ['shp', 'fgb']) {
    const plain = await exported('plain', format);
    assert.equal(plain.status, 400);
    assert.deepEqual(JSON.parse(plain.text), {
      error_code: 'InvalidRESTParameterError',
      message: `The ${format} export needs a geo_point_2d or geo_shape field, and dataset "plain" has none: export csv, json or xlsx instead.`,
    });
    const selected = await exported('cities', format, { select: 'name' });
    assert.equal(selected.status, 400);
    assert.match(JSON.parse(selected.text).message, /the select of this export has none: add one to select/);
  }
});

test('a restricted dataset does not exist for anonymous callers, in any geo format', async () => {
  for (const format of ['shp', 'fgb', 'geojson', 'kml', 'gpx']) {
    const hidden = await exported('secret-shapes', format, { epsg: '4326' });
    assert.equal(hidden.status, 404, format);
    assert.equal(JSON.parse(hidden.text).error_code, 'NotFoundResource');
  }
  assert.equal((await exported('shapes', 'shp')).status, 200, 'the same data, public, exports');
});

test('lists shp and fgb among the export formats, and epsg and use_extension in swagger.json', async () => {
  const listing = JSON.parse((await s.get('/api/explore/v2.1/catalog/datasets/shapes/exports').then((r) => r.text())));
  const rels = listing.links.map((l: { rel: string }) => l.rel);
  assert.ok(rels.includes('shp') && rels.includes('fgb'), rels.join(', '));
  const swagger = JSON.parse(await s.get('/api/explore/v2.1/swagger.json').then((r) => r.text()));
  const parameters = swagger.paths['/catalog/datasets/{dataset_id}/exports/{format}'].get.parameters as { name: string; schema: { enum?: unknown[] } }[];
  assert.ok(['shp', 'fgb'].every((f) => parameters.find((p) => p.name === 'format')!.schema.enum!.includes(f)));
  assert.deepEqual(parameters.find((p) => p.name === 'epsg')!.schema.enum, [3035, 3812, 3857, 4258, 4326, 25831, 31370, 32631]);
  assert.ok(parameters.some((p) => p.name === 'use_extension'));
});
