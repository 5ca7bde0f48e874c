// The engine's connection pool: a request's time zone never leaks into the next user of a connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeBytes } from '../../src/size.ts';
import { engineHarness } from '../helpers/engine.ts';

test('each use of a pooled connection reads date-times in the zone it asked for, else the portal\'s', async (t) => {
  const h = await engineHarness();
  t.after(() => h.close());
  const zone = (timeZone?: string) =>
    h.engine.withConnection(async (c) => String((await c.runAndReadAll("SELECT current_setting('TimeZone') AS z")).getRowObjects()[0].z), timeZone);
  assert.equal(await zone(), 'Europe/Brussels');
  assert.equal(await zone('UTC'), 'UTC');
  assert.equal(await zone(), 'Europe/Brussels', 'the UTC request left its zone behind');
  assert.equal(await zone('Europe/Paris'), 'Europe/Paris');
});

test('DUCKDB_MEMORY_LIMIT is the whole engine\'s: three quarters to queries, a quarter to exports', async (t) => {
  const h = await engineHarness(); // 256MB
  t.after(() => h.close());
  const limit = (c: import('@duckdb/node-api').DuckDBConnection) =>
    c.runAndReadAll("SELECT current_setting('memory_limit') AS m").then((r) => String(r.getRowObjects()[0].m));
  const bytes = (text: string) => sizeBytes(text.replace(/ /g, ''));
  const queries = bytes(await h.engine.withConnection(limit));
  const scans = bytes(await h.engine.withScanConnection(limit));
  // DuckDB reports its limit rounded to two decimals of the unit it prints.
  assert.ok(Math.abs(queries - 192e6) < 2e6, `queries ${queries}`);
  assert.ok(Math.abs(scans - 64e6) < 1e6, `exports ${scans}`);
  assert.ok(queries + scans <= 256e6 * 1.01);
});

test('sizes read as the settings write them: decimal units in powers of 1000, binary ones in 1024', () => {
  assert.equal(sizeBytes('512MB'), 512e6);
  assert.equal(sizeBytes('2GiB'), 2 * 1024 ** 3);
  assert.equal(sizeBytes('1.5 GB'), 1.5e9);
  assert.throws(() => sizeBytes('lots'), /Not a size/);
});
