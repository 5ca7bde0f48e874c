// GeoJSON: each Feature a record; its properties the fields, its geometry a point or shape field.
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed } from '../../errors.ts';
import { GeometryError, outOfRange, readGeoJson } from '../../geometry/read.ts';
import { featureTexts } from './json-scan.ts';
import type { ImportLimits } from './limits.ts';
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
function representativePoint(geometry: Geometry): { lat: number; lon: number } | null {
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

/** A feature's geometry checked by the rules of ODSQL's geometry literals: numbers only, closed rings, in range. */
function checkGeometry(geometry: Geometry, displayName: string, feature: number): void {
  let shape;
  try {
    shape = readGeoJson(geometry);
  } catch (error) {
    if (!(error instanceof GeometryError)) throw error;
    throw new ImportFailed(displayName, `feature ${feature}: ${error.message}`, { code: 'bad_geometry', feature });
  }
  const range = outOfRange(shape);
  if (range) throw new ImportFailed(displayName, `feature ${feature}: ${range}`, { code: 'bad_geometry', feature });
}

interface Feature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

/** Each feature of the collection, parsed one at a time and checked. */
async function* readFeatures(path: string, displayName: string): AsyncGenerator<Feature> {
  let n = 0;
  for await (const text of featureTexts(path, displayName)) {
    n++;
    let feature: { type?: unknown; properties?: unknown; geometry?: Geometry | null };
    try {
      feature = JSON.parse(text.toString('utf8'));
    } catch (error) {
      throw new ImportFailed(displayName, `feature ${n} is not valid JSON (${(error as Error).message})`, { code: 'not_json' });
    }
    if (feature?.type !== 'Feature') throw new ImportFailed(displayName, `feature ${n} is not a GeoJSON Feature`, { code: 'not_feature', feature: n });
    const geometry = feature.geometry ?? null;
    if (geometry !== null && !geometryTypes.has(geometry?.type)) {
      throw new ImportFailed(displayName, `feature ${n} has an unknown geometry type "${String(geometry?.type)}"`, { code: 'geometry_type', feature: n, type: String(geometry?.type) });
    }
    if (geometry !== null) checkGeometry(geometry, displayName, n);
    const properties =
      feature.properties && typeof feature.properties === 'object' && !Array.isArray(feature.properties)
        ? (feature.properties as Record<string, unknown>)
        : {};
    yield { properties, geometry };
  }
}

/**
 * The collection is read twice, a feature at a time: once to check every feature and learn whether all are points
 * (then the geometry is a geo_point_2d field, else a geo_shape with a representative point), once to write the records.
 */
export async function openGeoJson(
  connection: DuckDBConnection,
  path: string,
  blobs: BlobStore,
  options: { displayName?: string; limits?: ImportLimits } = {},
): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  let count = 0;
  let allPoints = true;
  for await (const { geometry } of readFeatures(path, displayName)) {
    count++;
    if (geometry && geometry.type !== 'Point') allPoints = false;
  }
  if (count === 0) throw new ImportFailed(displayName, 'the FeatureCollection has no features', { code: 'no_features' });

  const geometryKey = allPoints ? 'geo_point_2d' : 'geo_shape';
  const lines = blobs.tempPath('.jsonl');
  const out = createWriteStream(lines);
  try {
    for await (const { properties, geometry } of readFeatures(path, displayName)) {
      const record: Record<string, unknown> = { ...properties, [geometryKey]: geometry };
      if (!allPoints) record.geo_point_2d = geometry ? representativePoint(geometry) : null;
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const source = await openJson(connection, lines, blobs, { displayName, format: 'geojson', lines: true, limits: options.limits });
    return {
      ...source,
      cleanup: async () => {
        await source.cleanup();
        await blobs.discard(lines);
      },
    };
  } catch (error) {
    // A write still on its way fails once the stream is destroyed: the refusal is the news, not that.
    out.on('error', () => undefined);
    out.destroy();
    await blobs.discard(lines);
    throw error;
  }
}
