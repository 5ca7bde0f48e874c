// Two-step verification over HTTP with real SMTP: RFC 6238 vectors, enrolment, the second sign-in step, replay, throttling,
// recovery codes, staff enrolment, what a half-signed-in session can reach, encryption at rest, turning it off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { base32Decode, base32Encode, hotp, matchingStep, stepAt, totp } from '../../src/accounts/totp.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';

let now = new Date('2026-11-29T10:00:05Z');
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
let s: ServerHarness;
let smtp: SmtpHarness;
const strong = 'paard-batterij-nietje-correct';

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url }, { clock: () => now });
  await s.portal.catalog.importDataset({
    datasetId: 'secret-cities',
    path: fixture('explore/cities.json'),
    input: parseMetadataInput({ ...JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8')), visibility: 'restricted' }),
    actor: 'test',
  });
});
after(async () => {
  await s.close();
  await smtp.close();
});

const path = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
const codeNow = (secret: string) => totp(base32Decode(secret), now);
const secretOn = (page: string) => /<code class="secret-key">([A-Z2-7 ]+)<\/code>/.exec(page)![1].replace(/ /g, '');
const codesOn = (page: string) => [...page.matchAll(/<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/code>/g)].map((m) => m[1]);
const userRow = (email: string) => s.portal.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
const eventsOf = (id: string, verb: string) => s.portal.store.db.selectFrom('events').selectAll().where('subject_id', '=', id).where('verb', '=', verb).execute();
/** A six-digit code that is not valid around now. */
const wrongCode = (secret: string) => {
  const key = base32Decode(secret);
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (matchingStep(key, candidate, now) === null) return candidate;
  }
};

async function activeUser(email: string): Promise<Visitor> {
  const v = visitor(s.url);
  await v.get('/-/account/register');
  await v.post('/-/account/register', { first_name: 'Test', last_name: 'Persoon', email, password: strong, accept: 'yes' });
  const link = path(linkIn(await smtp.next(email)));
  await v.get(link);
  await v.post(link, {});
  await v.get('/-/account/login');
  assert.equal((await v.post('/-/account/login', { email, password: strong })).status, 303);
  await v.get('/-/account');
  return v;
}

/** A user who turned it on from the account page; the confirming code used the step at `now`. */
async function enrolledUser(email: string) {
  const v = await activeUser(email);
  await v.get('/-/account/two-factor/setup');
  const secret = secretOn(v.lastPage);
  const response = await v.post('/-/account/two-factor/setup', { code: codeNow(secret) });
  assert.equal(response.status, 200);
  return { v, secret, codes: codesOn(v.lastPage) };
}

/** Password accepted, second step due. */
async function halfSignedIn(email: string, prefix = ''): Promise<Visitor> {
  const v = visitor(s.url);
  await v.get(`${prefix}/-/account/login`);
  const response = await v.post(`${prefix}/-/account/login`, { email, password: strong });
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), `${prefix}/-/account/two-factor`);
  await v.get(`${prefix}/-/account/two-factor`);
  return v;
}

async function staffAccount(email: string, role: 'editor' | 'dpo' | 'admin') {
  const { account, link } = await s.portal.accounts.createAccount({ email, role, actor: 'test' });
  const v = visitor(s.url);
  await v.get(path(link));
  assert.equal((await v.post(path(link), { password: strong })).status, 200);
  return account;
}

test('computes the RFC 6238 test vectors (SHA-1) and the RFC 4226 ones, and reads base32 as people type it', () => {
  const key = Buffer.from('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [seconds, expected] of vectors) {
    assert.equal(totp(key, new Date(seconds * 1000), 8), expected, `T = ${seconds}`);
    assert.equal(totp(key, new Date(seconds * 1000)), expected.slice(2), 'six digits are the last six');
  }
  assert.deepEqual([0, 1, 2, 9].map((c) => hotp(key, c)), ['755224', '287082', '359152', '520489']);
  assert.equal(base32Encode(key), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), key);

  const at = new Date(1111111111 * 1000);
  const step = stepAt(at);
  assert.equal(matchingStep(key, hotp(key, step), at), step);
  assert.equal(matchingStep(key, hotp(key, step - 1), at), step - 1, 'one step late is accepted');
  assert.equal(matchingStep(key, hotp(key, step + 1), at), step + 1, 'one step early is accepted');
  assert.equal(matchingStep(key, hotp(key, step - 2), at), null, 'two steps is too far');
  assert.equal(matchingStep(key, hotp(key, step + 2), at), null);
  assert.equal(matchingStep(key, '12345', at), null);
});

