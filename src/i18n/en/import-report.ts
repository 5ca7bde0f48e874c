// English: the import report, one sentence per decision, on the review page and from `opaal import`.
import type { Formats, importReport as nl, ReportExample } from '../nl/import-report.ts';

const as = (e: ReportExample, k = 0) => e.readings[k] ?? '—';

export const importReport: typeof nl = {
  title: 'Import report',
  intro: 'What the import read and decided, field by field. Points to check must be looked at before you publish.',
  none: 'This version was imported before Opaal kept import reports.',
  field: 'Field',
  type: 'Type',
  format: 'Notation',
  values: 'Values',
  unreadable: 'Unreadable',
  notes: 'Decisions',
  check: 'Check',
  info: 'For information',
  checksTitle: { one: (n) => `${n} point to check`, other: (n) => `${n} points to check` },
  checksIntro: 'Nothing in the file decided how to read these values. Choose the field’s type and notation below, or confirm when publishing that you looked at them.',
  place: { line: (row: number) => `line ${row}`, record: (row: number) => `record ${row}` },
  records: { one: (n) => `${n} record`, other: (n) => `${n} records` },
  delimiter: (d: string) => `delimiter ${d === '\t' ? 'tab' : `“${d}”`}`,
  failureAt: (file: string, line: number | undefined) => (line === undefined ? file : `${file}, line ${line}`),
  failures: {
    unknown_format: (p: { extension: string; supported: string }) => `The format “${p.extension}” is unknown; this portal imports ${p.supported}.`,
    xls: () => 'XLS files (Excel 97-2003) are not read; save the sheet as XLSX or CSV.',
    not_xlsx: () => 'This is not a readable XLSX workbook.',
    unreadable: () => 'The file does not exist or cannot be read.',
    empty: () => 'The file is empty.',
    too_big: (p: { bytes: number; limit: number }, f: Formats) => `The file is ${f.bytes(p.bytes)}; the largest this portal accepts is ${f.bytes(p.limit)}.`,
    no_records: () => 'The file has column names but no records.',
    disk_full: () => 'The disk is full; free space in the data directory and import again.',
    out_of_memory: () => 'The records engine ran out of memory on this file; import fewer columns, or have the administrator raise DUCKDB_MEMORY_LIMIT.',
    too_many_columns: (p: { columns: number; limit: number }, f: Formats) => `The file has ${f.number(p.columns)} columns; this portal imports at most ${f.number(p.limit)}.`,
    workbook_too_large: () => 'The workbook is too large to import.',
    too_many_cells: (p: { limit: number }, f: Formats) => `The sheet has more than ${f.number(p.limit)} cells, counting empty rows in between.`,
    no_header: () => 'The file has no row of column names.',
    utf16: () => 'UTF-16 files are not read; save the file as UTF-8.',
    binary: () => 'This looks like a binary file, not CSV text.',
    bad_sep: (p: { sep: string }) => `The first line “sep=${p.sep}” names a delimiter that is not read; use ; , | or a tab.`,
    open_quote: () => 'A quoted value is not closed.',
    first_record_long: () => 'The first record is longer than 1 MiB; is a quote left open, or is this not CSV?',
    line_too_long: () => 'A line is longer than 2 MB; is the delimiter right?',
    column_count: (p: { expected: number; found: number }, f: Formats) => `Expected ${f.number(p.expected)} values (as in the column names), found ${f.number(p.found)}.`,
    not_utf8: () => 'The file is not valid UTF-8 here (mixed encodings?); save it as UTF-8.',
    not_windows_1252: () => 'The file could not be read as Windows-1252 text.',
    bad_row: () => 'This row could not be read.',
    too_deep: (p: { levels: number }) => `Arrays and objects nest deeper than ${p.levels} levels, more than this portal reads.`,
    not_json: () => 'This is not valid JSON.',
    not_object: (p: { record: number }, f: Formats) => `Record ${f.number(p.record)} is not a JSON object; give an array of objects, or one object per line.`,
    no_collection: () => 'A GeoJSON file must hold a FeatureCollection with a features array.',
    no_features: () => 'The FeatureCollection has no features.',
    not_feature: (p: { feature: number }, f: Formats) => `Feature ${f.number(p.feature)} is not a GeoJSON Feature.`,
    feature_too_large: (p: { feature: number; limit: number }, f: Formats) => `Feature ${f.number(p.feature)} is larger than ${f.bytes(p.limit)}, the most this portal reads as one feature.`,
    geometry_type: (p: { feature: number; type: string }, f: Formats) => `Feature ${f.number(p.feature)} has an unknown geometry type “${p.type}”.`,
    bad_geometry: (p: { feature: number }, f: Formats) => `The geometry of feature ${f.number(p.feature)} cannot be read (numbers, closed rings, coordinates in range).`,
    empty_first_row: () => 'The first row of the first sheet is empty; put the column names there.',
    beyond_columns: (p: { width: number }, f: Formats) => `This row has values beyond the ${f.number(p.width)} named columns.`,
  },
  decisionsOne: {
    nearly: (f, e, at, count) =>
      `nearly every value reads as ${f[0]}, but ${count} does not${e ? `: ${e.value} (${at(e.row)})` : ''}; the column stays text. Choose the type to read the others as ${f[0]} and leave this one empty, or mend the file.`,
    doubtful: (f, e, at, count) =>
      `${count} value, ${e ? `${e.value} (${at(e.row)})` : '…'}, was read as ${f[0]}${e ? ` (${as(e, 0)})` : ''}${f[1] ? `, but is ${e ? as(e, 1) : ''} in the ${f[1]} notation` : ''}. Check it.`,
    unreadable: (f, e, at, count) => `${count} value does not fit ${f[0]} and was left empty${e ? `: ${e.value} (${at(e.row)})` : ''}.`,
  },
  decisions: {
    notation: (f, e, at) => `written as ${f[0]}${e ? `: ${e.value} (${at(e.row)}) read as ${as(e)}` : ''}.`,
    unit: (f, e, at) => `the unit ${f[0]} was taken from every value and kept as the field’s unit${e ? ` (${e.value}, ${at(e.row)}, read as ${as(e)})` : ''}.`,
    thousands_by_delimiter: (_f, e, at) =>
      `${e ? `${e.value} (${at(e.row)}) read as ${as(e)}` : 'dots read as thousands separators'} because the file is separated by “;”: that is how Belgium and the Netherlands write thousands.`,
    thousands_by_decimal_comma: (_f, e, at) =>
      `${e ? `${e.value} (${at(e.row)}) read as ${as(e)}` : 'dots read as thousands separators'} because other columns of the file write decimals with a comma.`,
    decimal_comma_by_delimiter: (_f, e, at) =>
      `${e ? `${e.value} (${at(e.row)}) read as ${as(e)}` : 'commas read as decimal marks'}: the comma is the decimal mark because the file is separated by “;”.`,
    settled: (f, e, at) => `${e ? `${e.value} (${at(e.row)})` : 'A value'} can only be read as ${f[0]}, so every value was (not as ${f[1]}).`,
    chosen: (f) => `type and notation chosen by a person: ${f[0]}.`,
    nearly: (f, e, at, count) =>
      `nearly every value reads as ${f[0]}, but ${count} do not${e ? `, such as ${e.value} (${at(e.row)})` : ''}: the column stays text. Choose the type to read the others as ${f[0]} and leave these empty, or mend the file.`,
    ambiguous_text: (f, e, at) =>
      `nothing in the file says whether ${e ? `${e.value} (${at(e.row)})` : 'a value'} is ${e ? as(e, 0) : ''} (${f[0]}) or ${e ? as(e, 1) : ''} (${f[1]}): the column was imported as text, as written. Choose its type.`,
    ambiguous_implied: (f, e, at) =>
      `nothing in this column says whether ${e ? `${e.value} (${at(e.row)})` : 'a value'} is ${e ? as(e, 0) : ''} (${f[0]}) or ${e ? as(e, 1) : ''} (${f[1]}); read as ${f[0]}, as the file’s other columns write. Check it.`,
    ambiguous_first: (f, e, at) =>
      `nothing in this column says whether ${e ? `${e.value} (${at(e.row)})` : 'a value'} reads as ${f[0]} or as ${f[1]}; read as ${f[0]}${e ? ` (${as(e, 0)}, otherwise ${as(e, 1)})` : ''}. Check it.`,
    doubtful: (f, e, at, count) =>
      `${count} values such as ${e ? `${e.value} (${at(e.row)})` : '…'} were read as ${f[0]}${e ? ` (${as(e, 0)})` : ''}${f[1] ? `, but are ${e ? as(e, 1) : ''} in the ${f[1]} notation` : ''}. Check it.`,
    unreadable: (f, e, at, count) => `${count} values do not fit ${f[0]} and were left empty${e ? `, such as ${e.value} (${at(e.row)})` : ''}.`,
  },
};
