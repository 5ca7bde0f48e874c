// CSV dialect sniffing: uses every file in test/fixtures/csv/ plus larger files generated in a temp dir.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFailed } from '../../../src/errors.ts';
import { completeUtf8Length, parseCsvRecords, sniffCsv } from '../../../src/engine/ingest/sniff.ts';

const fixture = (name: string) => new URL(`../../fixtures/csv/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'opaal-sniff-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 1024 * 1024;

function temp(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string, displayName?: string): Promise<ImportFailed> {
  try {
    await sniffCsv(path, { displayName });
  } catch (error) {
    assert.ok(error instanceof ImportFailed, `expected ImportFailed, got ${String(error)}`);
    return error;
  }
  assert.fail(`${path} was sniffed but should have failed`);
}

test('detects a comma delimiter in plain UTF-8 with LF line endings', async () => {
  const dialect = await sniffCsv(fixture('comma.csv'));
  assert.deepEqual(
    { ...dialect, sampleRows: dialect.sampleRows.length },
    {
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      quote: '"',
      lineEnding: '\n',
      headers: ['id', 'naam', 'gemeente', 'inwoners'],
      columnCount: 4,
      sampleRows: 5,
      sepLine: false,
    },
  );
  assert.deepEqual(dialect.sampleRows[4], ['5', 'Château', 'Liège', '197013']);
});

test('detects a semicolon delimiter with CRLF line endings despite decimal commas', async () => {
  const dialect = await sniffCsv(fixture('semicolon-crlf.csv'));
  assert.equal(dialect.encoding, 'utf-8');
  assert.equal(dialect.bom, false);
  assert.equal(dialect.delimiter, ';');
  assert.equal(dialect.lineEnding, '\r\n');
  assert.deepEqual(dialect.headers, ['Gemeente', 'Jaar', 'Bedrag', 'Percentage']);
  assert.equal(dialect.columnCount, 4);
  assert.deepEqual(dialect.sampleRows[0], ['Gent', '2023', '3,5', '12,25']);
});

test('detects a tab delimiter even when values contain commas and semicolons', async () => {
  const dialect = await sniffCsv(fixture('tab.tsv'));
  assert.equal(dialect.delimiter, '\t');
  assert.equal(dialect.lineEnding, '\n');
  assert.deepEqual(dialect.headers, ['code', 'omschrijving', 'waarde']);
  assert.equal(dialect.columnCount, 3);
  assert.deepEqual(dialect.sampleRows[1], ['B2', 'Tweede; met puntkomma', '20']);
});

test('detects a pipe delimiter', async () => {
  const dialect = await sniffCsv(fixture('pipe.csv'));
  assert.equal(dialect.delimiter, '|');
  assert.deepEqual(dialect.headers, ['id', 'naam', 'score']);
  assert.equal(dialect.columnCount, 3);
  assert.deepEqual(dialect.sampleRows[0], ['1', 'Antwerpen, Stad', '7,5']);
});

test('reports a UTF-8 byte order mark and keeps it out of the first header', async () => {
  const dialect = await sniffCsv(fixture('bom.csv'));
  assert.equal(dialect.encoding, 'utf-8');
  assert.equal(dialect.bom, true);
  assert.equal(dialect.delimiter, ',');
  assert.deepEqual(dialect.headers, ['Éénheid', 'Année', 'Prijs (€)', 'Straße']);
  assert.equal(dialect.columnCount, 4);
});

test('falls back to Windows-1252 for text that is not valid UTF-8', async () => {
  const dialect = await sniffCsv(fixture('latin1.csv'));
  assert.equal(dialect.encoding, 'windows-1252');
  assert.equal(dialect.bom, false);
  assert.equal(dialect.delimiter, ';');
  assert.equal(dialect.lineEnding, '\r\n');
  assert.deepEqual(dialect.headers, ['Gemeente', 'Bedrag (€)', 'Opmerking']);
  assert.deepEqual(dialect.sampleRows[0], ['Liège', '12,50', 'Geëvalueerd in één keer']);
  assert.deepEqual(dialect.sampleRows[1], ['Elsene', '€ 7,00', 'Café “De Kroon”']);
});

test('reads quoted values holding the delimiter, doubled quotes and a line break', async () => {
  const dialect = await sniffCsv(fixture('quoted.csv'));
  assert.equal(dialect.delimiter, ',');
  assert.equal(dialect.columnCount, 3);
  assert.deepEqual(dialect.sampleRows, [
    ['1', 'Gent, Oost-Vlaanderen', '10'],
    ['2', 'Hij zei "hallo"', '20'],
    ['3', 'eerste regel\ntweede regel', '30'],
    ['4', 'gewoon', '40'],
  ]);
});

test('keeps leading zeros in sampled values', async () => {
  const dialect = await sniffCsv(fixture('leading-zeros.csv'));
  assert.deepEqual(dialect.headers, ['code', 'aantal']);
  assert.deepEqual(
    dialect.sampleRows.map((row) => row[0]),
    ['0412345678', '00123', '0898765432', '00007'],
  );
});

test('accepts a file with only a header row', async () => {
  const dialect = await sniffCsv(fixture('header-only.csv'));
  assert.equal(dialect.delimiter, ',');
  assert.deepEqual(dialect.headers, ['id', 'naam', 'waarde']);
  assert.equal(dialect.columnCount, 3);
  assert.deepEqual(dialect.sampleRows, []);
});

test('takes the header width from a ragged file and leaves the long row to the importer', async () => {
  const dialect = await sniffCsv(fixture('ragged.csv'));
  assert.equal(dialect.delimiter, ',');
  assert.equal(dialect.columnCount, 3);
  assert.deepEqual(dialect.sampleRows[2], ['3', 'c', '30', 'extra']);
});

test('refuses an empty file', async () => {
  const error = await failure(fixture('empty.csv'));
  assert.equal(error.reason, 'the file is empty');
  assert.equal(error.message, 'empty.csv: the file is empty');
});

test('refuses a file holding only a byte order mark and blank lines as empty', async () => {
  const error = await failure(temp('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20, 0x0a])));
  assert.equal(error.reason, 'the file is empty');
});

test('refuses a binary file and names it by its display name', async () => {
  const error = await failure(fixture('binary.csv'), 'upload.csv');
  assert.equal(error.reason, 'this looks like a binary file, not CSV text');
  assert.equal(error.file, 'upload.csv');
  assert.equal(error.line, undefined);
});

test('refuses UTF-16 and says to save as UTF-8', async () => {
  const error = await failure(fixture('utf16.csv'));
  assert.equal(error.reason, 'UTF-16 files are not supported; save the file as UTF-8');
});

test('refuses a quoted value left open to the end of the file, on the line the record starts', async () => {
  const error = await failure(temp('open-quote.csv', 'a,b\n1,2\n3,"never closed\n4,5\n'));
  assert.equal(error.reason, 'a quoted value is not closed');
  assert.equal(error.line, 3);
});

test('reads a single-column file as comma-delimited with one column', async () => {
  const dialect = await sniffCsv(temp('single.csv', 'gemeente\nGent\nAalst\n'));
  assert.equal(dialect.delimiter, ',');
  assert.equal(dialect.columnCount, 1);
  assert.deepEqual(dialect.headers, ['gemeente']);
  assert.deepEqual(dialect.sampleRows, [['Gent'], ['Aalst']]);
});

test('keeps the empty cell a trailing delimiter adds to the header', async () => {
  const dialect = await sniffCsv(temp('trailing.csv', 'a;b;\n1;2;\n3;4;\n'));
  assert.equal(dialect.delimiter, ';');
  assert.deepEqual(dialect.headers, ['a', 'b', '']);
  assert.equal(dialect.columnCount, 3);
});

test('trims and unquotes header cells', async () => {
  const dialect = await sniffCsv(temp('header.csv', ' id ;"Naam ""officieel""";" Prijs (€) "\r1;a;2\r'));
  assert.deepEqual(dialect.headers, ['id', 'Naam "officieel"', 'Prijs (€)']);
  assert.equal(dialect.lineEnding, '\r');
});

test('prefers the delimiter that gives more columns when two are equally consistent', async () => {
  const dialect = await sniffCsv(temp('tie.csv', 'a;b,c,d\n1;2,3,4\n'));
  assert.equal(dialect.delimiter, ',');
  assert.equal(dialect.columnCount, 3);
});

test('prefers a semicolon over a comma on a full tie', async () => {
  const dialect = await sniffCsv(temp('full-tie.csv', 'a,b;c\n1,2;3\n'));
  assert.equal(dialect.delimiter, ';');
});

test('samples at most 100 data rows', async () => {
  const rows = Array.from({ length: 250 }, (_, i) => `${i};x`).join('\n');
  const dialect = await sniffCsv(temp('many.csv', `n;v\n${rows}\n`));
  assert.equal(dialect.sampleRows.length, 100);
  assert.deepEqual(dialect.sampleRows[99], ['99', 'x']);
});

test('stays UTF-8 when a multi-byte character straddles the 1 MiB boundary, and drops the cut record', async () => {
  const value = 'x'.repeat(12_000);
  let head = 'id,waarde\n';
  let rows = 0;
  while (Buffer.byteLength(head) + value.length + 10 < MiB) head += `${++rows},${value}\n`;
  const prefix = `${rows + 1},`;
  // Pad so that é (C3 A9) occupies the last byte of the first MiB and the first byte after it.
  const padding = 'y'.repeat(MiB - 1 - Buffer.byteLength(head) - prefix.length);
  const content = `${head}${prefix}${padding}é${'z'.repeat(5_000)}\n${rows + 2},${value}\n`;
  const bytes = Buffer.from(content, 'utf8');
  assert.equal(bytes[MiB - 1], 0xc3);
  assert.equal(bytes[MiB], 0xa9);

  const dialect = await sniffCsv(temp('boundary.csv', bytes));
  assert.equal(dialect.encoding, 'utf-8');
  assert.equal(dialect.delimiter, ',');
  assert.equal(dialect.sampleRows.length, rows);
  assert.ok(dialect.sampleRows.every((row) => row.length === 2 && row[1] === value));
});

test('treats an incomplete multi-byte character at the real end of a small file as Windows-1252', async () => {
  const dialect = await sniffCsv(temp('cut.csv', Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x31, 0x3b, 0xc3])));
  assert.equal(dialect.encoding, 'windows-1252');
  assert.deepEqual(dialect.sampleRows, [['1', 'Ã']]);
});

test('parses quoted delimiters, doubled quotes and line breaks, counting physical lines', () => {
  const parsed = parseCsvRecords('a;b\r\n"x;y";"say ""hi"""\r\n"two\r\nlines";z\r\n\r\nlast;row', ';', 10);
  assert.deepEqual(parsed.records, [
    ['a', 'b'],
    ['x;y', 'say "hi"'],
    ['two\r\nlines', 'z'],
    ['last', 'row'],
  ]);
  assert.deepEqual(parsed.lines, [1, 2, 3, 6]);
  assert.equal(parsed.lineEnding, '\r\n');
  assert.equal(parsed.complete, false);
  assert.equal(parsed.openQuote, false);
});

test('treats a quote inside an unquoted value as an ordinary character', () => {
  const parsed = parseCsvRecords('maat,naam\n5",pijp\n', ',', 10);
  assert.deepEqual(parsed.records, [['maat', 'naam'], ['5"', 'pijp']]);
  assert.equal(parsed.complete, true);
});

test('reports text that stops inside a quoted value', () => {
  const parsed = parseCsvRecords('a,b\n1,"open\nstill open', ',', 10);
  assert.equal(parsed.openQuote, true);
  assert.equal(parsed.complete, false);
  assert.deepEqual(parsed.lines, [1, 2]);
});

test('stops after the requested number of records', () => {
  const parsed = parseCsvRecords('1\n2\n3\n4\n', ',', 2);
  assert.deepEqual(parsed.records, [['1'], ['2']]);
  assert.equal(parsed.complete, true);
});

test('finds the end of the last complete UTF-8 character', () => {
  const euro = [0xe2, 0x82, 0xac];
  assert.equal(completeUtf8Length(Uint8Array.of(0x61, ...euro)), 4);
  assert.equal(completeUtf8Length(Uint8Array.of(0x61, 0xe2, 0x82)), 1);
  assert.equal(completeUtf8Length(Uint8Array.of(0x61, 0xf0, 0x9f, 0x98)), 1);
  assert.equal(completeUtf8Length(Uint8Array.of(0x61, 0xc3)), 1);
  assert.equal(completeUtf8Length(Uint8Array.of(0x61, 0x62)), 2);
});
