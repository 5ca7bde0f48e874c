// Test support for two-step verification over HTTP: verified users (real SMTP), enrolment, half-finished sign-ins, codes read off pages.
import assert from 'node:assert/strict';
import { base32Decode, matchingStep, totp } from '../../src/accounts/two-factor/totp.ts';
import type { ServerHarness } from './server.ts';
import { linkIn, type SmtpHarness } from './smtp.ts';
import { visitor, type Visitor } from './visitor.ts';

export const strong = 'paard-batterij-nietje-correct';

export const linkPath = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
export const secretOn = (page: string) => /<code class="secret-key">([A-Z2-7 ]+)<\/code>/.exec(page)![1].replace(/ /g, '');
export const codesOn = (page: string) => [...page.matchAll(/<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/code>/g)].map((m) => m[1]);

/** Helpers bound to one server, its SMTP server and the clock the test moves. */
export function twoFactorKit(s: ServerHarness, smtp: SmtpHarness, now: () => Date) {
  const kit = {
    codeNow: (secret: string) => totp(base32Decode(secret), now()),
    /** A six-digit code valid for no step around now. */
    wrongCode(secret: string): string {
      const key = base32Decode(secret);
      for (let n = 0; ; n++) {
        const candidate = String(n).padStart(6, '0');
        if (matchingStep(key, candidate, now()) === null) return candidate;
      }
    },
    userRow: (email: string) => s.portal.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow(),
    eventsOf: (id: string, verb: string) => s.portal.store.db.selectFrom('events').selectAll().where('subject_id', '=', id).where('verb', '=', verb).execute(),

    /** Registered, verified through the mailed link, signed in, on the account page. */
    async activeUser(email: string): Promise<Visitor> {
      const v = visitor(s.url);
      await v.get('/-/account/register');
      await v.post('/-/account/register', { first_name: 'Test', last_name: 'Persoon', email, password: strong, accept: 'yes' });
      const link = linkPath(linkIn(await smtp.next(email)));
      await v.get(link);
      await v.post(link, {});
      await v.get('/-/account/login');
      assert.equal((await v.post('/-/account/login', { email, password: strong })).status, 303);
      await v.get('/-/account');
      return v;
    },

    /** A user who turned it on from the account page; the confirming code used the step at `now`. */
    async enrolledUser(email: string) {
      const v = await kit.activeUser(email);
      await v.get('/-/account/two-factor/setup');
      const secret = secretOn(v.lastPage);
      const response = await v.post('/-/account/two-factor/setup', { code: kit.codeNow(secret) });
      assert.equal(response.status, 200);
      return { v, secret, codes: codesOn(v.lastPage) };
    },

    /** Password accepted, second step due, its page loaded. */
    async halfSignedIn(email: string, prefix = ''): Promise<Visitor> {
      const v = visitor(s.url);
      await v.get(`${prefix}/-/account/login`);
      const response = await v.post(`${prefix}/-/account/login`, { email, password: strong });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `${prefix}/-/account/two-factor`);
      await v.get(`${prefix}/-/account/two-factor`);
      return v;
    },

    /** A staff account made as the CLI makes it, with its password set through the single-use link. */
    async staffAccount(email: string, role: 'editor' | 'dpo' | 'admin') {
      const { account, link } = await s.portal.accounts.createAccount({ email, role, actor: 'test' });
      const v = visitor(s.url);
      await v.get(linkPath(link));
      assert.equal((await v.post(linkPath(link), { password: strong })).status, 200);
      return account;
    },
  };
  return kit;
}
