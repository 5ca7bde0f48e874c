// Access grants over HTTP: a restricted dataset exists for a person from the moment an admin grants it until it is revoked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff-admin.ts';
import type { Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let admin: Visitor;
let adminId: string;
before(async () => {
  s = await startServer('sqlite');
  await importCities(s.portal);
  const meta = JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'));
  await s.portal.catalog.importDataset({
    datasetId: 'geheime-steden',
    path: fixture('explore/cities.json'),
    input: parseMetadataInput({ ...meta, title: { nl: 'Geheime steden', en: 'Secret cities' }, visibility: 'restricted' }),
    actor: 'test',
  });
  const signed = await signedIn(s, 'toegang.beheer@example.org', 'admin');
  admin = signed.v;
  adminId = signed.account.id;
});
after(() => s.close());

/** Everything a person could learn the dataset from: the catalog API, its record endpoint, the pages. */
async function sees(v: Visitor): Promise<boolean[]> {
  const catalog = await json(v.get('/api/explore/v2.1/catalog/datasets?limit=100'));
  const listed = catalog.results.some((d: { dataset_id: string }) => d.dataset_id === 'geheime-steden');
  const api = (await v.get('/api/explore/v2.1/catalog/datasets/geheime-steden')).status === 200;
  const records = (await v.get('/api/explore/v2.1/catalog/datasets/geheime-steden/records?limit=1')).status === 200;
  const page = (await v.get('/datasets/geheime-steden')).status === 200;
  const catalogPage = (await json(v.get('/datasets.json'))).results.some((d: { dataset_id: string }) => d.dataset_id === 'geheime-steden');
  return [listed, api, records, page, catalogPage];
}

test('a grant shows the restricted dataset to that person at once, everywhere, and a revocation hides it again', async () => {
  const { v: reader, account } = await signedIn(s, 'lezer@example.org', 'user');
  const { v: other } = await signedIn(s, 'buur@example.org', 'user');
  assert.deepEqual(await sees(reader), [false, false, false, false, false], 'not before the grant');

  await admin.get('/-/admin/grants');
  assert.match(admin.lastPage, /Geheime steden/);
  assert.doesNotMatch(admin.lastPage, /\/-\/admin\/grants\/cities"/, 'public datasets have no access list');
  await admin.get('/-/admin/grants/geheime-steden');
  const granted = await admin.post('/-/admin/grants/geheime-steden', { email: ' Lezer@Example.org ' });
  assert.equal(granted.status, 303);
  assert.equal(granted.headers.get('location'), '/-/admin/grants/geheime-steden?done=granted');

  assert.deepEqual(await sees(reader), [true, true, true, true, true], 'right after the grant');
  assert.deepEqual(await sees(other), [false, false, false, false, false], 'only for that person');

  const list = await json(admin.get('/-/admin/grants.json'));
  assert.deepEqual(list.results.map((r: { dataset_id: string; grants_count: number }) => [r.dataset_id, r.grants_count]), [['geheime-steden', 1]]);
  const twin = await json(admin.get('/-/admin/grants/geheime-steden.json'));
  assert.deepEqual(twin.grants.map((g: { user_id: string; email: string; granted_by: string }) => [g.user_id, g.email, g.granted_by]), [[account.id, 'lezer@example.org', adminId]]);
  assert.deepEqual((await json(admin.get(`/-/admin/users/${account.id}.json`))).grants.map((g: { dataset_id: string }) => g.dataset_id), ['geheime-steden']);

  await admin.get('/-/admin/grants/geheime-steden');
  assert.match(admin.lastPage, /lezer@example\.org/);
  assert.equal((await admin.post('/-/admin/grants/geheime-steden/revoke', { user_id: account.id })).status, 303);
  assert.deepEqual(await sees(reader), [false, false, false, false, false], 'right after the revocation');

  const events = await s.portal.store.db.selectFrom('events').selectAll().where('verb', 'like', 'dataset_grant.%').orderBy('id').execute();
  assert.deepEqual(events.map((e) => [e.verb, e.actor, e.subject_type, e.subject_id, JSON.parse(e.data).datasetId]), [
    ['dataset_grant.added', adminId, 'user', account.id, 'geheime-steden'],
    ['dataset_grant.removed', adminId, 'user', account.id, 'geheime-steden'],
  ]);
});

test('a grant needs an existing account, a restricted dataset, and is given once', async () => {
  await signedIn(s, 'dubbel@example.org', 'user');
  await admin.get('/-/admin/grants/geheime-steden');
  const unknown = await admin.post('/-/admin/grants/geheime-steden', { email: 'niemand@example.org' });
  assert.equal(unknown.status, 400);
  assert.match(admin.lastPage, /Geen account gebruikt dit adres/);
  assert.match(admin.lastPage, /value="niemand@example\.org"/, 'the address stays in the form');
  assert.equal((await admin.post('/-/admin/grants/geheime-steden', { email: 'dubbel@example.org' })).status, 303);
  await admin.get('/-/admin/grants/geheime-steden');
  assert.equal((await admin.post('/-/admin/grants/geheime-steden', { email: 'dubbel@example.org' })).status, 409);
  assert.match(admin.lastPage, /heeft al toegang/);
  assert.equal((await admin.get('/-/admin/grants/cities')).status, 404, 'a public dataset has no access list');
  assert.equal((await admin.get('/-/admin/grants/bestaat-niet')).status, 404);
  await admin.get('/-/admin/grants/geheime-steden');
  assert.equal((await admin.post('/-/admin/grants/cities', { email: 'dubbel@example.org' })).status, 404);
  const grants = await s.portal.store.db.selectFrom('dataset_grants').select('dataset_id').execute();
  assert.deepEqual(grants.map((g) => g.dataset_id), ['geheime-steden']);
});

test('a disabled account’s grants stop with it', async () => {
  const { account } = await signedIn(s, 'grant.uit@example.org', 'user');
  await admin.get('/-/admin/grants/geheime-steden');
  await admin.post('/-/admin/grants/geheime-steden', { email: 'grant.uit@example.org' });
  const audience = async () => s.portal.accounts.audienceOf(await s.portal.accounts.getAccount(account.id));
  assert.ok((await audience()).granted?.has('geheime-steden'));
  await admin.get(`/-/admin/users/${account.id}`);
  await admin.post(`/-/admin/users/${account.id}/disable`, {});
  assert.deepEqual(await audience(), { seesRestricted: false }, 'an API key of a disabled account reads as nobody');
});
