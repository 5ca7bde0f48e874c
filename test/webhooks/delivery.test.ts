// Sending deliveries: private addresses refused, time limit, no redirect followed; two servers on one database send
// each delivery exactly once; no secret reaches the logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { toAccount } from '../../src/accounts/store.ts';
import type { DatasetEvent } from '../../src/catalog/events.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { checkWebhookUrl, httpSender } from '../../src/webhooks/deliver.ts';
import { createAccount } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';

test('a URL must be http(s), without credentials, and (unless allowed) not a loopback, private or link-local host', () => {
  const refuse = { allowPrivate: false };
  assert.equal(checkWebhookUrl(' https://hooks.example.org/opaal?x=1#part ', refuse), 'https://hooks.example.org/opaal?x=1');
  for (const url of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/x', 'http://192.168.0.9/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://localhost:3000/', 'http://api.localhost/', 'http://0.0.0.0/', 'http://[fd00::1]/']) {
    assert.throws(() => checkWebhookUrl(url, refuse), { name: 'Invalid', reason: 'webhook_url_private' }, url);
  }
  assert.equal(checkWebhookUrl('http://127.0.0.1:8080/x', { allowPrivate: true }), 'http://127.0.0.1:8080/x');
  for (const url of ['file:///etc/passwd', 'gopher://example.org/', 'https://a:b@example.org/', '/relative', `https://example.org/${'x'.repeat(2000)}`]) {
    assert.throws(() => checkWebhookUrl(url, refuse), { name: 'Invalid', reason: 'webhook_url' }, url);
  }
});

test('the sender refuses private addresses where it connects, follows no redirect, and gives up at its time limit', async () => {
  const receiver = await startReceiver();
  try {
    const strict = httpSender({ timeoutMs: 2000, allowPrivate: false });
    assert.deepEqual(await strict(receiver.url, {}, '{}'), { delivered: false, statusCode: null, error: 'private_address' });
    // A name that resolves to loopback is refused at the lookup, so a DNS answer cannot slip past the check.
    assert.deepEqual(await strict(receiver.url.replace('127.0.0.1', 'localhost'), {}, '{}'), { delivered: false, statusCode: null, error: 'private_address' });
    assert.equal(receiver.received.length, 0);

    const open = httpSender({ timeoutMs: 300, allowPrivate: true });
    receiver.answer.status = 302;
    const redirected = await open(receiver.url, { 'Opaal-Event': 'evt_1' }, '{"a":1}');
    assert.deepEqual([redirected.delivered, redirected.statusCode], [false, 302]);
    assert.equal(receiver.received.length, 1, 'the redirect was not followed');
    assert.equal(receiver.received[0].body, '{"a":1}');
    assert.equal(receiver.received[0].headers['opaal-event'], 'evt_1');

    receiver.answer.status = 200;
    receiver.answer.delayMs = 1500;
    const started = Date.now();
    assert.deepEqual(await open(receiver.url, {}, '{}'), { delivered: false, statusCode: null, error: 'timeout' });
    assert.ok(Date.now() - started < 1200, 'stopped at the time limit');

    receiver.answer.delayMs = 0;
    assert.deepEqual(await open(receiver.url, {}, '{}'), { delivered: true, statusCode: 200, error: null });
    assert.equal((await open('http://127.0.0.1:1/nothing', {}, '{}')).error, 'ECONNREFUSED');
  } finally {
    await receiver.close();
  }
});

for (const dialect of dialects) {
  test(`two servers on one ${dialect} database deliver each event exactly once, though both hear every event`, async () => {
    const env = await testEnvironment(dialect, { WEBHOOK_PRIVATE_ADDRESSES: 'allow' });
    const receiver = await startReceiver();
    receiver.answer.delayMs = 3;
    const portals: Portal[] = [];
    try {
      portals.push(await openPortal(env.config));
      // The second process: its own pool and engine on the same database, data directory and portal key.
      portals.push(await openPortal(env.config, { migrate: false }));
      const [a, b] = portals;
      await importCities(a);
      const userId = await createAccount({ portal: a } as ServerHarness, 'twee@example.org', 'user');
      const account = toAccount((await a.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()));
      await a.webhooks.create(account, { url: receiver.url, datasetId: 'cities' });
      await b.webhooks.create(account, { url: receiver.url, datasetId: null });
      const events: DatasetEvent[] = Array.from({ length: 25 }, (_, i) => ({ type: 'version_published', datasetId: 'cities', at: new Date(Date.now() + 60_000 * (i + 1)).toISOString(), version: i + 2, previousVersion: i + 1 }));
      // Each event reaches both processes (a re-run job, or both handling it), in the opposite order.
      await Promise.all([
        (async () => { for (const e of events) await a.webhooks.onDatasetEvent(e); })(),
        (async () => { for (const e of [...events].reverse()) await b.webhooks.onDatasetEvent(e); })(),
      ]);
      await Promise.all([a.webhooks.flush(), b.webhooks.flush(), a.webhooks.flush(), b.webhooks.flush()]);
      const deliveries = receiver.received.map((r) => String(r.headers['opaal-delivery']));
      assert.equal(deliveries.length, events.length * 2, 'every event to both webhooks');
      assert.equal(new Set(deliveries).size, deliveries.length, 'no delivery sent twice');
      const rows = await a.store.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
      assert.equal(rows.length, events.length * 2);
      assert.ok(rows.every((r) => r.status === 'delivered' && Number(r.attempts) === 1), 'each sent on its first and only claim');
    } finally {
      for (const portal of portals.reverse()) await portal.close();
      await receiver.close();
      await env.cleanup();
    }
  });
}

test('no signing secret in the server log, even at trace level', async () => {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  const receiver = await startReceiver();
  let s: ServerHarness | null = null;
  try {
    s = await startServer('sqlite', { WEBHOOK_PRIVATE_ADDRESSES: 'allow' }, { logger: { level: 'trace', stream } });
    await importCities(s.portal);
    const userId = await createAccount(s, 'log@example.org', 'user');
    const { key } = await s.portal.apiKeys.create(userId, { name: 'log' });
    const response = await s.get('/api/opaal/v1/webhooks', { method: 'POST', headers: { Authorization: `Apikey ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ url: receiver.url, dataset_id: 'cities' }) });
    assert.equal(response.status, 201);
    const { secret, id } = await response.json();
    await s.get(`/api/opaal/v1/webhooks/${id}`, { headers: { Authorization: `Apikey ${key}` } });
    await s.portal.webhooks.onDatasetEvent({ type: 'metadata_updated', datasetId: 'cities', at: new Date().toISOString() });
    await s.portal.webhooks.flush();
    assert.equal(receiver.received.length, 1);
    assert.ok(lines.length > 3, 'the log was written');
    const log = lines.join('');
    assert.ok(!log.includes(secret), 'the secret');
    assert.ok(!log.includes(secret.slice(6, 20)), 'nor a part of it');
    assert.ok(!log.includes(key), 'nor the API key');
  } finally {
    await s?.close();
    await receiver.close();
  }
});
