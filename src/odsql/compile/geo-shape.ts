// SQL for geo functions on geo_shape fields: a bound box test on the `_bbox_` column first, then the exact test.
import { geometrySql } from '../fields.ts';
import { earthRadius } from '../../geometry/measure.ts';
import { tolerance } from '../../geometry/prepared.ts';
import { boxOf, boxShape, toGeoJson, type Box, type Shape } from '../../geometry/shape.ts';
import type { CompileContext } from './context.ts';

/** A geo_shape field: its GeoJSON text column and the box column written beside it at import. */
export interface ShapeColumns {
  column: string;
  box: string;
}

type BoxSql = Record<keyof Box, string>;

/** The box as bound parameters, widened by the tolerance the exact test allows. */
function bound(ctx: CompileContext, box: Box): BoxSql {
  return {
    xmin: ctx.params.add(box.xmin - tolerance),
    ymin: ctx.params.add(box.ymin - tolerance),
    xmax: ctx.params.add(box.xmax + tolerance),
    ymax: ctx.params.add(box.ymax + tolerance),
  };
}

const overlaps = (b: string, q: BoxSql) => `(${b}.xmax >= ${q.xmin} AND ${b}.xmin <= ${q.xmax} AND ${b}.ymax >= ${q.ymin} AND ${b}.ymin <= ${q.ymax})`;
const inside = (b: string, q: BoxSql) => `(${b}.xmin >= ${q.xmin} AND ${b}.xmax <= ${q.xmax} AND ${b}.ymin >= ${q.ymin} AND ${b}.ymax <= ${q.ymax})`;

/**
 * The prefilter stands alone in front so DuckDB filters on it before calling the exact test, and again
 * inside CASE so the exact test never runs on rows it excludes, whatever order DuckDB evaluates in.
 * A null shape stays null, so `not intersects(…)` leaves it out as a null point is left out.
 */
function guarded(s: ShapeColumns, prefilter: string, exact: string, accept?: string): string {
  const shortcut = accept ? `WHEN ${accept} THEN TRUE ` : '';
  return `(${prefilter} AND CASE ${shortcut}WHEN ${prefilter} THEN ${exact} WHEN ${s.column} IS NULL THEN NULL ELSE FALSE END)`;
}

/** The query as a box when it is one axis-aligned rectangle (a map view, in_bbox): a shape whose box is inside is inside. */
function rectangle(query: Shape): Box | null {
  if (query.points.length > 0 || query.lines.length > 0 || query.polygons.length !== 1 || query.polygons[0].length !== 1) return null;
  const ring = query.polygons[0][0];
  const box = boxOf(query)!;
  const onCorner = ring.every(([x, y]) => (x === box.xmin || x === box.xmax) && (y === box.ymin || y === box.ymax));
  const alongAxes = ring.slice(1).every(([x, y], i) => x === ring[i][0] || y === ring[i][1]);
  return ring.length === 5 && onCorner && alongAxes ? box : null;
}

export function shapeRelation(ctx: CompileContext, s: ShapeColumns, query: Shape, relation: 'within' | 'intersects' | 'disjoint'): string {
  const box = bound(ctx, boxOf(query)!);
  const geometry = ctx.params.add(toGeoJson(query));
  const accept = rectangle(query) ? inside(s.box, box) : undefined;
  if (relation === 'within') return guarded(s, inside(s.box, box), accept ? 'TRUE' : `${geometrySql.within}(${s.column}, ${geometry})`);
  const meets = guarded(s, overlaps(s.box, box), `${geometrySql.intersects}(${s.column}, ${geometry})`, accept);
  return relation === 'intersects' ? meets : `(NOT ${meets})`;
}

/** in_bbox on a shape: the shape meets the box. */
export function shapeInBox(ctx: CompileContext, s: ShapeColumns, box: Box): string {
  return shapeRelation(ctx, s, boxShape(box), 'intersects');
}

export function shapeDistance(ctx: CompileContext, s: ShapeColumns, point: { lat: number; lon: number }): string {
  return `${geometrySql.distance}(${s.column}, ${ctx.params.add(point.lon)}, ${ctx.params.add(point.lat)})`;
}

/**
 * The box around every position within `metres` of the point. Its longitude reach is the widest a small circle
 * gets, asin(sin d / cos lat); near a pole or across the antimeridian the box spans every longitude.
 */
function reach(point: { lat: number; lon: number }, metres: number): Box {
  const angle = metres / earthRadius;
  const degrees = (angle * 180) / Math.PI;
  const ratio = Math.sin(Math.min(angle, Math.PI / 2)) / Math.cos((point.lat * Math.PI) / 180);
  const lon = angle < Math.PI / 2 && ratio < 1 ? (Math.asin(ratio) * 180) / Math.PI * 1.001 : 360;
  const wraps = point.lon - lon < -180 || point.lon + lon > 180;
  return {
    xmin: wraps ? -180 : point.lon - lon,
    xmax: wraps ? 180 : point.lon + lon,
    ymin: Math.max(-90, point.lat - degrees * 1.001),
    ymax: Math.min(90, point.lat + degrees * 1.001),
  };
}

export function shapeWithinDistance(ctx: CompileContext, s: ShapeColumns, point: { lat: number; lon: number }, metres: number): string {
  const exact = `${shapeDistance(ctx, s, point)} <= ${ctx.params.add(metres)}`;
  return guarded(s, overlaps(s.box, bound(ctx, reach(point, metres))), exact);
}

/** The bbox centre, the point geo_cluster groups a shape by (cheap, from the stored box). */
export function shapeCentre(s: ShapeColumns): { lat: string; lon: string } {
  return { lat: `((${s.box}.ymin + ${s.box}.ymax) / 2)`, lon: `((${s.box}.xmin + ${s.box}.xmax) / 2)` };
}

/** Extent of the shapes' boxes: [west, south, east, north]. */
export function shapeExtent(s: ShapeColumns): [string, string, string, string] {
  return [`min(${s.box}.xmin)`, `min(${s.box}.ymin)`, `max(${s.box}.xmax)`, `max(${s.box}.ymax)`];
}

/** The convex hull of every shape, from each shape's own hull so few positions are collected. */
export function shapeEnvelope(s: ShapeColumns): string {
  return `${geometrySql.hull}(flatten(list(${geometrySql.hullPositions}(${s.column}))))`;
}
