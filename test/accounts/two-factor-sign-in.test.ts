// The second step of signing in over HTTP: the code is due before the session counts, a code works once, wrong codes are
// throttled, recovery codes work once and can be renewed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, hotp, stepAt, totp } from '../../src/accounts/two-factor/totp.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { codesOn, strong, twoFactorKit } from '../helpers/two-factor.ts';

let now = new Date('2026-11-29T10:00:05Z');
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
let s: ServerHarness;
let smtp: SmtpHarness;
let kit: ReturnType<typeof twoFactorKit>;

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url }, { clock: () => now });
  kit = twoFactorKit(s, smtp, () => now);
});
after(async () => {
  await s.close();
  await smtp.close();
});

test('signing in then asks for the code; until it is given the session reaches nothing, and the token changes when it is', async () => {
  const { secret } = await kit.enrolledUser('tweede-stap@example.org');
  later(30);
  const v = await kit.halfSignedIn('tweede-stap@example.org');
  assert.match(v.lastPage, /Code invoeren/);
  assert.match(v.lastPage, /name="_csrf"/, 'the form carries the token of the unfinished session');
  const halfway = v.cookie;

  assert.equal((await v.get('/-/account')).status, 303);
  await v.get('/-/account/two-factor');
  const profile = await v.post('/-/account/profile', { first_name: 'Indringer', last_name: 'X', display_name: '' });
  assert.equal(profile.status, 303);
  assert.equal(profile.headers.get('location'), '/-/account/login');
  assert.equal((await kit.userRow('tweede-stap@example.org')).first_name, 'Test', 'nothing changed');
  assert.equal((await v.get('/-/account/two-factor/setup')).status, 303);
  assert.equal((await v.get('/-/account/two-factor/settings')).status, 303);

  await v.get('/-/account/two-factor');
  const done = await v.post('/-/account/two-factor', { code: kit.codeNow(secret) });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/-/account');
  assert.notEqual(v.cookie, halfway, 'a new token when the sign-in completes');
  assert.equal((await v.get('/-/account')).status, 200);
  const old = await fetch(`${s.url}/-/account`, { headers: { cookie: halfway! }, redirect: 'manual' });
  assert.equal(old.status, 303, 'the token of the unfinished session is worthless');

  // The same step in English.
  later(30);
  const en = await kit.halfSignedIn('tweede-stap@example.org', '/en');
  assert.match(en.lastPage, /Enter your code/);
  const enDone = await en.post('/en/-/account/two-factor', { code: kit.codeNow(secret) });
  assert.equal(enDone.headers.get('location'), '/en/-/account');
});