test('a user sets it up from the account page: a QR code drawn in the page, the key in text, a confirming code, then ten recovery codes shown once', async () => {
  const v = await activeUser('inschakelen@example.org');
  assert.match(v.lastPage, /<h2 id="two-factor">Tweestapsverificatie<\/h2>/);
  assert.match(v.lastPage, /href="\/-\/account\/two-factor\/setup"/);

  const setup = await v.get('/-/account/two-factor/setup');
  assert.equal(setup.status, 200);
  assert.equal(setup.headers.get('cache-control'), 'no-store');
  assert.match(setup.headers.get('content-security-policy')!, /default-src 'self'/);
  const image = /<img class="qr" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="[^"]+"/.exec(v.lastPage);
  assert.ok(image, 'the QR code is an inline data: image');
  assert.match(Buffer.from(image[1], 'base64').toString('utf8'), /^<svg[^>]*viewBox/);
  assert.doesNotMatch(v.lastPage, /<script(?![^>]*(type="application\/ld\+json"|src=))/, 'no inline script');
  const secret = secretOn(v.lastPage);
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const user = await userRow('inschakelen@example.org');
  assert.equal(await s.portal.twoFactor.secretOf(user.id), secret, 'the key in the page is the one stored (sealed)');
  await v.get('/-/account/two-factor/setup');
  assert.equal(secretOn(v.lastPage), secret, 'until confirmed, the same key: a scanned code stays good');

  const wrong = await v.post('/-/account/two-factor/setup', { code: wrongCode(secret) });
  assert.equal(wrong.status, 400);
  assert.match(v.lastPage, /klopt niet/);
  assert.equal((await userRow('inschakelen@example.org')).totp_enabled_at, null);

  const confirmed = await v.post('/-/account/two-factor/setup', { code: codeNow(secret) });
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.headers.get('cache-control'), 'no-store');
  const codes = codesOn(v.lastPage);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.ok((await userRow('inschakelen@example.org')).totp_enabled_at);
  const stored = await s.portal.store.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', user.id).execute();
  assert.equal(stored.length, 10);
  for (const row of stored) {
    assert.match(row.digest, /^[0-9a-f]{64}$/);
    assert.ok(!codes.some((c) => row.digest.includes(c.replace(/-/g, ''))));
  }
  const [enabled] = await eventsOf(user.id, 'account.two_factor_enabled');
  assert.equal(enabled.data, '{}', 'no secret in the event');

  await v.get('/-/account');
  assert.match(v.lastPage, /Tweestapsverificatie staat aan sinds/);
  assert.match(v.lastPage, /nog 10 ongebruikte herstelcodes/);
  assert.doesNotMatch(v.lastPage, new RegExp(codes[0]), 'the codes are shown only once');
  assert.equal((await v.get('/-/account/two-factor/setup')).status, 303, 'once on, no new key is handed out');
});

