// The limits every import is held to, so that no file can take the server's memory, disk or time (docs/limits.md).
import { loadConfig, type Config } from '../../config.ts';
import { ImportTooLarge } from '../../errors.ts';

export interface ImportLimits {
  /** Columns (fields) of any file: CSV and XLSX from the header, JSON from its keys. */
  columns: number;
  /** Cells of an XLSX sheet, rows × columns, empty rows in between included. */
  cells: number;
  /** Bytes of an XLSX archive once inflated. */
  uncompressedBytes: number;
  /** Strings and characters of an XLSX shared-string table, which exceljs holds in memory while the sheet is read. */
  sharedStrings: number;
  sharedStringChars: number;
}

/**
 * How deep arrays and objects may nest in JSON, JSON lines and GeoJSON. A MultiPolygon feature in a collection is eight
 * levels deep; the rest is room for properties and GeometryCollections. Deeper files are attacks on recursive readers.
 */
export const maxNesting = 32;

export function importLimitsOf(config: Config): ImportLimits {
  return {
    columns: config.maxImportColumns,
    cells: config.maxImportCells,
    uncompressedBytes: config.maxImportUncompressedBytes,
    sharedStrings: config.maxImportSharedStrings,
    sharedStringChars: config.maxImportSharedStringChars,
  };
}

/** The settings' defaults: what an import is held to when its caller names no limits (tests, tools). */
export const defaultImportLimits: ImportLimits = importLimitsOf(loadConfig({}));

/** A header wider than the limit, refused before a row is read. */
export function refuseColumns(displayName: string, columns: number, limits: ImportLimits): void {
  if (columns <= limits.columns) return;
  throw new ImportTooLarge(displayName, `the file has ${columns} columns; the most this portal imports is ${limits.columns} (MAX_IMPORT_COLUMNS)`, { code: 'too_many_columns', columns, limit: limits.columns });
}
