// Reprojects GeoJSON geometries from WGS 84, as records hold them, to the coordinate system an export asks for.
import proj4 from 'proj4';
import { crsDefinitions, type CrsDefinition } from './crs-definitions.ts';

export type Position = number[];
export interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

export const supportedEpsg: readonly number[] = Object.keys(crsDefinitions).map(Number);

export function crsOf(epsg: number): CrsDefinition {
  const crs = crsDefinitions[epsg];
  if (!crs) throw new Error(`EPSG:${epsg} is not bundled`);
  return crs;
}

/** A function moving one WGS 84 position into `epsg`; null for 4326, where nothing moves. */
export function projector(epsg: number): ((position: Position) => Position) | null {
  if (epsg === 4326) return null;
  const converter = proj4(crsDefinitions[4326].proj4, crsOf(epsg).proj4);
  return (position) => converter.forward([position[0], position[1]]);
}

/** The same geometry with every position projected; positions keep only x and y. */
export function reprojectGeometry(geometry: Geometry, project: (position: Position) => Position): Geometry {
  const walk = (node: unknown): unknown =>
    Array.isArray(node) && typeof node[0] === 'number' ? project(node as Position) : Array.isArray(node) ? node.map(walk) : node;
  if (geometry.type === 'GeometryCollection') {
    return { type: geometry.type, geometries: (geometry.geometries ?? []).map((g) => reprojectGeometry(g, project)) };
  }
  return { type: geometry.type, coordinates: walk(geometry.coordinates) };
}

/** A GeoJSON Feature line (from the geojson export's SQL) with its geometry reprojected. */
export function reprojectFeatureLine(project: (position: Position) => Position): (line: string) => string {
  return (line) => {
    const feature = JSON.parse(line) as { geometry: Geometry | null };
    if (feature.geometry) feature.geometry = reprojectGeometry(feature.geometry, project);
    return JSON.stringify(feature);
  };
}