test('signing in then asks for the code; until it is given the session reaches nothing, and the token changes when it is', async () => {
  const { secret } = await enrolledUser('tweede-stap@example.org');
  later(30);
  const v = await halfSignedIn('tweede-stap@example.org');
  assert.match(v.lastPage, /Code invoeren/);
  assert.match(v.lastPage, /name="_csrf"/, 'the form carries the token of the unfinished session');
  const halfway = v.cookie;

  assert.equal((await v.get('/-/account')).status, 303);
  await v.get('/-/account/two-factor');
  const profile = await v.post('/-/account/profile', { first_name: 'Indringer', last_name: 'X', display_name: '' });
  assert.equal(profile.status, 303);
  assert.equal(profile.headers.get('location'), '/-/account/login');
  assert.equal((await userRow('tweede-stap@example.org')).first_name, 'Test', 'nothing changed');
  assert.equal((await v.get('/-/account/two-factor/setup')).status, 303);
  assert.equal((await v.get('/-/account/two-factor/settings')).status, 303);

  await v.get('/-/account/two-factor');
  const done = await v.post('/-/account/two-factor', { code: codeNow(secret) });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/-/account');
  assert.notEqual(v.cookie, halfway, 'a new token when the sign-in completes');
  assert.equal((await v.get('/-/account')).status, 200);
  const old = await fetch(`${s.url}/-/account`, { headers: { cookie: halfway! }, redirect: 'manual' });
  assert.equal(old.status, 303, 'the token of the unfinished session is worthless');

  // The same step in English.
  later(30);
  const en = await halfSignedIn('tweede-stap@example.org', '/en');
  assert.match(en.lastPage, /Enter your code/);
  const enDone = await en.post('/en/-/account/two-factor', { code: codeNow(secret) });
  assert.equal(enDone.headers.get('location'), '/en/-/account');
});

test('halfway through signing in, the sign-in and sign-out forms still work (they carry the token of the unfinished session)', async () => {
  await enrolledUser('halverwege@example.org');
  const v = await halfSignedIn('halverwege@example.org');
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
  const id = (await userRow('halverwege@example.org')).id;
  assert.equal((await s.portal.store.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length, 1, 'only the enrolling session is left');
});

test('a code is good once: the same code is refused within its window, an older one too', async () => {
  const { secret } = await enrolledUser('replay@example.org');
  later(30);
  const code = codeNow(secret);
  const first = await halfSignedIn('replay@example.org');
  assert.equal((await first.post('/-/account/two-factor', { code })).status, 303);

  later(10);
  const second = await halfSignedIn('replay@example.org');
  assert.equal(totp(base32Decode(secret), now), code, 'still the same step');
  const replay = await second.post('/-/account/two-factor', { code });
  assert.equal(replay.status, 400);
  assert.match(second.lastPage, /klopt niet of werd al gebruikt/);
  const older = await second.post('/-/account/two-factor', { code: hotp(base32Decode(secret), stepAt(now) - 1) });
  assert.equal(older.status, 400, 'a code from before the one used is refused as well');
  later(30);
  assert.equal((await second.post('/-/account/two-factor', { code: codeNow(secret) })).status, 303, 'the next step works');
});

test('wrong codes are throttled: the fifth ends the session, and ten in a quarter hour lock the account for a while', async () => {
  const { secret } = await enrolledUser('raden@example.org');
  later(30);
  const v = await halfSignedIn('raden@example.org');
  const sessions = async () => (await s.portal.store.db.selectFrom('sessions').select('id').where('user_id', '=', (await userRow('raden@example.org')).id).execute()).length;
  for (let i = 1; i <= 4; i++) {
    assert.equal((await v.post('/-/account/two-factor', { code: wrongCode(secret) })).status, 400, `attempt ${i}`);
  }
  const before = await sessions();
  const fifth = await v.post('/-/account/two-factor', { code: wrongCode(secret) });
  assert.equal(fifth.status, 429);
  assert.match(v.lastPage, /Te veel foute codes/);
  assert.equal(v.cookie, null, 'the cookie is cleared');
  assert.equal(await sessions(), before - 1, 'the session is gone');

  const again = await halfSignedIn('raden@example.org');
  for (let i = 1; i <= 5; i++) await again.post('/-/account/two-factor', { code: wrongCode(secret) });
  const third = await halfSignedIn('raden@example.org');
  const locked = await third.post('/-/account/two-factor', { code: codeNow(secret) });
  assert.equal(locked.status, 429, 'even the right code waits after ten wrong ones');
  assert.match(third.lastPage, /Te veel mislukte pogingen/);

  later(15 * 60);
  const fourth = await halfSignedIn('raden@example.org');
  assert.equal((await fourth.post('/-/account/two-factor', { code: codeNow(secret) })).status, 303, 'a quarter hour later it works');
});

test('a recovery code signs in once, typed in any case and without dashes', async () => {
  const { secret, codes } = await enrolledUser('herstel@example.org');
  const id = (await userRow('herstel@example.org')).id;
  const v = await halfSignedIn('herstel@example.org');
  const used = await v.post('/-/account/two-factor', { code: codes[0].replace(/-/g, '').toUpperCase() });
  assert.equal(used.status, 303);
  const [event] = await eventsOf(id, 'account.recovery_code_used');
  assert.deepEqual(JSON.parse(event.data), { left: 9 });
  await v.get('/-/account');
  assert.match(v.lastPage, /nog 9 ongebruikte herstelcodes/);

  const w = await halfSignedIn('herstel@example.org');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[0] })).status, 400, 'spent');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[1] })).status, 303);
  assert.ok(secret);
});

