// The account's webhooks page in both languages: list with deliveries, register (secret shown once), delete, enable again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.ts';

let s: ServerHarness;
let receiver: Receiver;
before(async () => {
  receiver = await startReceiver();
  s = await startServer('sqlite', { WEBHOOK_PRIVATE_ADDRESSES: 'allow' });
  await importCities(s.portal);
});
after(async () => {
  await s?.close();
  await receiver?.close();
});

test('a signed-in person registers, sees the deliveries of, and deletes a webhook on the page, in Dutch and English', async () => {
  await createAccount(s, 'pagina@example.org', 'user');
  const v = await signedIn(s, 'pagina@example.org');
  const empty = await v.get('/-/account/webhooks');
  assert.equal(empty.status, 200);
  assert.match(v.lastPage, /U hebt nog geen webhooks/);
  assert.match(v.lastPage, /<link rel="alternate" type="application\/json" href="[^"]*\/api\/opaal\/v1\/webhooks"/);

  const bad = await v.post('/-/account/webhooks', { url: 'ftp://example.org/x', dataset_id: '' });
  assert.equal(bad.status, 400);
  assert.match(v.lastPage, /begint met http:\/\/ of https:\/\//);
  const hidden = await v.post('/-/account/webhooks', { url: receiver.url, dataset_id: 'bestaat-niet' });
  assert.equal(hidden.status, 404);
  assert.match(v.lastPage, /geen dataset met deze id/);

  const created = await v.post('/-/account/webhooks', { url: receiver.url, dataset_id: 'cities' });
  assert.equal(created.status, 200);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  const secret = /value="(whsec_[A-Za-z0-9_-]{43})"/.exec(v.lastPage)?.[1];
  assert.ok(secret, 'the secret is shown once');

  await s.portal.webhooks.onDatasetEvent({ type: 'version_published', datasetId: 'cities', at: new Date().toISOString(), version: 2, previousVersion: 1 });
  await s.portal.webhooks.flush();
  await v.get('/en/-/account/webhooks');
  assert.match(v.lastPage, /Recent deliveries/);
  assert.match(v.lastPage, /dataset\.version_published/);
  assert.match(v.lastPage, /delivered/);
  assert.ok(!v.lastPage.includes(secret!), 'never shown again');
  const id = /name="webhook_id" value="([^"]+)"/.exec(v.lastPage)?.[1];
  assert.ok(id);

  const unconfirmed = await v.post('/en/-/account/webhooks/delete', { webhook_id: id! });
  assert.equal(unconfirmed.status, 400, 'a deletion needs its tick');
  assert.equal((await s.portal.webhooks.listOf((await s.portal.store.db.selectFrom('users').select('id').where('email', '=', 'pagina@example.org').executeTakeFirstOrThrow()).id)).length, 1);
  const deleted = await v.post('/en/-/account/webhooks/delete', { webhook_id: id!, confirm: 'yes' });
  assert.equal(deleted.status, 303);
  assert.equal(deleted.headers.get('location'), '/en/-/account/webhooks?done=removed');
  await v.get('/en/-/account/webhooks?done=removed');
  assert.match(v.lastPage, /The webhook is deleted/);
  assert.match(v.lastPage, /You have no webhooks yet/);
});

test('a disabled webhook is enabled again from the page; someone else\'s is as unknown as a made-up one', async () => {
  const ownerId = await createAccount(s, 'eigenaar@example.org', 'user');
  await createAccount(s, 'ander@example.org', 'user');
  const owner = await signedIn(s, 'eigenaar@example.org');
  await owner.get('/-/account/webhooks');
  await owner.post('/-/account/webhooks', { url: receiver.url, dataset_id: '' });
  const [hook] = await s.portal.webhooks.listOf(ownerId);
  assert.equal(hook.datasetId, null, 'an empty dataset is the catalog');
  await s.portal.store.db.updateTable('webhooks').set({ disabled_at: new Date().toISOString(), disabled_reason: 'failures' }).where('id', '=', hook.id).execute();
  await owner.get('/-/account/webhooks');
  assert.match(owner.lastPage, /uitgeschakeld/);
  assert.match(owner.lastPage, /Weer inschakelen/);

  const other = await signedIn(s, 'ander@example.org');
  await other.get('/-/account/webhooks');
  const refused = await other.post('/-/account/webhooks/enable', { webhook_id: hook.id });
  assert.equal(refused.status, 404);
  assert.match(other.lastPage, /bestaat niet \(meer\)/);
  assert.equal((await s.portal.webhooks.listOf(ownerId))[0].state, 'disabled');

  const enabled = await owner.post('/-/account/webhooks/enable', { webhook_id: hook.id });
  assert.equal(enabled.status, 303);
  assert.equal((await s.portal.webhooks.listOf(ownerId))[0].state, 'active');
  await owner.get('/-/account');
  assert.match(owner.lastPage, /href="\/-\/account\/webhooks"/, 'the account page leads to it');
});

test('without signing in the page sends to sign-in, and a form post without the CSRF token changes nothing', async () => {
  const anonymous = await fetch(`${s.url}/-/account/webhooks`, { redirect: 'manual' });
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/-/account/login');
  const id = await createAccount(s, 'csrf@example.org', 'user');
  const v = await signedIn(s, 'csrf@example.org');
  v.lastPage = '';
  const forged = await v.post('/-/account/webhooks', { url: receiver.url, dataset_id: '' });
  assert.equal(forged.status, 403);
  assert.equal((await s.portal.webhooks.listOf(id)).length, 0);
});
