// What the map tab reads: the geo field to draw, the records' extent, the clusters at the view's zoom, or the shapes.
import type { Audience } from '../catalog/service.ts';
import type { Dataset, Field } from '../catalog/types.ts';
import type { RecordsParams, RecordsService } from '../explore/records.ts';
import { apiPairs, boxOf, clusterQuery, extentQuery, odsqlName, parseClusters, separateClusters, shapeCap, shapePage, shapesQuery, type Box, type Cluster, type QueryParts } from './client/map-query.lib.ts';
import { nisLevels, type NisLevel } from '../catalog/metadata.ts';
import { areaByCode, boxOfAreas, normalizeNis, type Area } from './map-base.ts';
import { queryString } from './context.ts';
import { apiFilterPairs, filterWhere, type RecordFilters } from './filters.ts';
import { fitView, type View } from './map-svg.tsx';

const geoTypes = new Set(['geo_point_2d', 'geo_shape']);

export const geoFieldsOf = (dataset: Dataset): Field[] => dataset.fields.filter((f) => geoTypes.has(f.type));

/**
 * The field the map draws: the one asked for if it is a geo field, else the first shape (a shape says
 * more than the point derived from it), else the first point.
 */
export function mapField(dataset: Dataset, requested: string | undefined): Field | undefined {
  const fields = geoFieldsOf(dataset);
  return fields.find((f) => f.name === requested) ?? fields.find((f) => f.type === 'geo_shape') ?? fields[0];
}

/** A field that holds NIS codes (its `nis_code` annotation says of which level), for a dataset mapped by joining on shapes. */
export function nisFieldOf(dataset: Dataset): { field: Field; level: NisLevel } | undefined {
  for (const field of dataset.fields) {
    const level = field.annotations?.nis_code?.[0];
    if (level && (nisLevels as readonly string[]).includes(level)) return { field, level: level as NisLevel };
  }
  return undefined;
}

/** The text field that names a record best: one called like a name, else the first text field that is not a code. */
export function labelField(dataset: Dataset): Field | undefined {
  const texts = dataset.fields.filter((f) => f.type === 'text');
  return (
    texts.find((f) => /^(name|naam|title|titel|label|benaming|omschrijving)$/i.test(f.name)) ??
    texts.find((f) => /(name|naam|titel|title)/i.test(f.name)) ??
    texts.find((f) => !/(code|nummer|number|id$|^id|nr$)/i.test(f.name)) ??
    texts[0]
  );
}

export interface MapRequest {
  dataset: Dataset;
  field: Field;
  filters: RecordFilters;
  records: RecordsService;
  audience: Audience;
  lang: string;
  timezone: string;
}

function params(request: MapRequest, parts: QueryParts): RecordsParams {
  return {
    select: parts.select,
    where: [...parts.where, ...filterWhere(request.filters)],
    groupBy: parts.groupBy,
    orderBy: parts.orderBy,
    refine: request.filters.refine,
    exclude: request.filters.exclude,
    limit: parts.limit,
    offset: parts.offset ?? 0,
    lang: request.lang,
    timezone: request.timezone,
  };
}

/** The Explore API URL of a query with the page's filters: the page's JSON twin and what the client fetches. */
export function apiUrl(datasetId: string, parts: QueryParts, filters: RecordFilters, lang: string): string {
  return `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}/records${queryString(apiPairs(parts, apiFilterPairs(filters), lang))}`;
}

export interface PointMap {
  kind: 'points';
  /** Records with a point, after the filters. */
  total: number;
  extent: Box | null;
  view: View;
  clusters: Cluster[];
  query: QueryParts;
}

/** The filtered records' extent, the view fitted to it, and the clusters at that view's zoom level. */
export async function loadPoints(request: MapRequest): Promise<PointMap> {
  const { dataset, field } = request;
  const extent = await request.records.records(dataset.id, request.audience, params(request, extentQuery(field.name)));
  const row = extent.results[0] ?? {};
  const total = Number(row.n ?? 0);
  const box = total > 0 ? boxOf(row.extent) : null;
  const view = fitView(box);
  const query = clusterQuery(field.name, view.zoom);
  const grouped = total > 0 ? await request.records.records(dataset.id, request.audience, params(request, query)) : { results: [] };
  return { kind: 'points', total, extent: box, view, clusters: separateClusters(parseClusters(grouped.results), view.zoom), query };
}

