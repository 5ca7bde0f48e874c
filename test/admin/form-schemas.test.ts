// The administration forms' schemas: a field past its bound shows the form's own page with a message naming it, and nothing changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let admin: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  admin = await signedIn(s, 'admin');
  await s.portal.catalog.createDataset({ id: 'besloten', input: { metadata: {}, visibility: 'restricted' }, actor: 'test' });
});
after(() => s.close());

const post = (path: string, fields: Record<string, string>) =>
  admin.send('POST', path, { body: new URLSearchParams({ _csrf: admin.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('a grant or a role past its bound is refused on its own page, and nothing changes', async () => {
  const user = await signedIn(s, 'user');
  const grant = await post('/-/admin/grants/besloten', { email: `${'g'.repeat(1001)}@example.org` });
  assert.equal(grant.status, 400);
  const grantPage = await grant.text();
  assert.match(grantPage, /Het veld „email” is te lang/);
  assert.equal((await s.portal.admin.grantsOf('besloten')).grants.length, 0, 'no grant');

  const role = await post(`/en/-/admin/users/${user.accountId}/role`, { role: 'editor'.repeat(10) });
  assert.equal(role.status, 400);
  assert.match(await role.text(), /The field “role” is too long/);
  const row = await s.portal.store.db.selectFrom('users').select('role').where('id', '=', user.accountId).executeTakeFirstOrThrow();
  assert.equal(row.role, 'user');
});
