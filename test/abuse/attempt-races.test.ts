// Issue 13, class 4: limits that races cannot pass. Hundreds of parallel sign-ins, second-factor codes and mailed codes
// get no more costly checks (argon2, code compares) than the limits allow, and the mail-sending forms no more mails,
// on SQLite and on PostgreSQL. The checks are counted where they run (src/accounts/checks-run.ts), the mails in the outbox
// and at a real SMTP server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checksRun } from '../../src/accounts/checks-run.ts';
import { base32Decode, matchingStep, totp } from '../../src/accounts/two-factor/totp.ts';
import { createAccount, signedIn, testPassword } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { dialects } from '../helpers/stores.ts';

const parallel = <T>(n: number, run: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => run(i)));
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

for (const dialect of dialects) {
  describe(`attempt limits under parallel requests (${dialect})`, () => {
    let s: ServerHarness;
    let smtp: SmtpHarness;
    let now = new Date('2026-06-01T08:00:00Z');
    /** Every test starts past the windows of the one before (an hour for mail, a quarter for sign-in). */
    const nextWindow = () => (now = new Date(now.getTime() + 61 * 60_000));

    before(async () => {
      smtp = await startSmtp();
      s = await startServer(dialect, { SMTP_URL: smtp.url }, { clock: () => now });
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    /** An anonymous form post from the portal's own origin (the CSRF rule for visitors without a session). */
    const form = async (path: string, fields: Record<string, string>) => {
      const response = await fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
        body: new URLSearchParams(fields),
        redirect: 'manual',
      });
      return { status: response.status, text: await response.text() };
    };
    const mailsTo = async (address: string) => {
      await s.portal.mailer.flush();
      const rows = await s.portal.store.db.selectFrom('mail_outbox').select('id').where('to_address', '=', address).execute();
      const received = smtp.messages.filter((m) => m.to.includes(address)).length;
      assert.equal(received, rows.length, 'every mail written reached the SMTP server');
      return rows.length;
    };

    test('300 parallel wrong passwords for one account get at most five password checks; the rest, and then the right password, get 429', async () => {
      nextWindow();
      await createAccount(s, 'doelwit@example.org', 'user');
      const checks = checksRun.password;
      const answers = await parallel(300, (i) => form('/-/account/login', { email: 'doelwit@example.org', password: `fout-wachtwoord-${i}` }));
      const checked = checksRun.password - checks;
      assert.ok(checked >= 1 && checked <= 5, `${checked} argon2 checks for 300 parallel sign-ins`);
      assert.deepEqual(tally(answers.map((a) => a.status)), { 400: checked, 429: 300 - checked });
      assert.match(answers.find((a) => a.status === 429)!.text, /Te veel mislukte pogingen/);
      assert.equal((await form('/-/account/login', { email: 'doelwit@example.org', password: testPassword })).status, 429, 'the right password waits too');
    });

    test('300 parallel sign-ins for as many addresses from one client get at most twenty password checks', async () => {
      nextWindow();
      const checks = checksRun.password;
      const answers = await parallel(300, (i) => form('/-/account/login', { email: `iemand-${i}@example.org`, password: 'fout-wachtwoord' }));
      const checked = checksRun.password - checks;
      assert.ok(checked >= 1 && checked <= 20, `${checked} argon2 checks (decoys included) for one client`);
      assert.equal(answers.filter((a) => a.status === 429).length, 300 - checked);
    });

    test('a right password ends the account’s run of failures and gives the client its attempt back', async () => {
      nextWindow();
      await createAccount(s, 'vergeetachtig@example.org', 'user');
      for (let i = 0; i < 4; i++) assert.equal((await form('/-/account/login', { email: 'vergeetachtig@example.org', password: `fout-${i}` })).status, 400);
      assert.equal((await form('/-/account/login', { email: 'vergeetachtig@example.org', password: testPassword })).status, 303);
      for (let i = 0; i < 4; i++) assert.equal((await form('/-/account/login', { email: 'vergeetachtig@example.org', password: `fout-${i}` })).status, 400, 'the count started again');
    });

    test('a signed-in session cannot guess the password either: changing it, the address or deleting the account asks it under the same limit', async () => {
      nextWindow();
      await createAccount(s, 'overgenomen@example.org', 'user');
      const v = await signedIn(s, 'overgenomen@example.org');
      await v.get('/-/account');
      const checks = checksRun.password;
      const forms: [string, (i: number) => Record<string, string>][] = [
        ['/-/account/password', (i) => ({ current: `fout-${i}`, password: 'een-heel-ander-lang-wachtwoord-9' })],
        ['/-/account/email', (i) => ({ email: `nieuw-${i}@example.org`, password: `fout-${i}` })],
        ['/-/account/privacy/delete', (i) => ({ password: `fout-${i}` })],
      ];
      const answers = await parallel(90, (i) => v.post(forms[i % 3][0], forms[i % 3][1](i)).then((r) => r.status));
      const checked = checksRun.password - checks;
      assert.ok(checked >= 1 && checked <= 5, `${checked} argon2 checks for 90 parallel guesses through a session`);
      assert.deepEqual(tally(answers), { 400: checked, 429: 90 - checked });
      assert.equal((await v.post('/-/account/password', { current: testPassword, password: 'een-heel-ander-lang-wachtwoord-9' })).status, 429, 'the right password waits too');
    });

    /** A user with two-step verification on, and `n` sign-ins waiting for their code. */
    async function halfSignedIn(email: string, n: number) {
      await createAccount(s, email, 'user');
      const user = await s.portal.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
      const account = await s.portal.accounts.getAccount(user.id);
      const { secret } = await s.portal.twoFactor.pendingSecret(account);
      await s.portal.twoFactor.enable(account, totp(base32Decode(secret), now));
      const sessions = [];
      for (let i = 0; i < n; i++) {
        const { token } = await s.portal.accounts.signIn({ email, password: testPassword, address: '10.1.1.1' });
        sessions.push((await s.portal.accounts.session(token))!);
      }
      const key = base32Decode(secret);
      const wrong = ['000000', '111111', '222222', '333333'].find((c) => matchingStep(key, c, now) === null)!;
      return { sessions, wrong, right: () => totp(key, now) };
    }

    test('300 parallel wrong codes on one sign-in get at most five code checks, and the sign-in ends', async () => {
      nextWindow();
      const { sessions, wrong } = await halfSignedIn('code-een@example.org', 1);
      const checks = checksRun.secondFactor;
      const results = await Promise.allSettled(Array.from({ length: 300 }, () => s.portal.twoFactor.signInStep(sessions[0], wrong, '10.2.2.2')));
      const checked = checksRun.secondFactor - checks;
      assert.ok(checked >= 1 && checked <= 5, `${checked} code checks for 300 parallel codes on one session`);
      assert.ok(results.every((r) => r.status === 'rejected'));
      assert.equal(await s.portal.store.db.selectFrom('sessions').select('id').where('id', '=', sessions[0].id).executeTakeFirst(), undefined, 'the session is gone');
    });

    test('300 parallel wrong codes spread over four sign-ins get at most ten code checks for the account', async () => {
      nextWindow();
      const { sessions, wrong, right } = await halfSignedIn('code-vier@example.org', 4);
      const checks = checksRun.secondFactor;
      await Promise.allSettled(Array.from({ length: 300 }, (_, i) => s.portal.twoFactor.signInStep(sessions[i % 4], wrong, `10.3.3.${i % 7}`)));
      const checked = checksRun.secondFactor - checks;
      assert.ok(checked >= 1 && checked <= 10, `${checked} code checks for the account`);
      const [fresh] = (await halfSignedInAgain('code-vier@example.org')).sessions;
      await assert.rejects(s.portal.twoFactor.signInStep(fresh, right(), '10.4.4.4'), { reason: 'too_many_attempts' }, 'even the right code waits');
    });

    async function halfSignedInAgain(email: string) {
      const { token } = await s.portal.accounts.signIn({ email, password: testPassword, address: '10.1.1.1' });
      return { sessions: [(await s.portal.accounts.session(token))!] };
    }

    test('400 parallel tries of a mailed code get at most three compares, and the code is spent', async () => {
      nextWindow();
      const c = await s.portal.privacyCases.submit({ type: 'access', message: '', email: 'verzoeker@example.org', lang: 'nl' }, null, '10.5.5.5');
      const code = /\b(\d{6})\b/.exec((await smtp.next('verzoeker@example.org')).text)![1];
      const wrong = code === '000000' ? '000001' : '000000';
      const checks = checksRun.emailCode;
      const results = await Promise.allSettled(Array.from({ length: 400 }, () => s.portal.privacyCases.confirmCode(c.id, wrong)));
      const compared = checksRun.emailCode - checks;
      assert.ok(compared >= 1 && compared <= 3, `${compared} compares for 400 parallel tries`);
      assert.ok(results.every((r) => r.status === 'rejected'));
      await assert.rejects(s.portal.privacyCases.confirmCode(c.id, code), { reason: 'code_spent' }, 'the right code no longer works either');
    });

    test('300 parallel reset requests for one address write at most five mails; the others get the form again with a 429', async () => {
      nextWindow();
      await createAccount(s, 'postbus@example.org', 'user');
      const answers = await parallel(300, () => form('/-/account/reset', { email: 'postbus@example.org' }));
      const mails = await mailsTo('postbus@example.org');
      assert.ok(mails >= 1 && mails <= 5, `${mails} mails`);
      assert.deepEqual(tally(answers.map((a) => a.status)), { 200: mails, 429: 300 - mails });
      const refused = answers.find((a) => a.status === 429)!.text;
      assert.match(refused, /te veel berichten gevraagd/);
      assert.match(refused, /<form[^>]+action="\/-\/account\/reset"/, 'the form again');
    });

    test('an unknown address is limited the same way (the limit tells no one which addresses have an account)', async () => {
      nextWindow();
      const answers = await parallel(20, () => form('/-/account/reset', { email: 'niemand@example.org' }));
      assert.deepEqual(tally(answers.map((a) => a.status)), { 200: 5, 429: 15 });
      assert.equal(await mailsTo('niemand@example.org'), 0);
    });

    test('100 parallel registrations from one client for as many addresses write at most thirty mails, in English too', async () => {
      nextWindow();
      const answers = await parallel(100, (i) =>
        form('/en/-/account/register', { first_name: 'Veel', last_name: 'Adressen', email: `nieuw-${i}@example.org`, password: testPassword, accept: 'yes' }),
      );
      await s.portal.mailer.flush();
      const mails = (await s.portal.store.db.selectFrom('mail_outbox').select('id').where('to_address', 'like', 'nieuw-%').execute()).length;
      assert.ok(mails >= 1 && mails <= 30, `${mails} mails`);
      assert.deepEqual(tally(answers.map((a) => a.status)), { 200: mails, 429: 100 - mails });
      assert.match(answers.find((a) => a.status === 429)!.text, /Too many messages were asked for/);
    });

    test('100 parallel registrations of one new address make one account and at most five mails, never a 500', async () => {
      nextWindow();
      const answers = await parallel(100, (i) =>
        form('/-/account/register', { first_name: 'Dubbel', last_name: `Klik${i % 3}`, email: 'dubbel@example.org', password: testPassword, accept: 'yes' }),
      );
      assert.deepEqual(Object.keys(tally(answers.map((a) => a.status))).sort(), ['200', '429']);
      const accounts = await s.portal.store.db.selectFrom('users').select('id').where('email', '=', 'dubbel@example.org').execute();
      assert.equal(accounts.length, 1);
      const mails = await mailsTo('dubbel@example.org');
      assert.ok(mails >= 1 && mails <= 5, `${mails} mails`);
    });

    test('the privacy request form and its new-code button are limited per address too: 429 with the message, no mail', async () => {
      nextWindow();
      const c = await s.portal.privacyCases.submit({ type: 'access', message: '', email: 'codes@example.org', lang: 'nl' }, null, '10.6.6.6');
      const answers = await parallel(50, () => form(`/-/privacy/request/${c.id}/new-code`, {}));
      const mails = await mailsTo('codes@example.org');
      assert.ok(mails <= 5, `${mails} mails`);
      const refused = answers.filter((a) => a.status === 429);
      assert.ok(refused.length >= 45);
      assert.ok(refused.some((a) => /te veel berichten gevraagd|te veel codes/.test(a.text)));
    });

    test('the counters that name a person are in their access archive and go with them; the sweep removes expired ones', async () => {
      nextWindow();
      const id = await createAccount(s, 'teller@example.org', 'user');
      assert.equal((await form('/-/account/login', { email: 'teller@example.org', password: 'fout-wachtwoord' })).status, 400);
      await form('/-/account/reset', { email: 'teller@example.org' });
      const security = (await s.portal.rights.buildAccessArchive(id)).data['sign-in security'].items as { attemptCounters: { attempts: number }[] };
      assert.deepEqual(security.attemptCounters.map((c) => c.attempts), [1, 1], 'the sign-in and the mail counter');
      const counters = async () => Number((await s.portal.store.db.selectFrom('attempt_counters').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await counters();
      const report = await s.portal.rights.eraseAccount(id, { by: 'self' });
      assert.deepEqual(report.lines.filter((l) => l.table === 'attempt_counters').map((l) => l.rows), [2]);
      assert.equal(await counters(), before - 2);
      const stored = await s.portal.store.db.selectFrom('attempt_counters').select('key').execute();
      assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.key)), 'only digests are stored');
      nextWindow();
      const swept = await s.portal.retention.run({ now });
      assert.ok(swept.rules.some((r) => r.rule === 'attempts'));
      assert.equal(await counters(), 0, 'every window has ended: the sweep leaves no counter');
    });
  });
}
