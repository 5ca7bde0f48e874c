// Issue 13, class 2: exports have limits too. A time limit, a cap per client (429) and per server (503) with
// Retry-After, rows sent as fast as the client reads (no temp file growing for a client that reads nothing), a
// bounded temp area for the formats written whole, and a failure before the first byte answered with a status.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createAccount } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

const rows = 150_000;
let s: ServerHarness;
const apps: FastifyInstance[] = [];

before(async () => {
  s = await startServer();
  const lines = ['id;omschrijving;bedrag'];
  for (let i = 0; i < rows; i++) lines.push(`${i};regel ${i} met een staart van tekst die de export groot genoeg maakt om te tellen;${i * 0.25}`);
  const path = join(s.env.dataDir, 'groot.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'groot', path, actor: 'test' });
});
after(async () => {
  for (const app of apps) await app.close();
  await s.close();
});

/** Another HTTP front on the same portal with other export limits (the limiter is the routes'). */
async function withLimits(limits: Partial<Config>): Promise<string> {
  const app = await buildApp({ ...s.portal, config: { ...s.portal.config, ...limits } }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const exportPath = (format: string, query: Record<string, string> = {}) => `/api/explore/v2.1/catalog/datasets/groot/exports/${format}?${new URLSearchParams(query)}`;

/** Bytes in the data directory's temp area, the engine's spill folder included. */
function tempBytes(dir = join(s.env.dataDir, 'tmp')): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? tempBytes(path) : statSync(path).size;
  }
  return total;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await pause(50);
  }
}

/** Opens an export and reads one chunk of it, then leaves the rest unread; `stop` closes it. */
async function heldOpen(base: string, init: RequestInit = {}) {
  const controller = new AbortController();
  const response = await fetch(`${base}${exportPath('csv')}`, { ...init, signal: controller.signal });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  await reader.read();
  return { reader, stop: () => controller.abort() };
}

test('a normal big export completes, every record in order', async () => {
  const body = await (await s.get(exportPath('csv', { with_bom: 'false' }))).text();
  const lines = body.split('\n');
  assert.equal(lines.length, rows + 2, 'header, one line per record, and the final newline');
  assert.equal(lines[rows], `${rows - 1};regel ${rows - 1} met een staart van tekst die de export groot genoeg maakt om te tellen;${(rows - 1) * 0.25}`);
  // Written in parts (export-stream.ts): every row once, in order, the parts joined without a gap or a doubled line.
  const ids = lines.slice(1, rows + 1).map((line) => Number(line.split(';')[0]));
  assert.ok(ids.every((id, i) => id === i), 'ids 0 … n−1 in file order');
});

test('a big JSON export written in parts is one JSON array, and a filtered one holds just its records', async () => {
  const records = (await (await s.get(exportPath('json', { select: 'id' }))).json()) as { id: number }[];
  assert.equal(records.length, rows);
  assert.ok(records.every((r, i) => r.id === i));
  const some = (await (await s.get(exportPath('json', { select: 'id', where: 'id in (7, 50007, 100007)' }))).json()) as { id: number }[];
  assert.deepEqual(some, [{ id: 7 }, { id: 50007 }, { id: 100007 }]);
  assert.deepEqual(await (await s.get(exportPath('json', { select: 'id', where: 'id < 0' }))).json(), []);
});

test('a dataset with a field named file_row_number, the column parts are cut by, still exports every record', async () => {
  const path = join(s.env.dataDir, 'rijen.csv');
  writeFileSync(path, 'file_row_number;naam\n10;een\n20;twee\n');
  await s.portal.catalog.importDataset({ datasetId: 'rijen', path, actor: 'test' });
  const response = await s.get('/api/explore/v2.1/catalog/datasets/rijen/exports/csv?with_bom=false');
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'file_row_number;naam\n10;een\n20;twee\n');
});

test('a client that reads nothing does not make the server write the export to temp disk', async () => {
  const before = tempBytes();
  const held = await heldOpen(s.url);
  let most = 0;
  for (let i = 0; i < 30; i++) {
    most = Math.max(most, tempBytes() - before);
    await pause(50);
  }
  held.stop();
  // The whole CSV is ~15 MB; a server that wrote it out ahead of the client would show most of it here. Written in
  // parts, it holds two first-size parts (1 MB) at most.
  assert.ok(most < 4 << 20, `${most} bytes of temp files for one export nobody reads`);
});

