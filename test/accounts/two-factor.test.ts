// Two-step verification over HTTP with real SMTP: RFC 6238 vectors, enrolment from the account page, staff who must enrol
// (and see nothing restricted until they have), turning it off, and the secret encrypted at rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { base32Decode, base32Encode, hotp, matchingStep, stepAt, totp } from '../../src/accounts/two-factor/totp.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { codesOn, secretOn, strong, twoFactorKit } from '../helpers/two-factor.ts';
import { visitor } from '../helpers/visitor.ts';

let now = new Date('2026-11-29T10:00:05Z');
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
let s: ServerHarness;
let smtp: SmtpHarness;
let kit: ReturnType<typeof twoFactorKit>;

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url }, { clock: () => now });
  kit = twoFactorKit(s, smtp, () => now);
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
  const v = await kit.activeUser('inschakelen@example.org');
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
  const user = await kit.userRow('inschakelen@example.org');
  assert.equal(await s.portal.twoFactor.secretOf(user.id), secret, 'the key in the page is the one stored (sealed)');
  await v.get('/-/account/two-factor/setup');
  assert.equal(secretOn(v.lastPage), secret, 'until confirmed, the same key: a scanned code stays good');

  const wrong = await v.post('/-/account/two-factor/setup', { code: kit.wrongCode(secret) });
  assert.equal(wrong.status, 400);
  assert.match(v.lastPage, /klopt niet/);
  assert.equal((await kit.userRow('inschakelen@example.org')).totp_enabled_at, null);

  const confirmed = await v.post('/-/account/two-factor/setup', { code: kit.codeNow(secret) });
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.headers.get('cache-control'), 'no-store');
  const codes = codesOn(v.lastPage);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.ok((await kit.userRow('inschakelen@example.org')).totp_enabled_at);
  const stored = await s.portal.store.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', user.id).execute();
  assert.equal(stored.length, 10);
  for (const row of stored) {
    assert.match(row.digest, /^[0-9a-f]{64}$/);
    assert.ok(!codes.some((c) => row.digest.includes(c.replace(/-/g, ''))));
  }
  const [enabled] = await kit.eventsOf(user.id, 'account.two_factor_enabled');
  assert.equal(enabled.data, '{}', 'no secret in the event');

  await v.get('/-/account');
  assert.match(v.lastPage, /Tweestapsverificatie staat aan sinds/);
  assert.match(v.lastPage, /nog 10 ongebruikte herstelcodes/);
  assert.doesNotMatch(v.lastPage, new RegExp(codes[0]), 'the codes are shown only once');
  assert.equal((await v.get('/-/account/two-factor/setup')).status, 303, 'once on, no new key is handed out');
});

test('staff must set it up before their session completes, and until then see no restricted dataset', async () => {
  const admin = await kit.staffAccount('beheer@example.org', 'admin');
  const v = await kit.halfSignedIn('beheer@example.org');
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

  const wrong = await v.post('/-/account/two-factor', { code: kit.wrongCode(secret) });
  assert.equal(wrong.status, 400);
  assert.equal(secretOn(v.lastPage), secret);
  assert.equal((await kit.userRow('beheer@example.org')).totp_enabled_at, null);
  const halfway = v.cookie;
  const enrolled = await v.post('/-/account/two-factor', { code: kit.codeNow(secret) });
  assert.equal(enrolled.status, 200);
  assert.equal(codesOn(v.lastPage).length, 10);
  assert.notEqual(v.cookie, halfway);
  assert.match(v.lastPage, /action="\/-\/account\/logout"[^]*name="_csrf" value="[^"]+"/, 'signed in: the header offers to sign out');
  assert.equal((await kit.eventsOf(admin.id, 'account.two_factor_enabled')).length, 1);

  assert.equal((await asViewer('/api/explore/v2.1/catalog/datasets/secret-cities')).status, 200, 'now signed in as the admin');
  assert.equal((await v.get('/-/account')).status, 200);
  assert.match(v.lastPage, /verplicht/);
  assert.doesNotMatch(v.lastPage, /two-factor\/disable/, 'no form to turn it off');

  later(30);
  const next = await kit.halfSignedIn('beheer@example.org');
  assert.match(next.lastPage, /Code invoeren/, 'the next sign-in asks for a code, not a new set-up');
  assert.equal((await next.post('/-/account/two-factor', { code: kit.codeNow(secret) })).status, 303);

  // An editor and a data protection officer are held to the same.
  for (const [email, role] of [['redactie@example.org', 'editor'], ['dpo@example.org', 'dpo']] as const) {
    await kit.staffAccount(email, role);
    const w = await kit.halfSignedIn(email);
    assert.match(w.lastPage, /<img class="qr"/, role);
  }
});

test('a user turns it off with password and code; an admin cannot', async () => {
  const { v, secret } = await kit.enrolledUser('uitschakelen@example.org');
  later(30);
  await v.get('/-/account');
  const badPassword = await v.post('/-/account/two-factor/disable', { password: 'niet-het-wachtwoord', code: kit.codeNow(secret) });
  assert.equal(badPassword.status, 400);
  assert.match(v.lastPage, /wachtwoord klopt niet/);
  const badCode = await v.post('/-/account/two-factor/disable', { password: strong, code: kit.wrongCode(secret) });
  assert.equal(badCode.status, 400);
  assert.ok((await kit.userRow('uitschakelen@example.org')).totp_enabled_at);
  const off = await v.post('/-/account/two-factor/disable', { password: strong, code: kit.codeNow(secret) });
  assert.equal(off.status, 303);
  assert.equal(off.headers.get('location'), '/-/account/two-factor/settings?done=disabled');
  await v.get(off.headers.get('location')!);
  assert.match(v.lastPage, /Tweestapsverificatie staat uit/);
  const row = await kit.userRow('uitschakelen@example.org');
  assert.equal(row.totp_secret, null);
  assert.equal(row.totp_enabled_at, null);
  assert.equal((await s.portal.store.db.selectFrom('recovery_codes').select('digest').where('user_id', '=', row.id).execute()).length, 0);
  assert.equal((await kit.eventsOf(row.id, 'account.two_factor_disabled')).length, 1);
  const w = visitor(s.url);
  await w.get('/-/account/login');
  assert.equal((await w.post('/-/account/login', { email: 'uitschakelen@example.org', password: strong })).headers.get('location'), '/-/account', 'the password is enough again');

  // An admin, signed in with a code, sends the same form by hand.
  await kit.staffAccount('admin-uit@example.org', 'admin');
  const a = await kit.halfSignedIn('admin-uit@example.org');
  const adminSecret = secretOn(a.lastPage);
  await a.post('/-/account/two-factor', { code: kit.codeNow(adminSecret) });
  later(30);
  await a.get('/-/account');
  const refused = await a.post('/-/account/two-factor/disable', { password: strong, code: kit.codeNow(adminSecret) });
  assert.equal(refused.status, 403);
  assert.match(a.lastPage, /verplicht/);
  assert.ok((await kit.userRow('admin-uit@example.org')).totp_enabled_at, 'still on');
});

test('the secret and the recovery codes are not stored in clear text, and the key file is private', async () => {
  const { secret, codes } = await kit.enrolledUser('opslag@example.org');
  const row = await kit.userRow('opslag@example.org');
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
