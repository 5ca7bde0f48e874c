// How a raw text value is recognised as each field type, and turned into it: one entry per form.
import type { FieldType } from '../../odsql/fields.ts';
import type { Parser } from './parser.ts';
import { dateParsers } from './dates.ts';
import { numberParsers } from './numbers.ts';
import { guarded } from './guard.ts';


const json = (v: string, path: string) => `json_extract_string(${v}, '${path}')`;
const isJsonObject = (v: string, condition: string) =>
  `(CASE WHEN starts_with(${v}, '{') AND json_valid(${v}) THEN ${condition} ELSE false END)`;
const geometryTypes = "('Point','MultiPoint','LineString','MultiLineString','Polygon','MultiPolygon','GeometryCollection')";

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
  ...numberParsers,
  ...dateParsers,
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

/** A reading a publisher can choose for a field: a type, and where the type is written in several notations, one of them. */
export interface ReadingChoice {
  type: FieldType;
  format: string | null;
}

/** Every type a publisher may choose (a `file` field is none: it is an attachment, not text), with its notations. */
export function readingChoices(): ReadingChoice[] {
  const choices: ReadingChoice[] = [{ type: 'text', format: null }];
  for (const p of parsers) {
    if (p.format !== undefined) choices.push({ type: p.type, format: p.format });
    else if (!choices.some((c) => c.type === p.type)) choices.push({ type: p.type, format: null });
  }
  return choices;
}
