// Webhooks end to end on both dialects: registration by API key, one signed delivery per webhook and event to a real
// receiver on loopback, retries with backoff and disabling with a mail over real SMTP, visibility, erasure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { DatasetEvent } from '../../src/catalog/events.ts';
import { eventIdOf } from '../../src/webhooks/service.ts';
import { maxAttempts, retryDelayMs } from '../../src/webhooks/queue.ts';
import { verifySignature } from '../../src/webhooks/sign.ts';
import { createAccount } from '../helpers/accounts.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { dialects } from '../helpers/stores.ts';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.ts';

const start = new Date('2026-03-02T10:00:00.000Z');

for (const dialect of dialects) {
  describe(`webhooks on ${dialect}`, () => {
    let s: ServerHarness;
    let smtp: SmtpHarness;
    let receiver: Receiver;
    let now = new Date(start);
    let people = 0;

    before(async () => {
      smtp = await startSmtp();
      receiver = await startReceiver();
      s = await startServer(dialect, { SMTP_URL: smtp.url, WEBHOOK_PRIVATE_ADDRESSES: 'allow' }, { clock: () => new Date(now) });
      await importCities(s.portal);
      await s.portal.catalog.importDataset({
        datasetId: 'secret-cities',
        path: fixture('explore/cities.json'),
        input: parseMetadataInput({ ...JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8')), visibility: 'restricted' }),
        actor: 'test',
      });
    });
    after(async () => {
      await s?.close();
      await receiver?.close();
      await smtp?.close();
    });

    /** A new person with an API key, so each test starts with no webhooks. */
    async function person(): Promise<{ id: string; email: string; key: string }> {
      people += 1;
      const email = `persoon${people}@example.org`;
      const id = await createAccount(s, email, 'user');
      const { key } = await s.portal.apiKeys.create(id, { name: 'hooks' });
      return { id, email, key };
    }
    const api = (key: string, path = '', init: { method?: string; body?: unknown } = {}) =>
      s.get(`/api/opaal/v1/webhooks${path}`, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Apikey ${key}`, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    async function register(key: string, body: Record<string, unknown>) {
      const response = await api(key, '', { method: 'POST', body });
      assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
      return response.json();
    }
    const event = (version: number, type: DatasetEvent['type'] = 'version_published', datasetId = 'cities'): DatasetEvent => ({
      type, datasetId, at: new Date(now).toISOString(), version, previousVersion: version - 1,
    });
    const rowsOf = (webhookId: string) => s.portal.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).execute();

    test('registers a webhook with an API key: 201, the secret once, sealed at rest, never listed again', async () => {
      const p = await person();
      const created = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual([created.dataset_id, created.state, created.url], ['cities', 'active', receiver.url]);
      const listed = await json(api(p.key));
      assert.equal(listed.total_count, 1);
      assert.equal(listed.results[0].id, created.id);
      assert.ok(!JSON.stringify(listed).includes(created.secret), 'the list never shows the secret');
      const row = await s.portal.store.db.selectFrom('webhooks').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.ok(!row.secret.includes(created.secret) && row.secret.startsWith('v1.'), 'stored sealed');
      assert.equal((await s.get('/api/opaal/v1/webhooks')).status, 401, 'no key, no webhooks');
      const stranger = await person();
      assert.equal((await api(stranger.key, `/${created.id}`)).status, 404, 'someone else\'s webhook is not there');
      assert.equal((await api(stranger.key, `/${created.id}`, { method: 'DELETE' })).status, 404);
      assert.equal((await api(p.key, `/${created.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await json(api(p.key))).total_count, 0, 'deleted');
    });

    test('a bad URL is a clear 400; a dataset the owner may not see is refused; a catalog webhook needs no dataset', async () => {
      const p = await person();
      for (const url of ['ftp://example.org/x', 'not a url', 'https://user:pw@example.org/x', 'javascript:alert(1)']) {
        const response = await api(p.key, '', { method: 'POST', body: { url } });
        assert.equal(response.status, 400, url);
        const body = await response.json();
        assert.equal(body.error, 'invalid');
        assert.match(body.message, /url/i);
      }
      const unknownKey = await api(p.key, '', { method: 'POST', body: { url: receiver.url, secret: 'mine' } });
      assert.equal(unknownKey.status, 400);
      assert.match((await unknownKey.json()).message, /secret/);
      const restricted = await api(p.key, '', { method: 'POST', body: { url: receiver.url, dataset_id: 'secret-cities' } });
      assert.equal(restricted.status, 404);
      assert.equal((await restricted.json()).reason, 'webhook_dataset');
      assert.equal((await json(api(p.key))).total_count, 0, 'nothing registered by the refusals');
      const catalog = await register(p.key, { url: receiver.url, dataset_id: null });
      assert.equal(catalog.dataset_id, null);
    });

    test('a dataset event becomes one signed delivery; the same event twice still one; the signature checks out', async () => {
      const p = await person();
      const { id, secret } = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      const before = receiver.received.length;
      const e = event(2);
      await s.portal.webhooks.onDatasetEvent(e);
      await s.portal.webhooks.onDatasetEvent(e);
      await s.portal.webhooks.flush();
      await s.portal.webhooks.onDatasetEvent(e);
      await s.portal.webhooks.flush();
      const rows = await rowsOf(id);
      assert.equal(rows.length, 1, 'one delivery row');
      // Other tests' webhooks share the receiver: this webhook's delivery is the one with its id.
      const mine = receiver.received.slice(before).filter((r) => r.headers['opaal-delivery'] === rows[0].id);
      assert.equal(mine.length, 1, 'delivered once');
      assert.equal(mine[0].headers['opaal-event'], eventIdOf(e));
      const [{ headers, body }] = mine;
      const payload = JSON.parse(body);
      assert.equal(payload.id, eventIdOf(e));
      assert.equal(payload.type, 'dataset.version_published');
      assert.equal(payload.created_at, e.at);
      assert.deepEqual([payload.data.dataset_id, payload.data.version, payload.data.previous_version], ['cities', 2, 1]);
      assert.match(payload.data.url, /\/datasets\/cities$/);
      assert.equal(headers['opaal-event-type'], 'dataset.version_published');
      assert.equal(headers['content-type'], 'application/json');
      const [delivery] = await rowsOf(id);
      assert.equal(headers['opaal-delivery'], delivery.id);
      assert.equal(delivery.status, 'delivered');
      const signature = String(headers['opaal-signature']);
      assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
      assert.equal(verifySignature(secret, signature, body, now), true, 'the right secret and body');
      assert.equal(verifySignature(`${secret}x`, signature, body, now), false, 'a wrong secret');
      assert.equal(verifySignature(secret, signature, body.replace('"cities"', '"steden"'), now), false, 'a modified body');
      assert.equal(verifySignature(secret, signature, body, new Date(now.getTime() + 6 * 60_000)), false, 'a signature over five minutes old');
      assert.equal(verifySignature(secret, signature, body, new Date(now.getTime() + 4 * 60_000)), true, 'within five minutes');
      const listed = await json(api(p.key, `/${id}`));
      assert.deepEqual(listed.deliveries.map((d: { status: string; last_status_code: number }) => [d.status, d.last_status_code]), [['delivered', 204]]);
    });

    test('a catalog webhook gets the events of datasets its owner sees, not of a restricted one; a metadata change is its own event', async () => {
      const p = await person();
      const { id } = await register(p.key, { url: receiver.url });
      await s.portal.webhooks.onDatasetEvent(event(1, 'version_published', 'secret-cities'));
      const metadata = event(2, 'metadata_updated');
      await s.portal.webhooks.onDatasetEvent(metadata);
      await s.portal.webhooks.flush();
      const rows = await rowsOf(id);
      assert.deepEqual(rows.map((r) => [r.dataset_id, r.event_type, r.status]), [['cities', 'dataset.metadata_updated', 'delivered']]);
    });

    test('a granted restricted dataset is delivered; once the grant is withdrawn, a delivery still waiting is not sent', async () => {
      const p = await person();
      await s.portal.admin.grant('admin', 'secret-cities', p.email);
      const { id } = await register(p.key, { url: receiver.url, dataset_id: 'secret-cities' });
      await s.portal.webhooks.onDatasetEvent(event(2, 'version_published', 'secret-cities'));
      await s.portal.webhooks.flush();
      assert.equal((await rowsOf(id))[0].status, 'delivered');
      // Queued while the grant held, sent after it was withdrawn: the check at sending stops it.
      const waiting = receiver.answer.status;
      receiver.answer.status = 503;
      await s.portal.webhooks.onDatasetEvent(event(3, 'version_published', 'secret-cities'));
      await s.portal.webhooks.flush();
      receiver.answer.status = waiting;
      await s.portal.admin.revokeGrant('admin', 'secret-cities', p.id);
      now = new Date(now.getTime() + retryDelayMs(1));
      const before = receiver.received.length;
      await s.portal.webhooks.flush();
      assert.equal(receiver.received.length, before, 'nothing sent');
      const rows = await rowsOf(id);
      assert.deepEqual(rows.map((r) => [r.status, r.last_error]).sort(), [['cancelled', 'not_visible'], ['delivered', null]]);
      await s.portal.webhooks.onDatasetEvent(event(4, 'version_published', 'secret-cities'));
      assert.equal((await rowsOf(id)).length, 2, 'no new delivery without the grant');
    });

    test('a failing receiver gets retries with growing backoff, then the webhook is disabled and its owner mailed', async () => {
      const p = await person();
      const failing = await startReceiver();
      failing.answer.status = 500;
      failing.answer.body = `Internal error ${'x'.repeat(2000)}`;
      try {
        const { id } = await register(p.key, { url: failing.url, dataset_id: 'cities', language: 'en' });
        await s.portal.webhooks.onDatasetEvent(event(3));
        await s.portal.webhooks.flush();
        assert.equal(failing.received.length, 1);
        for (let attempt = 1; attempt < maxAttempts; attempt += 1) {
          const [row] = await rowsOf(id);
          assert.deepEqual([row.status, Number(row.attempts), Number(row.last_status_code)], ['pending', attempt, 500]);
          assert.ok(row.last_error!.startsWith('http_500: Internal error') && row.last_error!.length <= 300, 'a short snippet of the answer');
          assert.equal(new Date(row.next_attempt_at).getTime() - now.getTime(), retryDelayMs(attempt));
          // Not before it is due…
          now = new Date(now.getTime() + retryDelayMs(attempt) - 1000);
          await s.portal.webhooks.flush();
          assert.equal(failing.received.length, attempt, `no attempt ${attempt + 1} early`);
          // …and once it is.
          now = new Date(now.getTime() + 1000);
          await s.portal.webhooks.flush();
          assert.equal(failing.received.length, attempt + 1);
        }
        const [row] = await rowsOf(id);
        assert.deepEqual([row.status, Number(row.attempts)], ['failed', maxAttempts]);
        const hook = (await json(api(p.key, `/${id}`)));
        assert.deepEqual([hook.state, hook.disabled_reason], ['disabled', 'failures']);
        const mail = await smtp.next(p.email);
        assert.match(mail.subject, /webhook .* is disabled/i);
        assert.match(mail.text, /after 8 attempts/);
        assert.ok(mail.text.includes(failing.url));
        assert.match(mail.text, /\/en\/-\/account\/webhooks/);
        // Disabled: a new event is not queued for it.
        await s.portal.webhooks.onDatasetEvent(event(4));
        await s.portal.webhooks.flush();
        assert.equal((await rowsOf(id)).length, 1);
        assert.equal(failing.received.length, maxAttempts);
        // Enabled again, and answering: the next event goes out.
        failing.answer.status = 200;
        const enabled = await api(p.key, `/${id}/enable`, { method: 'POST' });
        assert.equal(enabled.status, 200);
        assert.equal((await enabled.json()).state, 'active');
        await s.portal.webhooks.onDatasetEvent(event(5));
        await s.portal.webhooks.flush();
        assert.equal(failing.received.length, maxAttempts + 1);
      } finally {
        await failing.close();
      }
    });

    test('a restricted account gets no mail when its webhook is disabled', async () => {
      const p = await person();
      const failing = await startReceiver();
      failing.answer.status = 503;
      try {
        const { id } = await register(p.key, { url: failing.url, dataset_id: 'cities' });
        await s.portal.rights.setRestriction(p.id, true, 'self');
        await s.portal.webhooks.onDatasetEvent(event(6));
        for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
          await s.portal.webhooks.flush();
          now = new Date(now.getTime() + retryDelayMs(attempt));
        }
        assert.equal((await s.portal.webhooks.listOf(p.id))[0].state, 'disabled');
        await s.portal.mailer.flush();
        assert.equal(smtp.messages.filter((m) => m.to.includes(p.email)).length, 0);
        const outbox = await s.portal.store.db.selectFrom('mail_outbox').select('id').where('to_address', '=', p.email).execute();
        assert.equal(outbox.length, 0, 'not even queued');
        assert.equal((await rowsOf(id))[0].status, 'failed');
      } finally {
        await failing.close();
      }
    });

    test('a delivery whose sender died mid-send is claimed again once its claim expires, and sent once', async () => {
      const p = await person();
      const { id } = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      const e = event(7);
      // A delivery claimed by a process that then crashed.
      await s.portal.webhooks.onDatasetEvent(e);
      await s.portal.webhooks.flush();
      const [row] = await rowsOf(id);
      await s.portal.store.db.updateTable('webhook_deliveries').set({ status: 'sending', claimed_by: 'sender_dead', claimed_at: now.toISOString(), delivered_at: null }).where('id', '=', row.id).execute();
      const before = receiver.received.length;
      await s.portal.webhooks.flush();
      assert.equal(receiver.received.length, before, 'a fresh claim is left alone');
      now = new Date(now.getTime() + 61_000);
      await s.portal.webhooks.flush();
      assert.equal(receiver.received.length, before + 1, 'an expired claim is taken over');
      assert.equal((await rowsOf(id))[0].status, 'delivered');
    });

    test('a secret that no longer opens (the portal key changed) fails the attempt, so the delivery is not claimed for ever', async () => {
      const p = await person();
      const { id } = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      const other = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      // The other webhook's sealed secret is bound to the other id: copied here it does not open.
      const sealed = (await s.portal.store.db.selectFrom('webhooks').select('secret').where('id', '=', other.id).executeTakeFirstOrThrow()).secret;
      await s.portal.store.db.updateTable('webhooks').set({ secret: sealed }).where('id', '=', id).execute();
      await s.portal.webhooks.onDatasetEvent(event(11));
      await s.portal.webhooks.flush();
      const [row] = await rowsOf(id);
      assert.deepEqual([row.status, Number(row.attempts), row.last_error], ['pending', 1, 'internal_Error']);
      assert.equal((await rowsOf(other.id))[0].status, 'delivered', 'the other webhook is not held up');
    });

    test('the access archive lists webhooks and deliveries without the secret; erasure removes every row', async () => {
      const p = await person();
      const { id, secret } = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      await s.portal.webhooks.onDatasetEvent(event(8));
      await s.portal.webhooks.flush();
      const archive = await s.portal.rights.buildAccessArchive(p.id);
      const text = JSON.stringify(archive);
      assert.ok(text.includes(receiver.url), 'the URL is in the archive');
      assert.ok(!text.includes(secret), 'the secret is not');
      const sealed = (await s.portal.store.db.selectFrom('webhooks').select('secret').where('id', '=', id).executeTakeFirstOrThrow()).secret;
      assert.ok(!text.includes(sealed));
      await s.portal.rights.eraseAccount(p.id, { by: 'self' });
      assert.equal((await s.portal.store.db.selectFrom('webhooks').select('id').where('user_id', '=', p.id).execute()).length, 0);
      assert.equal((await rowsOf(id)).length, 0);
    });

    test('deliveries are swept 30 days after their event, but not one being sent', async () => {
      const p = await person();
      const { id } = await register(p.key, { url: receiver.url, dataset_id: 'cities' });
      await s.portal.webhooks.onDatasetEvent(event(9));
      await s.portal.webhooks.onDatasetEvent(event(10));
      await s.portal.webhooks.flush();
      const rows = await rowsOf(id);
      assert.deepEqual(rows.map((r) => r.status), ['delivered', 'delivered']);
      await s.portal.store.db.updateTable('webhook_deliveries').set({ status: 'sending', claimed_by: 'sender_busy', claimed_at: now.toISOString() }).where('id', '=', rows[1].id).execute();
      now = new Date(now.getTime() + 29 * 86_400_000);
      await s.portal.retention.run({ now });
      assert.equal((await rowsOf(id)).length, 2, 'kept for 30 days');
      now = new Date(now.getTime() + 2 * 86_400_000);
      await s.portal.retention.run({ now });
      assert.deepEqual((await rowsOf(id)).map((r) => r.id), [rows[1].id], 'the one being sent stays');
    });
  });
}
