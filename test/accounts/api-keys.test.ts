// API keys end to end: made on the account page and shown once, used as ODS clients send them, revoked at once, never at rest or in logs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { loggerOptions } from '../../src/app.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { Role } from '../../src/accounts/types.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { visitor } from '../helpers/visitor.ts';

const require = createRequire(import.meta.url);
const { ApiClient, fromCatalog, AuthenticationError, NotFoundError } = require('@opendatasoft/api-client');

let now = new Date('2026-03-02T09:00:00Z');
const logLines: string[] = [];
let s: ServerHarness;
const strong = 'paard-batterij-nietje-correct';
const api = '/api/explore/v2.1/catalog/datasets';
const keyShape = /opaal_[A-Za-z0-9_-]{43}/;

before(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  s = await startServer('sqlite', { API_KEY_MAX_DAYS: '30' }, { clock: () => now, logger: { ...(loggerOptions('info') as object), stream } });
  const meta = JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'));
  await s.portal.catalog.importDataset({ datasetId: 'intern', path: fixture('explore/cities.json'), input: parseMetadataInput({ ...meta, visibility: 'restricted' }), actor: 'test' });
});
after(() => s.close());

const db = () => s.portal.store.db;

/** An active, verified account; made by the operator command's service call, verified as following its link would. */
async function person(email: string, role: Role = 'user') {
  const { account, link } = await s.portal.accounts.createAccount({ email, role, actor: 'test' });
  await s.portal.accounts.resetPassword(new URL(link).pathname.split('/').pop()!, strong, 'set_password');
  return account;
}

async function signedIn(email: string) {
  const account = await person(email);
  const v = visitor(s.url);
  await v.get('/-/account/login');
  assert.equal((await v.post('/-/account/login', { email, password: strong })).status, 303);
  assert.equal((await v.get('/-/account')).status, 200);
  return { account, v };
}

const grant = (datasetId: string, userId: string) =>
  db().insertInto('dataset_grants').values({ dataset_id: datasetId, user_id: userId, granted_by: 'test', granted_at: now.toISOString() }).execute();
const withKey = (path: string, key: string, scheme = 'Apikey') => s.get(path, { headers: { authorization: `${scheme} ${key}` } });

test('a key made on the account page is shown once, works as ODS clients send it, shows its last use and dies when revoked', async () => {
  const { account, v } = await signedIn('sleutel@example.org');
  await grant('intern', account.id);
  assert.match(v.lastPage, /API-sleutels/);
  assert.match(v.lastPage, /U hebt nog geen API-sleutels/);

  const made = await v.post('/-/account/api-keys', { key_name: 'Rapport energie', days: '20' });
  assert.equal(made.status, 200);
  assert.equal(made.headers.get('cache-control'), 'no-store');
  const key = keyShape.exec(v.lastPage)![0];
  assert.match(v.lastPage, /maar deze ene keer getoond/);
  assert.ok(v.lastPage.includes(`curl -H &quot;Authorization: Apikey ${key}&quot;`), 'an example curl line with the key');

  const page = await (await v.get('/-/account')).text();
  assert.ok(!page.includes(key), 'the account page never shows the key again');
  assert.ok(page.includes(`${key.slice(0, 10)}…`), 'only its prefix');
  assert.match(page, /Rapport energie[\s\S]*nog niet/);

  assert.equal((await s.get(`${api}/intern`)).status, 404, 'without the key the dataset does not exist');
  for (const scheme of ['ApiKey', 'apikey', 'APIKEY']) {
    assert.equal((await withKey(`${api}/intern`, key, scheme)).status, 200, scheme);
  }
  const byQuery = await s.get(`${api}/intern/records?limit=2&apikey=${key}`);
  assert.equal(byQuery.status, 200);
  assert.equal((await byQuery.json()).total_count, 10);

  const used = await (await v.get('/-/account')).text();
  assert.doesNotMatch(used, /Rapport energie[\s\S]*nog niet/, 'the list shows the last use');
  const stored = await db().selectFrom('api_keys').select('last_used_at').where('user_id', '=', account.id).executeTakeFirstOrThrow();
  assert.equal(stored.last_used_at, now.toISOString());

  const keyId = /name="key_id" value="([^"]+)"/.exec(used)![1];
  const revoked = await v.post('/-/account/api-keys/revoke', { key_id: keyId });
  assert.equal(revoked.status, 303);
  assert.equal(revoked.headers.get('location'), '/-/account?done=key_revoked#api-keys');
  assert.match(await (await v.get('/-/account?done=key_revoked')).text(), /De sleutel is ingetrokken[\s\S]*ingetrokken/);
  const refused = await withKey(`${api}/intern`, key);
  assert.equal(refused.status, 401, 'the very next request is refused');
  assert.deepEqual(Object.keys(await refused.json()), ['error_code', 'message']);
  assert.equal((await s.get(`${api}?apikey=${key}`)).status, 401);
});