test('new recovery codes replace the old ones', async () => {
  const { v, secret, codes } = await enrolledUser('vernieuw@example.org');
  later(30);
  await v.get('/-/account');
  const wrong = await v.post('/-/account/two-factor/recovery-codes', { code: wrongCode(secret) });
  assert.equal(wrong.status, 400);
  const renewed = await v.post('/-/account/two-factor/recovery-codes', { code: codeNow(secret) });
  assert.equal(renewed.status, 200);
  const fresh = codesOn(v.lastPage);
  assert.equal(fresh.length, 10);
  assert.ok(!fresh.some((c) => codes.includes(c)));
  assert.equal((await eventsOf((await userRow('vernieuw@example.org')).id, 'account.recovery_codes_regenerated')).length, 1);

  const w = await halfSignedIn('vernieuw@example.org');
  assert.equal((await w.post('/-/account/two-factor', { code: codes[2] })).status, 400, 'an old code no longer works');
  assert.equal((await w.post('/-/account/two-factor', { code: fresh[2] })).status, 303);
});

test('staff must set it up before their session completes, and until then see no restricted dataset', async () => {
  const admin = await staffAccount('beheer@example.org', 'admin');
  const v = await halfSignedIn('beheer@example.org');
  assert.match(v.lastPage, /Uw rol vraagt tweestapsverificatie/);
  assert.match(v.lastPage, /<img class="qr"/);
  assert.match(v.lastPage, /action="\/-\/account\/logout"/, 'a way out without finishing');
  const secret = secretOn(v.lastPage);
  const asViewer = (p: string) => fetch(`${s.url}${p}`, { headers: { cookie: v.cookie! } });

  const catalog = await json(asViewer('/api/explore/v2.1/catalog/datasets'));
  assert.ok(!catalog.results.some((d: { dataset_id: string }) => d.dataset_id === 'secret-cities'), 'not in the catalog');
  assert.equal((await asViewer('/api/explore/v2.1/catalog/datasets/secret-cities')).status, 404);
  assert.equal((await asViewer('/api/explore/v2.1/catalog/datasets/secret-cities/records')).status, 404);
  assert.equal((await asViewer('/datasets/secret-cities')).status, 404);
  assert.equal((await v.get('/-/account')).status, 303);
  await v.get('/-/account/two-factor');

  const wrong = await v.post('/-/account/two-factor', { code: wrongCode(secret) });
  assert.equal(wrong.status, 400);
  assert.equal(secretOn(v.lastPage), secret);
  assert.equal((await userRow('beheer@example.org')).totp_enabled_at, null);
  const halfway = v.cookie;
  const enrolled = await v.post('/-/account/two-factor', { code: codeNow(secret) });
  assert.equal(enrolled.status, 200);
  assert.equal(codesOn(v.lastPage).length, 10);
  assert.notEqual(v.cookie, halfway);
  assert.match(v.lastPage, /action="\/-\/account\/logout"[^]*name="_csrf" value="[^"]+"/, 'signed in: the header offers to sign out');
  assert.equal((await eventsOf(admin.id, 'account.two_factor_enabled')).length, 1);

  assert.equal((await asViewer('/api/explore/v2.1/catalog/datasets/secret-cities')).status, 200, 'now signed in as the admin');
  assert.equal((await v.get('/-/account')).status, 200);
  assert.match(v.lastPage, /verplicht/);
  assert.doesNotMatch(v.lastPage, /two-factor\/disable/, 'no form to turn it off');

  later(30);
  const next = await halfSignedIn('beheer@example.org');
  assert.match(next.lastPage, /Code invoeren/, 'the next sign-in asks for a code, not a new set-up');
  assert.equal((await next.post('/-/account/two-factor', { code: codeNow(secret) })).status, 303);

  // An editor and a data protection officer are held to the same.
  for (const [email, role] of [['redactie@example.org', 'editor'], ['dpo@example.org', 'dpo']] as const) {
    await staffAccount(email, role);
    const w = await halfSignedIn(email);
    assert.match(w.lastPage, /<img class="qr"/, role);
  }
});

