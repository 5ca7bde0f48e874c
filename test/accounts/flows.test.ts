// Accounts end to end over HTTP with a real SMTP server: register, verify, sign in, profile, email change, reset, sign out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
});
after(async () => {
  await s.close();
  await smtp.close();
});

const path = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
const strong = 'paard-batterij-nietje-correct';

async function registered(email: string, first = 'An', last = 'Peeters') {
  const v = visitor(s.url);
  await v.get('/-/account/register');
  const response = await v.post('/-/account/register', { first_name: first, last_name: last, email, password: strong, accept: 'yes' });
  assert.equal(response.status, 200);
  return v;
}

test('register → verification mail → confirm → sign in → account page → sign out', async () => {
  const v = await registered('an.peeters@example.org');
  assert.match(v.lastPage, /Bekijk uw mailbox/);
  const mail = await smtp.next('an.peeters@example.org');
  assert.match(mail.subject, /Bevestig uw e-mailadres/);
  const link = path(linkIn(mail));
  assert.match(link, /^\/-\/account\/verify\//);

  // Before confirming, signing in fails with the message that does not tell why.
  await v.get('/-/account/login');
  const early = await v.post('/-/account/login', { email: 'an.peeters@example.org', password: strong });
  assert.equal(early.status, 400);
  assert.match(v.lastPage, /klopt niet, of het account is nog niet actief/);

  const page = await v.get(link);
  assert.equal(page.status, 200, 'opening the link only shows a button');
  const confirmed = await v.post(link, {});
  assert.equal(confirmed.status, 200);
  assert.match(v.lastPage, /bevestigd/);
  assert.equal((await v.post(link, {})).status, 400, 'a link works once');

  await v.get('/-/account/login');
  const signIn = await v.post('/-/account/login', { email: 'AN.Peeters@example.org ', password: strong });
  assert.equal(signIn.status, 303);
  assert.equal(signIn.headers.get('location'), '/-/account');
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('opaal_session='))!;
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.doesNotMatch(cookie, /Secure/i, 'plain HTTP here; Secure when BASE_URL is https');
  const account = await v.get('/-/account');
  assert.equal(account.status, 200);
  assert.match(v.lastPage, /an\.peeters@example\.org/);
  assert.match(v.lastPage, /deze sessie/);

  const out = await v.post('/-/account/logout', {});
  assert.equal(out.status, 303);
  assert.equal((await v.get('/-/account')).status, 303, 'signed out: the account page sends to sign-in');
});

test('registering an address that has an account answers the same and mails its owner instead', async () => {
  await registered('dubbel@example.org');
  await smtp.next('dubbel@example.org');
  const v = await registered('dubbel@example.org', 'Iemand', 'Anders');
  assert.match(v.lastPage, /Bekijk uw mailbox/);
  const mail = await smtp.next('dubbel@example.org');
  assert.match(mail.subject, /bestaat al een account/);
  const users = await s.portal.store.db.selectFrom('users').select('first_name').where('email', '=', 'dubbel@example.org').execute();
  assert.deepEqual(users.map((u) => u.first_name), ['An'], 'the second registration changed nothing');
});

test('registration refuses weak passwords, a missing acceptance and bad addresses, in the page language', async () => {
  const v = visitor(s.url);
  await v.get('/en/-/account/register');
  const base = { first_name: 'Jan', last_name: 'Janssens', email: 'jan@example.org', accept: 'yes' };
  assert.equal((await v.post('/en/-/account/register', { ...base, password: 'short' })).status, 400);
  assert.match(v.lastPage, /at least 12 characters/);
  await v.post('/en/-/account/register', { ...base, password: 'passwordpassword' });
  assert.match(v.lastPage, /list of common passwords/);
  await v.post('/-/account/register', { ...base, password: 'Janssens12345' });
  assert.match(v.lastPage, /te makkelijk te raden/);
  await v.post('/-/account/register', { ...base, password: strong, accept: '' });
  assert.match(v.lastPage, /aanvaardt u de privacyverklaring/);
  await v.post('/-/account/register', { ...base, email: 'not-an-address', password: strong });
  assert.match(v.lastPage, /geldig e-mailadres/);
  assert.match(v.lastPage, /value="Janssens"/, 'what was typed stays, except the password');
  assert.doesNotMatch(v.lastPage, new RegExp(strong));
  const count = await s.portal.store.db.selectFrom('users').select('id').where('email', '=', 'jan@example.org').execute();
  assert.equal(count.length, 0);
});

test('the acceptance of the privacy statement is recorded: who, when, which version, how', async () => {
  await registered('consent@example.org');
  const user = await s.portal.store.db.selectFrom('users').select('id').where('email', '=', 'consent@example.org').executeTakeFirstOrThrow();
  const [consent] = await s.portal.store.db.selectFrom('consents').selectAll().where('user_id', '=', user.id).execute();
  assert.equal(consent.purpose, 'privacy_statement');
  assert.equal(consent.method, 'registration_form');
  // The published version of the statement, by number and the digest of its exact text.
  const current = await s.portal.statements.current();
  assert.equal(consent.statement_version, current.version);
  assert.match(consent.statement_version, /^\d+$/);
  assert.equal(consent.statement_digest, current.digest);
  assert.match(consent.statement_digest, /^[0-9a-f]{64}$/);
  assert.equal(consent.language, 'nl');
  assert.ok(consent.given_at);
});

