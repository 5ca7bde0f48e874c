// Decides a CSV file's encoding, delimiter and header from its first MiB, before DuckDB reads it.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportFailed } from '../../errors.ts';
import { decodeWindows1252 } from './transcode.ts';

type LineEnding = '\n' | '\r\n' | '\r';
type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvDialect {
  encoding: 'utf-8' | 'windows-1252';
  /** The file starts with the UTF-8 byte order mark EF BB BF. */
  bom: boolean;
  delimiter: Delimiter;
  quote: '"';
  lineEnding: LineEnding;
  /** The header row's cells, unquoted and trimmed; a trailing delimiter leaves an empty last cell. */
  headers: string[];
  columnCount: number;
  /** Up to 100 data rows after the header, for tests and diagnostics. */
  sampleRows: string[][];
  /** The file starts with Excel's `sep=;` line, which names the delimiter and comes before the header. */
  sepLine: boolean;
}

interface ParsedRecords {
  records: string[][];
  /** The 1-based physical line on which each record starts. */
  lines: number[];
  /** False when the text stops inside its last record (no line break after it), which may then be cut short. */
  complete: boolean;
  /** The text stops inside a quoted value. */
  openQuote: boolean;
  /** The first line break that ends a record, if any. */
  lineEnding: LineEnding | null;
}

const HEAD_BYTES = 1024 * 1024;
// Order matters: it breaks ties, and Belgian exports use `;` far more often than `,`.
const DELIMITERS: Delimiter[] = [';', ',', '\t', '|'];
const RECORDS_FOR_DELIMITER = 50;
const SAMPLE_ROWS = 100;

/**
 * Splits RFC 4180 text into records: a value opened by `"` may hold delimiters and line breaks, and
 * `""` inside it stands for one quote. Blank lines are skipped. Stops after `maxRecords` records.
 */
export function parseCsvRecords(text: string, delimiter: string, maxRecords: number): ParsedRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  let lineEnding: LineEnding | null = null;
  let complete = true;
  let openQuote = false;
  let line = 1;
  let i = 0;
  const breakAt = (at: number): LineEnding | null =>
    text[at] === '\r' ? (text[at + 1] === '\n' ? '\r\n' : '\r') : text[at] === '\n' ? '\n' : null;

  while (i < text.length && records.length < maxRecords) {
    const blank = breakAt(i);
    if (blank) {
      i += blank.length;
      line++;
      continue;
    }
    const startLine = line;
    const record: string[] = [];
    let field = '';
    let fieldStart = true;
    let inQuotes = false;
    let terminated = false;
    while (i < text.length) {
      const c = text[i];
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
          continue;
        }
        const ending = breakAt(i);
        if (ending) line++;
        field += ending ?? c;
        i += ending ? ending.length : 1;
        continue;
      }
      if (c === '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
        i++;
        continue;
      }
      if (c === delimiter) {
        record.push(field);
        field = '';
        fieldStart = true;
        i++;
        continue;
      }
      const ending = breakAt(i);
      if (ending) {
        i += ending.length;
        line++;
        lineEnding ??= ending;
        terminated = true;
        break;
      }
      field += c;
      fieldStart = false;
      i++;
    }
    record.push(field);
    records.push(record);
    lines.push(startLine);
    complete = terminated;
    openQuote = inQuotes;
  }
  return { records, lines, complete, openQuote, lineEnding };
}

/** Reads at most the first MiB of `path` and works out how to read the whole file as CSV. */
export async function sniffCsv(path: string, options: { displayName?: string } = {}): Promise<CsvDialect> {
  const name = options.displayName ?? basename(path);
  const { bytes, truncated } = await readHead(path);

  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFailed(name, 'UTF-16 files are not supported; save the file as UTF-8', { code: 'utf16' });
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d)) {
    throw new ImportFailed(name, 'the file is empty', { code: 'empty' });
  }
  if (body.includes(0)) throw new ImportFailed(name, 'this looks like a binary file, not CSV text', { code: 'binary' });

  const decoded = decodeHead(body, truncated);
  const { encoding } = decoded;
  // Excel writes `sep=;` as a first line to say the delimiter; the header comes after it.
  const sep = /^sep=(.?)(\r\n|\n|\r)/i.exec(decoded.text);
  if (sep && !(DELIMITERS as string[]).includes(sep[1])) {
    throw new ImportFailed(name, `the first line "sep=${sep[1]}" names a delimiter Opaal does not read; use ; , | or a tab`, { code: 'bad_sep', sep: sep[1] }, 1);
  }
  const text = sep ? decoded.text.slice(sep[0].length) : decoded.text;
  const delimiter = sep ? (sep[1] as Delimiter) : chooseDelimiter(text, truncated);
  const parsed = parseCsvRecords(text, delimiter, SAMPLE_ROWS + 1);
  if (parsed.openQuote && !truncated) {
    throw new ImportFailed(name, 'a quoted value is not closed', { code: 'open_quote' }, parsed.lines[parsed.lines.length - 1]);
  }
  const records = wholeRecords(parsed, truncated);
  if (records.length === 0) {
    throw new ImportFailed(name, 'the first record is longer than 1 MiB; is a quote left open, or is this not CSV?', { code: 'first_record_long' }, 1);
  }
  const headers = records[0].map((cell) => cell.trim());
  return {
    encoding,
    bom,
    delimiter,
    quote: '"',
    lineEnding: parsed.lineEnding ?? '\n',
    headers,
    columnCount: headers.length,
    sampleRows: records.slice(1),
    sepLine: sep !== null,
  };
}

async function readHead(path: string): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: buffer.subarray(0, filled), truncated: size > HEAD_BYTES };
  } finally {
    await handle.close();
  }
}

function decodeHead(body: Uint8Array, truncated: boolean): { encoding: CsvDialect['encoding']; text: string } {
  // The cut at 1 MiB may split a character; only then is an incomplete last sequence no evidence against UTF-8.
  const end = truncated ? completeUtf8Length(body) : body.length;
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body.subarray(0, end)) };
  } catch {
    return { encoding: 'windows-1252', text: decodeWindows1252(body) };
  }
}

/** The length of `bytes` without a multi-byte UTF-8 sequence left incomplete at its end. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? length - back : length;
  }
  return length;
}

/** The records of the head, without the last one when the 1 MiB cut may have shortened it. */
function wholeRecords(parsed: ParsedRecords, truncated: boolean): string[][] {
  return truncated && !parsed.complete ? parsed.records.slice(0, -1) : parsed.records;
}

// The delimiter that splits the most records into the same number (> 1) of columns.
function chooseDelimiter(text: string, truncated: boolean): Delimiter {
  let best: { delimiter: Delimiter; records: number; columns: number } = { delimiter: ',', records: 0, columns: 1 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const record of wholeRecords(parseCsvRecords(text, delimiter, RECORDS_FOR_DELIMITER), truncated)) {
      if (record.length > 1) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    }
    for (const [columns, records] of counts) {
      if (records > best.records || (records === best.records && columns > best.columns)) {
        best = { delimiter, records, columns };
      }
    }
  }
  return best.delimiter;
}
