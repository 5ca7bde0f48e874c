// The account forms' schemas: a field past its bound shows the form's own page with a message naming it, and nothing is stored or counted.
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

const users = async () => (await s.portal.store.db.selectFrom('users').select('id').execute()).length;

test('register, sign in and reset refuse a field past its bound on their own page, in the page\'s language', async () => {
  const before = await users();
  const v = visitor(s.url);
  await v.get('/-/account/register');
  const register = await v.post('/-/account/register', { first_name: 'a'.repeat(1001), last_name: 'Peeters', email: 'lang@example.org', password: 'paard-batterij-nietje-correct', accept: 'yes' });
  assert.equal(register.status, 400);
  assert.match(v.lastPage, /Het veld „first_name” is te lang/);
  assert.match(v.lastPage, /name="last_name"[^>]*value="Peeters"/, 'the register form, filled in again');
  assert.equal(await users(), before, 'no account made');

  await v.get('/en/-/account/login');
  const signIn = await v.post('/en/-/account/login', { email: 'lang@example.org', password: 'p'.repeat(10_001) });
  assert.equal(signIn.status, 400);
  assert.match(v.lastPage, /The field “password” is too long/);

  const reset = await v.post('/-/account/reset', { email: `${'y'.repeat(1001)}@example.org` });
  assert.equal(reset.status, 400);
  assert.match(v.lastPage, /Het veld „email” is te lang/);
});

test('the account page\'s forms, API keys and two-factor refuse after the sign-in check, with their own page', async () => {
  const stranger = visitor(s.url);
  const away = await stranger.post('/-/account/profile', { first_name: 'x'.repeat(1001) });
  assert.equal(away.status, 303, 'a stranger is sent to sign in, whatever the form holds');

  const person = await signedIn(s, 'user');
  const post = (path: string, fields: Record<string, string>) =>
    person.send('POST', path, { body: new URLSearchParams({ _csrf: person.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const cases: [string, Record<string, string>, RegExp][] = [
    ['/-/account/profile', { first_name: 'x'.repeat(1001), last_name: 'Peeters', display_name: '' }, /Het veld „first_name” is te lang/],
    ['/-/account/password', { current: 'oud', password: 'n'.repeat(10_001) }, /Het veld „password” is te lang/],
    ['/-/account/api-keys', { key_name: 'k'.repeat(1001), days: '30' }, /Het veld „key_name” is te lang/],
    ['/-/account/two-factor/setup', { code: '1'.repeat(101) }, /Het veld „code” is te lang/],
  ];
  for (const [path, fields, message] of cases) {
    const response = await post(path, fields);
    assert.equal(response.status, 400, path);
    assert.match(await response.text(), message, path);
  }
  const row = await s.portal.store.db.selectFrom('users').select(['first_name', 'password_hash']).where('id', '=', person.accountId).executeTakeFirstOrThrow();
  assert.equal(row.first_name, 'Test', 'the profile is unchanged');
  assert.equal((await s.portal.store.db.selectFrom('api_keys').select('id').where('user_id', '=', person.accountId).execute()).length, 0, 'no key made');
});
