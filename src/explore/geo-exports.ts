// Geo exports around the line formats: GeoJSON in another coordinate system, and the checks on epsg and geometry.
import { InvalidRestParameter } from './errors.ts';
import type { OutputColumn } from '../odsql/query.ts';
import { geometryColumn } from './exports.ts';
import { projector, reprojectFeatureLine } from './reproject.ts';

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
