// The import report: per field what was read and how, and every decision a person should know of or check.
import type { FieldType } from '../../odsql/fields.ts';

/** A value as the file has it, where it is, and what it was (or could be) read as. */
export interface ReportExample {
  /** The line of a CSV or XLSX file; the record's number in a JSON file (see `ImportReport.rowLabel`). */
  row: number;
  value: string;
  /** The value as read, in the order the decision names its readings. */
  readings: (string | null)[];
}

export const decisionCodes = [
  // Info: a reading chosen for a reason the report states.
  'notation', // a notation other than the plain one, e.g. 1.234,5 → 1234.5
  'unit', // a unit removed from every value and kept as the field's unit
  'thousands_by_delimiter', // 12.345 read as 12345: the file is `;`-separated
  'thousands_by_decimal_comma', // 12.345 read as 12345: other columns write decimals with a comma
  'decimal_comma_by_delimiter', // 1,234 read as 1.234: the file is `;`-separated
  'settled', // a value only one reading accepts settles the column: 13/04/2024 shows the day comes first
  'chosen', // a person chose the type (and format)
  'nearly', // nearly every value reads as one type, a few do not: kept as text, those named
  // Check: a person must look before publishing.
  'ambiguous_text', // no value settles the reading: imported as text
  'ambiguous_implied', // no value settles it: read as the file's other columns imply
  'ambiguous_first', // no value settles it: read in the portal's convention (day first)
  'doubtful', // read one way, but some values read otherwise in a notation people also use
  'unreadable', // values that do not fit the chosen type: left empty
] as const;
type DecisionCode = (typeof decisionCodes)[number];

export type Level = 'info' | 'check';

export interface Decision {
  code: DecisionCode;
  level: Level;
  /** The notations involved, as people write them: the one read first, then the other. */
  formats: string[];
  /** How many values the decision is about. */
  count: number;
  examples: ReportExample[];
}

export interface FieldReport {
  name: string;
  label: string;
  type: FieldType;
  /** The notation recognised (`1.234,5`, `dd/mm/yyyy`), where there was one to recognise. */
  format: string | null;
  unit: string | null;
  /** Non-empty values. */
  values: number;
  /** Values that could not be read as the type and are empty in the version. */
  unreadable: number;
  decisions: Decision[];
  /** Made from other columns (a lat/lon pair's point), not read from a column of its own: no type to choose. */
  derived?: boolean;
}

export interface ImportReport {
  records: number;
  rowLabel: 'line' | 'record';
  /** The CSV delimiter, where the file had one. */
  delimiter: string | null;
  fields: FieldReport[];
}

/** The decisions a person must look at before the version is published. */
export function checksOf(report: ImportReport | null): { field: string; decision: Decision }[] {
  if (!report) return [];
  return report.fields.flatMap((f) => f.decisions.filter((d) => d.level === 'check').map((decision) => ({ field: f.name, decision })));
}