test('an export past its time limit is stopped, and its slot and connection are given back', async () => {
  const base = await withLimits({ exportTimeoutMs: 1000, exportMaxConcurrent: 1, exportQueueMs: 0 });
  const response = await fetch(`${base}${exportPath('csv')}`);
  const reader = response.body!.getReader();
  // A client that keeps reading, slowly: never idle, so only the time limit can end it.
  const started = Date.now();
  let cut: unknown = null;
  let received = 0;
  while (Date.now() - started < 8000) {
    try {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
    } catch (error) {
      cut = error;
      break;
    }
    await pause(20);
  }
  assert.ok(cut, `the export ran past its limit (${received} bytes read in ${Date.now() - started} ms, not cut off)`);
  // The one slot of this server is free again, which it is only once the engine's connection is back.
  // Each probe is read to its end: an export holds its slot until its body has ended.
  const probe = async () => {
    const response = await fetch(`${base}${exportPath('jsonl', { select: 'id', where: 'id < 2' })}`);
    return { status: response.status, text: await response.text() };
  };
  await until(async () => (await probe()).status === 200);
  assert.deepEqual(await probe(), { status: 200, text: '{"id":0}\n{"id":1}\n' });
});

test('a client past its share of exports gets 429 with Retry-After, in the Opendatasoft shape', async () => {
  const base = await withLimits({ exportMaxPerClient: 1, exportMaxConcurrent: 10, exportQueueMs: 200 });
  const held = await heldOpen(base);
  try {
    const refused = await fetch(`${base}${exportPath('json')}`);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, `Retry-After: ${refused.headers.get('retry-after')}`);
    const body = await refused.json();
    assert.equal(body.error_code, 'TooManyRequests');
    assert.match(body.message, /1 export/);
  } finally {
    held.stop();
  }
  // Once the first has gone, the client may export again (the queue takes it as soon as the slot is free).
  await until(async () => (await fetch(`${base}${exportPath('jsonl', { select: 'id', where: 'id < 1' })}`)).status === 200);
});

test('a server at its cap answers another client 503 with Retry-After', async () => {
  const base = await withLimits({ exportMaxPerClient: 5, exportMaxConcurrent: 1, exportQueueMs: 200 });
  const owner = await createAccount(s, 'exporteur@example.org', 'user');
  const { key } = await s.portal.apiKeys.create(owner, { name: 'export' });
  const held = await heldOpen(base);
  try {
    const refused = await fetch(`${base}${exportPath('csv')}`, { headers: { authorization: `Apikey ${key}` } });
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const body = await refused.json();
    assert.equal(body.error_code, 'ServiceUnavailable');
    assert.match(body.message, /1 exports already/);
  } finally {
    held.stop();
  }
});

test('a waiting export starts when a slot frees within the queue time', async () => {
  const base = await withLimits({ exportMaxPerClient: 1, exportMaxConcurrent: 1, exportQueueMs: 10_000 });
  const held = await heldOpen(base);
  const waiting = fetch(`${base}${exportPath('jsonl', { select: 'id', where: 'id < 2' })}`);
  await pause(200);
  held.stop();
  const response = await waiting;
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '{"id":0}\n{"id":1}\n');
});

test('an export written whole (Parquet) past the temp budget is refused before its first byte, and leaves nothing', async () => {
  const base = await withLimits({ exportMaxTempBytes: 64 * 1024 });
  const response = await fetch(`${base}${exportPath('parquet')}`);
  assert.equal(response.status, 503);
  assert.match(response.headers.get('content-type') ?? '', /json/);
  const body = await response.json();
  assert.equal(body.error_code, 'ServiceUnavailable');
  assert.match(body.message, /no room for another export file/);
  await until(async () => readdirSync(join(s.env.dataDir, 'tmp')).every((name) => !name.endsWith('.parquet')));
  // Within the budget the same export is served.
  const small = await fetch(`${base}${exportPath('parquet', { where: 'id < 10' })}`);
  assert.equal(small.status, 200);
  assert.equal(Buffer.from(await small.arrayBuffer()).subarray(0, 4).toString(), 'PAR1');
});

test('an export that fails before its first byte answers 400 in the Opendatasoft shape, not an empty 200 or a 500', async () => {
  // The product overflows the engine's 64-bit integers when the rows are read, not when the query is compiled.
  const response = await s.get(exportPath('csv', { select: 'id*id*id*id*id*id*id*id*id as x' }));
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.equal(body.error_code, 'ODSQLError');
  assert.match(body.message, /Overflow/i);
});