test('halfway through signing in, the sign-in and sign-out forms still work (they carry the token of the unfinished session)', async () => {
  await kit.enrolledUser('halverwege@example.org');
  const v = await kit.halfSignedIn('halverwege@example.org');
  const first = v.cookie;
  await v.get('/-/account/login');
  assert.match(v.lastPage, /name="_csrf"/);
  const again = await v.post('/-/account/login', { email: 'halverwege@example.org', password: strong });
  assert.equal(again.status, 303);
  assert.notEqual(v.cookie, first);
  await v.get('/-/account/two-factor');
  const out = await v.post('/-/account/logout', {});
  assert.equal(out.status, 303);
  assert.equal(v.cookie, null);
  const id = (await kit.userRow('halverwege@example.org')).id;
  assert.equal((await s.portal.store.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length, 1, 'only the enrolling session is left');
});

test('a code is good once: the same code is refused within its window, an older one too', async () => {
  const { secret } = await kit.enrolledUser('replay@example.org');
  later(30);
  const code = kit.codeNow(secret);
  const first = await kit.halfSignedIn('replay@example.org');
  assert.equal((await first.post('/-/account/two-factor', { code })).status, 303);

  later(10);
  const second = await kit.halfSignedIn('replay@example.org');
  assert.equal(totp(base32Decode(secret), now), code, 'still the same step');
  const replay = await second.post('/-/account/two-factor', { code });
  assert.equal(replay.status, 400);
  assert.match(second.lastPage, /klopt niet of werd al gebruikt/);
  const older = await second.post('/-/account/two-factor', { code: hotp(base32Decode(secret), stepAt(now) - 1) });
  assert.equal(older.status, 400, 'a code from before the one used is refused as well');
  later(30);
  assert.equal((await second.post('/-/account/two-factor', { code: kit.codeNow(secret) })).status, 303, 'the next step works');
});

test('wrong codes are throttled: the fifth ends the session, and ten in a quarter hour lock the account for a while', async () => {
  const { secret } = await kit.enrolledUser('raden@example.org');
  later(30);
  const v = await kit.halfSignedIn('raden@example.org');
  const sessions = async () => (await s.portal.store.db.selectFrom('sessions').select('id').where('user_id', '=', (await kit.userRow('raden@example.org')).id).execute()).length;
  for (let i = 1; i <= 4; i++) {
    assert.equal((await v.post('/-/account/two-factor', { code: kit.wrongCode(secret) })).status, 400, `attempt ${i}`);
  }
  const before = await sessions();
  const fifth = await v.post('/-/account/two-factor', { code: kit.wrongCode(secret) });
  assert.equal(fifth.status, 429);
  assert.match(v.lastPage, /Te veel foute codes/);
  assert.equal(v.cookie, null, 'the cookie is cleared');
  assert.equal(await sessions(), before - 1, 'the session is gone');

  const again = await kit.halfSignedIn('raden@example.org');
  for (let i = 1; i <= 5; i++) await again.post('/-/account/two-factor', { code: kit.wrongCode(secret) });
  const third = await kit.halfSignedIn('raden@example.org');
  const locked = await third.post('/-/account/two-factor', { code: kit.codeNow(secret) });
  assert.equal(locked.status, 429, 'even the right code waits after ten wrong ones');
  assert.match(third.lastPage, /Te veel mislukte pogingen/);

  later(15 * 60);
  const fourth = await kit.halfSignedIn('raden@example.org');
  assert.equal((await fourth.post('/-/account/two-factor', { code: kit.codeNow(secret) })).status, 303, 'a quarter hour later it works');
});

test('a recovery code signs in once, typed in any case and without dashes', async () => {
  const { codes } = await kit.enrolledUser('herstel@example.org');
  const id = (await kit.userRow('herstel@example.org')).id;
  const v = await kit.halfSignedIn('herstel@example.org');
  const used = await v.post('/-/account/two-factor', { code: codes[0].replace(/-/g, '').toUpperCase() });
  assert.equal(used.status, 303);
  const [event] = await kit.eventsOf(id, 'account.recovery_code_used');
  assert.deepEqual(JSON.parse(event.data), { left: 9 });
  await v.get('/-/account');
  assert.match(v.lastPage, /nog 9 ongebruikte herstelcodes/);

  const w = await kit.halfSignedIn('herstel@example.org');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[0] })).status, 400, 'spent');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[1] })).status, 303);
});

test('new recovery codes replace the old ones', async () => {
  const { v, secret, codes } = await kit.enrolledUser('vernieuw@example.org');
  later(30);
  await v.get('/-/account');
  const wrong = await v.post('/-/account/two-factor/recovery-codes', { code: kit.wrongCode(secret) });
  assert.equal(wrong.status, 400);
  const renewed = await v.post('/-/account/two-factor/recovery-codes', { code: kit.codeNow(secret) });
  assert.equal(renewed.status, 200);
  const fresh = codesOn(v.lastPage);
  assert.equal(fresh.length, 10);
  assert.ok(!fresh.some((c) => codes.includes(c)));
  assert.equal((await kit.eventsOf((await kit.userRow('vernieuw@example.org')).id, 'account.recovery_codes_regenerated')).length, 1);

  const w = await kit.halfSignedIn('vernieuw@example.org');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[2] })).status, 400, 'an old code no longer works');
  assert.equal((await w.post('/-/account/two-factor', { code: fresh[2] })).status, 303);
});
