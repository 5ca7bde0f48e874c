// The privacy forms' schemas: a field past its bound shows the form's own page with a message naming it, and nothing is registered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { visitor } from '../helpers/visitor.ts';

let s: ServerHarness;

before(async () => {
  s = await startServer('sqlite');
});
after(() => s.close());

test('the public request form refuses a message past its bound on its own page, and registers no case', async () => {
  const v = visitor(s.url);
  await v.get('/-/privacy/request');
  const sent = await v.post('/-/privacy/request', { type: 'access', message: 'm'.repeat(10_001), email: 'bezoeker@example.org' });
  assert.equal(sent.status, 400);
  assert.match(v.lastPage, /Het veld „message” is te lang/);
  assert.match(v.lastPage, /name="email"[^>]*value="bezoeker@example.org"/, 'the request form, filled in again');
  assert.equal((await s.portal.privacyCases.list(null)).length, 0);
});

test('the office\'s recipient form and the account\'s privacy forms refuse on their own page after the guard', async () => {
  const dpo = await signedIn(s, 'dpo');
  const post = (who: typeof dpo, path: string, fields: Record<string, string>) =>
    who.send('POST', path, { body: new URLSearchParams({ _csrf: who.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const fields = { role: 'processor', purposes: 'accounts', categories: 'contact', location: 'BE' };
  // The status the office gives its own refusals (a name too short), whatever the one rule for them is.
  const own = (await post(dpo, '/en/-/privacy-office/recipients', { name: 'n', ...fields })).status;
  assert.ok(own >= 400 && own < 500);
  const recipient = await post(dpo, '/en/-/privacy-office/recipients', { name: 'n'.repeat(1001), ...fields });
  assert.equal(recipient.status, own);
  assert.match(await recipient.text(), /The field “name” is too long/);
  assert.equal((await s.portal.recipients.list()).length, 0);

  const user = await signedIn(s, 'user');
  const objection = await post(user, '/-/account/privacy/objection', { purpose: 'p'.repeat(101), objected: 'yes' });
  assert.equal(objection.status, 400);
  assert.match(await objection.text(), /Het veld „purpose” is te lang/);
  const erase = await post(user, '/-/account/privacy/delete', { password: 'w'.repeat(10_001) });
  assert.equal(erase.status, 400);
  assert.match(await erase.text(), /Het veld „password” is te lang/);
  assert.ok(await s.portal.store.db.selectFrom('users').select('id').where('id', '=', user.accountId).executeTakeFirst(), 'the account stays');
});