async function activeUser(email: string) {
  const v = await registered(email);
  const link = path(linkIn(await smtp.next(email)));
  await v.get(link);
  await v.post(link, {});
  await v.get('/-/account/login');
  assert.equal((await v.post('/-/account/login', { email, password: strong })).status, 303);
  await v.get('/-/account');
  return v;
}

test('profile changes, and an email change that happens only when the new address confirms it', async () => {
  const v = await activeUser('wissel@example.org');
  const saved = await v.post('/-/account/profile', { first_name: 'Wim', last_name: 'Wissel', display_name: 'wimw' });
  assert.equal(saved.status, 303);
  await v.get('/-/account?done=saved');
  assert.match(v.lastPage, /value="Wim"/);
  assert.match(v.lastPage, /Opgeslagen/);

  await v.post('/-/account/email', { email: 'nieuw@example.org', password: 'wrong password!!' });
  assert.match(v.lastPage, /wachtwoord klopt niet/);
  assert.equal((await v.post('/-/account/email', { email: 'nieuw@example.org', password: strong })).status, 303);
  const mail = await smtp.next('nieuw@example.org');
  const link = path(linkIn(mail));
  const user = () => s.portal.store.db.selectFrom('users').select('email').where('first_name', '=', 'Wim').executeTakeFirstOrThrow();
  assert.equal((await user()).email, 'wissel@example.org', 'nothing changes before the link is followed');
  await v.get(link);
  assert.equal((await v.post(link, {})).status, 200);
  assert.equal((await user()).email, 'nieuw@example.org');
  const notice = await smtp.next('wissel@example.org');
  assert.match(notice.subject, /gewijzigd/);
});

test('an email change names the new address: on the page after asking, in the mail, and on the confirmation page', async () => {
  const v = await activeUser('oud.adres@example.org');
  const asked = await v.post('/-/account/email', { email: 'Nieuw.Adres@example.org', password: strong });
  assert.equal(asked.status, 303);
  await v.get(asked.headers.get('location')!);
  assert.match(v.lastPage, /Als nieuw\.adres@example\.org nog niet in gebruik is, sturen we een link naar dat adres/);
  const mail = await smtp.next('nieuw.adres@example.org');
  assert.match(mail.text, /te wijzigen in nieuw\.adres@example\.org\. Bevestig/);
  await v.get(path(linkIn(mail)));
  assert.match(v.lastPage, /Bevestig dat nieuw\.adres@example\.org voortaan het e-mailadres van uw account is/);
  await v.post(path(linkIn(mail)), {});
  assert.match((await smtp.next('oud.adres@example.org')).text, /gewijzigd in nieuw\.adres@example\.org/);
  await v.get('/-/account?done=email&to=%3Cb%3E');
  assert.doesNotMatch(v.lastPage, /&lt;b&gt;/, 'only an address is named back');
});

test('a password reset link works once, ends every session, and unknown addresses get the same answer', async () => {
  const signedIn = await activeUser('vergeten@example.org');
  const v = visitor(s.url);
  await v.get('/-/account/reset');
  await v.post('/-/account/reset', { email: 'niemand@example.org' });
  const unknownAnswer = v.lastPage.replace(/name="_csrf" value="[^"]*"/, '');
  await v.post('/-/account/reset', { email: 'vergeten@example.org' });
  assert.equal(v.lastPage.replace(/name="_csrf" value="[^"]*"/, ''), unknownAnswer, 'the same page for a known and an unknown address');
  const link = path(linkIn(await smtp.next('vergeten@example.org')));
  assert.equal((await v.get(link)).status, 200);
  await v.post(link, { password: 'short' });
  assert.match(v.lastPage, /minstens 12 tekens/);
  const newPassword = 'een-heel-nieuw-wachtwoord-7';
  assert.equal((await v.post(link, { password: newPassword })).status, 200);
  assert.equal((await v.post(link, { password: 'nog-een-ander-wachtwoord-8' })).status, 400, 'single use');
  assert.equal((await signedIn.get('/-/account')).status, 303, 'the old session ended');
  await v.get('/-/account/login');
  assert.equal((await v.post('/-/account/login', { email: 'vergeten@example.org', password: newPassword })).status, 303);
  assert.ok(smtp.messages.every((m) => !m.raw.includes(newPassword)));
});

test('sign out everywhere ends the other sessions and keeps this one', async () => {
  const first = await activeUser('overal@example.org');
  const second = visitor(s.url);
  await second.get('/-/account/login');
  assert.equal((await second.post('/-/account/login', { email: 'overal@example.org', password: strong })).status, 303);
  await first.get('/-/account');
  assert.equal((await first.post('/-/account/sessions/end', {})).status, 303);
  assert.equal((await first.get('/-/account')).status, 200);
  assert.equal((await second.get('/-/account')).status, 303);
});
