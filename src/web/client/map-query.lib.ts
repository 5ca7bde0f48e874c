// The Explore API queries behind the map, shared by the page (server) and the Leaflet client so both ask the same thing.
import { localeOf } from '../../i18n/languages.ts';
import { numberFormat } from '../../i18n/number-format.ts';

/** West, south, east, north in degrees. */
export type Box = [number, number, number, number];

export interface QueryParts {
  select?: string;
  where: string[];
  groupBy?: string;
  orderBy?: string;
  limit: number;
  offset?: number;
}

export interface Cluster {
  /** Where to draw it: the centre of the records' own extent, so a single record sits exactly on its point. */
  lat: number;
  lon: number;
  count: number;
  /** The box around the cluster's records. */
  box: Box;
}

/** A field name as ODSQL reads it whatever it is called: back-quoted. */
export const odsqlName = (name: string) => `\`${name.replace(/`/g, '')}\``;

const number = (n: number) => String(Math.round(n * 1e7) / 1e7);

/** Groups wider than this, in cells per map view, are beyond what a map can show; the API allows 20,000. */
export const clusterLimit = 2000;
/** Shapes are drawn one by one, so a map shows at most this many. */
export const shapeCap = 1000;
export const shapePage = 100;
/** Rows of the cluster table under the map; the map itself shows every cluster. */
export const clusterTableRows = 200;

/** Records inside a box, as an ODSQL where clause (`in_bbox` takes two corners, lat before lon). */
export function inBox(field: string, [w, s, e, n]: Box): string {
  return `in_bbox(${odsqlName(field)}, ${number(s)}, ${number(w)}, ${number(n)}, ${number(e)})`;
}

/** Clusters of a geo_point_2d field at a web-map zoom level, optionally only inside a box; counts and extents per cell. */
export function clusterQuery(field: string, zoom: number, box?: Box): QueryParts {
  return {
    select: `count(*) as n, bbox(${odsqlName(field)}) as extent`,
    where: box ? [inBox(field, box)] : [],
    groupBy: `geo_cluster(${odsqlName(field)}, ${zoom}) as cluster`,
    orderBy: 'n desc',
    limit: clusterLimit,
  };
}

/** The number and extent of every record with a point: where the map starts. */
export function extentQuery(field: string): QueryParts {
  return { select: `count(${odsqlName(field)}) as n, bbox(${odsqlName(field)}) as extent`, where: [], limit: 1 };
}

/**
 * The records of one cluster: those in its extent, widened by a hair so that a point on the edge is
 * not lost to rounding on the way through JSON.
 */
export function clusterRecordsQuery(field: string, cluster: Cluster, limit: number): QueryParts {
  const [w, s, e, n] = cluster.box;
  const hair = 1e-7;
  return { where: [inBox(field, [w - hair, s - hair, e + hair, n + hair])], limit };
}

/** One page of records that have a shape. */
export function shapesQuery(field: string, offset: number): QueryParts {
  return { where: [`${odsqlName(field)} is not null`], limit: shapePage, offset };
}

/** The polygon `bbox()` answers (a GeoJSON Feature), as a box; null when there were no points. */
export function boxOf(extent: unknown): Box | null {
  const geometry = (extent as { geometry?: { coordinates?: number[][][] } } | null)?.geometry;
  const ring = geometry?.coordinates?.[0];
  if (!ring || ring.length < 4) return null;
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** The API's group_by rows as clusters (rows without a point are left out). */
export function parseClusters(results: Record<string, unknown>[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (const row of results) {
    const box = boxOf(row.extent);
    const count = Number(row.n);
    if (!box || !(count > 0)) continue;
    clusters.push({ lat: (box[1] + box[3]) / 2, lon: (box[0] + box[2]) / 2, count, box });
  }
  return clusters;
}

/** Query parts and the page's filter pairs as the Explore API's query string pairs. */
export function apiPairs(parts: QueryParts, filterPairs: [string, string][], lang: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (parts.select) pairs.push(['select', parts.select]);
  for (const where of parts.where) pairs.push(['where', where]);
  pairs.push(...filterPairs);
  if (parts.groupBy) pairs.push(['group_by', parts.groupBy]);
  if (parts.orderBy) pairs.push(['order_by', parts.orderBy]);
  pairs.push(['limit', String(parts.limit)]);
  if (parts.offset) pairs.push(['offset', String(parts.offset)]);
  pairs.push(['lang', lang]);
  return pairs;
}

/** `{n}`-style placeholders in a message template filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A cluster's circle grows with the logarithm of its count, so one large group does not hide the map. */
export function clusterRadius(count: number): number {
  return count <= 1 ? 7 : Math.round(10 + 3.5 * Math.log10(count));
}

/** Pixel position of a point on a 256-pixel-tile web map at a zoom level (spherical Mercator, as Leaflet and geo_cluster use). */
export function project(lon: number, lat: number, zoom: number): [number, number] {
  const size = 256 * 2 ** zoom;
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

/** Pixels kept free between two circles, so each stays a circle of its own to see and to click. */
export const clusterGap = 2;

/**
 * Clusters whose circles would overlap at a zoom level merged into one, until none overlap: geo_cluster's cells are a
 * grid, so two groups on either side of a cell border can sit a pixel apart. A merged cluster sits at its records'
 * weighted centre, with the box around both and the sum of their counts.
 */
export function separateClusters(clusters: Cluster[], zoom: number): Cluster[] {
  let current = [...clusters].sort((a, b) => b.count - a.count);
  for (let merged = true; merged; ) {
    merged = false;
    const placed: { cluster: Cluster; x: number; y: number; r: number }[] = [];
    for (const cluster of current) {
      const [x, y] = project(cluster.lon, cluster.lat, zoom);
      const r = clusterRadius(cluster.count);
      const near = placed.find((p) => Math.hypot(p.x - x, p.y - y) < p.r + r + clusterGap);
      if (!near) {
        placed.push({ cluster, x, y, r });
        continue;
      }
      merged = true;
      const a = near.cluster;
      const count = a.count + cluster.count;
      const joined: Cluster = {
        lat: (a.lat * a.count + cluster.lat * cluster.count) / count,
        lon: (a.lon * a.count + cluster.lon * cluster.count) / count,
        count,
        box: [Math.min(a.box[0], cluster.box[0]), Math.min(a.box[1], cluster.box[1]), Math.max(a.box[2], cluster.box[2]), Math.max(a.box[3], cluster.box[3])],
      };
      const [jx, jy] = project(joined.lon, joined.lat, zoom);
      Object.assign(near, { cluster: joined, x: jx, y: jy, r: clusterRadius(count) });
    }
    current = placed.map((p) => p.cluster).sort((a, b) => b.count - a.count);
  }
  return current;
}

/** A count as it fits in a circle: 12, 1.234, 12k. */
export function countText(lang: string, count: number): string {
  const options: Intl.NumberFormatOptions = count < 10_000 ? {} : { notation: 'compact', maximumFractionDigits: 0 };
  return numberFormat(localeOf(lang), options).format(count);
}
