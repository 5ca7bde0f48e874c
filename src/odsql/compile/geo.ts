// Geographic functions: geo_point_2d fields ({lat, lon} doubles) in plain SQL, geo_shape fields via geo-shape.ts.
import type { Call, Expression } from '../ast.ts';
import { bboxColumn, geometrySql } from '../fields.ts';
import { earthRadius } from '../../geometry/measure.ts';
import { toGeoJson, type Shape } from '../../geometry/shape.ts';
import { quoteIdentifier, type Compiled } from '../types.ts';
import { fail, type CompileContext } from './context.ts';
import type { FunctionDefinition } from './function-definition.ts';
import { geometryLiteral, pointLiteral } from './geo-literal.ts';
import * as shapes from './geo-shape.ts';

const metres: Record<string, number> = { mm: 0.001, cm: 0.01, m: 1, km: 1000, ft: 0.3048, yd: 0.9144, mi: 1609.344 };

type GeoField = { kind: 'point'; column: string } | ({ kind: 'shape' } & shapes.ShapeColumns);

function geoField(ctx: CompileContext, call: Call, e: Expression): GeoField {
  const field = e.kind === 'field' ? ctx.schema.fields.find((f) => f.name === e.name) : undefined;
  if (!field) fail(ctx, e.position, `${call.name}() needs a geo field as its first argument.`, { code: 'arguments', name: call.name });
  const column = quoteIdentifier(field.name);
  if (field.type === 'geo_point_2d') return { kind: 'point', column };
  if (field.type === 'geo_shape') return { kind: 'shape', column, box: quoteIdentifier(bboxColumn(field.name)) };
  fail(ctx, e.position, `${call.name}() works on geo_point_2d and geo_shape fields; ${field.name} is ${field.type}.`, { code: 'arguments', name: call.name });
}

function haversine(ctx: CompileContext, column: string, point: { lat: number; lon: number }): string {
  const lat = ctx.params.add(point.lat);
  const lon = ctx.params.add(point.lon);
  return (
    `(2 * ${earthRadius} * asin(sqrt(pow(sin(radians(${column}.lat - ${lat}) / 2), 2) + ` +
    `cos(radians(${lat})) * cos(radians(${column}.lat)) * pow(sin(radians(${column}.lon - ${lon}) / 2), 2))))`
  );
}

function numberArgument(ctx: CompileContext, e: Expression): number {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.operator === '-' && e.operand.kind === 'number') return -e.operand.value;
  fail(ctx, e.position, 'Expected a number.', { code: 'wrong_type' });
}

/** Even-odd ray casting over every ring: inside an odd number of rings is inside (holes included). */
function pointInPolygons(ctx: CompileContext, column: string, rings: number[][][]): string {
  // A CASE per segment: a ring of many positions is as costly as a query of as many terms.
  ctx.cost.add(ctx.clause, 0, rings.reduce((n, ring) => n + ring.length, 0));
  const crossings = rings.flatMap((ring) =>
    ring.slice(1).map((b, i) => {
      const a = ring[i];
      const [ax, ay, bx, by] = [a[0], a[1], b[0], b[1]].map((n) => ctx.params.add(n));
      return `CASE WHEN ((${ay} > ${column}.lat) <> (${by} > ${column}.lat)) AND (${column}.lon < (${bx} - ${ax}) * (${column}.lat - ${ay}) / (${by} - ${ay}) + ${ax}) THEN 1 ELSE 0 END`;
    }),
  );
  const xs = rings.flat().map((p) => p[0]);
  const ys = rings.flat().map((p) => p[1]);
  const box = `${column}.lon BETWEEN ${ctx.params.add(Math.min(...xs))} AND ${ctx.params.add(Math.max(...xs))} AND ${column}.lat BETWEEN ${ctx.params.add(Math.min(...ys))} AND ${ctx.params.add(Math.max(...ys))}`;
  return `(${box} AND (${crossings.join(' + ')}) % 2 = 1)`;
}

/**
 * A point against a geometry. Against polygons alone, plain SQL (for a point, intersecting a polygon and lying
 * within it are the same test); against lines or points, the point goes to the exact test as GeoJSON.
 */