export interface ShapeMap {
  kind: 'shapes';
  /** Records with a shape, after the filters; more than the cap are not drawn. */
  total: number;
  records: Record<string, unknown>[];
  extent: Box | null;
  view: View;
  query: QueryParts;
}

/** The box around every position of some GeoJSON geometries (any depth of nesting); null when there are none. */
function extentOf(geometries: unknown[]): Box | null {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (node: unknown) => {
    if (!Array.isArray(node)) return;
    if (typeof node[0] === 'number' && typeof node[1] === 'number') {
      box[0] = Math.min(box[0], node[0]);
      box[1] = Math.min(box[1], node[1]);
      box[2] = Math.max(box[2], node[0]);
      box[3] = Math.max(box[3], node[1]);
    } else node.forEach(walk);
  };
  const visit = (g: unknown): void => {
    const geometry = g as { coordinates?: unknown; geometries?: unknown[] } | null;
    if (geometry?.geometries) geometry.geometries.forEach(visit);
    else walk(geometry?.coordinates);
  };
  geometries.forEach(visit);
  return Number.isFinite(box[0]) ? box : null;
}

/** The value the API gives for a geo_shape: a Feature; its geometry. */
export const geometryOf = (value: unknown) => (value as { geometry?: unknown } | null)?.geometry ?? null;

/** The first records with a shape, a page at a time up to the cap, and the view that fits them. */
export async function loadShapes(request: MapRequest): Promise<ShapeMap> {
  const { dataset, field } = request;
  const records: Record<string, unknown>[] = [];
  let total = 0;
  for (let offset = 0; offset < shapeCap; offset += shapePage) {
    const page = await request.records.records(dataset.id, request.audience, params(request, shapesQuery(field.name, offset)));
    total = page.total_count;
    records.push(...page.results);
    if (page.results.length < shapePage || records.length >= total) break;
  }
  const extent = extentOf(records.map((r) => geometryOf(r[field.name])));
  return { kind: 'shapes', total, records, extent, view: fitView(extent), query: shapesQuery(field.name, 0) };
}

export interface AreaMap {
  kind: 'areas';
  level: NisLevel;
  /** Records after the filters, with a known code or not. */
  total: number;
  areas: { area: Area; count: number }[];
  /** Records whose code is empty or names no area of the level. */
  unknown: number;
  extent: Box | null;
  view: View;
  query: QueryParts;
}

/** Records per distinct code of a NIS-coded field: one row per code the records hold. */
const areaCountQuery = (field: string): QueryParts => ({ select: 'count(*) as n', where: [], groupBy: `${odsqlName(field)} as code`, orderBy: 'n desc', limit: 5000 });

/** The records counted per area of the field's level, joined on the NIS code; codes that name no area are counted apart. */
export async function loadAreas(request: MapRequest, level: NisLevel): Promise<AreaMap> {
  const query = areaCountQuery(request.field.name);
  const grouped = await request.records.records(request.dataset.id, request.audience, params(request, query));
  const counts = new Map<Area, number>();
  let total = 0;
  let unknown = 0;
  for (const row of grouped.results) {
    const n = Number(row.n ?? 0);
    total += n;
    const code = normalizeNis(row.code);
    const area = code ? areaByCode(level, code) : undefined;
    if (area) counts.set(area, (counts.get(area) ?? 0) + n);
    else unknown += n;
  }
  const areas = [...counts].map(([area, count]) => ({ area, count })).sort((a, b) => b.count - a.count);
  const extent = boxOfAreas(areas.map((a) => a.area));
  return { kind: 'areas', level, total, areas, unknown, extent, view: fitView(extent), query };
}
