// JSON (an array of objects) and JSON lines: each object is a record, each key a field.
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed } from '../../errors.ts';
import type { SourceFormat } from '../../catalog/types.ts';
import { fieldNamesFor } from './names.ts';
import { literal } from './sql.ts';
import { linkedCopy } from './files.ts';
import type { Source } from './types.ts';

/** RFC 6901 pointer to a top-level key, so any key text is safe in the path. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function explainJsonError(error: Error, lines: boolean): { line?: number; reason: string } | null {
  const malformed = /Malformed JSON in file "[^"]*", at byte (\d+) in record\/value (\d+): ([^\n]*)/.exec(error.message);
  if (malformed) {
    const record = Number(malformed[2]);
    const reason = `malformed JSON in record ${record}: ${malformed[3].trim().replace(/\.$/, '')}`;
    return lines ? { line: record, reason } : { reason };
  }
  if (/Invalid Input Error/.test(error.message) && /JSON/.test(error.message)) {
    return { reason: error.message.split('\n')[0].replace(/^Invalid Input Error: /, '') };
  }
  return null;
}

export async function openJson(
  connection: DuckDBConnection,
  path: string,
  blobs: BlobStore,
  options: { displayName?: string; format?: SourceFormat; lines?: boolean } = {},
): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  const readable = await linkedCopy(path, blobs.tempPath('.json'));
  const cleanup = () => blobs.discard(readable);
  const lines = options.lines ?? false;
  const objects = `read_json_objects(${literal(readable)}, format=${lines ? "'newline_delimited'" : "'auto'"}, maximum_object_size=67108864)`;
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
        `record ${record} is not a JSON object; give an array of objects or one object per line`,
        lines ? record : undefined,
      );
    }
    const keys = (await connection.runAndReadAll(keysSql)).getRowObjects().map((r) => String(r.k));
    if (keys.length === 0) throw new ImportFailed(displayName, 'the file holds no records');
    const names = fieldNamesFor(keys);
    const paths = keys.map((k) => literal(pointer(k))).join(', ');
    const from = `(SELECT json_extract_string(json, [${paths}]) AS vals FROM ${objects}) AS src`;
    return {
      format: options.format ?? 'json',
      from,
      columns: names.map((n, i) => ({ name: n.name, label: n.label, expression: `src.vals[${i + 1}]` })),
      decimalComma: false,
      explain: (error) => explainJsonError(error, lines),
      cleanup,
    };
  } catch (error) {
    await cleanup();
    if (error instanceof ImportFailed) throw error;
    const explained = explainJsonError(error as Error, lines);
    if (explained) throw new ImportFailed(displayName, explained.reason, explained.line);
    throw error;
  }
}
