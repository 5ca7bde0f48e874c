// Issue 13, class 3: a CSV of MAX_IMPORT_COLUMNS columns imports (inference no longer puts a count per column per form
// in one statement, which ran DuckDB out of memory at 600 columns), and a file wider than the engine's memory can
// write is refused with a message that names the columns and DUCKDB_MEMORY_LIMIT, never a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ImportTooLarge } from '../../src/errors.ts';
import { ingestFile } from '../../src/engine/ingest/index.ts';
import { engineHarness, type EngineHarness } from '../helpers/engine.ts';
import { writeWideCsv } from './hostile-files.ts';

let wide: EngineHarness;
before(async () => {
  // The default DUCKDB_MEMORY_LIMIT: a file of MAX_IMPORT_COLUMNS columns imports on a server as installed.
  wide = await engineHarness({ memoryLimit: '512MB' });
});
after(() => wide.close());

test('a CSV of 1,000 columns is read, every column typed', async () => {
  const path = join(wide.dir, 'breed.csv');
  writeWideCsv(path, 1000, 1000);
  const result = await ingestFile(wide.engine, wide.blobs, path);
  assert.equal(result.recordsCount, 1000);
  assert.equal(result.fields.length, 1000);
  assert.deepEqual([...new Set(result.fields.map((f) => f.type))].sort(), ['int', 'text']);
});

test('a file wider than the engine memory can write is refused as too large, naming the setting', async () => {
  const small = await engineHarness({ memoryLimit: '64MB' });
  try {
    const path = join(small.dir, 'breed.csv');
    writeWideCsv(path, 1000, 50);
    await assert.rejects(ingestFile(small.engine, small.blobs, path), (error: unknown) => {
      assert.ok(error instanceof ImportTooLarge, String(error));
      assert.match(error.reason, /ran out of memory writing its 1000 columns; import fewer columns, or raise DUCKDB_MEMORY_LIMIT/);
      return true;
    });
  } finally {
    await small.close();
  }
});
