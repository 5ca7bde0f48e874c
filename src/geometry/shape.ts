// Planar geometry values (x = longitude, y = latitude), as read from WKT or GeoJSON: points, lines, polygons.

export type Position = [number, number];

/** Any geometry, flattened to its parts: a MultiPolygon is several polygons, a collection is the union. */
export interface Shape {
  points: Position[];
  lines: Position[][];
  /** Each polygon is its outer ring then its holes; every ring is closed (last position = first). */
  polygons: Position[][][];
}

export interface Box {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export function merge(shapes: Shape[]): Shape {
  return {
    points: shapes.flatMap((s) => s.points),
    lines: shapes.flatMap((s) => s.lines),
    polygons: shapes.flatMap((s) => s.polygons),
  };
}

export function positionsOf(shape: Shape): Position[] {
  return [...shape.points, ...shape.lines.flat(), ...shape.polygons.flat(2)];
}

export function isEmpty(shape: Shape): boolean {
  return shape.points.length === 0 && shape.lines.length === 0 && shape.polygons.length === 0;
}

/** The extent of a shape; null when it has no positions. */
export function boxOf(shape: Shape): Box | null {
  const all = positionsOf(shape);
  if (all.length === 0) return null;
  const box = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
  for (const [x, y] of all) {
    if (x < box.xmin) box.xmin = x;
    if (x > box.xmax) box.xmax = x;
    if (y < box.ymin) box.ymin = y;
    if (y > box.ymax) box.ymax = y;
  }
  return box;
}

/** The rectangle as a shape: one polygon, counter-clockwise. */
export function boxShape(box: Box): Shape {
  const { xmin, ymin, xmax, ymax } = box;
  return { points: [], lines: [], polygons: [[[[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax], [xmin, ymin]]]] };
}

/** GeoJSON text for a shape: the single geometry it is, else a GeometryCollection of its kinds of parts. */
export function toGeoJson(shape: Shape): string {
  const parts: object[] = [];
  if (shape.points.length === 1) parts.push({ type: 'Point', coordinates: shape.points[0] });
  else if (shape.points.length > 1) parts.push({ type: 'MultiPoint', coordinates: shape.points });
  if (shape.lines.length === 1) parts.push({ type: 'LineString', coordinates: shape.lines[0] });
  else if (shape.lines.length > 1) parts.push({ type: 'MultiLineString', coordinates: shape.lines });
  if (shape.polygons.length === 1) parts.push({ type: 'Polygon', coordinates: shape.polygons[0] });
  else if (shape.polygons.length > 1) parts.push({ type: 'MultiPolygon', coordinates: shape.polygons });
  return JSON.stringify(parts.length === 1 ? parts[0] : { type: 'GeometryCollection', geometries: parts });
}
