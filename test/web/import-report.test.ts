// The import report in words: every decision has a sentence in both languages, and the terminal gets no control characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionCodes, type ImportReport } from '../../src/engine/ingest/report.ts';
import { reportLines, reportNotes } from '../../src/web/import-report.ts';

const report = (value: string, count = 1): ImportReport => ({
  records: 2,
  rowLabel: 'line',
  delimiter: ',',
  fields: [
    {
      name: 'aantal',
      label: 'Aantal',
      type: 'text',
      format: null,
      unit: null,
      values: 2,
      unreadable: 0,
      decisions: decisionCodes.map((code) => ({
        code,
        level: code.startsWith('ambiguous') || code === 'doubtful' || code === 'unreadable' ? 'check' : 'info',
        formats: ['1234.5', '1.234'],
        count,
        examples: [{ row: 2, value, readings: ['12.345', '12345'] }],
      })),
    },
  ],
});

test('every decision code reads as a sentence naming the value and its line, in Dutch and in English', () => {
  for (const [lang, line] of [['nl', 'regel 2'], ['en', 'line 2']] as const) {
    const notes = reportNotes(lang, report('12.345'));
    assert.equal(notes.length, decisionCodes.length);
    for (const note of notes.filter((n) => n.text.includes('12.345'))) assert.ok(note.text.includes(line), note.text);
    assert.ok(notes.every((n) => n.text.length > 20 && !n.text.includes('undefined')), JSON.stringify(notes));
  }
});

test('a decision that counts values says one value in the singular and more in the plural', () => {
  const text = (lang: 'nl' | 'en', count: number) => reportNotes(lang, report('12.345', count)).find((n) => n.text.includes('leeg gelaten') || n.text.includes('left empty'))!.text;
  assert.match(text('nl', 1), /^1 waarde past niet bij 1234\.5 en is leeg gelaten/);
  assert.match(text('nl', 2), /^2 waarden passen niet bij 1234\.5 en zijn leeg gelaten/);
  assert.match(text('nl', 1234), /^1\.234 waarden passen niet/);
  assert.match(text('en', 1), /^1 value does not fit 1234\.5 and was left empty/);
  assert.match(text('en', 1234), /^1,234 values do not fit/);
});

test('opaal import prints no control character from the file: an escape sequence arrives as a replacement character', () => {
  const lines = reportLines('en', report('\u001b[2J12.345\u0007'));
  assert.ok(lines.every((l) => !/[\u0000-\u001f\u007f-\u009f]/.test(l)));
  assert.ok(lines.some((l) => l.includes('\uFFFD[2J12.345\uFFFD')));
  assert.match(lines.at(-1)!, /points to check/);
});
