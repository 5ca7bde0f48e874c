// Test support: hostile import files, generated at test time and streamed to disk so the test's own memory stays small.
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import yazl from 'yazl';

const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const sheetOpen = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

/** `count` pieces of text, made one at a time. */
function repeated(count: number, piece: (i: number) => string, head = '', tail = ''): Readable {
  return Readable.from(
    (function* () {
      yield head;
      for (let i = 0; i < count; i += 1000) {
        let text = '';
        for (let k = i; k < Math.min(count, i + 1000); k++) text += piece(k);
        yield text;
      }
      yield tail;
    })(),
  );
}

const cell = (column: string, row: number, text: string) => `<c r="${column}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Column letters of 1-based column n. */
export function columnName(n: number): string {
  let name = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A workbook of one sheet; `parts` are extra entries (or a replacement sheet), each a text or a stream. */
export async function writeXlsx(path: string, parts: Record<string, string | Readable>): Promise<void> {
  const zip = new yazl.ZipFile();
  const entries: Record<string, string | Readable> = {
    'xl/_rels/workbook.xml.rels': rels,
    'xl/workbook.xml': workbook,
    'xl/worksheets/sheet1.xml': `${sheetOpen}<sheetData><row r="1">${cell('A', 1, 'naam')}</row><row r="2">${cell('A', 2, 'Gent')}</row></sheetData></worksheet>`,
    ...parts,
  };
  for (const [name, content] of Object.entries(entries)) {
    if (typeof content === 'string') zip.addBuffer(Buffer.from(content), name);
    else zip.addReadStream(content, name);
  }
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'finish');
}

/** The reported bomb: a shared-string table of `count` strings of `length` characters each. */
export function sharedStringsBomb(count: number, length: number): Record<string, Readable> {
  const text = 'a'.repeat(length);
  return {
    'xl/sharedStrings.xml': repeated(count, () => `<si><t>${text}</t></si>`, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, '</sst>'),
  };
}

/** An entry of `bytes` zeros, which deflate makes a thousand times smaller; its size is not declared before it. */
export function inflatingBomb(bytes: number): Record<string, Readable> {
  const chunk = Buffer.alloc(1024 * 1024);
  return {
    'xl/media/image1.bin': Readable.from(
      (function* () {
        for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
      })(),
    ),
  };
}

/** A header of `columns` names and one row far down: the rows in between are empty, but are cells all the same. */
export function farRowSheet(columns: number, row: number): Record<string, string> {
  const header = Array.from({ length: columns }, (_, c) => cell(columnName(c + 1), 1, `kolom${c}`)).join('');
  return { 'xl/worksheets/sheet1.xml': `${sheetOpen}<sheetData><row r="1">${header}</row><row r="${row}">${cell('A', row, 'x')}</row></sheetData></worksheet>` };
}

/** A column range that exceljs would fill one column object at a time. */
export function columnRangeSheet(max: number): Record<string, string> {
  return { 'xl/worksheets/sheet1.xml': `${sheetOpen}<cols><col min="1" max="${max}" width="10"/></cols><sheetData><row r="1">${cell('A', 1, 'naam')}</row><row r="2">${cell('A', 2, 'Gent')}</row></sheetData></worksheet>` };
}

/** A CSV of `columns` columns and `rows` rows of numbers and words. */
export function writeWideCsv(path: string, columns: number, rows: number): void {
  const lines = [Array.from({ length: columns }, (_, c) => `kolom_${c}`).join(';')];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_, c) => (c % 2 ? `woord${r % 7}` : String(r * c))).join(';'));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** A JSON value nested `depth` arrays deep. */
export const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** GeometryCollections inside each other, `depth` deep, around a point. */
export function nestedCollections(depth: number): string {
  let geometry = '{"type":"Point","coordinates":[4.35,50.85]}';
  for (let i = 0; i < depth; i++) geometry = `{"type":"GeometryCollection","geometries":[${geometry}]}`;
  return geometry;
}

/** A FeatureCollection of one feature with the given geometry (JSON text). */
export const featureCollection = (geometry: string) =>
  `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"Gent"},"geometry":${geometry}}]}`;
