// Administering accounts over HTTP: roles, disabling and enabling, revoking keys, the last admin, CSRF on the forms.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, json, type ServerHarness } from '../helpers/server.ts';
import { activeAccount, signIn, signedIn, strongPassword } from '../helpers/staff-admin.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let admin: Visitor;
let adminId: string;
before(async () => {
  s = await startServer('sqlite');
  const signed = await signedIn(s, 'beheer@example.org', 'admin');
  admin = signed.v;
  adminId = signed.account.id;
});
after(() => s.close());

const eventsOf = (subjectId: string) =>
  s.portal.store.db.selectFrom('events').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();

test('the account list finds people by address or name, in both languages, and its JSON twin says the same', async () => {
  await activeAccount(s, 'zoek.mij@example.org', 'user', { firstName: 'Zoekbare', lastName: 'Vanderlinden' });
  const page = await admin.get('/-/admin/users?q=vanderLINDEN');
  assert.equal(page.status, 200);
  assert.match(admin.lastPage, /zoek\.mij@example\.org/);
  assert.doesNotMatch(admin.lastPage, /beheer@example\.org<\/a>/, 'only matching accounts are listed');
  assert.match(admin.lastPage, /wacht op activering|actief/);
  const twin = await json(admin.get('/-/admin/users.json?q=zoek.mij'));
  assert.equal(twin.total_count, 1);
  assert.deepEqual(
    { email: twin.results[0].email, first_name: twin.results[0].first_name, role: twin.results[0].role, state: twin.results[0].state, two_factor: twin.results[0].two_factor },
    { email: 'zoek.mij@example.org', first_name: 'Zoekbare', role: 'user', state: 'active', two_factor: false },
  );
  // LIKE's wildcards are taken literally.
  assert.equal((await json(admin.get('/-/admin/users.json?q=%25'))).total_count, 0);
  assert.equal((await json(admin.get('/-/admin/users.json?role=admin'))).total_count, 1);
  assert.equal((await admin.get('/en/-/admin/users?q=zoek')).status, 200);
  assert.match(admin.lastPage, /awaiting activation|active/);
});

test('changing a role ends that person’s sessions, so the new role comes with a fresh sign-in, and is audited', async () => {
  const { v, account } = await signedIn(s, 'wordt.redacteur@example.org', 'user');
  await admin.get(`/-/admin/users/${account.id}`);
  const changed = await admin.post(`/-/admin/users/${account.id}/role`, { role: 'editor' });
  assert.equal(changed.status, 303);
  assert.equal(changed.headers.get('location'), `/-/admin/users/${account.id}?done=role`);
  assert.equal((await s.portal.accounts.getAccount(account.id)).role, 'editor');
  assert.equal((await v.get('/-/account')).status, 303, 'the old session is gone');
  const events = await eventsOf(account.id);
  const event = events.find((e) => e.verb === 'account.role_changed')!;
  assert.equal(event.actor, adminId);
  assert.deepEqual(JSON.parse(event.data), { from: 'user', to: 'editor' });
  assert.doesNotMatch(JSON.stringify(events), /@example\.org/, 'no address is copied into the log');
  await admin.get(`/-/admin/users/${account.id}?done=role`);
  assert.match(admin.lastPage, /De rol is gewijzigd/);

  await admin.get(`/-/admin/users/${account.id}`);
  const bad = await admin.post(`/-/admin/users/${account.id}/role`, { role: 'emperor' });
  assert.equal(bad.status, 400);
  assert.match(admin.lastPage, /Kies een van de rollen/);
});

test('a disabled account is signed out, cannot sign in, and can be enabled again', async () => {
  const { v, account } = await signedIn(s, 'uit@example.org', 'user');
  await admin.get(`/-/admin/users/${account.id}`);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/disable`, {})).status, 303);
  assert.equal((await v.get('/-/account')).status, 303, 'their session ended');
  const again = visitor(s.url);
  await again.get('/-/account/login');
  const refused = await again.post('/-/account/login', { email: 'uit@example.org', password: strongPassword });
  assert.equal(refused.status, 400);
  assert.match(again.lastPage, /klopt niet, of het account is nog niet actief/, 'the same words as any failed sign-in');
  assert.equal((await json(admin.get(`/-/admin/users/${account.id}.json`))).state, 'disabled');

  await admin.get(`/-/admin/users/${account.id}`);
  assert.match(admin.lastPage, /Account weer inschakelen/);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/enable`, {})).status, 303);
  await signIn(s, 'uit@example.org');
  assert.deepEqual((await eventsOf(account.id)).map((e) => e.verb).filter((verb) => verb.startsWith('account.')).slice(-2), ['account.disabled', 'account.enabled']);
});

test('an admin cannot disable their own account', async () => {
  await admin.get(`/-/admin/users/${adminId}`);
  const refused = await admin.post(`/-/admin/users/${adminId}/disable`, {});
  assert.equal(refused.status, 400);
  assert.match(admin.lastPage, /eigen account niet uitschakelen/);
  assert.equal((await s.portal.accounts.getAccount(adminId)).disabledAt, null);
});

