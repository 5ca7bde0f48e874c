// The maps' backdrop without a tile server: country outlines of Europe around Belgium, from Natural Earth (world-atlas); Belgium's own regions, provinces and municipalities lie over it (map-base.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);

/** West, south, east, north: wide enough for any Flemish or Belgian dataset and its neighbours' context. */
const outlineBounds = [-25, 34, 45, 72] as const;

/** ISO 3166-1 numeric code of Belgium, the country the outline draws a little stronger. */
export const belgiumCode = '056';

type OutlineProperties = { name: string; code: string };
export type Outline = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;

type Edge = { inside: (p: Position) => boolean; cross: (a: Position, b: Position) => Position };

const at = (a: Position, b: Position, t: number): Position => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** The four sides of the box as Sutherland–Hodgman clip edges (the box is convex, so clipping by each side in turn is exact). */
function boxEdges([w, s, e, n]: readonly number[]): Edge[] {
  return [
    { inside: (p) => p[0] >= w, cross: (a, b) => at(a, b, (w - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[0] <= e, cross: (a, b) => at(a, b, (e - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[1] >= s, cross: (a, b) => at(a, b, (s - a[1]) / (b[1] - a[1])) },
    { inside: (p) => p[1] <= n, cross: (a, b) => at(a, b, (n - a[1]) / (b[1] - a[1])) },
  ];
}

/** A closed ring cut to a box (Sutherland–Hodgman; exact for a convex box); the points, without repeating the first at the end. */
export function clipToBox(ring: Position[], box: readonly number[]): Position[] {
  let points = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  for (const edge of boxEdges(box)) {
    const next: Position[] = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      if (edge.inside(current)) {
        if (!edge.inside(previous)) next.push(edge.cross(previous, current));
        next.push(current);
      } else if (edge.inside(previous)) next.push(edge.cross(previous, current));
    }
    points = next;
    if (points.length === 0) break;
  }
  return points;
}

function clipRing(ring: Position[], box: readonly number[]): Position[] {
  // Two decimals is about 1 km, as fine as a 1:50 million source shows; points that collapse into one are dropped.
  const rounded: Position[] = [];
  for (const p of clipToBox(ring, box)) {
    const q = [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) rounded.push(q);
  }
  if (rounded.length < 3) return [];
  return [...rounded, rounded[0]];
}

function clipPolygon(rings: Position[][], box: readonly number[]): Position[][] | null {
  const outer = clipRing(rings[0], box);
  if (outer.length === 0) return null;
  return [outer, ...rings.slice(1).map((r) => clipRing(r, box)).filter((r) => r.length > 0)];
}

function build(): Outline {
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const features: Feature<Polygon | MultiPolygon, OutlineProperties>[] = [];
  for (const country of countries.features) {
    if (!country.geometry) continue;
    const polygons = country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates;
    const clipped = polygons.map((p) => clipPolygon(p, outlineBounds)).filter((p): p is Position[][] => p !== null);
    if (clipped.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { name: country.properties.name, code: String(country.id ?? '') },
      geometry: clipped.length === 1 ? { type: 'Polygon', coordinates: clipped[0] } : { type: 'MultiPolygon', coordinates: clipped },
    });
  }
  return { type: 'FeatureCollection', features };
}

let cached: Outline | null = null;

/** Built once per process from the package's TopoJSON: the same for every page and the asset file. */
export function mapOutline(): Outline {
  cached ??= build();
  return cached;
}
