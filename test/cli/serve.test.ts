// `opaal serve` as a process: picks up versions published by another process, logs no personal data, stops cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort, opaal, spawnOpaal, waitFor } from '../helpers/cli.ts';
import { fixture } from '../helpers/engine.ts';
import { tempDir } from '../helpers/stores.ts';
import { json } from '../helpers/server.ts';

test('serves a version that another process published, without a restart, and shuts down gracefully', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const data = join(dir.path, 'data');
  const port = await freePort();
  const server = spawnOpaal(['serve', '--port', String(port), '--host', '127.0.0.1', '--data', data], { LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}/api/explore/v2.1/catalog/datasets`;
  await waitFor(`http://127.0.0.1:${port}/readyz`);
  assert.equal((await json(fetch(base))).total_count, 0);

  const first = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'live', '--data', data]);
  assert.equal(first.code, 0, first.stderr);
  let body = await json(fetch(`${base}/live`, { headers: { 'User-Agent': 'secret-agent/1.0' } }));
  assert.equal(body.metas.default.records_count, 3);

  const second = await opaal(['import', fixture('types/all-types.csv'), '--dataset', 'live', '--data', data]);
  assert.equal(second.code, 0, second.stderr);
  body = await json(fetch(`${base}/live`));
  assert.equal(body.metas.default.records_count, 3);
  assert.equal(body.fields.length, 10);

  // An unknown key is refused, and neither it nor the query string reaches the log.
  assert.equal((await fetch(`${base}/live?apikey=opaal_should_not_be_logged`)).status, 401);

  server.kill('SIGTERM');
  const [code] = await once(server, 'exit');
  assert.equal(code, 0);
  const log = server.output();
  assert.match(log, /"msg":"portal ready"/);
  assert.match(log, /"msg":"shutting down"/);
  assert.match(log, /"path":"\/api\/explore\/v2.1\/catalog\/datasets\/live"/);
  for (const secret of ['remoteAddress', 'remotePort', '"hostname"', 'secret-agent', 'opaal_should_not_be_logged', 'apikey']) {
    assert.ok(!log.includes(secret), `the log holds "${secret}"`);
  }
});
