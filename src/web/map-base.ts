// The maps' offline base layer of Belgium: regions, provinces and municipalities with NIS codes and names, from the
// TopoJSON that scripts/belgium-shapes.ts builds (source and licence in docs/map-base-layer.md).
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import type { NisLevel } from '../catalog/metadata.ts';
import type { AreaName } from './client/map-base.lib.ts';
import type { Box } from './client/map-query.lib.ts';

type AreaProperties = AreaName & { nis: string; at: [number, number] };
export type Area = Feature<Polygon | MultiPolygon, AreaProperties>;

const file = new URL('./assets/belgium.topo.json', import.meta.url).pathname;

const levelObjects: Record<NisLevel, string> = { region: 'regions', province: 'provinces', municipality: 'municipalities' };

interface Base {
  raw: Buffer;
  levels: Record<NisLevel, Area[]>;
  byCode: Record<NisLevel, Map<string, Area>>;
  boxes: Map<Area, Box>;
}

let cached: Base | null = null;

function boxOf(area: Area): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  for (const polygon of polygons) for (const [x, y] of polygon[0]) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

function load(): Base {
  const raw = readFileSync(file);
  const topology = JSON.parse(raw.toString('utf8')) as Topology;
  const levels = {} as Record<NisLevel, Area[]>;
  const byCode = {} as Record<NisLevel, Map<string, Area>>;
  const boxes = new Map<Area, Box>();
  for (const [level, name] of Object.entries(levelObjects) as [NisLevel, string][]) {
    const areas = (feature(topology, topology.objects[name]) as FeatureCollection<Polygon | MultiPolygon, AreaProperties>).features;
    levels[level] = areas;
    byCode[level] = new Map(areas.map((a) => [a.properties.nis, a]));
    for (const a of areas) boxes.set(a, boxOf(a));
  }
  return { raw, levels, byCode, boxes };
}

const base = () => (cached ??= load());

/** The TopoJSON file as served to the map script. */
export const baseLayerFile = (): Buffer => base().raw;

export const areasOf = (level: NisLevel): Area[] => base().levels[level];

/**
 * A NIS code as a record holds it (text or number, `"2000"` or `2000` for the Flemish Region) in its 5-digit form;
 * null when it is not a code at all.
 */
export function normalizeNis(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{4,5}$/.test(text) ? text.padStart(5, '0') : null;
}

export const areaByCode = (level: NisLevel, code: string): Area | undefined => base().byCode[level].get(code);

export const areaBox = (area: Area): Box => base().boxes.get(area) ?? boxOf(area);

/** The box around some areas; null when there are none. */
export function boxOfAreas(areas: Area[]): Box | null {
  if (areas.length === 0) return null;
  const boxes = areas.map(areaBox);
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
