// Inactive accounts on a controlled clock: warned by mail 30 days before erasure, once; signing in again starts over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { after } from '../../src/privacy/retention/duration.ts';
import { testPassword } from '../helpers/accounts.ts';
import { addHold, addUser, retentionHarness, start, type RetentionHarness } from '../helpers/retention.ts';
import { startSmtp } from '../helpers/smtp.ts';
import { dialects } from '../helpers/stores.ts';

const at = (...durations: string[]) => durations.reduce((t, d) => after(t, d), start);
const warnings = async (h: RetentionHarness, to: string) =>
  (await h.db.selectFrom('mail_outbox').select('id').where('template', '=', 'retention.inactivity_warning').where('to_address', '=', to).execute()).length;
const accountRule = async (h: RetentionHarness, now: Date) => {
  h.time.now = now;
  const report = await h.retention.run();
  return report.rules.find((r) => r.rule === 'account')!;
};

for (const dialect of dialects) {
  test(`an inactive account is warned once 30 days before, then erased; signing in again starts the five years over (${dialect})`, async () => {
    const smtp = await startSmtp();
    const h = await retentionHarness(dialect, { SMTP_URL: smtp.url, BASE_URL: 'https://data.example.org' });
    try {
      await addUser(h.db, 'u-quiet', start.toISOString(), { email: 'quiet@example.org' });
      await addUser(h.db, 'u-back', start.toISOString(), { email: 'back@example.org' });
      await h.db.updateTable('users').set({ password_hash: await hashPassword(testPassword) }).where('id', '=', 'u-back').execute();
      await h.db
        .insertInto('consents')
        .values({ user_id: 'u-back', purpose: 'privacy_statement', statement_version: '1', statement_digest: 'd'.repeat(64), method: 'registration_form', language: 'en', given_at: start.toISOString(), withdrawn_at: null })
        .execute();

      assert.deepEqual(await accountRule(h, new Date(at('P5Y').getTime() - 31 * 86_400_000)), { rule: 'account', table: 'users', removed: 0, warned: 0, held: 0 });

      // 30 days before five years: both warned, each in the language they registered in.
      const warnedAt = new Date(at('P5Y').getTime() - 30 * 86_400_000);
      assert.equal((await accountRule(h, warnedAt)).warned, 2);
      // Sent in the order of the accounts' ids.
      const english = await smtp.next('back@example.org');
      assert.match(english.subject, /will soon be deleted/);
      assert.match(english.text, /https:\/\/data\.example\.org\/en\/-\/account\/login/);
      const dutch = await smtp.next('quiet@example.org');
      assert.match(dutch.subject, /wordt binnenkort verwijderd/);
      assert.match(dutch.text, /https:\/\/data\.example\.org\/-\/account\/login/);
      assert.match(dutch.text, /15 maart 2036/);

      // The next day's run does not warn again.
      assert.equal((await accountRule(h, new Date(warnedAt.getTime() + 86_400_000))).warned, 0);
      assert.equal(await warnings(h, 'quiet@example.org'), 1);

      // One of them signs in again.
      await h.portal.accounts.signIn({ email: 'back@example.org', password: testPassword, address: '127.0.0.9' });
      const signedInAt = h.time.now;

      // A minute before five years: nobody erased yet.
      assert.equal((await accountRule(h, new Date(at('P5Y').getTime() - 60_000))).removed, 0);
      // At five years: the quiet one goes; the one who came back stays and is not warned again.
      assert.deepEqual(await accountRule(h, at('P5Y')), { rule: 'account', table: 'users', removed: 1, warned: 0, held: 0 });
      assert.deepEqual(h.erased, ['u-quiet']);
      assert.deepEqual((await h.db.selectFrom('users').select('id').execute()).map((u) => u.id), ['u-back']);

      // Five years after signing in, less 30 days, the one who came back is warned anew.
      assert.equal((await accountRule(h, new Date(after(signedInAt, 'P5Y').getTime() - 30 * 86_400_000))).warned, 1);
      // (The first warning left the outbox 30 days after it was sent; the second arrives.)
      assert.equal(await warnings(h, 'back@example.org'), 1);
      assert.match((await smtp.next('back@example.org')).subject, /will soon be deleted/);
      assert.equal(smtp.messages.filter((m) => m.to.includes('back@example.org')).length, 2);
    } finally {
      await h.close();
      await smtp.close();
    }
  });

  test(`an account under a legal hold is neither warned nor erased, and is once the hold ends (${dialect})`, async () => {
    const h = await retentionHarness(dialect);
    try {
      await addUser(h.db, 'u-held', start.toISOString());
      await addHold(h.db, 'h-1', { type: 'user', id: 'u-held' }, { setAt: start.toISOString(), endsAt: at('P6Y').toISOString() });
      assert.deepEqual(await accountRule(h, at('P5Y', 'P1M')), { rule: 'account', table: 'users', removed: 0, warned: 0, held: 1 });
      assert.equal(await warnings(h, 'u-held@example.org'), 0);
      // The DPO ends the hold early: the account is warned, and erased 30 days later.
      await h.db.updateTable('legal_holds').set({ ended_at: at('P5Y', 'P1M').toISOString(), ended_by: 'u-dpo' }).execute();
      assert.deepEqual(await accountRule(h, at('P5Y', 'P1M', 'PT1M')), { rule: 'account', table: 'users', removed: 0, warned: 1, held: 0 });
      assert.deepEqual(await accountRule(h, at('P5Y', 'P2M', 'PT2M')), { rule: 'account', table: 'users', removed: 1, warned: 0, held: 0 });
      assert.deepEqual(h.erased, ['u-held']);
    } finally {
      await h.close();
    }
  });
}
