// How a raw text value is recognised as each field type, and turned into it: one entry per form.
import type { Annotations, FieldType } from '../../catalog/types.ts';

export interface Parser {
  kind: string;
  type: FieldType;
  /** SQL boolean over the trimmed, non-null text `v`: does this value have this form? */
  accepts(v: string): string;
  /** SQL turning an accepted `v` into the stored value. */
  cast(v: string): string;
  /** Only where the file's delimiter leaves the comma free for decimals. */
  needsDecimalComma?: boolean;
  /** Reads numbers and booleans: a typed source's string "00123" or "10000" stays text. */
  scalar?: boolean;
  /** Annotations the form implies, e.g. a list of texts is a multivalued text field. */
  annotations?: Annotations;
}

const json = (v: string, path: string) => `json_extract_string(${v}, '${path}')`;
const isJsonObject = (v: string, condition: string) =>
  `(CASE WHEN starts_with(${v}, '{') AND json_valid(${v}) THEN ${condition} ELSE false END)`;
const geometryTypes = "('Point','MultiPoint','LineString','MultiLineString','Polygon','MultiPolygon','GeometryCollection')";
const isoDateTime =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?';
/**
 * The form's pattern, then the costlier check only where the pattern matched: DuckDB evaluates both sides of an AND
 * over the whole batch, a CASE only the rows its WHEN selects (try_strptime on every value made a datetime guess on a
 * 20,000-row sample take 275 ms; guarded, the sample pass as a whole went from ~700 ms).
 */
const guarded = (form: string, check: string) => `(CASE WHEN ${form} THEN ${check} ELSE false END)`;
const dmyDateTimeFormats = "['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y']";

/**
 * Tried in this order; a column takes the first parser that accepts every one of its values.
 * Leading zeros keep a code as text: `0412` is no int.
 */
