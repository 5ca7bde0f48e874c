// CSV as people export it: Opaal sniffs the dialect and encoding, DuckDB reads the rows.
import { basename } from 'node:path';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed } from '../../errors.ts';
import { fieldNamesFor } from './names.ts';
import { sniffCsv, type CsvDialect } from './sniff.ts';
import { transcodeToUtf8 } from './transcode.ts';
import { literal } from '../sql.ts';
import { linkedCopy } from './files.ts';
import { defaultImportLimits, refuseColumns, type ImportLimits } from './limits.ts';
import type { Explained, Source } from './types.ts';

/** DuckDB's CSV errors name the physical line; this turns them into a reason a person can act on. */
function explainCsvError(error: Error, encoding: CsvDialect['encoding']): Explained | null {
  const message = error.message;
  const lineMatch = /CSV Error on Line: (\d+)/.exec(message);
  if (!lineMatch) {
    if (/maximum line size/i.test(message)) return { reason: 'a line is longer than 2 MB; is the delimiter right?', words: { code: 'line_too_long' } };
    return null;
  }
  const line = Number(lineMatch[1]);
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (columns) {
    return { line, reason: `expected ${columns[1]} values (as in the header) but found ${columns[2]}`, words: { code: 'column_count', expected: Number(columns[1]), found: Number(columns[2]) } };
  }
  if (/unterminated quote/i.test(message)) return { line, reason: 'a quoted value is not closed', words: { code: 'open_quote' } };
  if (/Invalid unicode/i.test(message)) {
    return encoding === 'utf-8'
      ? { line, reason: 'the file is not valid UTF-8 here (mixed encodings?); save it as UTF-8', words: { code: 'not_utf8' } }
      : { line, reason: 'the file could not be read as Windows-1252 text', words: { code: 'not_windows_1252' } };
  }
  if (/maximum line size/i.test(message)) return { line, reason: 'the line is longer than 2 MB; is the delimiter right?', words: { code: 'line_too_long' } };
  const firstLine = message.split('\n').find((l) => l.trim() && !/^(Invalid Input Error|Original Line)/.test(l));
  return { line, reason: firstLine?.trim() ?? 'the row could not be read', words: { code: 'bad_row' } };
}

export async function openCsv(
  path: string,
  blobs: BlobStore,
  options: { displayName?: string; dialect?: Partial<CsvDialect>; limits?: ImportLimits } = {},
): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  const dialect = { ...(await sniffCsv(path, { displayName })), ...options.dialect };
  if (dialect.headers.length === 0) throw new ImportFailed(displayName, 'the file has no header row', { code: 'no_header' }, 1);
  refuseColumns(displayName, dialect.headers.length, options.limits ?? defaultImportLimits);
  const temporary: string[] = [];
  let readable: string;
  if (dialect.encoding === 'windows-1252') {
    readable = blobs.tempPath('.csv');
    temporary.push(readable);
    await transcodeToUtf8(path, readable, 'windows-1252');
  } else {
    // A name of our own: DuckDB treats paths as glob patterns, and user file names may contain [ or *.
    readable = await linkedCopy(path, blobs.tempPath('.csv'));
    temporary.push(readable);
  }
  const names = fieldNamesFor(dialect.headers);
  const columns = names.map((n, i) => `${literal(`r${i}`)}: 'VARCHAR'`).join(', ');
  const from =
    `read_csv(${literal(readable)}, delim=${literal(dialect.delimiter)}, quote='"', escape='"', header=true, skip=${dialect.sepLine ? 1 : 0}, ` +
    `auto_detect=false, strict_mode=true, null_padding=false, columns={${columns}}, encoding='utf-8') AS src`;
  return {
    format: 'csv',
    from,
    columns: names.map((n, i) => ({ name: n.name, label: n.label, expression: `src.r${i}` })),
    delimiter: dialect.delimiter,
    headerLines: dialect.sepLine ? 2 : 1,
    explain: async (error) => explainCsvError(error, dialect.encoding),
    cleanup: async () => {
      await Promise.all(temporary.map((t) => blobs.discard(t)));
    },
  };
}
