// English: the import report, one sentence per decision, on the review page and from `opaal import`.
import type { importReport as nl, ReportExample } from '../nl/import-report.ts';

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
  checksTitle: (n: number) => (n === 1 ? '1 point to check' : `${n} points to check`),
  checksIntro: 'Nothing in the file decided how to read these values. Choose the field’s type and notation below, or confirm when publishing that you looked at them.',
  place: { line: (row: number) => `line ${row}`, record: (row: number) => `record ${row}` },
  records: (n: string) => `${n} records`,
  delimiter: (d: string) => `delimiter ${d === '\t' ? 'tab' : `“${d}”`}`,
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
