// The fgb export over a live server, read back with the `flatgeobuf` package: header, geometries, properties, reprojection.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generic, geojson, type HeaderMeta } from 'flatgeobuf';
import { importGeoDatasets, manyPoints } from '../helpers/geo-datasets.ts';
import { toLambert2008 } from '../helpers/geodesy.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  await importGeoDatasets(s.portal, s.env.dataDir);
});
after(() => s.close());

async function fgb(dataset: string, query: Record<string, string> = {}) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/${dataset}/exports/fgb?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200, await response.clone().text());
  const bytes = new Uint8Array(await response.arrayBuffer());
  let header: HeaderMeta | undefined;
  const features = [];
  for await (const feature of geojson.deserialize(bytes, { headerMetaFn: (h: HeaderMeta) => (header = h) })) features.push(feature);
  return { response, bytes, header: header!, features };
}

test('fgb: magic bytes, a header without index, and every record with its point and typed properties', async () => {
  const out = await fgb('cities', { order_by: 'name' });
  assert.equal(out.response.headers.get('content-type'), 'application/octet-stream');
  assert.equal(out.response.headers.get('content-disposition'), 'attachment; filename="cities.fgb"');
  assert.deepEqual([...out.bytes.subarray(0, 8)], [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]);
  assert.equal(out.header.indexNodeSize, 0);
  assert.equal(out.header.featuresCount, 10);
  assert.equal(out.header.geometryType, 1, 'Point');
  assert.deepEqual({ org: out.header.crs?.org, code: out.header.crs?.code }, { org: 'EPSG', code: 4326 });
  assert.deepEqual(
    out.header.columns!.map((c) => [c.name, generic.ColumnType[c.type]]),
    [['name', 'String'], ['country', 'String'], ['region', 'String'], ['population', 'Long'], ['area_km2', 'Double'], ['census_date', 'DateTime'], ['updated_at', 'DateTime'], ['capital', 'Bool'], ['tags', 'Json']],
  );
  assert.equal(out.header.columns![0].title, 'Name');
  assert.equal(out.features.length, 10);
  const paris = out.features.find((f) => f.properties!.name === 'Paris')!;
  assert.deepEqual(paris.geometry, { type: 'Point', coordinates: [2.3522, 48.8566] });
  assert.deepEqual(paris.properties, {
    name: 'Paris',
    country: 'FR',
    region: 'Ile-de-France',
    population: 2148000,
    area_km2: 105.4,
    census_date: '2020-01-01',
    updated_at: '2024-03-15T10:30:00+00:00',
    capital: true,
    tags: ['capital', 'tourism'],
  });
  assert.equal('tags' in out.features.find((f) => f.properties!.name === 'Nantes')!.properties!, false, 'a null value is left out');
});

test('fgb: shapes of several types under an Unknown header, reprojected to Belgian Lambert 2008', async () => {
  const out = await fgb('mixed', { where: 'volgorde > 1', order_by: 'volgorde', select: 'volgorde,geo_shape', epsg: '3812' });
  assert.equal(out.header.geometryType, 0, 'Unknown: the features differ');
  assert.equal(out.header.crs?.code, 3812);
  assert.deepEqual(out.features.map((f) => f.geometry.type), ['Polygon', 'LineString', 'MultiPolygon', 'Point']);
  assert.deepEqual(out.features.map((f) => f.properties!.volgorde), [2, 3, 4, 5]);
  const polygon = out.features[0].geometry as { coordinates: number[][][] };
  assert.equal(polygon.coordinates.length, 2, 'outer ring and hole');
  assert.equal((out.features[2].geometry as { coordinates: unknown[] }).coordinates.length, 2);
  const [x, y] = (out.features[3].geometry as { coordinates: number[] }).coordinates;
  // Brussels, 4.3517 E 50.8503 N: PROJ 9 (cs2cs EPSG:4326 EPSG:3812) gives 648798.7360 671100.4141.
  assert.ok(Math.abs(x - 648798.736) < 0.01 && Math.abs(y - 671100.4141) < 0.01, `${x} ${y}`);
  const [ex, ey] = toLambert2008(4.3517, 50.8503);
  assert.ok(Math.abs(x - ex) < 0.01 && Math.abs(y - ey) < 0.01, `independent formulas: ${ex} ${ey}`);
});

test('fgb: a record without a geometry is a feature without one, its properties kept', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/datasets/mixed/exports/fgb?where=volgorde=1&select=volgorde,gemeentenaam,geo_shape');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const read = [];
  for await (const f of generic.deserialize(bytes, {
    fromFeature: (_id, feature, header) => ({ getGeometry: undefined, getProperties: () => ({ hasGeometry: feature.geometry() !== null, ...generic.parseProperties(feature, header.columns) }) }),
  })) {
    read.push(f.getProperties!());
  }
  assert.deepEqual(read, [{ hasGeometry: false, volgorde: 1, gemeentenaam: 'Zonder vorm' }]);
});

test('fgb streams past one engine batch: every point, counted in the header', async () => {
  const out = await fgb('many', { order_by: 'n' });
  assert.equal(out.header.featuresCount, manyPoints);
  assert.equal(out.features.length, manyPoints);
  assert.deepEqual(out.features[manyPoints - 1].properties, { n: manyPoints - 1, label: `punt ${manyPoints - 1}` });
});
