// Planar relations, distances and hulls on tricky shapes: touching edges, holes, multipolygons, containment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGeometry } from '../../src/geometry/read.ts';
import { prepare } from '../../src/geometry/prepared.ts';
import { intersects, within } from '../../src/geometry/relate.ts';
import { convexHull, distanceTo, haversine, hullGeometry } from '../../src/geometry/measure.ts';

const g = (text: string) => prepare(readGeometry(text));
const square = (x: number, y: number, size: number) => `(${x} ${y}, ${x + size} ${y}, ${x + size} ${y + size}, ${x} ${y + size}, ${x} ${y})`;
const box = (x: number, y: number, size: number) => `POLYGON(${square(x, y, size)})`;
const ten = box(0, 0, 10);
const donut = `POLYGON(${square(0, 0, 10)}, ${square(3, 3, 4)})`;

function relations(a: string, b: string): { intersects: boolean; within: boolean } {
  return { intersects: intersects(g(a), g(b)), within: within(g(a), g(b)) };
}

test('polygons apart, overlapping, touching along an edge or at a corner', () => {
  assert.deepEqual(relations(box(20, 0, 5), ten), { intersects: false, within: false });
  assert.deepEqual(relations(box(8, 8, 5), ten), { intersects: true, within: false });
  assert.deepEqual(relations(box(10, 2, 5), ten), { intersects: true, within: false }, 'touching along an edge, from outside');
  assert.deepEqual(relations(box(10, 10, 5), ten), { intersects: true, within: false }, 'touching at a corner');
  assert.deepEqual(relations(box(10 + 1e-12, 2, 5), ten).intersects, true, 'a gap below the tolerance touches');
  assert.deepEqual(relations(box(10 + 1e-6, 2, 5), ten).intersects, false, 'a gap of 1e-6 degrees does not');
});

test('containment either way: no edge crosses, yet they intersect', () => {
  assert.deepEqual(relations(box(2, 2, 3), ten), { intersects: true, within: true });
  assert.deepEqual(relations(ten, box(2, 2, 3)), { intersects: true, within: false }, 'the shape contains the query polygon');
  assert.deepEqual(relations(ten, ten), { intersects: true, within: true }, 'a polygon is within itself');
  assert.deepEqual(relations(box(0, 0, 5), ten), { intersects: true, within: true }, 'inside, sharing two edges with the query');
});

test('holes: inside a hole is outside the polygon, the hole edge belongs to it', () => {
  assert.deepEqual(relations(box(4, 4, 2), donut), { intersects: false, within: false }, 'in the hole');
  assert.deepEqual(relations(box(3, 4, 2), donut), { intersects: true, within: false }, 'in the hole, touching its edge');
  assert.deepEqual(relations(box(2, 4, 2), donut), { intersects: true, within: false }, 'across the hole edge');
  assert.deepEqual(relations(box(1, 4, 2), donut), { intersects: true, within: true }, 'in the ring part, touching the hole edge');
  assert.deepEqual(relations(box(0.5, 0.5, 2), donut), { intersects: true, within: true }, 'in the ring part');
  assert.deepEqual(relations(box(3, 3, 4), donut), { intersects: true, within: false }, 'exactly the hole: only its edge is shared');
  assert.deepEqual(relations(box(2, 2, 6), donut), { intersects: true, within: false }, 'around the hole: the hole is inside the shape');
  assert.deepEqual(relations(donut, box(2, 2, 6)), { intersects: true, within: false });
  assert.deepEqual(relations('POINT(5 5)', donut), { intersects: false, within: false });
  assert.deepEqual(relations('POINT(3 5)', donut), { intersects: true, within: true }, 'on the hole edge');
  assert.deepEqual(relations('POINT(1 5)', donut), { intersects: true, within: true });
  assert.deepEqual(relations('LINESTRING(4 4, 6 6)', donut), { intersects: false, within: false });
  assert.deepEqual(relations('LINESTRING(1 5, 9 5)', donut), { intersects: true, within: false }, 'through the hole');
});

test('multipolygons: every part counts for intersects, every part must be in for within', () => {
  const pair = `MULTIPOLYGON((${square(0, 0, 2)}), (${square(6, 0, 2)}))`;
  assert.deepEqual(relations(pair, box(-1, -1, 4)), { intersects: true, within: false }, 'one part in');
  assert.deepEqual(relations(pair, box(-1, -1, 10)), { intersects: true, within: true }, 'both parts in');
  assert.deepEqual(relations(box(3, 0, 2), pair), { intersects: false, within: false }, 'between the parts');
  assert.deepEqual(relations(box(0.5, 0.5, 1), pair), { intersects: true, within: true }, 'within one part');
  const adjacent = `MULTIPOLYGON((${square(0, 0, 2)}), (${square(2, 0, 2)}))`;
  assert.deepEqual(relations('POLYGON((1 0.5, 3 0.5, 3 1.5, 1 1.5, 1 0.5))', adjacent).within, true, 'across the edge two parts share');
  assert.deepEqual(relations(`MULTIPOLYGON((${square(4, 4, 2)}), (${square(20, 20, 2)}))`, donut).intersects, false, 'one part in a hole, one far away');
});

