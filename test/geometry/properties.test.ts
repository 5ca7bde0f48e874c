// Relations checked against what rectangles make easy to know, on small integers so touching is common.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepare } from '../../src/geometry/prepared.ts';
import { intersects, within } from '../../src/geometry/relate.ts';
import type { Position, Shape } from '../../src/geometry/shape.ts';

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const rect = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
  .map(([x0, y0, w, h]): Rect => ({ x0, y0, x1: x0 + w, y1: y0 + h }));
const ring = (r: Rect): Position[] => [[r.x0, r.y0], [r.x1, r.y0], [r.x1, r.y1], [r.x0, r.y1], [r.x0, r.y0]];
const polygon = (...rings: Rect[]): Shape => ({ points: [], lines: [], polygons: [rings.map(ring)] });

const closedOverlap = (a: Rect, b: Rect) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
const openOverlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Rect, b: Rect) => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
const strictlyInside = (a: Rect, b: Rect) => a.x0 > b.x0 && a.x1 < b.x1 && a.y0 > b.y0 && a.y1 < b.y1;

test('rectangle against rectangle: intersects when the closed boxes overlap, within when contained', () => {
  fc.assert(
    fc.property(rect, rect, (a, b) => {
      const [pa, pb] = [prepare(polygon(a)), prepare(polygon(b))];
      assert.equal(intersects(pa, pb), closedOverlap(a, b));
      assert.equal(intersects(pb, pa), closedOverlap(a, b));
      assert.equal(within(pa, pb), inside(a, b));
    }),
    { numRuns: 2000 },
  );
});

test('rectangle against a rectangle with a rectangular hole', () => {
  const holed = fc.tuple(rect, rect).filter(([outer, hole]) => strictlyInside(hole, outer));
  fc.assert(
    fc.property(rect, holed, (a, [outer, hole]) => {
      const [pa, pb] = [prepare(polygon(a)), prepare(polygon(outer, hole))];
      // The hole's edge belongs to the polygon: only the open hole is outside it.
      const inOpenHole = a.x0 > hole.x0 && a.x1 < hole.x1 && a.y0 > hole.y0 && a.y1 < hole.y1;
      assert.equal(intersects(pa, pb), closedOverlap(a, outer) && !inOpenHole, 'intersects');
      assert.equal(within(pa, pb), inside(a, outer) && !openOverlap(a, hole), 'within');
    }),
    { numRuns: 2000 },
  );
});

test('rectangle against a multipolygon of two rectangles sharing an edge: the same as their union', () => {
  const split = fc.tuple(rect, fc.integer({ min: 1, max: 7 })).filter(([r, at]) => r.x0 + at < r.x1);
  fc.assert(
    fc.property(rect, split, (a, [union, at]) => {
      const left = { ...union, x1: union.x0 + at };
      const right = { ...union, x0: union.x0 + at };
      const parts: Shape = { points: [], lines: [], polygons: [[ring(left)], [ring(right)]] };
      assert.equal(within(prepare(polygon(a)), prepare(parts)), inside(a, union), 'within');
      assert.equal(intersects(prepare(polygon(a)), prepare(parts)), closedOverlap(a, union), 'intersects');
    }),
    { numRuns: 2000 },
  );
});

test('a star-shaped polygon is within itself and intersects its own shifted copy', () => {
  const star = fc.array(fc.double({ min: 0.5, max: 5, noNaN: true }), { minLength: 3, maxLength: 24 }).map((radii) => {
    const points: Position[] = radii.map((r, i) => [4 + r * Math.cos((2 * Math.PI * i) / radii.length), 50 + r * Math.sin((2 * Math.PI * i) / radii.length)]);
    return { points: [], lines: [], polygons: [[[...points, points[0]]]] } as Shape;
  });
  fc.assert(
    fc.property(star, fc.double({ min: -0.4, max: 0.4, noNaN: true }), (shape, shift) => {
      const moved: Shape = { ...shape, polygons: shape.polygons.map((p) => p.map((r) => r.map(([x, y]): Position => [x + shift, y]))) };
      assert.ok(within(prepare(shape), prepare(shape)));
      assert.ok(intersects(prepare(shape), prepare(moved)));
    }),
    { numRuns: 500 },
  );
});
