// JSON (an array of objects) and JSON lines: each object is a record, each key a field.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed } from '../../errors.ts';
import { fieldNamesFor } from './names.ts';
import { literal } from '../sql.ts';
import { linkedCopy } from './files.ts';
import { checkNesting } from './json-scan.ts';
import { defaultImportLimits, refuseColumns, type ImportLimits } from './limits.ts';
import type { Explained, Source, SourceFormat } from './types.ts';

/** RFC 6901 pointer to a top-level key, so any key text is safe in the path. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

const maxParseBytes = 256 * 1024 * 1024;

function jsonReason(error: Error): string {
  return `malformed JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*" is not valid JSON$/, '')}`;
}

/** DuckDB says a record is malformed but not exactly where: find the line with JSON.parse, on the error path only. */
async function locateJsonError(path: string, lines: boolean): Promise<{ line?: number; reason: string } | null> {
  if (lines) {
    const reader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    let line = 0;
    for await (const text of reader) {
      line++;
      if (text.trim() === '') continue;
      try {
        JSON.parse(text);
      } catch (error) {
        reader.close();
        return { line, reason: jsonReason(error as Error) };
      }
    }
    return null;
  }
  if ((await stat(path)).size > maxParseBytes) return null;
  const text = await readFile(path, 'utf8');
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    return { line, reason: jsonReason(error as Error) };
  }
}

async function explainJsonError(error: Error, path: string, lines: boolean): Promise<Explained | null> {
  if (!/Malformed JSON|JSON/.test(error.message) || !/Invalid Input Error/.test(error.message)) return null;
  const located = (await locateJsonError(path, lines)) ?? { reason: error.message.split('\n')[0].replace(/^Invalid Input Error: /, '').replace(/ in file "[^"]*"/, '') };
  return { ...located, words: { code: 'not_json' } };
}

export async function openJson(
  connection: DuckDBConnection,
  path: string,
  blobs: BlobStore,
  options: { displayName?: string; format?: SourceFormat; lines?: boolean; limits?: ImportLimits } = {},
): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  // Before DuckDB or JSON.parse (on the error path) recurse into it.
  await checkNesting(path, displayName);
  const readable = await linkedCopy(path, blobs.tempPath('.json'));
  const cleanup = () => blobs.discard(readable);
  const lines = options.lines ?? false;
  const objects = `read_json_objects(${literal(readable)}, format=${lines ? "'newline_delimited'" : "'auto'"})`;
  try {
    // Keys in the order they first appear, however late a record brings a new one.
    const keysSql =
      `SELECT k FROM (SELECT rn, unnest(json_keys(json)) AS k, unnest(range(len(json_keys(json)))) AS p ` +
      `FROM (SELECT json, row_number() OVER () AS rn FROM ${objects} WHERE json_type(json) = 'OBJECT')) ` +
      `GROUP BY k ORDER BY min(rn * 1000000 + p)`;
    const checkSql = `SELECT count(*) FILTER (WHERE json_type(json) <> 'OBJECT') AS others, min(rn) FILTER (WHERE json_type(json) <> 'OBJECT') AS first FROM (SELECT json, row_number() OVER () AS rn FROM ${objects})`;
    const [check] = (await connection.runAndReadAll(checkSql)).getRowObjects();
    if (Number(check.others) > 0) {
      const record = Number(check.first);
      throw new ImportFailed(
        displayName,
        `record ${record} is not a JSON object; give an array of objects or one object per line`, { code: 'not_object', record },
        lines ? record : undefined,
      );
    }
    const keys = (await connection.runAndReadAll(keysSql)).getRowObjects().map((r) => String(r.k));
    if (keys.length === 0) throw new ImportFailed(displayName, 'the file holds no records', { code: 'no_records' });
    refuseColumns(displayName, keys.length, options.limits ?? defaultImportLimits);
    const names = fieldNamesFor(keys);
    const paths = keys.map((k) => literal(pointer(k))).join(', ');
    const from = `(SELECT json_extract_string(json, [${paths}]) AS vals, json_type(json, [${paths}]) AS kinds FROM ${objects}) AS src`;
    return {
      format: options.format ?? 'json',
      from,
      columns: names.map((n, i) => ({
        name: n.name,
        label: n.label,
        expression: `src.vals[${i + 1}]`,
        typeExpression: `src.kinds[${i + 1}]`,
      })),
      delimiter: null,
      headerLines: 0,
      explain: (error) => explainJsonError(error, path, lines),
      cleanup,
    };
  } catch (error) {
    await cleanup();
    if (error instanceof ImportFailed) throw error;
    const explained = await explainJsonError(error as Error, path, lines);
    if (explained) throw new ImportFailed(displayName, explained.reason, explained.words, explained.line);
    throw error;
  }
}
