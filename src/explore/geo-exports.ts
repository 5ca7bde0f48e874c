// Geo exports around the line formats: the FlatGeobuf stream, GeoJSON in another coordinate system, and their checks.
import type { Readable } from 'node:stream';
import type { Engine } from '../engine/duckdb.ts';
import type { OutputColumn } from '../odsql/query.ts';
import { InvalidRestParameter } from './errors.ts';
import type { ExportRun } from './export-limits.ts';
import { streamChunks } from './export-stream.ts';
import { geoJsonFeatureSql, geometryColumn, geometrySql } from './exports.ts';
import { columnTypes, fgbFeature, fgbHeader, fgbProperties, geometryTypes, type ColumnType } from './flatgeobuf.ts';
import { crsOf, projector, reprojectFeatureLine, reprojectGeometry, type Geometry } from './reproject.ts';
import type { GeoFilePlan } from './shapefile-export.ts';

/** shp and fgb are made of geometries: an export without a geo field is refused before anything is read. */
export function requireGeometry(format: string, dataset: string, columns: OutputColumn[], selected: boolean): void {
  if (geometryColumn(columns)) return;
  throw new InvalidRestParameter(
    selected
      ? `The ${format} export needs a geo_point_2d or geo_shape field, and the select of this export has none: add one to select.`
      : `The ${format} export needs a geo_point_2d or geo_shape field, and dataset "${dataset}" has none: export csv, json or xlsx instead.`,
  );
}

/** KML 2.2 and GPX 1.1 define their coordinates as WGS 84 longitude and latitude: another epsg would make an invalid file. */
export function requireWgs84(format: string, epsg: number): void {
  if (epsg === 4326) return;
  throw new InvalidRestParameter(
    `Invalid value for epsg API parameter: ${epsg} was found but ${format} files are always in WGS 84 (epsg=4326); epsg applies to geojson, shp and fgb.`,
  );
}

/** The GeoJSON frame: in another system than WGS 84 the collection names it (a GeoJSON 2008 `crs`, as GDAL reads it). */
export function geoJsonFrame(epsg: number) {
  const project = projector(epsg);
  const crs = `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${epsg}"}},`;
  return {
    head: `{"type":"FeatureCollection",${project ? crs : ''}"features":[`,
    separator: ',\n',
    tail: ']}\n',
    ...(project ? { rewrite: reprojectFeatureLine(project) } : {}),
  };
}

function fgbColumnType(column: OutputColumn): ColumnType {
  switch (column.type) {
    case 'boolean':
      return columnTypes.Bool;
    case 'int':
      return columnTypes.Long;
    case 'double':
    case 'number':
      return columnTypes.Double;
    case 'date':
    case 'datetime':
      return columnTypes.DateTime;
    case 'text':
    case 'string':
      return columnTypes.String;
    default:
      // Lists, points, shapes, JSON and files keep their structure as JSON.
      return columnTypes.Json;
  }
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

/** FlatGeobuf streamed as it is read; a first, cheap pass counts the features and finds their geometry type for the header. */
export async function flatGeobufExport(engine: Engine, plan: GeoFilePlan, options: { compressed: boolean; run: ExportRun }): Promise<Readable> {
  const geometry = geometryColumn(plan.columns);
  if (!geometry) throw new Error('flatGeobufExport needs a geometry column');
  const attributes = plan.columns.filter((c) => c !== geometry);
  const columns = attributes.map((c) => {
    const label = plan.labels.get(c.key);
    return { name: plan.useLabels ? (label ?? c.key) : c.key, type: fgbColumnType(c), ...(label && label !== c.key ? { title: label } : {}) };
  });
  const [stats] = await options.run.scan(
    engine,
    async (connection) =>
      (
        await connection.runAndReadAll(
          `SELECT count(*) AS n, list(DISTINCT json_extract_string(g, '$.type')) FILTER (WHERE g IS NOT NULL) AS types FROM (SELECT ${geometrySql(geometry)} AS g FROM (${plan.sql}))`,
          plan.params,
        )
      ).getRowObjectsJson() as { n: unknown; types: string[] | null }[],
    plan.timeZone,
  );
  const types = stats.types ?? [];
  const geometryType = geometry.type === 'geo_point_2d' ? geometryTypes.Point : types.length === 1 ? (geometryTypes[types[0]] ?? 0) : 0;
  const head = fgbHeader({ name: plan.name, geometryType, columns, featuresCount: Number(stats.n), crs: { code: plan.epsg, name: crsOf(plan.epsg).name } });
  const project = projector(plan.epsg);
  return streamChunks(
    engine,
    {
      sql: `SELECT ${geoJsonFeatureSql(plan.columns)} AS line FROM (${plan.sql})`,
      params: plan.params,
      timeZone: plan.timeZone,
      head,
      encode: (lines) =>
        concat(
          lines.map((line) => {
            const feature = JSON.parse(line) as { geometry: Geometry | null; properties: Record<string, unknown> };
            const shape = feature.geometry && project ? reprojectGeometry(feature.geometry, project) : feature.geometry;
            return fgbFeature(shape, fgbProperties(columns, attributes.map((c) => feature.properties[c.key])));
          }),
        ),
      tail: () => new Uint8Array(0),
    },
    options,
  );
}
