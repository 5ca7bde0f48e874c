// Geometry literals in ODSQL (`geom'…'`, WKT or GeoJSON) read into shapes; a bad one is a 400 that says why.
import type { Expression } from '../ast.ts';
import { GeometryError, outOfRange, readGeometry } from '../../geometry/read.ts';
import { isEmpty, type Shape } from '../../geometry/shape.ts';
import { fail, type CompileContext } from './context.ts';

const example = "geom'POLYGON((4.3 50.8, 4.4 50.8, 4.4 50.9, 4.3 50.8))'";

export function geometryLiteral(ctx: CompileContext, e: Expression): Shape {
  if (e.kind !== 'geometry') fail(ctx, e.position, `Expected a geometry such as ${example} or geom'{"type":"Polygon",…}'.`, { code: 'geometry' });
  let shape: Shape;
  try {
    shape = readGeometry(e.value);
  } catch (error) {
    if (!(error instanceof GeometryError)) throw error;
    fail(ctx, e.position, `The geometry cannot be read: ${error.message} Write it as WKT, e.g. ${example}, or as GeoJSON.`, { code: 'geometry' });
  }
  if (isEmpty(shape)) fail(ctx, e.position, 'The geometry is empty; give at least one position.', { code: 'geometry' });
  const range = outOfRange(shape);
  if (range) fail(ctx, e.position, range, { code: 'geometry' });
  return shape;
}

/** `geom'POINT(lon lat)'` or a GeoJSON Point: longitude first, as WKT and GeoJSON write it. */
export function pointLiteral(ctx: CompileContext, e: Expression): { lat: number; lon: number } {
  if (e.kind !== 'geometry') fail(ctx, e.position, "Expected a point such as geom'POINT(4.35 50.85)'.", { code: 'geometry' });
  const shape = geometryLiteral(ctx, e);
  if (shape.points.length !== 1 || shape.lines.length > 0 || shape.polygons.length > 0) {
    fail(ctx, e.position, "Only a single point is allowed here: geom'POINT(lon lat)' or a GeoJSON Point.", { code: 'geometry' });
  }
  const [lon, lat] = shape.points[0];
  return { lat, lon };
}