test('the last admin cannot demote themselves; with a second admin they can, and are signed out', async () => {
  await admin.get(`/-/admin/users/${adminId}`);
  const refused = await admin.post(`/-/admin/users/${adminId}/role`, { role: 'editor' });
  assert.equal(refused.status, 409);
  assert.match(admin.lastPage, /laatste actieve beheerdersaccount/);
  assert.equal((await s.portal.accounts.getAccount(adminId)).role, 'admin');

  // A disabled admin does not count: someone must be able to act.
  const { account: dormant } = await signedIn(s, 'slapend@example.org', 'admin');
  await admin.get(`/-/admin/users/${dormant.id}`);
  await admin.post(`/-/admin/users/${dormant.id}/disable`, {});
  await admin.get(`/-/admin/users/${adminId}`);
  assert.equal((await admin.post(`/-/admin/users/${adminId}/role`, { role: 'editor' })).status, 409);

  const second = await signedIn(s, 'tweede.beheerder@example.org', 'admin');
  const self = second.v;
  await self.get(`/-/admin/users/${second.account.id}`);
  const demoted = await self.post(`/-/admin/users/${second.account.id}/role`, { role: 'user' });
  assert.equal(demoted.status, 303);
  assert.equal(demoted.headers.get('location'), '/-/account/login');
  assert.equal(self.cookie, null, 'the cookie of the ended session is cleared');
  assert.equal((await s.portal.accounts.getAccount(second.account.id)).role, 'user');
});

test('an admin revokes any of a person’s API keys: recorded with who and when, and audited', async () => {
  const { account } = await signedIn(s, 'sleutels@example.org', 'user');
  const at = new Date().toISOString();
  const key = { user_id: account.id, prefix: 'opaal_ab12', created_at: at, expires_at: '2999-01-01T00:00:00.000Z', last_used_at: null, revoked_at: null, revoked_by: null };
  await s.portal.store.db.insertInto('api_keys').values([
    { ...key, id: 'k_script', name: 'Nachtelijk script', digest: 'a'.repeat(64) },
    { ...key, id: 'k_other', name: 'Dashboard', digest: 'b'.repeat(64) },
  ]).execute();
  await admin.get(`/-/admin/users/${account.id}`);
  assert.match(admin.lastPage, /Nachtelijk script/);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/keys/k_script/revoke`, {})).status, 303);
  const rows = await s.portal.store.db.selectFrom('api_keys').select(['id', 'revoked_at', 'revoked_by']).where('user_id', '=', account.id).orderBy('id').execute();
  assert.equal(rows.find((r) => r.id === 'k_script')!.revoked_by, adminId);
  assert.ok(rows.find((r) => r.id === 'k_script')!.revoked_at);
  assert.equal(rows.find((r) => r.id === 'k_other')!.revoked_at, null, 'the other key still works');
  const twin = await json(admin.get(`/-/admin/users/${account.id}.json`));
  assert.deepEqual(twin.api_keys.map((k: { id: string; state: string }) => [k.id, k.state]).sort(), [['k_other', 'active'], ['k_script', 'revoked']]);
  const event = (await eventsOf(account.id)).find((e) => e.verb === 'account.key_revoked')!;
  assert.deepEqual(JSON.parse(event.data), { keyId: 'k_script' });

  await admin.get(`/-/admin/users/${account.id}`);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/keys/k_script/revoke`, {})).status, 404, 'a revoked key is not revoked twice');
  const { account: stranger } = await signedIn(s, 'vreemde@example.org', 'user');
  await admin.get(`/-/admin/users/${stranger.id}`);
  assert.equal((await admin.post(`/-/admin/users/${stranger.id}/keys/k_other/revoke`, {})).status, 404, 'a key is revoked only through its owner');
});

test('admin forms refuse a missing CSRF token or another origin, and change nothing', async () => {
  const { account } = await signedIn(s, 'csrf.doelwit@example.org', 'user');
  const noToken = await fetch(`${s.url}/-/admin/users/${account.id}/role`, {
    method: 'POST',
    headers: { cookie: admin.cookie!, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'role=admin',
    redirect: 'manual',
  });
  assert.equal(noToken.status, 403);
  assert.match(await noToken.text(), /formulier is verlopen/);
  await admin.get(`/-/admin/users/${account.id}`);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/role`, { role: 'admin' }, { origin: 'https://evil.example' })).status, 403);
  assert.equal((await admin.post(`/-/admin/users/${account.id}/disable`, {}, { origin: null })).status, 403);
  const after = await s.portal.accounts.getAccount(account.id);
  assert.equal(after.role, 'user');
  assert.equal(after.disabledAt, null);
});

test('an unknown account is the ordinary 404, as a page and as JSON', async () => {
  assert.equal((await admin.get('/-/admin/users/u_nobody')).status, 404);
  assert.match(admin.lastPage, /<h1>/);
  const twin = await admin.get('/-/admin/users/u_nobody.json');
  assert.equal(twin.status, 404);
  assert.equal((await twin.json()).error, 'not_found');
});
