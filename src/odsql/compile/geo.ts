// Geographic functions over geo_point_2d fields (stored as {lat, lon} doubles): plain SQL, no extension.
import type { Call, Expression } from '../ast.ts';
import { quoteIdentifier, type Compiled } from '../types.ts';
import { fail, type CompileContext } from './context.ts';
import type { FunctionDefinition } from './functions.ts';

const earthRadius = 6_371_008.8;
const metres: Record<string, number> = { mm: 0.001, cm: 0.01, m: 1, km: 1000, ft: 0.3048, yd: 0.9144, mi: 1609.344 };

function pointField(ctx: CompileContext, call: Call, e: Expression): string {
  const field = e.kind === 'field' ? ctx.schema.fields.find((f) => f.name === e.name) : undefined;
  if (!field) fail(ctx, e.position, `${call.name}() needs a geo field as its first argument.`);
  if (field.type !== 'geo_point_2d') fail(ctx, e.position, `${call.name}() works on geo_point_2d fields; ${field.name} is ${field.type}.`);
  return quoteIdentifier(field.name);
}

/** `geom'POINT(lon lat)'` or a GeoJSON Point: longitude first, as WKT and GeoJSON write it. */
export function pointLiteral(ctx: CompileContext, e: Expression): { lat: number; lon: number } {
  if (e.kind !== 'geometry') fail(ctx, e.position, "Expected a point such as geom'POINT(4.35 50.85)'.");
  const wkt = /^\s*POINT\s*\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)\s*\)\s*$/i.exec(e.value);
  let lon: number;
  let lat: number;
  if (wkt) {
    lon = Number(wkt[1]);
    lat = Number(wkt[2]);
  } else {
    try {
      const json = JSON.parse(e.value);
      if (json?.type !== 'Point' || !Array.isArray(json.coordinates)) throw new Error();
      [lon, lat] = json.coordinates.map(Number);
    } catch {
      fail(ctx, e.position, "Only points are supported here: geom'POINT(lon lat)' or a GeoJSON Point.");
    }
  }
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) fail(ctx, e.position, 'The point is outside latitude ±90 and longitude ±180.');
  return { lat, lon };
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
  fail(ctx, e.position, 'Expected a number.');
}

/** A polygon (outer ring, holes ignored) from WKT or GeoJSON: [lon, lat] pairs. */
function polygonLiteral(ctx: CompileContext, e: Expression): number[][][] {
  if (e.kind !== 'geometry') fail(ctx, e.position, "Expected a geometry such as geom'POLYGON((4 50, 5 50, 5 51, 4 51, 4 50))'.");
  const wkt = /^\s*(MULTI)?POLYGON\s*\(([\s\S]*)\)\s*$/i.exec(e.value);
  let rings: number[][][];
  try {
    if (wkt) {
      rings = [...wkt[2].matchAll(/\(\s*([-\d.eE\s,]+?)\s*\)/g)].map((m) => m[1].split(',').map((pair) => pair.trim().split(/\s+/).map(Number)));
    } else {
      const json = JSON.parse(e.value);
      const geometry = json.type === 'Feature' ? json.geometry : json;
      rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
    }
  } catch {
    rings = [];
  }
  const valid = rings.length > 0 && rings.every((r) => r.length >= 4 && r.every((p) => p.length >= 2 && p.every(Number.isFinite)));
  if (!valid) fail(ctx, e.position, 'Expected a polygon in WKT (POLYGON((lon lat, …))) or GeoJSON, each ring closed and with at least three corners.');
  return rings;
}

/** Even-odd ray casting over every ring: inside an odd number of rings is inside (holes included). */
function pointInPolygons(ctx: CompileContext, column: string, rings: number[][][]): string {
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

function polygonPredicate(negate: boolean): FunctionDefinition {
  return {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, `${call.name}() takes a geo field and a polygon.`);
      const column = pointField(ctx, call, call.args[0]);
      const inside = pointInPolygons(ctx, column, polygonLiteral(ctx, call.args[1]));
      return { sql: negate ? `(${column} IS NOT NULL AND NOT ${inside})` : inside, type: 'boolean', aggregate: false };
    },
  };
}

