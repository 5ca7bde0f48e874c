// Distances from a point to a shape on the sphere, and the convex hull of positions.
import { locate, type Prepared } from './prepared.ts';
import type { Position } from './shape.ts';

/** The WGS84 mean radius, as for point distances. */
export const earthRadius = 6_371_008.8;
const radians = Math.PI / 180;

/** Great-circle distance in metres between two (lon, lat) positions. */
export function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h = Math.sin(((lat2 - lat1) * radians) / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(((lon2 - lon1) * radians) / 2) ** 2;
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A longitude difference brought into -180..180, so a shape across the antimeridian is measured the short way. */
const wrap = (d: number) => ((((d + 180) % 360) + 360) % 360) - 180;

/**
 * Metres from (lon, lat) to the nearest part of the shape, 0 when the point is on or in it. The nearest
 * position of each edge is found in a plane around the point (longitudes shrunk by cos(lat)), then measured
 * as a great-circle arc: exact for points and close for edges up to a few hundred kilometres long.
 */
export function distanceTo(g: Prepared, lon: number, lat: number): number {
  if (locate(g, lon, lat) !== 'outside') return 0;
  const k = Math.cos(lat * radians);
  let best = Infinity;
  for (const s of g.segments) {
    const ax = wrap(s.ax - lon) * k;
    const ay = s.ay - lat;
    const dx = wrap(s.bx - s.ax) * k;
    const dy = s.by - s.ay;
    const t = Math.min(1, Math.max(0, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, haversine(lon, lat, s.ax + t * wrap(s.bx - s.ax), s.ay + t * dy));
  }
  for (const [x, y] of g.anchors) best = Math.min(best, haversine(lon, lat, x, y));
  return best;
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The convex hull, counter-clockwise from the lowest-left position, without repeating the first (monotone chain). */
export function convexHull(positions: Position[]): Position[] {
  const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = sorted.filter((p, i) => i === 0 || p[0] !== sorted[i - 1][0] || p[1] !== sorted[i - 1][1]);
  if (unique.length < 3) return unique;
  const half = (points: Position[]) => {
    const chain: Position[] = [];
    for (const p of points) {
      while (chain.length >= 2 && cross(chain[chain.length - 2], chain[chain.length - 1], p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  return [...half(unique), ...half([...unique].reverse())];
}

/** The hull as a GeoJSON geometry: a Polygon, or a LineString or Point when the positions do not span an area. */
export function hullGeometry(positions: Position[]): object | null {
  const hull = convexHull(positions);
  if (hull.length === 0) return null;
  if (hull.length === 1) return { type: 'Point', coordinates: hull[0] };
  if (hull.length === 2) return { type: 'LineString', coordinates: hull };
  return { type: 'Polygon', coordinates: [[...hull, hull[0]]] };
}