test('the last use is written at most once a minute', async () => {
  const owner = await person('minuut@example.org');
  const { key, info } = await s.portal.apiKeys.create(owner.id, { name: 'teller' });
  const lastUsed = async () => (await db().selectFrom('api_keys').select('last_used_at').where('id', '=', info.id).executeTakeFirstOrThrow()).last_used_at;
  await withKey(api, key);
  const first = now.toISOString();
  assert.equal(await lastUsed(), first);
  now = new Date(now.getTime() + 30_000);
  await withKey(api, key);
  assert.equal(await lastUsed(), first, 'not again within the minute');
  now = new Date(now.getTime() + 31_000);
  await withKey(api, key);
  assert.equal(await lastUsed(), now.toISOString());
});

test('a key stops at its expiry, and its lifetime is capped by API_KEY_MAX_DAYS', async () => {
  const { account, v } = await signedIn('verloop@example.org');
  const { key, info } = await s.portal.apiKeys.create(account.id, { name: 'kort', days: 2 });
  assert.equal(info.expiresAt, new Date(now.getTime() + 2 * 86_400_000).toISOString());
  const start = now;
  now = new Date(start.getTime() + 2 * 86_400_000 - 60_000);
  assert.equal((await withKey(api, key)).status, 200, 'a minute before its end');
  now = new Date(start.getTime() + 2 * 86_400_000);
  assert.equal((await withKey(api, key)).status, 401, 'at its end');
  assert.equal((await s.portal.apiKeys.listKeysOf(account.id))[0].state, 'expired');
  now = start;

  const defaulted = await s.portal.apiKeys.create(account.id, { name: 'standaard' });
  assert.equal(defaulted.info.expiresAt, new Date(now.getTime() + 30 * 86_400_000).toISOString(), 'the default is capped too');
  await assert.rejects(s.portal.apiKeys.create(account.id, { name: 'te lang', days: 31 }), /1 to 30 days/);
  await v.get('/-/account');
  const tooLong = await v.post('/-/account/api-keys', { key_name: 'te lang', days: '365' });
  assert.equal(tooLong.status, 400);
  assert.match(v.lastPage, /Kies een geldigheid binnen het toegestane aantal dagen/);
  assert.match(v.lastPage, /1 tot 30 dagen/);
  assert.doesNotMatch(v.lastPage, keyShape);
  const english = await v.post('/en/-/account/api-keys', { key_name: '', days: '5' });
  assert.equal(english.status, 400);
  assert.match(v.lastPage, /Give the key a name/);
  const names = (await s.portal.apiKeys.listKeysOf(account.id)).map((k) => k.name);
  assert.deepEqual(names.sort(), ['kort', 'standaard']);
});

test('an administrator revokes any key, is recorded doing so, and nobody else can', async () => {
  const owner = await person('eigenaar@example.org');
  const admin = await person('beheer@example.org', 'admin');
  const other = await person('ander@example.org');
  const { key, info } = await s.portal.apiKeys.create(owner.id, { name: 'gelekt' });
  await assert.rejects(s.portal.apiKeys.revokeByAdmin(other.id, info.id), { code: 'forbidden' });
  await assert.rejects(s.portal.apiKeys.revoke(other.id, info.id), { code: 'not_found' }, "another user's key is unknown to them");
  assert.equal((await withKey(api, key)).status, 200);

  await s.portal.apiKeys.revokeByAdmin(admin.id, info.id);
  assert.equal((await withKey(api, key)).status, 401);
  const [listed] = await s.portal.apiKeys.listKeysOf(owner.id);
  assert.equal(listed.state, 'revoked');
  assert.equal(listed.revokedByAdmin, true);
  const events = await db().selectFrom('events').selectAll().where('subject_type', '=', 'api_key').where('subject_id', '=', info.id).orderBy('id').execute();
  assert.deepEqual(events.map((e) => [e.verb, e.actor]), [['api_key.created', owner.id], ['api_key.revoked_by_admin', admin.id]]);
  assert.ok(events.every((e) => !e.data.includes('gelekt') && !e.data.includes('@')), 'no personal data in the events');
});

