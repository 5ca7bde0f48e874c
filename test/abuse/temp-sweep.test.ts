// Issue 13, class 8: nothing piles up. Temp files that killed imports and exports left (the blob store's temp area and
// the engine's spill folder) are removed at start and by the hourly sweep; files young enough to belong to running
// work, of this process or another on the same data directory, are kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleTempAfterMs } from '../../src/blobs/index.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { testEnvironment, type TestEnvironment } from '../helpers/stores.ts';

let env: TestEnvironment;
let portal: Portal | null = null;

before(async () => {
  env = await testEnvironment('sqlite');
});
after(async () => {
  await portal?.close();
  await env.cleanup();
});

/** A file in the temp area last written `ageMs` ago. */
function leftover(relative: string, ageMs: number): string {
  const path = join(env.dataDir, 'tmp', relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.alloc(4096, 1));
  const at = new Date(Date.now() - ageMs);
  utimesSync(path, at, at);
  return path;
}

const stale = () => staleTempAfterMs(env.config.exportTimeoutMs) + 60_000;

test('start-up removes stale temp files and spill files, and keeps fresh ones', async () => {
  const old = [leftover('0b1c-killed-import.csv', stale()), leftover('7f3e-killed-export.parquet', stale()), leftover('duckdb/duckdb_temp_storage-4.tmp', stale())];
  const fresh = [leftover('running-import.upload', 60_000), leftover('duckdb/duckdb_temp_storage-9.tmp', 0)];
  portal = await openPortal(env.config);
  for (const path of old) assert.equal(existsSync(path), false, `${path} is still there`);
  for (const path of fresh) assert.equal(existsSync(path), true, `${path} was removed while young`);
});

test('the hourly sweep removes what went stale since, and says how much', async () => {
  assert.ok(portal, 'the portal of the first test');
  const old = leftover('a1b2-crashed-shapefile.shp', stale());
  const fresh = leftover('c3d4-running-export.dbf', 1000);
  const swept = await portal.sweepTemp();
  assert.deepEqual(swept, { files: 1, bytes: 4096 });
  assert.equal(existsSync(old), false);
  assert.equal(existsSync(fresh), true);
});

test('the stale age outlasts the longest export', () => {
  assert.ok(staleTempAfterMs(600_000) >= 6 * 3_600_000);
  assert.ok(staleTempAfterMs(24 * 3_600_000) > 24 * 3_600_000);
});
