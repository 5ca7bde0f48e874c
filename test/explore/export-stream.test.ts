// Large exports: pulled from the engine batch by batch as the client reads; whole records, in order, nothing left behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type ServerHarness } from '../helpers/server.ts';

const rows = 60_000;
let s: ServerHarness;
before(async () => {
  s = await startServer();
  const lines = ['id;omschrijving;bedrag'];
  for (let i = 0; i < rows; i++) lines.push(`${i};"regel ${i}; met ""aanhalingstekens"" en een lange staart om de megabyte te halen";${i * 0.5}`);
  const path = join(s.env.dataDir, 'groot.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'groot', path, actor: 'test' });
});
after(() => s.close());

const url = (format: string, query: Record<string, string> = {}) => `/api/explore/v2.1/catalog/datasets/groot/exports/${format}?${new URLSearchParams(query)}`;

/** Files the exports left in the data directory's temp folder (the engine's spill folder aside). */
function leftovers(): string[] {
  const tmp = join(s.env.dataDir, 'tmp');
  return readdirSync(tmp).filter((name) => statSync(join(tmp, name)).isFile());
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a CSV export of many engine batches keeps every record whole and in order', async () => {
  const body = await (await s.get(url('csv', { order_by: 'id desc', with_bom: 'false' }))).text();
  assert.ok(body.length > 4 << 20, `only ${body.length} bytes`);
  const lines = body.split('\n');
  assert.equal(lines.length, rows + 2, 'header, one line per record, and the final newline');
  assert.equal(lines[0], 'id;omschrijving;bedrag');
  assert.equal(lines[1], `${rows - 1};"regel ${rows - 1}; met ""aanhalingstekens"" en een lange staart om de megabyte te halen";${(rows - 1) * 0.5}`);
  assert.equal(lines[rows], '0;"regel 0; met ""aanhalingstekens"" en een lange staart om de megabyte te halen";0.0');
  assert.equal(lines[rows + 1], '');
  assert.deepEqual(leftovers(), []);
});

test('JSON and GeoJSON exports put the separator between records only', async () => {
  const records = JSON.parse(await (await s.get(url('json', { select: 'id' }))).text()) as { id: number }[];
  assert.equal(records.length, rows);
  assert.deepEqual(records.slice(0, 2), [{ id: 0 }, { id: 1 }]);
  const text = await (await s.get(url('json', { select: 'id', limit: '2' }))).text();
  assert.equal(text, '[{"id":0},\n{"id":1}]\n');
  const geo = JSON.parse(await (await s.get(url('geojson', { select: 'id' }))).text()) as { features: unknown[] };
  assert.equal(geo.features.length, rows);
});

test('a client that leaves mid-export stops the export and leaves no temp file', async () => {
  const controller = new AbortController();
  const response = await s.get(url('csv', { order_by: 'omschrijving' }), { signal: controller.signal });
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await until(() => leftovers().length === 0);
  // The engine's connections are fine afterwards.
  const again = await (await s.get(url('jsonl', { select: 'id', where: 'id < 2' }))).text();
  assert.equal(again, '{"id":0}\n{"id":1}\n');
});
