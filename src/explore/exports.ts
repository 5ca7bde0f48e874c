// Record exports: DuckDB formats each row as CSV cells or a JSON text; export-stream.ts sends them out.
import { literal } from '../engine/sql.ts';
import type { OutputColumn } from '../odsql/query.ts';

export const exportFormats = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  json: { extension: 'json', contentType: 'application/json; charset=utf-8' },
  jsonl: { extension: 'jsonl', contentType: 'application/jsonl; charset=utf-8' },
  geojson: { extension: 'geojson', contentType: 'application/geo+json; charset=utf-8' },
  kml: { extension: 'kml', contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8' },
  gpx: { extension: 'gpx', contentType: 'application/gpx+xml; charset=utf-8' },
  turtle: { extension: 'ttl', contentType: 'text/turtle; charset=utf-8' },
  n3: { extension: 'n3', contentType: 'text/n3; charset=utf-8' },
  jsonld: { extension: 'jsonld', contentType: 'application/ld+json; charset=utf-8' },
  rdfxml: { extension: 'rdf', contentType: 'application/rdf+xml; charset=utf-8' },
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  parquet: { extension: 'parquet', contentType: 'application/vnd.apache.parquet' },
  shp: { extension: 'zip', contentType: 'application/zip' },
  // FlatGeobuf has no registered media type; the reference leaves it at octet-stream.
  fgb: { extension: 'fgb', contentType: 'application/octet-stream' },
} as const;
export type ExportFormat = keyof typeof exportFormats;

export interface CsvOptions {
  delimiter: string;
  listSeparator: string;
  quoteAll: boolean;
  withBom: boolean;
  useLabels: boolean;
  /** `comma` (an Opaal extension): doubles written `1234,5`, as Excel reads them with Belgian or Dutch settings. */
  decimal: 'point' | 'comma';
}


/** ISO 8601 with the session time zone's offset, `+01:00` rather than DuckDB's `+01`. */
function dateTimeSql(v: string): string {
  const offset = `regexp_replace(regexp_replace(strftime(${v}, '%z'), '^([+-]\\d\\d)(\\d\\d)$', '\\1:\\2'), '^([+-]\\d\\d)$', '\\1:00')`;
  return `(strftime(${v}, '%Y-%m-%dT%H:%M:%S') || ${offset})`;
}

/** Dates and date-times as text, the same in every format; null for other types. */
function temporalText(column: OutputColumn, v: string): string | null {
  if (column.type === 'date') return `strftime(${v}, '%Y-%m-%d')`;
  if (column.type === 'datetime') return dateTimeSql(v);
  return null;
}

/** Types whose text has a decimal point that `decimal=comma` makes a comma; ints have none, points and lists keep theirs. */
const fractionalTypes = new Set(['double', 'number']);

function decimalComma(column: OutputColumn, options: Partial<Pick<CsvOptions, 'decimal'>>): boolean {
  return options.decimal === 'comma' && fractionalTypes.has(column.type);
}

/** A column's value as text for CSV (and DBF), before quoting. */
export function csvValue(column: OutputColumn, v: string, options: Pick<CsvOptions, 'listSeparator'> & Partial<Pick<CsvOptions, 'decimal'>>): string {
  const temporal = temporalText(column, v);
  if (temporal) return temporal;
  if (decimalComma(column, options)) return `replace(CAST(${v} AS VARCHAR), '.', ',')`;
  switch (column.type) {
    case 'geo_point_2d':
      return `(CAST(${v}.lat AS VARCHAR) || ', ' || CAST(${v}.lon AS VARCHAR))`;
    case 'text_list':
      return `array_to_string(${v}, ${literal(options.listSeparator)})`;
    default:
      return `CAST(${v} AS VARCHAR)`;
  }
}

/** Characters the text of a number, date, date-time or boolean can hold; none of them needs quotes. */
const plainText = /[0-9A-Za-z.+:\- ]/;
const plainTypes = new Set(['int', 'double', 'number', 'date', 'datetime', 'boolean']);

/**
 * The CSV for Excel (`decimal=comma`) is meant to be opened by a spreadsheet, which runs a cell starting with one
 * of these as a formula (`=HYPERLINK(…)`, `@SUM(…)`): OWASP's "CSV injection". The API's plain CSV stays
 * byte-exact, as data (docs/compatibility.md).
 */
const formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

/** Cells a person or a file wrote: numbers, dates, booleans and points are written by the engine and stay as they are. */
function neutralised(column: OutputColumn, options: Pick<CsvOptions, 'decimal'>): boolean {
  return options.decimal === 'comma' && !plainTypes.has(column.type) && column.type !== 'geo_point_2d';
}