test("a key of a disabled account stops working; a key's owner, not a cookie sent along, decides", async () => {
  const granted = await signedIn('cookie@example.org');
  await grant('intern', granted.account.id);
  const stranger = await person('vreemde@example.org');
  const strangerKey = (await s.portal.apiKeys.create(stranger.id, { name: 'x' })).key;
  const cookie = { cookie: granted.v.cookie! };
  assert.equal((await s.get(`${api}/intern`, { headers: cookie })).status, 200, 'the session alone sees the granted dataset');
  assert.equal((await s.get(`${api}/intern`, { headers: { ...cookie, authorization: `Apikey ${strangerKey}` } })).status, 404, "the key's owner decides");
  assert.equal((await s.get(`${api}/intern?apikey=opaal_${'x'.repeat(43)}`, { headers: cookie })).status, 401, 'a dead key is refused, not replaced by the cookie');

  // A key manages nothing: the account forms take the session only.
  const noSession = await fetch(`${s.url}/-/account/api-keys`, {
    method: 'POST',
    headers: { authorization: `Apikey ${strangerKey}`, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'key_name=opvolger&days=5',
    redirect: 'manual',
  });
  assert.equal(noSession.status, 303);
  assert.equal(noSession.headers.get('location'), '/-/account/login');
  assert.equal((await s.portal.apiKeys.listKeysOf(stranger.id)).length, 1);

  await db().updateTable('users').set({ disabled_at: now.toISOString() }).where('id', '=', stranger.id).execute();
  assert.equal((await withKey(api, strangerKey)).status, 401);
});

test("an editor's key, or the key of a user granted the dataset, sees it everywhere; without, it exists nowhere", async () => {
  const editor = await person('redacteur@example.org', 'editor');
  const plain = await person('gewoon@example.org');
  const editorKey = (await s.portal.apiKeys.create(editor.id, { name: 'publicatie' })).key;
  const plainKey = (await s.portal.apiKeys.create(plain.id, { name: 'lezen' })).key;
  const paths = [`${api}/intern`, `${api}/intern/records`, `${api}/intern/facets?facet=country`, `${api}/intern/exports/csv`, `${api}/intern/attachments`];
  for (const path of paths) {
    assert.equal((await withKey(path, editorKey)).status, 200, path);
    assert.equal((await withKey(path, plainKey)).status, 404, path);
    assert.equal((await s.get(path)).status, 404, path);
  }
  const catalog = async (key?: string) => json(key ? withKey(`${api}?limit=100`, key) : s.get(`${api}?limit=100`));
  assert.deepEqual((await catalog(editorKey)).results.map((d: { dataset_id: string }) => d.dataset_id), ['intern']);
  assert.equal((await catalog(plainKey)).total_count, 0);
  assert.equal((await catalog()).total_count, 0);
  const counted = async (key?: string) => {
    const path = '/api/explore/v2.1/catalog/facets?facet=features';
    const body = await json(key ? withKey(path, key) : s.get(path));
    return body.facets[0].facets.reduce((sum: number, f: { count: number }) => sum + f.count, 0);
  };
  assert.ok((await counted(editorKey)) > 0, 'the catalog facets count the restricted dataset for the editor');
  assert.equal(await counted(plainKey), 0);
  assert.equal(await counted(), 0);
  const csv = await (await withKey(`${api}/intern/exports/csv`, editorKey)).text();
  assert.match(csv, /Berlin/);
  await grant('intern', plain.id);
  assert.equal((await withKey(`${api}/intern/records`, plainKey)).status, 200, 'a grant takes effect at the next request');
});

test('the official @opendatasoft/api-client reads a restricted dataset with a key, and gets its errors without one', async () => {
  const owner = await person('client@example.org');
  await grant('intern', owner.id);
  const { key, info } = await s.portal.apiKeys.create(owner.id, { name: 'client' });
  const client = new ApiClient({ domain: s.url, apiKey: key, hideDeprecatedWarning: true });
  const records = await client.get(fromCatalog().dataset('intern').records().select('name').where('country = "DE"').orderBy('name'));
  assert.deepEqual(records.results.map((r: { name: string }) => r.name), ['Berlin', 'Hamburg', 'Munich']);
  const anonymous = new ApiClient({ domain: s.url, hideDeprecatedWarning: true });
  await assert.rejects(anonymous.get(fromCatalog().dataset('intern').records()), (e: unknown) => e instanceof NotFoundError);
  await s.portal.apiKeys.revoke(owner.id, info.id);
  await assert.rejects(client.get(fromCatalog().dataset('intern').records()), (e: unknown) => e instanceof AuthenticationError);
});

test('a key is at rest only as its digest: not in the SQLite file, not in the log', async () => {
  const owner = await person('rust@example.org');
  const { key } = await s.portal.apiKeys.create(owner.id, { name: 'geheim' });
  await withKey(api, key);
  await s.get(`${api}?apikey=${key}&limit=1`);
  await s.get(`${api}/${key}`);
  const files = readdirSync(s.env.dataDir).filter((f) => f.startsWith('opaal.sqlite'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const bytes = readFileSync(join(s.env.dataDir, file));
    assert.equal(bytes.indexOf(key.slice(6)), -1, `${file} holds the key`);
  }
  const row = await db().selectFrom('api_keys').select(['digest', 'prefix']).where('user_id', '=', owner.id).executeTakeFirstOrThrow();
  assert.match(row.digest, /^[0-9a-f]{64}$/);
  assert.equal(row.prefix, key.slice(0, 10));

  const log = logLines.join('');
  assert.match(log, /"path":"\/api\/explore\/v2\.1\/catalog\/datasets"/, 'the server logged the API requests');
  assert.ok(!log.includes(key.slice(6, 30)), `the log holds the key: ${logLines.find((l) => l.includes(key.slice(6, 30)))?.slice(0, 300)}`);
  assert.ok(!log.includes('apikey='), 'no query string with a key');
  const requests = logLines.filter((l) => l.includes('"req"'));
  assert.ok(requests.length > 10 && requests.every((l) => !l.includes('127.0.0.1')), 'no client address with a request');
});
