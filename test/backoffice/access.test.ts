// Who reaches the back office: every route against every role, the password-only session, and CSRF on every change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
const staff: Record<string, StaffVisitor> = {};

before(async () => {
  s = await startServer('sqlite');
  await importCities(s.portal);
  await s.portal.catalog.stageVersion({ datasetId: 'cities', path: fixture('explore/cities.json'), actor: 'test' });
  for (const role of ['user', 'dpo', 'editor', 'admin'] as const) staff[role] = await signedIn(s, role);
});
after(() => s.close());

const pages = ['/-/admin/datasets', '/-/admin/datasets/cities', '/-/admin/datasets/cities/metadata', '/-/admin/datasets/cities/versions/2', '/-/admin/datasets/cities/delete'];
const changes = [
  '/-/admin/datasets', '/-/admin/datasets/cities/metadata', '/-/admin/datasets/cities/versions', '/-/admin/datasets/cities/versions/2/publish',
  '/-/admin/datasets/cities/versions/2/discard', '/-/admin/datasets/cities/publish', '/-/admin/datasets/cities/unpublish',
  '/-/admin/datasets/cities/contact', '/-/admin/datasets/cities/delete',
];
const api: [string, string][] = [
  ['GET', '/datasets'], ['POST', '/datasets'], ['GET', '/datasets/cities'], ['GET', '/datasets/cities/metadata'], ['PUT', '/datasets/cities/metadata'],
  ['PATCH', '/datasets/cities/metadata'], ['POST', '/datasets/cities/versions'], ['GET', '/datasets/cities/versions/2'],
  ['POST', '/datasets/cities/versions/2/publish'], ['DELETE', '/datasets/cities/versions/2'], ['POST', '/datasets/cities/publish'],
  ['POST', '/datasets/cities/unpublish'], ['DELETE', '/datasets/cities'],
];
const form = (v: StaffVisitor) => ({ body: new URLSearchParams({ _csrf: v.csrf, id: 'nieuw', confirm: 'cities' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

/** What the catalog holds, to show a refused request changed nothing. */
async function snapshot() {
  const dataset = await s.portal.catalog.getDataset('cities', staffAudience);
  const versions = await s.portal.catalog.listVersions('cities', staffAudience, { includeStaged: true });
  const events = await s.portal.store.db.selectFrom('events').select('id').execute();
  return { dataset, versions, events: events.length, datasets: (await s.portal.catalog.listDatasets(staffAudience)).length };
}

test('editors and admins open every back office page', async () => {
  for (const role of ['editor', 'admin']) {
    for (const path of pages) {
      assert.equal((await staff[role].get(path)).status, 200, `${role} ${path}`);
      assert.equal((await staff[role].get(`/en${path}`)).status, 200, `${role} /en${path}`);
    }
  }
});

test('a visitor is sent to sign in; users and the DPO find nothing, exactly as on a path that does not exist', async () => {
  const before = await snapshot();
  const main = (page: string) => /<main[\s\S]*<\/main>/.exec(page)?.[0];
  for (const path of pages) {
    const anonymous = await s.get(path, { redirect: 'manual' });
    assert.equal(anonymous.status, 303, path);
    assert.equal(anonymous.headers.get('location'), '/-/account/login');
    assert.equal((await s.get(`/en${path}`, { redirect: 'manual' })).headers.get('location'), '/en/-/account/login');
    for (const role of ['user', 'dpo']) {
      const response = await staff[role].get(path);
      assert.equal(response.status, 404, `${role} ${path}`);
      const refused = main(staff[role].lastPage);
      await staff[role].get('/-/nothing-here');
      assert.equal(refused, main(staff[role].lastPage), 'the same page as for a path that does not exist');
      assert.match(refused!, /Pagina niet gevonden/);
    }
  }
  for (const path of changes) {
    const anonymous = await fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: s.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=nieuw&confirm=cities' });
    assert.equal(anonymous.status, 303, `anonymous POST ${path}`);
    for (const role of ['user', 'dpo']) assert.equal((await staff[role].send('POST', path, form(staff[role]))).status, 404, `${role} POST ${path}`);
  }
  assert.deepEqual(await snapshot(), before);
});

test('a session that still owes its second factor is sent to give it', async () => {
  const at = s.portal.clock().toISOString();
  await s.portal.store.db.insertInto('users').values({
    id: 'u_halfway', email: 'halfway@example.org', first_name: 'Half', last_name: 'Weg', display_name: null, password_hash: await hashPassword('paard-batterij-nietje-correct'),
    password_changed_at: at, role: 'editor', email_verified_at: at, totp_secret: null, totp_enabled_at: null, created_at: at, last_active_at: at, disabled_at: null,
  }).execute();
  const { token, stage } = await s.portal.accounts.signIn({ email: 'halfway@example.org', password: 'paard-batterij-nietje-correct', address: '127.0.0.1' });
  assert.equal(stage, 'password');
  const response = await s.get('/-/admin/datasets', { headers: { cookie: `opaal_session=${token}` }, redirect: 'manual' });
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/-/account/two-factor');
  const apiCall = await s.get('/api/opaal/v1/datasets', { headers: { cookie: `opaal_session=${token}` } });
  assert.equal(apiCall.status, 401);
});

test('the publishing API answers 401 without credentials and 403 to a role without the permission, as JSON', async () => {
  const before = await snapshot();
  for (const [method, path] of api) {
    const anonymous = await fetch(`${s.url}/api/opaal/v1${path}`, { method, headers: { origin: s.url } });
    assert.equal(anonymous.status, 401, `${method} ${path}`);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Apikey');
    assert.equal((await anonymous.json()).error, 'unauthorized');
    for (const role of ['user', 'dpo']) {
      const refused = await staff[role].send(method, `/api/opaal/v1${path}`, method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(refused.status, 403, `${role} ${method} ${path}`);
      const body = await refused.json();
      assert.equal(body.error, 'forbidden');
      assert.match(body.message, new RegExp(`role \\(${role}\\)`));
    }
  }
  assert.equal((await staff.editor.send('GET', '/api/opaal/v1/datasets')).status, 200);
  assert.deepEqual(await snapshot(), before);
});

test('every change needs the CSRF token and the portal as origin, on pages and in the API, and changes nothing without', async () => {
  const editor = staff.editor;
  const before = await snapshot();
  const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
  for (const path of changes) {
    const noToken = await fetch(`${s.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: editor.cookie!, origin: s.url, ...urlencoded }, body: 'id=nieuw&confirm=cities' });
    assert.equal(noToken.status, 403, `no token ${path}`);
    assert.match(await noToken.text(), /Dit formulier is verlopen/);
    const elsewhere = await editor.send('POST', path, { ...form(editor), headers: { ...urlencoded, origin: 'https://evil.example' } });
    assert.equal(elsewhere.status, 403, `other origin ${path}`);
  }
  for (const [method, path] of api.filter(([m]) => m !== 'GET')) {
    const noToken = await fetch(`${s.url}/api/opaal/v1${path}`, { method, headers: { cookie: editor.cookie!, origin: s.url, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noToken.status, 403, `${method} ${path}`);
    assert.deepEqual(Object.keys(await noToken.json()), ['error', 'message', 'reason']);
  }
  assert.deepEqual(await snapshot(), before);
});

test('an upload whose CSRF field comes after the file is refused before the file is stored', async () => {
  const editor = staff.editor;
  const before = await snapshot();
  const tmp = join(s.env.dataDir, 'tmp');
  const form = new FormData();
  form.append('file', new Blob([readFileSync(fixture('types/all-types.csv'))]), 'steden.csv');
  form.append('_csrf', editor.csrf);
  const response = await fetch(`${s.url}/-/admin/datasets/cities/versions`, { method: 'POST', body: form, headers: { cookie: editor.cookie!, origin: s.url }, redirect: 'manual' });
  assert.equal(response.status, 403);
  assert.deepEqual(readdirSync(tmp).filter((f) => f.endsWith('.upload')), []);
  assert.deepEqual(await snapshot(), before);
  const publicList = await json(s.get('/api/explore/v2.1/catalog/datasets'));
  assert.equal(publicList.total_count, 1);
});

test('the headers let a browser send the portal\'s own forms: an origin with each, and no https upgrade on plain http', async () => {
  const response = await s.get('/-/admin/datasets', { redirect: 'manual' });
  assert.equal(response.headers.get('referrer-policy'), 'same-origin', 'no-referrer makes browsers send Origin: null with forms');
  assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
  const secure = await startServer('sqlite', { BASE_URL: 'https://data.example.org' });
  try {
    assert.match((await secure.get('/')).headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
  } finally {
    await secure.close();
  }
});