function pointRelation(ctx: CompileContext, column: string, query: Shape): string {
  if (query.points.length === 0 && query.lines.length === 0) return pointInPolygons(ctx, column, query.polygons.flat());
  const point = `CAST(json_object('type', 'Point', 'coordinates', [${column}.lon, ${column}.lat]) AS VARCHAR)`;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE ${geometrySql.intersects}(${point}, ${ctx.params.add(toGeoJson(query))}) END`;
}

function relation(kind: 'within' | 'intersects' | 'disjoint'): FunctionDefinition {
  return {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, `${call.name}() takes a geo field and a geometry, e.g. ${call.name}(shape, geom'POLYGON((4 50, 5 50, 5 51, 4 50))').`, { code: 'arguments', name: call.name });
      const field = geoField(ctx, call, call.args[0]);
      const query = geometryLiteral(ctx, call.args[1]);
      if (field.kind === 'shape') return { sql: shapes.shapeRelation(ctx, field, query, kind), type: 'boolean', aggregate: false };
      const inside = pointRelation(ctx, field.column, query);
      return { sql: kind === 'disjoint' ? `(${field.column} IS NOT NULL AND NOT ${inside})` : inside, type: 'boolean', aggregate: false };
    },
  };
}

/** The extent [west, south, east, north] as a GeoJSON Polygon, null when no value was seen. */
function extentPolygon(count: string, [w, s, e, n]: [string, string, string, string]): string {
  return `CASE WHEN ${count} = 0 THEN NULL ELSE CAST(json_object('type', 'Polygon', 'coordinates', [[[${w}, ${s}], [${e}, ${s}], [${e}, ${n}], [${w}, ${n}], [${w}, ${s}]]]) AS VARCHAR) END`;
}

/** The Earth's circumference: a greater distance from a point reaches no further. */
const maxDistance = 40_075_000;

function distanceArgument(ctx: CompileContext, d: Expression): number {
  const distance = d.kind === 'distance' ? d.value * metres[d.unit] : d.kind === 'number' ? d.value : NaN;
  if (!(distance >= 0)) fail(ctx, d.position, 'Expected a distance such as 500m or 10km.', { code: 'wrong_type' });
  if (distance > maxDistance) fail(ctx, d.position, `The distance is more than the Earth's circumference (${maxDistance / 1000} km), which reaches every place.`, { code: 'wrong_type' });
  return distance;
}

