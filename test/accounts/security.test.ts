// Account security over HTTP: CSRF, session fixation, throttling without enumeration, expiry, and logs without secrets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loggerOptions } from '../../src/app.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { visitor } from '../helpers/visitor.ts';

let now = new Date('2026-11-29T10:00:00Z');
const logLines: string[] = [];
let s: ServerHarness;
let smtp: SmtpHarness;
const strong = 'paard-batterij-nietje-correct';

before(async () => {
  smtp = await startSmtp();
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  s = await startServer('sqlite', { SMTP_URL: smtp.url, SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2' }, { clock: () => now, logger: { ...(loggerOptions('info') as object), stream } });
});
after(async () => {
  await s.close();
  await smtp.close();
});

const path = (link: string) => new URL(link).pathname;

async function activeUser(email: string) {
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

test('a state change without the CSRF token, or from another origin, is refused and changes nothing', async () => {
  const v = await activeUser('csrf@example.org');
  const before = await s.portal.store.db.selectFrom('users').select('first_name').where('email', '=', 'csrf@example.org').executeTakeFirstOrThrow();
  const noToken = await fetch(`${s.url}/-/account/profile`, {
    method: 'POST',
    headers: { cookie: v.cookie!, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'first_name=Evil&last_name=X&display_name=',
    redirect: 'manual',
  });
  assert.equal(noToken.status, 403);
  const otherOrigin = await v.post('/-/account/profile', { first_name: 'Evil', last_name: 'X', display_name: '' }, { origin: 'https://evil.example' });
  assert.equal(otherOrigin.status, 403);
  const noOrigin = await v.post('/-/account/profile', { first_name: 'Evil', last_name: 'X', display_name: '' }, { origin: null });
  assert.equal(noOrigin.status, 403);
  const after = await s.portal.store.db.selectFrom('users').select('first_name').where('email', '=', 'csrf@example.org').executeTakeFirstOrThrow();
  assert.equal(after.first_name, before.first_name);
  assert.equal((await v.post('/-/account/profile', { first_name: 'Goed', last_name: 'X', display_name: '' })).status, 303);
});

test('signing in always issues a new session token: a planted one is worthless', async () => {
  await activeUser('fixatie@example.org');
  const attacker = visitor(s.url);
  await attacker.get('/-/account/login');
  await attacker.post('/-/account/login', { email: 'fixatie@example.org', password: strong });
  const planted = attacker.cookie!;
  const victim = visitor(s.url);
  victim.cookie = planted;
  await victim.get('/-/account/login');
  await victim.post('/-/account/login', { email: 'fixatie@example.org', password: strong });
  assert.notEqual(victim.cookie, planted);
  const stale = await fetch(`${s.url}/-/account`, { headers: { cookie: planted }, redirect: 'manual' });
  assert.equal(stale.status, 303, 'the planted token no longer signs anyone in');
});

test('brute force is throttled per account with the same message for known and unknown addresses', async () => {
  await activeUser('doelwit@example.org');
  const v = visitor(s.url);
  await v.get('/-/account/login');
  const unknown = await v.post('/-/account/login', { email: 'bestaat-niet@example.org', password: 'fout-wachtwoord-1' });
  const unknownText = /role="alert"[\s\S]*?<\/div>/.exec(v.lastPage)?.[0];
  const known = await v.post('/-/account/login', { email: 'doelwit@example.org', password: 'fout-wachtwoord-1' });
  const knownText = /role="alert"[\s\S]*?<\/div>/.exec(v.lastPage)?.[0];
  assert.equal(unknown.status, known.status);
  assert.equal(unknownText, knownText, 'no user enumeration in messages');
  for (let i = 0; i < 4; i++) await v.post('/-/account/login', { email: 'doelwit@example.org', password: `fout-wachtwoord-${i + 2}` });
  const locked = await v.post('/-/account/login', { email: 'doelwit@example.org', password: strong });
  assert.equal(locked.status, 429, 'the right password does not help while throttled');
  assert.match(v.lastPage, /Te veel mislukte pogingen/);
  now = new Date(now.getTime() + 16 * 60_000);
  assert.equal((await v.post('/-/account/login', { email: 'doelwit@example.org', password: strong })).status, 303, 'the window passes');
});

test('sessions end after idle time and at their absolute end', async () => {
  const v = await activeUser('verloop@example.org');
  now = new Date(now.getTime() + 20 * 60_000);
  assert.equal((await v.get('/-/account')).status, 200, 'within the idle time');
  now = new Date(now.getTime() + 31 * 60_000);
  assert.equal((await v.get('/-/account')).status, 303, 'idle too long');
  const w = visitor(s.url);
  await w.get('/-/account/login');
  await w.post('/-/account/login', { email: 'verloop@example.org', password: strong });
  for (let i = 0; i < 5; i++) {
    now = new Date(now.getTime() + 25 * 60_000);
    await w.get('/-/account');
  }
  assert.equal((await w.get('/-/account')).status, 303, 'past the absolute end, however active');
});

test('a reset link expires after an hour', async () => {
  await activeUser('uur@example.org');
  const v = visitor(s.url);
  await v.get('/-/account/reset');
  await v.post('/-/account/reset', { email: 'uur@example.org' });
  const link = path(linkIn(await smtp.next('uur@example.org')));
  now = new Date(now.getTime() + 61 * 60_000);
  assert.equal((await v.get(link)).status, 400);
  await v.post(link, { password: 'een-nieuw-sterk-wachtwoord-9' });
  assert.match(v.lastPage, /werkt niet meer/);
});

test('tokens are stored only as digests, and no password, token or address reaches the log', async () => {
  const v = await activeUser('geheim@example.org');
  const token = decodeURIComponent(v.cookie!.split('=')[1]);
  const sessions = await s.portal.store.db.selectFrom('sessions').select('id').execute();
  assert.ok(sessions.every((row) => row.id !== token && /^[0-9a-f]{64}$/.test(row.id)));
  const tokens = await s.portal.store.db.selectFrom('account_tokens').select('id').execute();
  const mailed = smtp.messages.map((m) => /\/([A-Za-z0-9_-]{40,})/.exec(m.text)?.[1]).filter(Boolean) as string[];
  assert.ok(mailed.length > 0);
  for (const raw of mailed) assert.ok(tokens.every((row) => row.id !== raw), 'link tokens are not stored as such');
  const log = logLines.join('');
  assert.ok(log.length > 1000, 'the server logged requests');
  for (const secret of [strong, token, 'geheim@example.org', ...mailed]) assert.ok(!log.includes(secret), `the log holds ${secret.slice(0, 6)}…: ${logLines.find((l) => l.includes(secret))?.slice(0, 300)}`);
});
