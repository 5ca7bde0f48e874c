// Geo functions on geo_shape fields over a live server: which municipality-like shapes match, exactly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';

/*
 * The fixture, in degrees (lon lat): Alfa is the square 4–4.25 × 50–50.25 and Hotel a point inside it;
 * Echo the next square east, sharing an edge with Alfa at 4.25 and one with Bravo at 4.5; Bravo the
 * square 4.5–5 × 50–50.5 with a hole 4.625–4.875 × 50.125–50.375, and Foxtrot an enclave in that hole;
 * Charlie two squares apart (5.25–5.5 and 5.75–6 × 50–50.25); Delta a road along latitude 50.75 from
 * 4 to 6; Golf has no geometry.
 */
let s: ServerHarness;
before(async () => {
  s = await startServer();
  await s.portal.catalog.importDataset({
    datasetId: 'gemeenten',
    path: fixture('geojson/municipalities.geojson'),
    input: parseMetadataInput({ title: { nl: 'Gemeenten', en: 'Municipalities' } }),
    actor: 'test',
  });
});
after(() => s.close());

async function records(query: Record<string, string>, status = 200) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/gemeenten/records?${new URLSearchParams(query)}`);
  const body = await json(response);
  assert.equal(response.status, status, JSON.stringify(body));
  return body;
}

const names = async (where: string) =>
  (await records({ select: 'nom', where, order_by: 'nom', limit: '100' })).results.map((r: { nom: string }) => r.nom);

const box = (x0: number, y0: number, x1: number, y1: number) => `geom'POLYGON((${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}))'`;
const overAlfaAndEcho = box(4.125, 50.0625, 4.375, 50.1875);

test('intersects: overlap, a shared edge and a point on the query edge all count; a hole does not', async () => {
  assert.deepEqual(await names(`intersects(geo_shape, ${overAlfaAndEcho})`), ['Alfa', 'Echo', 'Hotel']);
  assert.deepEqual(await names("intersects(geo_shape, geom'POINT(4.25 50.125)')"), ['Alfa', 'Echo']);
  assert.deepEqual(await names("intersects(geo_shape, geom'POINT(4.65 50.15)')"), [], 'in the hole, beside the enclave');
  assert.deepEqual(await names("intersects(geo_shape, geom'POINT(4.75 50.25)')"), ['Foxtrot']);
  assert.deepEqual(await names("intersects(geo_shape, geom'POINT(4.55 50.25)')"), ['Bravo']);
  assert.deepEqual(await names("intersects(geo_shape, geom'LINESTRING(4.375 49.9, 4.375 50.9)')"), ['Delta', 'Echo']);
  assert.deepEqual(await names(`intersects(geo_shape, ${box(4.625, 50.125, 4.875, 50.375)})`), ['Bravo', 'Foxtrot'], 'exactly the hole');
  assert.deepEqual(await names(`intersects(geo_shape, ${box(5.2, 49.9, 5.6, 50.3)})`), ['Charlie'], 'one part of the multipolygon');
});

test('within: every part of the shape inside the query geometry, its boundary included', async () => {
  assert.deepEqual(await names(`within(geo_shape, ${box(3.9, 49.9, 4.5, 50.3)})`), ['Alfa', 'Echo', 'Hotel']);
  assert.deepEqual(await names(`within(geo_shape, ${box(4.5, 50, 5, 50.5)})`), ['Bravo', 'Foxtrot'], 'Echo only touches it');
  assert.deepEqual(await names(`within(geo_shape, ${box(4.625, 50.125, 4.875, 50.375)})`), ['Foxtrot']);
  assert.deepEqual(await names(`within(geo_shape, ${box(5.2, 49.9, 5.6, 50.3)})`), [], 'half a multipolygon is not within');
  const both = "geom'MULTIPOLYGON(((5.2 49.9, 5.6 49.9, 5.6 50.3, 5.2 50.3, 5.2 49.9)), ((5.7 49.9, 6.1 49.9, 6.1 50.3, 5.7 50.3, 5.7 49.9)))'";
  assert.deepEqual(await names(`within(geo_shape, ${both})`), ['Charlie']);
  const geojson = `geom'{"type":"MultiPolygon","coordinates":[[[[5.2,49.9],[5.6,49.9],[5.6,50.3],[5.2,50.3],[5.2,49.9]]],[[[5.7,49.9],[6.1,49.9],[6.1,50.3],[5.7,50.3],[5.7,49.9]]]]}'`;
  assert.deepEqual(await names(`within(geo_shape, ${geojson})`), ['Charlie']);
  assert.deepEqual(await names("within(geo_shape, geom'LINESTRING(3 50.75, 7 50.75)')"), ['Delta'], 'a line within a longer line');
});

test('disjoint and not intersects leave out the record without geometry; or can bring it back', async () => {
  const disjoint = ['Bravo', 'Charlie', 'Delta', 'Foxtrot'];
  assert.deepEqual(await names(`disjoint(geo_shape, ${overAlfaAndEcho})`), disjoint);
  assert.deepEqual(await names(`not intersects(geo_shape, ${overAlfaAndEcho})`), disjoint);
  assert.deepEqual(await names(`intersects(geo_shape, ${overAlfaAndEcho}) or nom = "Golf"`), ['Alfa', 'Echo', 'Golf', 'Hotel']);
});

test('points against lines and points: a point intersects or lies within them when it is on them', async () => {
  // The import gives each shape a representative point: Alfa's centroid and Hotel both sit at 4.125 50.125.
  const line = "geom'LINESTRING(4.125 50, 4.125 51)'";
  assert.deepEqual(await names(`intersects(geo_point_2d, ${line})`), ['Alfa', 'Hotel']);
  assert.deepEqual(await names("within(geo_point_2d, geom'MULTIPOINT(4.125 50.125, 9 9)')"), ['Alfa', 'Hotel']);
  assert.deepEqual(await names(`disjoint(geo_point_2d, ${line})`), ['Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']);
});

test('within_distance and distance measure to the nearest part of the shape', async () => {
  const point = "geom'POINT(4.375 50.875)'";
  assert.deepEqual(await names(`within_distance(geo_shape, ${point}, 20km)`), ['Delta']);
  assert.deepEqual(await names(`within_distance(geo_shape, ${point}, 45km)`), ['Bravo', 'Delta']);
  assert.deepEqual(await names("within_distance(geo_shape, geom'POINT(4.75 50.25)', 1m)"), ['Foxtrot'], 'inside is distance 0');
  const body = await records({ select: `nom, distance(geo_shape, ${point}) as d`, order_by: 'd', limit: '3' });
  assert.deepEqual(body.results.map((r: { nom: string }) => r.nom), ['Delta', 'Bravo', 'Foxtrot']);
  assert.ok(Math.abs(body.results[0].d - 13_899) < 5, `0.125° of latitude: ${body.results[0].d}`);
  const far = await records({ select: `nom, distance(geo_shape, ${point}) as d`, order_by: 'd desc', limit: '100' });
  assert.equal(far.results[0].nom, 'Charlie');
  assert.deepEqual(far.results.at(-1), { nom: 'Golf', d: null }, 'no geometry, no distance, sorted last');
});

test('in_bbox on shapes: the shape meets the box (lat, lon order)', async () => {
  assert.deepEqual(await names('in_bbox(geo_shape, 50.125, 4.4, 50.5, 4.6)'), ['Bravo', 'Echo']);
  assert.deepEqual(await names('in_bbox(geo_shape, 50.15, 4.65, 50.13, 4.63)'), [], "in Bravo's box, but in its hole");
  assert.deepEqual(await names('in_bbox(geo_shape, 49, 3, 51, 7)'), ['Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Hotel']);
});

test('bbox and envelope aggregate shapes into a GeoJSON geometry', async () => {
  const [all] = (await records({ select: 'bbox(geo_shape) as b, envelope(geo_shape) as e' })).results;
  const rectangle = [[[4, 50], [6, 50], [6, 50.75], [4, 50.75], [4, 50]]];
  assert.deepEqual(all.b, { type: 'Feature', geometry: { type: 'Polygon', coordinates: rectangle }, properties: {} });
  assert.deepEqual(all.e.geometry, { type: 'Polygon', coordinates: rectangle });
  const [west] = (await records({ select: 'bbox(geo_shape) as b, envelope(geo_shape) as e', where: `within(geo_shape, ${box(3.9, 49.9, 4.5, 50.3)})` })).results;
  assert.deepEqual(west.b.geometry.coordinates, [[[4, 50], [4.5, 50], [4.5, 50.25], [4, 50.25], [4, 50]]]);
  assert.deepEqual(west.e.geometry.coordinates, [[[4, 50], [4.5, 50], [4.5, 50.25], [4, 50.25], [4, 50]]]);
  const charlie = (await records({ select: 'envelope(geo_shape) as e', where: 'nom = "Charlie"' })).results[0].e.geometry;
  assert.deepEqual(charlie.coordinates, [[[5.25, 50], [6, 50], [6, 50.25], [5.25, 50.25], [5.25, 50]]]);
  const none = await records({ select: 'bbox(geo_shape) as b, envelope(geo_shape) as e', where: 'nom = "Golf"' });
  assert.deepEqual(none.results, [{ b: null, e: null }]);
});

test('envelope of points: the hull of the representative points, a line when they are in a row', async () => {
  const body = await records({ select: 'envelope(geo_point_2d) as e', where: 'nom in ("Alfa", "Echo")' });
  const line = body.results[0].e.geometry;
  assert.equal(line.type, 'LineString');
  assert.deepEqual(line.coordinates.flat().map((n: number) => Math.round(n * 1e6) / 1e6), [4.125, 50.125, 4.375, 50.125]);
  const grouped = await records({ select: 'what, envelope(geo_shape) as e', group_by: 'what', where: 'nom = "Hotel"' });
  assert.deepEqual(grouped.results[0].e.geometry, { type: 'Point', coordinates: [4.125, 50.125] });
});

test('geo_cluster groups shapes by the centre of their box', async () => {
  const world = await records({ select: 'count(*) as n', group_by: 'geo_cluster(geo_shape, 0) as c' });
  assert.deepEqual(world.results.map((r: { n: number }) => r.n), [7, 1], 'every shape in one cell, then the null group');
  const close = await records({ select: 'count(*) as n', group_by: 'geo_cluster(geo_shape, 8) as c', where: 'nom in ("Alfa", "Hotel", "Echo")' });
  assert.deepEqual(close.results.map((r: { n: number }) => r.n).sort(), [1, 2], 'Alfa and Hotel share a centre; Echo is a cell east');
});

test('a wrong geometry is a 400 ODSQLError that says what to fix, never a 500', async () => {
  const message = async (where: string) => {
    const body = await records({ where }, 400);
    assert.equal(body.error_code, 'ODSQLError');
    return body.message as string;
  };
  assert.match(await message("within(geo_shape, geom'POLYGON((4 50, 5 50, 5 51, 4 51))')"), /Ring 1 of the polygon is not closed: its last point \(4 51\) must repeat its first \(4 50\)/);
  assert.match(await message("intersects(geo_shape, geom'LINESTRNG(4 50, 5 51)')"), /Unknown geometry type LINESTRNG/);
  assert.match(await message("intersects(geo_shape, geom'POINT(4 50')"), /Expected "\)" at character 11 of the geometry/);
  assert.match(await message("intersects(geo_shape, geom'{\"type\":\"Polygon\",\"coordinates\":[4,50]}')"), /coordinates of a GeoJSON Polygon must be a list of rings/);
  assert.match(await message("within_distance(geo_shape, geom'LINESTRING(4 50, 5 50)', 1km)"), /Only a single point is allowed here/);
  assert.match(await message("within(geo_shape, geom'POINT(50.8 200)')"), /outside longitude ±180 and latitude ±90; write longitude first/);
  assert.match(await message("within(nom, geom'POINT(4 50)')"), /works on geo_point_2d and geo_shape fields; nom is text/);
  assert.match(await message('within(geo_shape, "POINT(4 50)")'), /Expected a geometry such as geom'POLYGON/);
});

test('random geometry literals in every shape predicate answer 200 or 400, never 500', async () => {
  const pieces = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION', 'EMPTY', '(', ')', ',', ' ', '4', '50', '-1e3', '4.5', '{', '}', '"type"', ':', '"Polygon"', '"coordinates"', '[', ']'];
  const literal = fc.oneof(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join('')), fc.string({ maxLength: 30 }));
  const calls = ['intersects(geo_shape, %)', 'within(geo_shape, %)', 'disjoint(geo_shape, %)', 'within_distance(geo_shape, %, 3km)', 'within(geo_point_2d, %)'];
  await fc.assert(
    fc.asyncProperty(literal, fc.constantFrom(...calls), async (text, call) => {
      const where = call.replace('%', `geom'${text.replace(/\\/g, '').replace(/'/g, "\\'")}'`);
      const response = await s.get(`/api/explore/v2.1/catalog/datasets/gemeenten/records?${new URLSearchParams({ where })}`);
      assert.ok(response.status === 200 || response.status === 400, `${response.status} for ${where}: ${await response.text()}`);
    }),
    { numRuns: 200 },
  );
});
