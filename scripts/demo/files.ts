// Writers for the demo files, each reproducing a real export's dialect: delimiter, BOM, line ending, decimal mark.
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';

export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  lineEnding: '\n' | '\r\n';
  bom: boolean;
}

export type Cell = string | number | boolean | null;

/** Rows are joined into chunks this size before writing: one stream write per row is needlessly slow. */
const ROWS_PER_CHUNK = 4096;

function csvCell(value: Cell, dialect: CsvDialect): string {
  if (value === null) return '';
  const text = String(value);
  return /["\r\n]/.test(text) || text.includes(dialect.delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number with a fixed count of decimals, with the comma that Belgian spreadsheets write when asked. */
export function decimal(value: number, digits: number, comma = false): string {
  const text = value.toFixed(digits);
  return comma ? text.replace('.', ',') : text;
}

/** Streams a header and rows to `path`, waiting for the disk only when the stream asks to; returns the row count. */
export async function writeCsv(path: string, dialect: CsvDialect, header: string[], rows: Iterable<Cell[]>): Promise<number> {
  const out = createWriteStream(path);
  const line = (cells: Cell[]) => cells.map((c) => csvCell(c, dialect)).join(dialect.delimiter) + dialect.lineEnding;
  let chunk = (dialect.bom ? '\uFEFF' : '') + line(header);
  let count = 0;
  let inChunk = 0;
  try {
    for (const row of rows) {
      chunk += line(row);
      count++;
      if (++inChunk === ROWS_PER_CHUNK) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        inChunk = 0;
      }
    }
    out.end(chunk);
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return count;
}

/** A pretty-printed array of objects, as most "export to JSON" buttons write it. */
export async function writeJsonArray(path: string, records: object[]): Promise<number> {
  await writeFile(path, `${JSON.stringify(records, null, 2)}\n`);
  return records.length;
}

export async function writeJsonLines(path: string, records: object[]): Promise<number> {
  await writeFile(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return records.length;
}

export interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

/** One feature per line: a diff between two versions then shows which features changed. */
export async function writeFeatureCollection(path: string, name: string, features: Feature[]): Promise<number> {
  const body = features.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
  await writeFile(path, `{\n  "type": "FeatureCollection",\n  "name": ${JSON.stringify(name)},\n  "features": [\n${body}\n  ]\n}\n`);
  return features.length;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Rewrites every entry's DOS modification time in a ZIP file (XLSX is one). exceljs lets archiver stamp each
 * entry with the current time and offers no option for it, so without this the workbook differs on every run.
 */
export async function pinZipTimestamps(path: string, when: Date): Promise<void> {
  const zip = await readFile(path);
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error(`${path} is not a ZIP file`);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`${path}: bad central directory entry ${i}`);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`${path}: bad local header for entry ${i}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  await writeFile(path, zip);
}
