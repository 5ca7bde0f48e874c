// From a change to a delivery, as it happens in the portal: an import and a metadata edit enqueue their jobs, the job
// runner hands each event to the webhooks, and the receiver gets one signed event per change, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toAccount } from '../../src/accounts/store.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { openPortal } from '../../src/portal.ts';
import { verifySignature } from '../../src/webhooks/sign.ts';
import { createAccount } from '../helpers/accounts.ts';
import type { ServerHarness } from '../helpers/server.ts';
import { testEnvironment } from '../helpers/stores.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';

test('an import and a metadata edit reach a dataset webhook through the job queue, once each, signed', async () => {
  const env = await testEnvironment('sqlite', { WEBHOOK_PRIVATE_ADDRESSES: 'allow' });
  const receiver = await startReceiver();
  const portal = await openPortal(env.config);
  try {
    const file = (n: number) => {
      const path = join(env.dataDir, `v${n}.csv`);
      writeFileSync(path, `code;aantal\nA;${n}\nB;2\n`);
      return path;
    };
    await portal.catalog.importDataset({ datasetId: 'tellingen', path: file(1), input: parseMetadataInput({ title: { nl: 'Tellingen' }, key: ['code'] }), actor: 'cli' });
    const userId = await createAccount({ portal } as ServerHarness, 'haak@example.org', 'user');
    const account = toAccount(await portal.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow());
    const { secret } = await portal.webhooks.create(account, { url: receiver.url, datasetId: 'tellingen' });
    await portal.jobs.runDue();
    await portal.webhooks.flush();
    assert.equal(receiver.received.length, 0, 'the first version came before the webhook: it is not told');

    await portal.catalog.importDataset({ datasetId: 'tellingen', path: file(2), actor: 'cli' });
    await portal.catalog.updateMetadata({ id: 'tellingen', input: parseMetadataInput({ description: { nl: 'Per code.' } }), actor: 'u_editor' });
    assert.equal(await portal.jobs.runDue(), 2);
    assert.equal(await portal.jobs.runDue(), 0, 'each job once');
    await portal.webhooks.flush();
    const events = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { dataset_id: string; version?: number } });
    assert.deepEqual(events.map((e) => [e.type, e.data.dataset_id, e.data.version ?? null]), [['dataset.version_published', 'tellingen', 2], ['dataset.metadata_updated', 'tellingen', null]]);
    for (const r of receiver.received) assert.ok(verifySignature(secret, String(r.headers['opaal-signature']), r.body), 'signed with the secret shown once');
  } finally {
    await portal.close();
    await receiver.close();
    await env.cleanup();
  }
});
