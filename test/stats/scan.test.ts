// Behind a trusted proxy, clients with distinct addresses and user agents, one of them with an API key, browse, search,
// call the API and export. After the statistics are flushed and rolled up, no table of the database (every column of
// every row), no file under the data directory and no line of the log holds any of the addresses, user agents or the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loggerOptions } from '../../src/app.ts';
import { createAccount } from '../helpers/accounts.ts';
import { importCities, startServer } from '../helpers/server.ts';
import { dialects } from '../helpers/stores.ts';
import { send, settle } from './helpers.ts';

const explore = '/api/explore/v2.1/catalog/datasets';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const dialect of dialects) {
  test(`on ${dialect}, no address, user agent or API key is kept in the database, the data directory or the log`, async () => {
    const lines: string[] = [];
    const logger = { ...(loggerOptions('trace') as object), stream: { write: (line: string) => void lines.push(line) } };
    const s = await startServer(dialect, { TRUSTED_PROXIES: '127.0.0.1' }, { logger });
    s.portal.logTo((entry, message) => lines.push(JSON.stringify({ ...entry, message })));
    let closed = false;
    try {
      await importCities(s.portal);
      const owner = await createAccount(s, 'sleutelhouder@example.org', 'user');
      const { key } = await s.portal.apiKeys.create(owner, { name: 'scan' });
      const clients = [
        { address: '203.0.113.45', agent: 'ScanBrowser/7.3 (Leak-Check; ua-0c9f21)' },
        { address: '198.51.100.177', agent: 'Mozilla/5.0 (X11; Zeldzaam 4411) UnikeAgent/99.1' },
        { address: '2001:db8:77::5e', agent: 'curl/8.99.4-scan-e7d1' },
      ];
      let served = 0;
      for (const [i, { address, agent }] of clients.entries()) {
        // The proxy appends the client it saw; what the client claimed before it is not believed.
        const headers = { 'x-forwarded-for': address, 'user-agent': agent, referer: `https://verwijzer-${i}.example.net/pad?adres=${address}` };
        const withKey: Record<string, string> = i === 0 ? { authorization: `Apikey ${key}` } : {};
        for (const path of ['/', '/datasets?q=steden', '/datasets?q=nergens', '/datasets/cities', '/datasets/cities/table', `/en/datasets/cities/chart?q=${encodeURIComponent(agent)}`]) {
          assert.equal(await send(s.url, path, headers), 200, path);
        }
        served += 1 + 2 * 2 + 3;
        for (const path of [`${explore}/cities/records?limit=2&where=${encodeURIComponent(`name = "${address}"`)}`, `${explore}/cities/exports/csv`]) {
          assert.equal(await send(s.url, path, { ...headers, ...withKey }), 200, path);
        }
        assert.equal(await send(s.url, `${explore}/cities/records?limit=1&apikey=${key}`, headers), 200);
        served += 3;
        assert.equal(await send(s.url, '/datasets/nergens', headers), 404);
      }
      await settle(s.portal, served);
      await s.portal.stats.rollup();
      const db = s.portal.store.db;
      // The three clients were told apart (the proxy's header was believed), and the key was seen as a key.
      assert.deepEqual((await db.selectFrom('stats_daily_visitors').selectAll().execute()).map((r) => Number(r.visitors)), [3]);
      assert.equal((await db.selectFrom('stats_events').select('n').where('caller', '=', 'key').execute()).reduce((sum, e) => sum + e.n, 0), 5);

      const needles = [...clients.flatMap((c) => [c.address, c.agent]), key];
      const leaks: string[] = [];
      const tables = dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows.map((r) => r.name);
      assert.ok(tables.includes('stats_events') && tables.includes('users') && tables.length > 30);
      for (const table of tables) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
        const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
        for (const needle of needles) if (text.includes(needle)) leaks.push(`table ${table}: ${needle}`);
      }
      assert.ok(lines.length > 20, 'the log was captured');
      for (const needle of needles) if (lines.some((l) => l.includes(needle))) leaks.push(`log: ${needle}`);

      // The files, with the database closed (SQLite's file and its write-ahead log included).
      await s.app.close();
      await s.portal.close();
      closed = true;
      const files = filesUnder(s.env.dataDir);
      assert.ok(files.some((f) => f.endsWith('.parquet')));
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const needle of needles) if (bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le'))) leaks.push(`file ${file}: ${needle}`);
      }
      assert.deepEqual(leaks, []);
    } finally {
      if (closed) await s.env.cleanup();
      else await s.close();
    }
  });
}
