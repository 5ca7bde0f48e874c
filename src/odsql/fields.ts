// What ODSQL knows of a dataset: its fields (name, type, annotations) and the technical columns a version's records
// carry beside them. The catalog keeps these in its metadata; the compiler needs nothing else of it.

/** The Opendatasoft field types. */
export const fieldTypes = [
  'text',
  'int',
  'double',
  'boolean',
  'date',
  'datetime',
  'geo_point_2d',
  'geo_shape',
  'file',
  'json_blob',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** ODS annotations: each key holds a list of parameters, e.g. `{ facet: [], unit: ['EUR'] }`. */
export type Annotations = Record<string, string[]>;

/**
 * A field's label or description: one text for every language, or a text per language code (`{"nl": …, "en": …}`).
 * Stored as given, so the plain strings of older versions read unchanged; the catalog picks a language to show.
 */
export type FieldText = string | Readonly<Partial<Record<string, string>>>;

export interface Field {
  name: string;
  label: FieldText;
  type: FieldType;
  description: FieldText | null;
  annotations: Annotations;
}

/** Technical columns start with `_`, which no normalised field name can. */
export const recordIdColumn = '_recordid';
/** A shape field's bounding box (xmin, ymin, xmax, ymax), written at import for the cheap prefilter of geo queries. */
export const bboxColumn = (field: string) => `_bbox_${field}`;

/** The SQL functions the engine registers for shape geometry (engine/geometry-functions.ts); `opaal_` keeps them clear of DuckDB's own. */
export const geometrySql = {
  /** (shape GeoJSON, query GeoJSON) → boolean */
  intersects: 'opaal_geo_intersects',
  /** (shape GeoJSON, query GeoJSON) → boolean: every point of the shape in the query geometry */
  within: 'opaal_geo_within',
  /** (shape GeoJSON, lon, lat) → metres to the nearest part of the shape */
  distance: 'opaal_geo_distance',
  /** (shape GeoJSON) → the corners of its convex hull, flat: [x1, y1, x2, y2, …] */
  hullPositions: 'opaal_geo_hull_positions',
  /** (flat positions) → their convex hull as GeoJSON text */
  hull: 'opaal_geo_hull',
} as const;
