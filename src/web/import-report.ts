// The import report in words: one sentence per decision, for the review page and for `opaal import`.
import { checksOf, type ImportReport, type Level } from '../engine/ingest/report.ts';
import { formatNumber, messages, plural, type Language } from '../i18n/index.ts';
import { pluralForm } from '../i18n/plural.ts';

interface ReportNote {
  field: string;
  level: Level;
  text: string;
}

/** Every decision of the report as a sentence, in the order of the fields. */
export function reportNotes(lang: Language, report: ImportReport): ReportNote[] {
  const t = messages(lang).importReport;
  const at = t.place[report.rowLabel];
  // A decision that counts values says one value in the singular (decisionsOne), as plural() would choose.
  const sentence = (code: keyof typeof t.decisions, count: number) =>
    (pluralForm(lang, count) === 'one' && Object.hasOwn(t.decisionsOne, code) ? t.decisionsOne[code as keyof typeof t.decisionsOne] : undefined) ?? t.decisions[code];
  return report.fields.flatMap((field) =>
    field.decisions.map((d) => ({
      field: field.name,
      level: d.level,
      text: sentence(d.code, d.count)(d.formats, d.examples[0], at, formatNumber(lang, d.count)),
    })),
  );
}

/** The report as plain lines, checks first: what `opaal import` prints. */
export function reportLines(lang: Language, report: ImportReport): string[] {
  const t = messages(lang).importReport;
  const notes = reportNotes(lang, report);
  const checks = checksOf(report).length;
  const lines = [`${t.title}: ${plural(lang, report.records, t.records)}${report.delimiter ? `, ${t.delimiter(report.delimiter)}` : ''}`];
  for (const field of report.fields) {
    const extra = [field.format, field.unit].filter(Boolean).join(', ');
    const unreadable = field.unreadable > 0 ? `, ${t.unreadable.toLowerCase()} ${field.unreadable}` : '';
    lines.push(`  ${field.name}: ${field.type}${extra ? ` (${extra})` : ''}, ${t.values.toLowerCase()} ${field.values}${unreadable}`);
    for (const note of notes.filter((n) => n.field === field.name)) lines.push(`    ${note.level === 'check' ? `${t.check.toUpperCase()}:` : '-'} ${note.text}`);
  }
  if (checks > 0) lines.push(plural(lang, checks, t.checksTitle));
  // Values come from the file: a control character (an escape sequence) must not reach the terminal as one.
  return lines.map((line) => line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD'));
}
