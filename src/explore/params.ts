// Parsing of the Explore API's shared query parameters, with ODS's limits and messages.
import { languageOr, type Language } from '../i18n/index.ts';
import { InvalidRestParameter } from './errors.ts';
import { supportedEpsg } from './reproject.ts';
import { isValidTimeZone } from './values.ts';

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?[0-9]+$/.test(raw.trim())) {
    throw new InvalidRestParameter(`Invalid value for ${name} API parameter: ${raw} was found but an integer is expected.`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new InvalidRestParameter(
      `Invalid value for ${name} API parameter: ${raw} was found but ${min} <= ${name} <= ${max} is expected.`,
    );
  }
  return value;
}

const odsLanguages = ['en', 'fr', 'nl', 'pt', 'it', 'ar', 'de', 'es', 'ca', 'eu', 'sv'] as const;

/** ODS pages records only within the first 10,000 (offset + limit); the table tab says so and pages within it too. */
export const recordsWindow = 10_000;

/** ODS caps records at 100 a page within the first `recordsWindow`; grouped results at 20,000. */
export function paging(query: Query, options: { maxLimit?: number; maxWindow?: number } = {}): { limit: number; offset: number } {
  const maxLimit = options.maxLimit ?? 100;
  const maxWindow = options.maxWindow ?? recordsWindow;
  let limit = integer(query, 'limit', 10, -1, maxLimit);
  if (limit === -1) limit = maxLimit;
  const offset = integer(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset + limit > maxWindow) {
    throw new InvalidRestParameter(
      `Invalid value for offset API parameter: ${offset} was found but offset + limit <= ${maxWindow} is expected.`,
    );
  }
  return { limit, offset };
}

/** The portal's languages are nl and en; other ODS languages are accepted and fall back to the default. */
export function language(query: Query, fallback: Language): Language {
  const raw = single(query, 'lang');
  if (raw === undefined || raw === '') return fallback;
  if (!(odsLanguages as readonly string[]).includes(raw)) {
    throw new InvalidRestParameter(
      `Invalid value for lang API parameter: ${raw} was found but one of ${odsLanguages.join(', ')} is expected.`,
    );
  }
  return languageOr(raw, fallback);
}

export function text(query: Query, name: string): string | undefined {
  const value = single(query, name);
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function list(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v.trim() !== '');
}

export function timezone(query: Query, isValid: (tz: string) => boolean): string {
  const raw = single(query, 'timezone');
  if (raw === undefined || raw === '') return 'UTC';
  if (!isValid(raw)) {
    throw new InvalidRestParameter(`Invalid value for timezone API parameter: ${raw} was found but a time zone such as Europe/Brussels is expected.`);
  }
  return raw;
}

export function boolean(query: Query, name: string, fallback: boolean): boolean {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!['true', 'false', '1', '0'].includes(raw.toLowerCase())) {
    throw new InvalidRestParameter(`Invalid value for ${name} API parameter: ${raw} was found but true or false is expected.`);
  }
  return raw.toLowerCase() === 'true' || raw === '1';
}

function oneOf<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T)) {
    throw new InvalidRestParameter(`Invalid value for ${name} API parameter: ${raw} was found but one of ${values.join(', ')} is expected.`);
  }
  return raw as T;
}

/** Exports: -1 (the default) is every record. */
function exportLimit(query: Query): number | null {
  const limit = integer(query, 'limit', -1, -1, Number.MAX_SAFE_INTEGER);
  return limit === -1 ? null : limit;
}

/** Geo exports: the output coordinate system, one of those bundled (4326 by default). */
function epsg(query: Query): number {
  const raw = single(query, 'epsg');
  if (raw === undefined || raw === '') return 4326;
  const code = /^\s*(?:EPSG:)?([0-9]+)\s*$/i.exec(raw)?.[1];
  if (!code || !supportedEpsg.includes(Number(code))) {
    throw new InvalidRestParameter(
      `Invalid value for epsg API parameter: ${raw} was found but one of ${supportedEpsg.join(', ')} is expected (the coordinate systems Opaal bundles).`,
    );
  }
  return Number(code);
}

/** Every export parameter, parsed once: shared ODSQL ones, then those of CSV, XLSX, Parquet, geo formats and GPX. */
export function exportParams(query: Query) {
  return {
    select: text(query, 'select'),
    where: list(query, 'where'),
    groupBy: text(query, 'group_by'),
    orderBy: text(query, 'order_by'),
    refine: list(query, 'refine'),
    exclude: list(query, 'exclude'),
    limit: exportLimit(query),
    lang: text(query, 'lang') ?? 'fr',
    timezone: timezone(query, isValidTimeZone),
    compressed: boolean(query, 'compressed', false),
    parquetCompression: oneOf(query, 'parquet_compression', ['snappy', 'zstd'] as const, 'snappy'),
    epsg: epsg(query),
    gpx: { useExtension: boolean(query, 'use_extension', true) },
    csv: {
      delimiter: oneOf(query, 'delimiter', [';', ',', '\t', '|'] as const, ';'),
      listSeparator: text(query, 'list_separator') ?? ',',
      quoteAll: boolean(query, 'quote_all', false),
      withBom: boolean(query, 'with_bom', true),
      useLabels: boolean(query, 'use_labels', false),
      decimal: oneOf(query, 'decimal', ['point', 'comma'] as const, 'point'),
    },
    // A spreadsheet is read by people: its headers are the labels unless use_labels=false (names elsewhere).
    xlsx: { useLabels: boolean(query, 'use_labels', true) },
  };
}