test('a user turns it off with password and code; an admin cannot', async () => {
  const { v, secret } = await enrolledUser('uitschakelen@example.org');
  later(30);
  await v.get('/-/account');
  const badPassword = await v.post('/-/account/two-factor/disable', { password: 'niet-het-wachtwoord', code: codeNow(secret) });
  assert.equal(badPassword.status, 400);
  assert.match(v.lastPage, /wachtwoord klopt niet/);
  const badCode = await v.post('/-/account/two-factor/disable', { password: strong, code: wrongCode(secret) });
  assert.equal(badCode.status, 400);
  assert.ok((await userRow('uitschakelen@example.org')).totp_enabled_at);
  const off = await v.post('/-/account/two-factor/disable', { password: strong, code: codeNow(secret) });
  assert.equal(off.status, 303);
  assert.equal(off.headers.get('location'), '/-/account/two-factor/settings?done=disabled');
  await v.get(off.headers.get('location')!);
  assert.match(v.lastPage, /Tweestapsverificatie staat uit/);
  const row = await userRow('uitschakelen@example.org');
  assert.equal(row.totp_secret, null);
  assert.equal(row.totp_enabled_at, null);
  assert.equal((await s.portal.store.db.selectFrom('recovery_codes').select('digest').where('user_id', '=', row.id).execute()).length, 0);
  assert.equal((await eventsOf(row.id, 'account.two_factor_disabled')).length, 1);
  const w = visitor(s.url);
  await w.get('/-/account/login');
  assert.equal((await w.post('/-/account/login', { email: 'uitschakelen@example.org', password: strong })).headers.get('location'), '/-/account', 'the password is enough again');

  // An admin, signed in with a code, sends the same form by hand.
  await staffAccount('admin-uit@example.org', 'admin');
  const a = await halfSignedIn('admin-uit@example.org');
  const adminSecret = secretOn(a.lastPage);
  await a.post('/-/account/two-factor', { code: codeNow(adminSecret) });
  later(30);
  await a.get('/-/account');
  const refused = await a.post('/-/account/two-factor/disable', { password: strong, code: codeNow(adminSecret) });
  assert.equal(refused.status, 403);
  assert.match(a.lastPage, /verplicht/);
  assert.ok((await userRow('admin-uit@example.org')).totp_enabled_at, 'still on');
});

test('the secret and the recovery codes are not stored in clear text, and the key file is private', async () => {
  const { secret, codes } = await enrolledUser('opslag@example.org');
  const row = await userRow('opslag@example.org');
  assert.match(row.totp_secret!, /^v1\./);
  const files = ['opaal.sqlite', 'opaal.sqlite-wal'].map((f) => join(s.env.dataDir, f)).filter((f) => existsSync(f));
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  assert.ok(bytes.length > 0);
  assert.ok(bytes.includes(Buffer.from(row.totp_secret!)), 'the scan does see what is stored');
  assert.ok(!bytes.includes(Buffer.from(secret)), 'no base32 secret in the database files');
  assert.ok(!bytes.includes(base32Decode(secret)), 'no raw key bytes either');
  for (const code of codes) {
    assert.ok(!bytes.includes(Buffer.from(code)) && !bytes.includes(Buffer.from(code.replace(/-/g, ''))), 'no recovery code');
  }
  const keyFile = join(s.env.dataDir, 'secret.key');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
});