export const geoFunctions: Record<string, FunctionDefinition> = {
  /**
   * geo_cluster(f, zoom[, radius=40]): points grouped in square cells about `radius` pixels wide on a
   * 256-pixel web map tile at that zoom; the key is the cell's centre, a geo_point_2d.
   */
  geo_cluster: {
    clauses: ['group_by'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, 'geo_cluster() takes a geo field and a zoom level from 0 to 25.');
      const column = pointField(ctx, call, call.args[0]);
      const zoom = numberArgument(ctx, call.args[1]);
      if (!Number.isInteger(zoom) || zoom < 0 || zoom > 25) fail(ctx, call.args[1].position, 'The zoom level is a whole number from 0 to 25.');
      const radiusArg = call.named.find((n) => n.name === 'radius');
      const radius = radiusArg ? numberArgument(ctx, radiusArg.value) : 40;
      if (!(radius > 0 && radius <= 256)) fail(ctx, call.position, 'radius is a number of pixels above 0 and at most 256.');
      const size = ctx.params.add((360 / 2 ** zoom) * (radius / 256));
      const cell = (axis: 'lat' | 'lon', offset: number) => `(floor((${column}.${axis} + ${offset}) / ${size}) + 0.5) * ${size} - ${offset}`;
      return {
        sql: `CASE WHEN ${column} IS NULL THEN NULL ELSE struct_pack(lat := ${cell('lat', 90)}, lon := ${cell('lon', 180)}) END`,
        type: 'geo_point_2d',
        aggregate: false,
      };
    },
  },
  // For points, intersecting a polygon and lying within it are the same test.
  within: polygonPredicate(false),
  intersects: polygonPredicate(false),
  disjoint: polygonPredicate(true),
  bbox: {
    clauses: ['select'],
    aggregate: true,
    compile(ctx, call): Compiled {
      if (call.args.length !== 1) fail(ctx, call.position, 'bbox() takes one geo field.');
      const c = pointField(ctx, call, call.args[0]);
      const [w, s, e, n] = [`min(${c}.lon)`, `min(${c}.lat)`, `max(${c}.lon)`, `max(${c}.lat)`];
      return {
        sql: `CASE WHEN count(${c}) = 0 THEN NULL ELSE CAST(json_object('type', 'Polygon', 'coordinates', [[[${w}, ${s}], [${e}, ${s}], [${e}, ${n}], [${w}, ${n}], [${w}, ${s}]]]) AS VARCHAR) END`,
        type: 'geo_shape',
        aggregate: true,
      };
    },
  },
  within_distance: {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 3) fail(ctx, call.position, 'within_distance() takes a geo field, a point and a distance such as 10km.');
      const column = pointField(ctx, call, call.args[0]);
      const point = pointLiteral(ctx, call.args[1]);
      const d = call.args[2];
      const distance = d.kind === 'distance' ? d.value * metres[d.unit] : d.kind === 'number' ? d.value : NaN;
      if (!(distance >= 0)) fail(ctx, d.position, 'Expected a distance such as 500m or 10km.');
      return { sql: `(${haversine(ctx, column, point)} <= ${ctx.params.add(distance)})`, type: 'boolean', aggregate: false };
    },
  },
  in_bbox: {
    clauses: ['where'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 5) fail(ctx, call.position, 'in_bbox() takes a geo field and two corners: lat1, lon1, lat2, lon2.');
      const column = pointField(ctx, call, call.args[0]);
      const [lat1, lon1, lat2, lon2] = call.args.slice(1).map((a) => numberArgument(ctx, a));
      const p = (n: number) => ctx.params.add(n);
      return {
        sql: `(${column}.lat BETWEEN ${p(Math.min(lat1, lat2))} AND ${p(Math.max(lat1, lat2))} AND ${column}.lon BETWEEN ${p(Math.min(lon1, lon2))} AND ${p(Math.max(lon1, lon2))})`,
        type: 'boolean',
        aggregate: false,
      };
    },
  },
  distance: {
    clauses: ['select', 'order_by'],
    compile(ctx, call): Compiled {
      if (call.args.length !== 2) fail(ctx, call.position, 'distance() takes a geo field and a point.');
      const column = pointField(ctx, call, call.args[0]);
      return { sql: haversine(ctx, column, pointLiteral(ctx, call.args[1])), type: 'double', aggregate: false };
    },
  },
};
