// GeoJSON: each Feature a record; its properties the fields, its geometry a point or shape field.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed } from '../../errors.ts';
import { openJson } from './json.ts';
import type { Source } from './types.ts';

type Position = number[];
interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

const geometryTypes = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function positions(geometry: Geometry): Position[] {
  if (geometry.type === 'GeometryCollection') return (geometry.geometries ?? []).flatMap(positions);
  const out: Position[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number') out.push(node as Position);
    else if (Array.isArray(node)) node.forEach(walk);
  };
  walk(geometry.coordinates);
  return out;
}

/** Signed area and centroid of a ring (shoelace), in degrees: good enough for a label point. */
function ringCentroid(ring: Position[]): { area: number; x: number; y: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += cross;
    x += (ring[j][0] + ring[i][0]) * cross;
    y += (ring[j][1] + ring[i][1]) * cross;
  }
  area /= 2;
  return area === 0 ? { area: 0, x: 0, y: 0 } : { area, x: x / (6 * area), y: y / (6 * area) };
}

/** A representative point for a shape: area-weighted centroid of polygons, else the mean position. */
export function representativePoint(geometry: Geometry): { lat: number; lon: number } | null {
  const polygons: Position[][][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Position[][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Position[][][])
        : [];
  let total = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    const outer = polygon[0] ? ringCentroid(polygon[0]) : { area: 0, x: 0, y: 0 };
    const weight = Math.abs(outer.area);
    total += weight;
    cx += outer.x * weight;
    cy += outer.y * weight;
  }
  if (total > 0) return { lat: cy / total, lon: cx / total };
  const all = positions(geometry);
  if (all.length === 0) return null;
  return {
    lat: all.reduce((s, p) => s + p[1], 0) / all.length,
    lon: all.reduce((s, p) => s + p[0], 0) / all.length,
  };
}

export async function openGeoJson(
  connection: DuckDBConnection,
  path: string,
  blobs: BlobStore,
  options: { displayName?: string } = {},
): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  let document: { type?: unknown; features?: unknown };
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ImportFailed(displayName, `not valid JSON (${(error as Error).message})`);
  }
  const features = document?.type === 'FeatureCollection' && Array.isArray(document.features) ? document.features : null;
  if (!features) throw new ImportFailed(displayName, 'a GeoJSON file must hold a FeatureCollection with a features array');
  if (features.length === 0) throw new ImportFailed(displayName, 'the FeatureCollection has no features');

  const allPoints = features.every((f: { geometry?: Geometry | null }) => !f?.geometry || f.geometry.type === 'Point');
  const geometryKey = allPoints ? 'geo_point_2d' : 'geo_shape';
  const lines = blobs.tempPath('.jsonl');
  const out = createWriteStream(lines);
  try {
    for (let i = 0; i < features.length; i++) {
      const feature = features[i] as { type?: unknown; properties?: unknown; geometry?: Geometry | null };
      if (feature?.type !== 'Feature') throw new ImportFailed(displayName, `feature ${i + 1} is not a GeoJSON Feature`);
      const geometry = feature.geometry ?? null;
      if (geometry !== null && !geometryTypes.has(geometry?.type)) {
        throw new ImportFailed(displayName, `feature ${i + 1} has an unknown geometry type "${String(geometry?.type)}"`);
      }
      const properties =
        feature.properties && typeof feature.properties === 'object' && !Array.isArray(feature.properties)
          ? (feature.properties as Record<string, unknown>)
          : {};
      const record: Record<string, unknown> = { ...properties, [geometryKey]: geometry };
      if (!allPoints) record.geo_point_2d = geometry ? representativePoint(geometry) : null;
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const source = await openJson(connection, lines, blobs, { displayName, format: 'geojson', lines: true });
    return {
      ...source,
      cleanup: async () => {
        await source.cleanup();
        await blobs.discard(lines);
      },
    };
  } catch (error) {
    out.destroy();
    await blobs.discard(lines);
    throw error;
  }
}
