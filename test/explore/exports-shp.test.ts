// The shp export over a live server, read back with the `shapefile` package: geometry, attributes, types, reprojection.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { dbfFieldNames } from '../../src/explore/dbf.ts';
import { importGeoDatasets, manyPoints } from '../helpers/geo-datasets.ts';
import { toLambert72 } from '../helpers/geodesy.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  await importGeoDatasets(s.portal, s.env.dataDir);
});
after(() => s.close());

async function shp(dataset: string, query: Record<string, string> = {}) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/${dataset}/exports/shp?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200, await response.clone().text());
  const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
  const file = async (ext: string) => Buffer.from(await zip.file(`${dataset}.${ext}`)!.async('uint8array'));
  const [shpFile, shxFile, dbfFile] = [await file('shp'), await file('shx'), await file('dbf')];
  const collection = await shapefile.read(shpFile, dbfFile, { encoding: 'utf-8' });
  return { response, names: Object.keys(zip.files).sort(), shp: shpFile, shx: shxFile, dbf: dbfFile, prj: (await file('prj')).toString(), cpg: (await file('cpg')).toString(), features: collection.features };
}

test('shp is a ZIP of .shp, .shx, .dbf, .prj and .cpg, with every record, its point and its typed attributes', async () => {
  const out = await shp('cities', { order_by: 'name' });
  assert.equal(out.response.headers.get('content-type'), 'application/zip');
  assert.equal(out.response.headers.get('content-disposition'), 'attachment; filename="cities.zip"');
  assert.deepEqual(out.names, ['cities.cpg', 'cities.dbf', 'cities.prj', 'cities.shp', 'cities.shx']);
  assert.equal(out.cpg, 'UTF-8');
  assert.match(out.prj, /^GEOGCS\["GCS_WGS_1984",DATUM\["D_WGS_1984"/);
  assert.equal(out.shp.readInt32LE(32), 1, 'shape type Point');
  assert.equal(out.shx.length, 100 + 8 * 10);
  assert.equal(out.shp.readInt32BE(24) * 2, out.shp.length, 'file length in the header');
  assert.equal(out.features.length, 10);
  const paris = out.features.find((f) => f.properties!.name === 'Paris')!;
  assert.deepEqual(paris.geometry, { type: 'Point', coordinates: [2.3522, 48.8566] });
  assert.deepEqual(paris.properties, {
    name: 'Paris',
    country: 'FR',
    region: 'Ile-de-France',
    population: 2148000,
    area_km2: 105.4,
    census_dat: new Date(Date.UTC(2020, 0, 1)),
    updated_at: '2024-03-15T10:30:00+00:00',
    capital: true,
    tags: 'capital,tourism',
  });
  assert.equal(out.features.find((f) => f.properties!.name === 'Nantes')!.properties!.tags, null);
  assert.deepEqual(out.features.map((f) => f.properties!.name).slice(0, 3), ['Barcelona', 'Berlin', 'Hamburg']);
});

test('the first geometry fixes the shape type: rows of another type are left out, rows without a geometry kept', async () => {
  const out = await shp('mixed', { order_by: 'volgorde' });
  assert.equal(out.shp.readInt32LE(32), 5, 'shape type Polygon');
  // 1: no geometry (kept); 2: polygon with a hole; 3: a line (left out); 4: multipolygon; 5: a point (left out).
  assert.deepEqual(out.features.map((f) => f.properties!.volgorde), [1, 2, 4]);
  assert.equal(out.features[0].geometry, null);
  assert.deepEqual(out.features[1].geometry, {
    type: 'Polygon',
    coordinates: [
      [[5.5, 50.6], [5.5, 50.7], [5.6, 50.7], [5.6, 50.6], [5.5, 50.6]],
      [[5.52, 50.62], [5.54, 50.62], [5.54, 50.64], [5.52, 50.62]],
    ],
  });
  assert.equal(out.features[2].geometry!.type, 'MultiPolygon');
  assert.deepEqual((out.features[2].geometry as { coordinates: unknown[] }).coordinates.length, 2);
  assert.deepEqual([out.shp.readDoubleLE(36), out.shp.readDoubleLE(44), out.shp.readDoubleLE(52), out.shp.readDoubleLE(60)], [4.3, 50.6, 5.6, 50.9], 'bounding box of what was written');
});

test('DBF fields: names cut to 10 characters, UTF-8 text cut at 254 bytes on a character boundary, N, D and L types', async () => {
  const out = await shp('mixed', { order_by: 'volgorde', select: 'gemeentenaam,gemeentenummer,oppervlakte,gesticht,actief,omschrijving,geo_shape' });
  const liege = out.features[1].properties!;
  assert.deepEqual(Object.keys(liege), ['gemeentena', 'gemeentenu', 'oppervlakt', 'gesticht', 'actief', 'omschrijvi']);
  assert.equal(liege.gemeentena, 'Liège');
  assert.equal(liege.gemeentenu, '62063', 'text keeps its leading zeros');
  assert.equal(liege.oppervlakt, 69.39);
  assert.deepEqual(liege.gesticht, new Date(Date.UTC(980, 0, 1)));
  assert.equal(liege.actief, true);
  assert.equal(liege.omschrijvi, `a${'é'.repeat(126)}`);
  assert.equal(out.features[2].properties!.gemeentena, 'Zürich‑Brussel, a name with a very long text that goes on');
  assert.equal(out.features[2].properties!.actief, null);
  // Field descriptors: type and width as declared in the header.
  const descriptor = (i: number) => ({ type: String.fromCharCode(out.dbf[32 + 32 * i + 11]), width: out.dbf[32 + 32 * i + 16], decimals: out.dbf[32 + 32 * i + 17] });
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(descriptor), [
    { type: 'C', width: 60, decimals: 0 },
    { type: 'C', width: 5, decimals: 0 },
    { type: 'N', width: 6, decimals: 2 },
    { type: 'D', width: 8, decimals: 0 },
    { type: 'L', width: 1, decimals: 0 },
    { type: 'C', width: 254, decimals: 0 },
  ]);
});

test('DBF field names stay unique within 10 ASCII characters', () => {
  assert.deepEqual(dbfFieldNames(['gemeentenaam_nl', 'gemeentenaam_fr', 'GEMEENTENAAM', 'Straße nr', 'Île', '']), [
    'gemeentena',
    'gemeente_1',
    'GEMEENTE_2',
    'Stra_e_nr',
    'Ile',
    'field',
  ]);
});

test('epsg=31370 writes Belgian Lambert 72 coordinates and its .prj', async () => {
  const out = await shp('mixed', { where: 'volgorde=5', epsg: '31370' });
  assert.match(out.prj, /^PROJCS\["Belge_Lambert_1972",GEOGCS\["GCS_Belge_1972"/);
  const [x, y] = (out.features[0].geometry as { coordinates: number[] }).coordinates;
  // Brussels, 4.3517 E 50.8503 N: PROJ 9 (cs2cs EPSG:4326 EPSG:31370) gives 148799.1702 171100.1548.
  assert.ok(Math.abs(x - 148799.1702) < 0.01 && Math.abs(y - 171100.1548) < 0.01, `${x} ${y}`);
  const [ex, ey] = toLambert72(4.3517, 50.8503);
  assert.ok(Math.abs(x - ex) < 0.01 && Math.abs(y - ey) < 0.01, `independent formulas: ${ex} ${ey}`);
});

test('stitches engine batches together: every one of many points, in order', async () => {
  const out = await shp('many', { order_by: 'n' });
  assert.equal(out.features.length, manyPoints);
  assert.equal(out.shx.length, 100 + 8 * manyPoints);
  const last = out.features[manyPoints - 1];
  assert.deepEqual(last.properties, { n: manyPoints - 1, label: `punt ${manyPoints - 1}` });
  assert.deepEqual(last.geometry, { type: 'Point', coordinates: [4 + (manyPoints - 1) / 10000, 50 + (manyPoints - 1) / 10000] });
  assert.equal(out.dbf.readUInt32LE(4), manyPoints, 'record count patched into the header');
});
