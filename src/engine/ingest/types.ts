// What a source adapter hands to type inference and the Parquet writer.
import type { Field, FieldType } from '../../odsql/fields.ts';
import type { ImportWords } from '../../errors.ts';
import type { ImportReport } from './report.ts';

/** An engine error about a source, as the line it names and why: in English (`reason`) and as words for pages. */
export interface Explained {
  line?: number;
  reason: string;
  words: ImportWords;
}

export const sourceFormats = ['csv', 'json', 'xlsx', 'geojson'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/**
 * A publisher's choice of how a field's text is read: its type and, where the type is written in several notations,
 * which one (`1.234,5`, `dd/mm/yyyy`). The import then reads every value that way and reports those that do not fit.
 */
export interface FieldReading {
  type: FieldType;
  format?: string;
}

export interface SourceColumn {
  /** The normalised field name. */
  name: string;
  /** The header as the file has it. */
  label: string;
  /** SQL over `src` yielding the raw value as VARCHAR (NULL when absent). */
  expression: string;
  /** For typed sources (JSON): SQL yielding 'VARCHAR' where the value was written as a string. */
  typeExpression?: string;
  /** Every value was stored as a number (an XLSX number cell), written plainly: no notation to read, no rival. */
  storedAsNumbers?: boolean;
}

export interface Source {
  format: SourceFormat;
  /** A SQL FROM item, aliased `src`, whose rows are the records in file order. */
  from: string;
  columns: SourceColumn[];
  /** The delimiter a person chose for the file (CSV only): `;` tells the Belgian/Dutch way of writing numbers. */
  delimiter: string | null;
  /** Lines before the first record (the header, an Excel `sep=` line): a record's line is its number plus these. */
  headerLines: number;
  /** Turns an engine error about this source into a message naming line and reason, if it can. */
  explain(error: Error): Promise<Explained | null>;
  /** Removes temporary files the adapter made. */
  cleanup(): Promise<void>;
}

export interface IngestResult {
  /** The written Parquet file, still in the blob store's temp area. */
  tempPath: string;
  /** The version's DuckDB twin (engine/tables.ts), also still in the temp area. */
  twinPath: string;
  fields: Field[];
  recordsCount: number;
  format: SourceFormat;
  /** What was read and how, and what a person should check before publishing. */
  report: ImportReport;
}
