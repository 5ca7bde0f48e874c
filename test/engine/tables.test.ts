// Each version's DuckDB twin: written at import beside the Parquet file, read by queries, optional.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, renameSync } from 'node:fs';
import { staffAudience } from '../../src/catalog/service.ts';
import { twinOf } from '../../src/engine/tables.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s.close());

const rows = (sql: string) => s.portal.engine.all(sql).then((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));

test('an import writes a DuckDB twin beside the Parquet file, with the same records in the same order', async () => {
  const { path } = await s.portal.catalog.currentVersion('cities', staffAudience);
  assert.ok(existsSync(twinOf(path!)));
  const { from, orderFree } = await s.portal.engine.recordsFrom(path!);
  assert.match(from, /^"version_\d+"\.records$/);
  assert.equal(orderFree, from, 'too small for a clustered copy');
  assert.equal((await s.portal.engine.recordsFrom(path!)).from, from, 'attached once');
  assert.equal(await rows(`SELECT * FROM ${from}`), await rows(`SELECT * FROM read_parquet('${path}')`));
});

test('a filtered, sorted page and its total come from the twin', async () => {
  const page = await s.get('/api/explore/v2.1/catalog/datasets/cities/records?where=population>500000&order_by=population desc&limit=3&select=name');
  const body = (await page.json()) as { total_count: number; results: unknown[] };
  assert.deepEqual(body.results, [{ name: 'Berlin' }, { name: 'Madrid' }, { name: 'Paris' }]);
  const [{ n }] = await s.portal.engine.all(`SELECT count(*)::INTEGER AS n FROM ${(await s.portal.engine.recordsFrom((await s.portal.catalog.currentVersion('cities', staffAudience)).path!)).from} WHERE population > 500000`);
  assert.equal(body.total_count, n);
});

test('a version without a twin (imported before twins) is read from its Parquet file', async () => {
  await s.portal.catalog.importDataset({ datasetId: 'zonder', path: new URL('../fixtures/json/lines.jsonl', import.meta.url).pathname, actor: 'test' });
  const { path } = await s.portal.catalog.currentVersion('zonder', staffAudience);
  renameSync(twinOf(path!), `${twinOf(path!)}.weg`);
  assert.deepEqual(await s.portal.engine.recordsFrom(path!), { from: `read_parquet('${path}')`, orderFree: `read_parquet('${path}')` });
  const response = await s.get('/api/explore/v2.1/catalog/datasets/zonder/records?limit=1');
  assert.equal(response.status, 200);
});
