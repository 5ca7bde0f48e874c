// Issue 13, class 5: no enumeration. Registration answers a known address exactly as an unknown one whatever else is wrong
// with the form (the password rules are checked first, for everyone) and does the same argon2 work; a password reset and
// a change of address answer the same for taken and free addresses, limits included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checksRun } from '../../src/accounts/checks-run.ts';
import { createAccount, signedIn, testPassword } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let now = new Date('2026-09-01T08:00:00Z');
const known = 'bekend@example.org';

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url }, { clock: () => now });
  await createAccount(s, known, 'user');
});
after(async () => {
  await s.close();
  await smtp.close();
});

async function post(path: string, fields: Record<string, string>, cookie?: string) {
  const response = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

/** The answer with what may differ taken out: the address as typed (echoed back) and per-request tokens. */
const same = (answer: { status: number; text: string }, address: string) => ({
  status: answer.status,
  text: answer.text.replaceAll(address, '<address>').replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, ''),
});

const form = (email: string, changes: Record<string, string>) => ({ first_name: 'Test', last_name: 'Persoon', email, password: testPassword, accept: 'yes', ...changes });

const faults: [string, Record<string, string>][] = [
  ['a password that is too short', { password: 'kort' }],
  ['a common password', { password: 'password1234' }],
  ['a password made of the name', { first_name: 'Annemarie', last_name: 'Vandenbroucke', password: 'annemarievandenbroucke' }],
  ['no acceptance of the statement', { accept: '' }],
  ['an empty name', { first_name: '' }],
  ['nothing wrong', {}],
];

for (const [what, changes] of faults) {
  test(`registration with ${what} answers a known address exactly as a new one`, async () => {
    now = new Date(now.getTime() + 61 * 60_000);
    const fresh = `nieuw-${faults.findIndex(([w]) => w === what)}@example.org`;
    const hashes = checksRun.passwordHash;
    const forKnown = await post('/-/account/register', form(known, changes));
    const hashedForKnown = checksRun.passwordHash - hashes;
    const forNew = await post('/-/account/register', form(fresh, changes));
    const hashedForNew = checksRun.passwordHash - hashes - hashedForKnown;
    assert.deepEqual(same(forKnown, known), same(forNew, fresh));
    assert.equal(hashedForKnown, hashedForNew, 'the same argon2 work either way');
    if (what === 'nothing wrong') assert.equal(forKnown.status, 200);
    else assert.equal(forKnown.status, 400);
  });
}

test('registration answers the same for a known and a new address in English too, and when the mail limit is reached', async () => {
  now = new Date(now.getTime() + 61 * 60_000);
  for (let i = 0; i < 6; i++) {
    const forKnown = await post('/en/-/account/register', form(known, {}));
    const forNew = await post('/en/-/account/register', form('nog-nieuwer@example.org', {}));
    assert.deepEqual(same(forKnown, known), same(forNew, 'nog-nieuwer@example.org'), `attempt ${i + 1}`);
    assert.equal(forKnown.status, i < 5 ? 200 : 429);
  }
});

test('a password reset answers the same for a known and an unknown address, limits included', async () => {
  now = new Date(now.getTime() + 61 * 60_000);
  for (let i = 0; i < 6; i++) {
    const forKnown = await post('/-/account/reset', { email: known });
    const forUnknown = await post('/-/account/reset', { email: 'onbekend@example.org' });
    assert.deepEqual(same(forKnown, known), same(forUnknown, 'onbekend@example.org'), `attempt ${i + 1}`);
    assert.equal(forKnown.status, i < 5 ? 200 : 429);
  }
});

test('a change of address answers the same for a taken and a free address, limits included', async () => {
  now = new Date(now.getTime() + 61 * 60_000);
  await createAccount(s, 'verhuizer@example.org', 'user');
  const v = await signedIn(s, 'verhuizer@example.org');
  await v.get('/-/account');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(v.lastPage)![1];
  for (let i = 0; i < 6; i++) {
    const taken = await post('/-/account/email', { _csrf: csrf, email: known, password: testPassword }, v.cookie!);
    const free = await post('/-/account/email', { _csrf: csrf, email: 'vrij@example.org', password: testPassword }, v.cookie!);
    assert.deepEqual({ status: taken.status, location: taken.text.replaceAll(known, '') }, { status: free.status, location: free.text.replaceAll('vrij@example.org', '') }, `attempt ${i + 1}`);
    assert.equal(taken.status, i < 5 ? 303 : 429);
  }
});