export const parsers: Parser[] = [
  {
    kind: 'boolean',
    scalar: true,
    type: 'boolean',
    accepts: (v) => `lower(${v}) IN ('true', 'false')`,
    cast: (v) => `lower(${v}) = 'true'`,
  },
  {
    kind: 'int',
    scalar: true,
    type: 'int',
    accepts: (v) => `regexp_full_match(${v}, '[+-]?(0|[1-9][0-9]{0,17})')`,
    cast: (v) => `CAST(${v} AS BIGINT)`,
  },
  {
    kind: 'double',
    scalar: true,
    type: 'double',
    accepts: (v) =>
      `regexp_full_match(${v}, '[+-]?((0|[1-9][0-9]{0,14})(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?')`,
    cast: (v) => `CAST(${v} AS DOUBLE)`,
  },
  {
    kind: 'double_comma',
    scalar: true,
    type: 'double',
    needsDecimalComma: true,
    accepts: (v) => `regexp_full_match(${v}, '[+-]?(0|[1-9][0-9]{0,14})(,[0-9]+)?')`,
    cast: (v) => `CAST(replace(${v}, ',', '.') AS DOUBLE)`,
  },
  {
    kind: 'date_iso',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}')`, `TRY_CAST(${v} AS DATE) IS NOT NULL`),
    cast: (v) => `CAST(${v} AS DATE)`,
  },
  {
    kind: 'date_dmy',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')`, `try_strptime(${v}, '%d/%m/%Y') IS NOT NULL`),
    cast: (v) => `CAST(strptime(${v}, '%d/%m/%Y') AS DATE)`,
  },
  {
    kind: 'date_dmy_dash',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}')`, `try_strptime(${v}, '%d-%m-%Y') IS NOT NULL`),
    cast: (v) => `CAST(strptime(${v}, '%d-%m-%Y') AS DATE)`,
  },
  {
    // Dates mixed with date-times read as midnight; no offset means the portal's time zone.
    kind: 'datetime_iso',
    type: 'datetime',
    accepts: (v) => guarded(`regexp_full_match(${v}, '${isoDateTime}')`, `TRY_CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ) IS NOT NULL`),
    cast: (v) => `CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ)`,
  },
  {
    kind: 'datetime_dmy',
    type: 'datetime',
    accepts: (v) =>
      guarded(
        `regexp_full_match(${v}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?')`,
        `try_strptime(${v}, ${dmyDateTimeFormats}) IS NOT NULL`,
      ),
    cast: (v) => `CAST(strptime(${v}, ${dmyDateTimeFormats}) AS TIMESTAMPTZ)`,
  },
  {
    kind: 'point_text',
    type: 'geo_point_2d',
    accepts: (v) =>
      guarded(
        `regexp_full_match(${v}, '[+-]?[0-9]{1,2}(\\.[0-9]+)?\\s*,\\s*[+-]?[0-9]{1,3}(\\.[0-9]+)?')`,
        `abs(TRY_CAST(trim(split_part(${v}, ',', 1)) AS DOUBLE)) <= 90 AND abs(TRY_CAST(trim(split_part(${v}, ',', 2)) AS DOUBLE)) <= 180`,
      ),
    cast: (v) =>
      `struct_pack(lat := CAST(trim(split_part(${v}, ',', 1)) AS DOUBLE), lon := CAST(trim(split_part(${v}, ',', 2)) AS DOUBLE))`,
  },
  {
    kind: 'point_json',
    type: 'geo_point_2d',
    accepts: (v) =>
      isJsonObject(
        v,
        `(${json(v, '$.type')} = 'Point' OR (TRY_CAST(${json(v, '$.lat')} AS DOUBLE) IS NOT NULL AND TRY_CAST(${json(v, '$.lon')} AS DOUBLE) IS NOT NULL))`,
      ),
    cast: (v) =>
      `CASE WHEN ${json(v, '$.type')} = 'Point' ` +
      `THEN struct_pack(lat := CAST(${json(v, '$.coordinates[1]')} AS DOUBLE), lon := CAST(${json(v, '$.coordinates[0]')} AS DOUBLE)) ` +
      `ELSE struct_pack(lat := CAST(${json(v, '$.lat')} AS DOUBLE), lon := CAST(${json(v, '$.lon')} AS DOUBLE)) END`,
  },
  {
    kind: 'shape',
    type: 'geo_shape',
    accepts: (v) =>
      isJsonObject(
        v,
        `(${json(v, '$.type')} IN ${geometryTypes} OR (${json(v, '$.type')} = 'Feature' AND ${json(v, '$.geometry.type')} IN ${geometryTypes}))`,
      ),
    cast: (v) =>
      `CASE WHEN ${json(v, '$.type')} = 'Feature' THEN CAST(json_extract(${v}, '$.geometry') AS VARCHAR) ELSE CAST(json(${v}) AS VARCHAR) END`,
  },
  {
    // A JSON list of plain values is ODS's multivalued text; an empty list is no value.
    kind: 'text_list',
    type: 'text',
    annotations: { multivalued: [','] },
    accepts: (v) =>
      `(CASE WHEN starts_with(${v}, '[') AND json_valid(${v}) THEN json_type(${v}) = 'ARRAY' AND ` +
      `coalesce(list_bool_and(list_transform(json_extract(${v}, '$[*]'), x -> json_type(x) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN'))), true) ELSE false END)`,
    cast: (v) => `CASE WHEN json_array_length(${v}) = 0 THEN NULL ELSE CAST(json(${v}) AS VARCHAR[]) END`,
  },
  {
    kind: 'json',
    type: 'json_blob',
    accepts: (v) =>
      `(CASE WHEN (starts_with(${v}, '{') OR starts_with(${v}, '[')) THEN json_valid(${v}) ELSE false END)`,
    cast: (v) => `CAST(json(${v}) AS VARCHAR)`,
  },
];

export const textParser: Parser = { kind: 'text', type: 'text', accepts: () => 'true', cast: (v) => v };

export function parserFor(kind: string): Parser {
  const found = parsers.find((p) => p.kind === kind) ?? (kind === 'text' ? textParser : undefined);
  if (!found) throw new Error(`No parser ${kind}`);
  return found;
}