/** OWASP's remedy: a leading `'`, which Excel shows as text and does not run; the cell is then quoted. */
function formulaSql(text: string): string {
  const starts = formulaStarts.map((c) => `starts_with(${text}, ${literal(c)})`).join(' OR ');
  return `CASE WHEN ${starts} THEN '"''' || replace(${text}, '"', '""') || '"' END`;
}

/** A CSV cell from a value's text: quoted where it must be (or always); NULL is written as nothing. */
function csvCell(column: OutputColumn, text: string, options: CsvOptions): string {
  const quoted = `'"' || replace(${text}, '"', '""') || '"'`;
  const cell = (plain: string) => (neutralised(column, options) ? `coalesce(${formulaSql(text)}, ${plain})` : plain);
  if (options.quoteAll) return cell(quoted);
  // Skipping the four scans for columns that cannot need quotes halves the cost of a numeric column.
  const holdsDelimiter = plainText.test(options.delimiter) || (decimalComma(column, options) && options.delimiter === ',');
  if (plainTypes.has(column.type) && !holdsDelimiter) return text;
  const needsQuotes = `(contains(${text}, ${literal(options.delimiter)}) OR contains(${text}, '"') OR contains(${text}, chr(10)) OR contains(${text}, chr(13)))`;
  return cell(`CASE WHEN ${needsQuotes} THEN ${quoted} ELSE ${text} END`);
}

/**
 * The CSV rows of a query as one `line` column, each cell quoted in SQL and joined with the delimiter (NULL is
 * written as nothing). Each value becomes text once, in the inner select.
 */
export function csvRowsSql(columns: OutputColumn[], options: CsvOptions, query: string): string {
  const texts = columns.map((c, i) => `${csvValue(c, c.alias, options)} AS t${i}`);
  const cells = columns.map((c, i) => `coalesce(${csvCell(c, `t${i}`, options)}, '')`);
  return `SELECT ${cells.join(` || ${literal(options.delimiter)} || `)} AS line FROM (SELECT ${texts.join(', ')} FROM (${query}))`;
}

export function csvHeader(columns: OutputColumn[], labels: Map<string, string>, options: CsvOptions): string {
  const cell = (text: string) => {
    // Labels are written by publishers: in the CSV for Excel a header cell is neutralised like a text cell.
    if (options.decimal === 'comma' && formulaStarts.some((c) => text.startsWith(c))) return `"'${text.replace(/"/g, '""')}"`;
    return options.quoteAll || /[";\n\r]/.test(text) || text.includes(options.delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return columns.map((c) => cell(options.useLabels ? (labels.get(c.key) ?? c.key) : c.key)).join(options.delimiter);
}

/** A column's value as JSON, as the records API serialises it. */
export function jsonValue(column: OutputColumn, v: string): string {
  const temporal = temporalText(column, v);
  if (temporal) return temporal;
  switch (column.type) {
    case 'geo_point_2d':
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE struct_pack(lon := ${v}.lon, lat := ${v}.lat) END`;
    case 'geo_shape':
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE json_object('type', 'Feature', 'geometry', json(${v}), 'properties', json_object()) END`;
    case 'json_blob':
      return `json(${v})`;
    default:
      return v;
  }
}

/** One SQL expression per row: the record as JSON text, keys in column order. */
export function jsonObjectSql(columns: OutputColumn[]): string {
  const entries = columns.map((c) => `${literal(c.key)}, ${jsonValue(c, c.alias)}`);
  return `CAST(json_object(${entries.join(', ')}) AS VARCHAR)`;
}

/** The column a geo export takes its geometry from: the first shape field, else the first point. */
export function geometryColumn(columns: OutputColumn[]): OutputColumn | undefined {
  return columns.find((c) => c.type === 'geo_shape') ?? columns.find((c) => c.type === 'geo_point_2d');
}

/** The geometry column's value as GeoJSON geometry (JSON), null where the record has none. */
export function geometrySql(column: OutputColumn): string {
  return column.type === 'geo_shape'
    ? `json(${column.alias})`
    : `CASE WHEN ${column.alias} IS NULL THEN NULL ELSE json_object('type', 'Point', 'coordinates', [${column.alias}.lon, ${column.alias}.lat]) END`;
}

/** A GeoJSON Feature: geometry from the first shape field, else the first point; the rest are properties. */
export function geoJsonFeatureSql(columns: OutputColumn[]): string {
  const shape = geometryColumn(columns);
  const properties = columns.filter((c) => c !== shape);
  const geometry = shape ? geometrySql(shape) : 'NULL';
  const props = properties.map((c) => `${literal(c.key)}, ${jsonValue(c, c.alias)}`).join(', ');
  return `CAST(json_object('type', 'Feature', 'geometry', ${geometry}, 'properties', json_object(${props})) AS VARCHAR)`;
}
