// Geo exports around the line formats: GeoJSON in another coordinate system, and the checks on epsg.
import { InvalidRestParameter } from './errors.ts';
import { projector, reprojectFeatureLine } from './reproject.ts';

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