test('concave query: corners inside, an edge across the notch', () => {
  const u = 'POLYGON((0 0, 10 0, 10 10, 7 10, 7 3, 3 3, 3 10, 0 10, 0 0))';
  assert.deepEqual(relations('LINESTRING(1 8, 9 8)', u), { intersects: true, within: false });
  assert.deepEqual(relations('POLYGON((1 8, 9 8, 9 9, 1 9, 1 8))', u), { intersects: true, within: false });
  assert.deepEqual(relations('POLYGON((4 5, 6 5, 6 8, 4 8, 4 5))', u), { intersects: false, within: false }, 'in the notch');
  assert.deepEqual(relations('POLYGON((1 1, 9 1, 9 2, 1 2, 1 1))', u), { intersects: true, within: true });
});

test('lines and points against lines and polygons', () => {
  assert.deepEqual(relations('LINESTRING(-5 5, 15 5)', ten), { intersects: true, within: false }, 'crossing');
  assert.deepEqual(relations('LINESTRING(0 0, 10 0)', ten), { intersects: true, within: true }, 'along the boundary counts as in');
  assert.deepEqual(relations('LINESTRING(0 0, 2 2)', 'LINESTRING(0 2, 2 0)'), { intersects: true, within: false });
  assert.deepEqual(relations('LINESTRING(0 0, 2 0)', 'LINESTRING(0 1, 2 1)'), { intersects: false, within: false });
  assert.deepEqual(relations('LINESTRING(1 0, 3 0)', 'LINESTRING(0 0, 2 0, 4 0)'), { intersects: true, within: true }, 'covered by two collinear segments');
  assert.deepEqual(relations('LINESTRING(1 0, 5 0)', 'LINESTRING(0 0, 4 0)'), { intersects: true, within: false });
  assert.deepEqual(relations('POINT(1 0)', 'LINESTRING(0 0, 2 0)'), { intersects: true, within: true });
  assert.deepEqual(relations('POINT(1 2)', 'POINT(1 2)'), { intersects: true, within: true });
  assert.deepEqual(relations(ten, 'LINESTRING(0 0, 10 0)'), { intersects: true, within: false }, 'an area is never within a line');
  assert.deepEqual(relations(ten, 'POINT(5 5)'), { intersects: true, within: false });
});

test('distance from a point to the nearest part of a shape', () => {
  assert.equal(distanceTo(g(donut), 1, 1), 0);
  assert.equal(distanceTo(g(donut), 3, 5), 0, 'on the hole edge');
  const inHole = distanceTo(g(donut), 5, 5);
  assert.ok(Math.abs(inHole - haversine(5, 5, 3, 5)) < 1, `the nearest edge of the hole: ${inHole}`);
  const south = distanceTo(g(box(4, 50, 1)), 4.5, 49);
  assert.ok(Math.abs(south - 111_195) < 5, `${south}`);
  const east = distanceTo(g(box(4, 50, 1)), 6, 50.5);
  assert.ok(Math.abs(east - haversine(6, 50.5, 5, 50.5)) < 5, `${east}`);
  const line = distanceTo(g('LINESTRING(0 0, 0 10)'), 1, 5);
  assert.ok(Math.abs(line - haversine(1, 5, 0, 5)) < 5, `${line}`);
  const across = distanceTo(g('POLYGON((179 0, 179.5 0, 179.5 1, 179 1, 179 0))'), -179.5, 0.5);
  assert.ok(Math.abs(across - haversine(-179.5, 0.5, 179.5, 0.5)) < 5, `across the antimeridian: ${across}`);
  assert.equal(Math.round(distanceTo(g('POINT(2.3522 48.8566)'), 4.8357, 45.764)), Math.round(haversine(2.3522, 48.8566, 4.8357, 45.764)));
});

test('convex hull of positions, and its geometry when they span no area', () => {
  assert.deepEqual(convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 0]]), [[0, 0], [2, 0], [2, 2], [0, 2]]);
  assert.deepEqual(hullGeometry([[0, 0], [1, 1], [2, 2], [1, 1]]), { type: 'LineString', coordinates: [[0, 0], [2, 2]] });
  assert.deepEqual(hullGeometry([[3, 4], [3, 4]]), { type: 'Point', coordinates: [3, 4] });
  assert.equal(hullGeometry([]), null);
  assert.deepEqual(hullGeometry([[0, 0], [1, 0], [0, 1]]), { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] });
});
