// Reading geometry literals: WKT and GeoJSON into shapes, and refusals that say what to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeometryError, outOfRange, readGeometry } from '../../src/geometry/read.ts';
import { toGeoJson } from '../../src/geometry/shape.ts';

test('reads every WKT geometry type, case-insensitively, dropping z and m', () => {
  assert.deepEqual(readGeometry('POINT(4.35 50.85)'), { points: [[4.35, 50.85]], lines: [], polygons: [] });
  assert.deepEqual(readGeometry(' point z ( -1 2.5e1 7 ) '), { points: [[-1, 25]], lines: [], polygons: [] });
  assert.deepEqual(readGeometry('LINESTRING(0 0, 1 1, 2 0)').lines, [[[0, 0], [1, 1], [2, 0]]]);
  assert.deepEqual(readGeometry('POLYGON((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))').polygons[0].length, 2);
  assert.deepEqual(readGeometry('MULTIPOINT(1 2, 3 4)').points, [[1, 2], [3, 4]]);
  assert.deepEqual(readGeometry('MULTIPOINT((1 2), (3 4))').points, [[1, 2], [3, 4]]);
  assert.equal(readGeometry('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))').lines.length, 2);
  assert.equal(readGeometry('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))').polygons.length, 2);
  const collection = readGeometry('GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1), POLYGON((0 0, 1 0, 1 1, 0 0)))');
  assert.deepEqual([collection.points.length, collection.lines.length, collection.polygons.length], [1, 1, 1]);
});

test('reads GeoJSON geometries, features and feature collections', () => {
  assert.deepEqual(readGeometry('{"type":"Point","coordinates":[4,50]}').points, [[4, 50]]);
  const square = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}';
  assert.equal(readGeometry(square).polygons.length, 1);
  assert.equal(readGeometry(`{"type":"Feature","properties":{},"geometry":${square}}`).polygons.length, 1);
  const features = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":${square}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[2,2]]}}]}`;
  assert.deepEqual([readGeometry(features).polygons.length, readGeometry(features).lines.length], [1, 1]);
  assert.equal(readGeometry('{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}').polygons.length, 2);
});

test('writes a shape back as GeoJSON that reads the same', () => {
  for (const wkt of ['POINT(1 2)', 'MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))', 'GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))']) {
    const shape = readGeometry(wkt);
    assert.deepEqual(readGeometry(toGeoJson(shape)), shape, wkt);
  }
});

function refusal(text: string): string {
  try {
    readGeometry(text);
  } catch (error) {
    assert.ok(error instanceof GeometryError, `${text}: ${error}`);
    return error.message;
  }
  assert.fail(`${text} was accepted`);
}

test('refuses malformed WKT, saying what and where', () => {
  assert.match(refusal('POLYGON((0 0, 1 0, 1 1, 0 1))'), /Ring 1 of the polygon is not closed: its last point \(0 1\) must repeat its first \(0 0\)/);
  assert.match(refusal('POLYGON((0 0, 1 0, 0 0))'), /has 3 points; a ring needs at least four/);
  assert.match(refusal('LINESTRING(0 0)'), /has 1 point; a line needs at least two/);
  assert.match(refusal('POINT(1)'), /Expected a number at character 8/);
  assert.match(refusal('POINT(1 2'), /Expected "\)" at character 10/);
  assert.match(refusal('POINT(1 2) x'), /Unexpected text after the geometry at character 12/);
  assert.match(refusal('CIRCLE(1 2, 3)'), /Unknown geometry type CIRCLE; use POINT, LINESTRING, POLYGON/);
  assert.match(refusal('POINT EMPTY'), /empty geometry matches nothing/);
  assert.match(refusal(''), /Expected a geometry type/);
  assert.match(refusal('POLYGON((1 2))'), /a ring needs at least four/);
});

test('refuses malformed GeoJSON, saying what to fix', () => {
  assert.match(refusal('{"type":"Polygon","coordinates":[[0,0],[1,0]]}'), /Polygon must be a list of rings/);
  assert.match(refusal('{"type":"Point","coordinates":["4","50"]}'), /Point must be a \[lon, lat\] position of numbers/);
  assert.match(refusal('{"type":"Circle"}'), /"Circle" is not a GeoJSON geometry type/);
  assert.match(refusal('{"type":"Polygon",'), /neither WKT nor valid GeoJSON/);
  assert.match(refusal('{"type":"GeometryCollection"}'), /needs a "geometries" list/);
  assert.match(refusal('{"type":"Feature","geometry":null}'), /Expected a GeoJSON object with a "type"/);
});

test('tells when coordinates are not longitudes and latitudes', () => {
  assert.equal(outOfRange(readGeometry('POLYGON((-180 -90, 180 -90, 180 90, -180 -90))')), null);
  assert.match(outOfRange(readGeometry('POINT(50.85 200)')) ?? '', /\(50.85 200\) is outside longitude ±180 and latitude ±90; write longitude first/);
});