export const geoFunctions: Record<string, FunctionDefinition> = {
  /**
   * geo_cluster(f, zoom[, radius=40]): values grouped in square cells about `radius` pixels wide on a
   * 256-pixel web map tile at that zoom; the key is the cell's centre, a geo_point_2d. A shape falls in
   * the cell of its bbox centre.
   */
  geo_cluster: {
    clauses: ['group_by'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, 'geo_cluster() takes a geo field and a zoom level from 0 to 25.', { code: 'arguments', name: 'geo_cluster' });
      const field = geoField(ctx, call, call.args[0]);
      const zoom = numberArgument(ctx, call.args[1]);
      if (!Number.isInteger(zoom) || zoom < 0 || zoom > 25) fail(ctx, call.args[1].position, 'The zoom level is a whole number from 0 to 25.', { code: 'arguments', name: 'geo_cluster' });
      const radiusArg = call.named.find((n) => n.name === 'radius');
      const radius = radiusArg ? numberArgument(ctx, radiusArg.value) : 40;
      if (!(radius > 0 && radius <= 256)) fail(ctx, call.position, 'radius is a number of pixels above 0 and at most 256.', { code: 'arguments', name: 'geo_cluster' });
      const size = ctx.params.add((360 / 2 ** zoom) * (radius / 256));
      const at = field.kind === 'point' ? { lat: `${field.column}.lat`, lon: `${field.column}.lon` } : shapes.shapeCentre(field);
      const cell = (axis: 'lat' | 'lon', offset: number) => `(floor((${at[axis]} + ${offset}) / ${size}) + 0.5) * ${size} - ${offset}`;
      return {
        sql: `CASE WHEN ${field.kind === 'point' ? field.column : field.box} IS NULL THEN NULL ELSE struct_pack(lat := ${cell('lat', 90)}, lon := ${cell('lon', 180)}) END`,
        type: 'geo_point_2d',
        aggregate: false,
      };
    },
  },
  within: relation('within'),
  intersects: relation('intersects'),
  disjoint: relation('disjoint'),
  bbox: {
    clauses: ['select'],
    aggregate: true,
    compile(ctx, call): Compiled {
      if (call.args.length !== 1) fail(ctx, call.position, 'bbox() takes one geo field.', { code: 'arguments', name: 'bbox' });
      const field = geoField(ctx, call, call.args[0]);
      const c = field.column;
      const extent: [string, string, string, string] =
        field.kind === 'point' ? [`min(${c}.lon)`, `min(${c}.lat)`, `max(${c}.lon)`, `max(${c}.lat)`] : shapes.shapeExtent(field);
      return { sql: extentPolygon(`count(${field.kind === 'point' ? c : `${field.box}.xmin`})`, extent), type: 'geo_shape', aggregate: true };
    },
  },
  /** envelope(f): the convex hull of every value, a Polygon (a LineString or Point when they span no area). */
  envelope: {
    clauses: ['select'],
    aggregate: true,
    compile(ctx, call): Compiled {
      if (call.args.length !== 1) fail(ctx, call.position, 'envelope() takes one geo field.', { code: 'arguments', name: 'envelope' });
      const field = geoField(ctx, call, call.args[0]);
      const c = field.column;
      const sql =
        field.kind === 'point' ? `${geometrySql.hull}(flatten(list([${c}.lon, ${c}.lat]) FILTER (WHERE ${c} IS NOT NULL)))` : shapes.shapeEnvelope(field);
      return { sql, type: 'geo_shape', aggregate: true };
    },
  },
  within_distance: {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 3) fail(ctx, call.position, 'within_distance() takes a geo field, a point and a distance such as 10km.', { code: 'arguments', name: 'within_distance' });
      const field = geoField(ctx, call, call.args[0]);
      const point = pointLiteral(ctx, call.args[1]);
      const distance = distanceArgument(ctx, call.args[2]);
      const sql =
        field.kind === 'point'
          ? `(${haversine(ctx, field.column, point)} <= ${ctx.params.add(distance)})`
          : shapes.shapeWithinDistance(ctx, field, point, distance);
      return { sql, type: 'boolean', aggregate: false };
    },
  },
  in_bbox: {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 5) fail(ctx, call.position, 'in_bbox() takes a geo field and two corners: lat1, lon1, lat2, lon2.', { code: 'arguments', name: 'in_bbox' });
      const field = geoField(ctx, call, call.args[0]);
      const [lat1, lon1, lat2, lon2] = call.args.slice(1).map((a) => numberArgument(ctx, a));
      const box = { xmin: Math.min(lon1, lon2), ymin: Math.min(lat1, lat2), xmax: Math.max(lon1, lon2), ymax: Math.max(lat1, lat2) };
      if (field.kind === 'shape') return { sql: shapes.shapeInBox(ctx, field, box), type: 'boolean', aggregate: false };
      const [c, p] = [field.column, (n: number) => ctx.params.add(n)];
      return {
        sql: `(${c}.lat BETWEEN ${p(box.ymin)} AND ${p(box.ymax)} AND ${c}.lon BETWEEN ${p(box.xmin)} AND ${p(box.xmax)})`,
        type: 'boolean',
        aggregate: false,
      };
    },
  },
  distance: {
    clauses: ['select', 'order_by'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, 'distance() takes a geo field and a point.', { code: 'arguments', name: 'distance' });
      const field = geoField(ctx, call, call.args[0]);
      const point = pointLiteral(ctx, call.args[1]);
      const sql = field.kind === 'point' ? haversine(ctx, field.column, point) : shapes.shapeDistance(ctx, field, point);
      return { sql, type: 'double', aggregate: false };
    },
  },
};
