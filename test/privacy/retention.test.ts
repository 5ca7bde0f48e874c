// The retention sweep on a controlled clock, on both dialects: exactly what the rules say goes, nothing under a hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionHarness, rowCounts, type RetentionHarness } from '../helpers/retention.ts';
import { seed } from '../helpers/retention-seed.ts';
import { dialects } from '../helpers/stores.ts';

const ids = async (h: RetentionHarness, table: 'sessions' | 'account_tokens' | 'users' | 'legal_holds') =>
  (await h.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);

for (const dialect of dialects) {
  test(`the sweep removes exactly what each rule makes due, and nothing a legal hold names (${dialect})`, async () => {
    const h = await retentionHarness(dialect);
    try {
      await seed(h, dialect);
      const before = await rowCounts(h.db);
      const report = await h.retention.run();
      const after = await rowCounts(h.db);

      const byRule = Object.fromEntries(report.rules.map((r) => [r.rule, r]));
      assert.deepEqual(byRule.account, { rule: 'account', table: 'users', removed: 1, warned: 0, held: 1 });
      assert.deepEqual(byRule.session, { rule: 'session', table: 'sessions', removed: 3, held: 0 });
      assert.deepEqual(byRule.link, { rule: 'link', table: 'account_tokens', removed: 3, held: 0 });
      assert.deepEqual(byRule.mail, { rule: 'mail', table: 'mail_outbox', removed: 2, held: 0 });
      assert.deepEqual(byRule.audit, { rule: 'audit', table: 'events', removed: 1, held: 2 });
      assert.deepEqual(byRule.consent_proof, { rule: 'consent_proof', table: 'consents', removed: 1, held: 1 });
      assert.deepEqual(byRule.legal_hold, { rule: 'legal_hold', table: 'legal_holds', removed: 1, held: 0 });
      assert.deepEqual(report.unapplied, []);
      assert.deepEqual(report.lapsedHolds.map((l) => l.id), ['h-lapsed']);
      assert.deepEqual(h.erased, ['u-old']);

      // Every table of the map: what changed is what the report says, plus the cascade of the erased account and the run's own event.
      const changed = Object.fromEntries(Object.keys(before).filter((t) => before[t] !== after[t]).map((t) => [t, after[t] - before[t]]));
      assert.deepEqual(changed, {
        users: -1,
        retention_warnings: -1, // u-old's, with the account
        sessions: -4, // 3 by the session rule, u-old's live one with the account
        account_tokens: -3,
        mail_outbox: -2,
        consents: -1, // the old proof of an account that is gone
        api_keys: -1, // with the account
        legal_holds: -1,
      });
      assert.equal(after.events, before.events, 'one event gone, the run report added');
      assert.deepEqual(await ids(h, 'users'), ['u-held', 'u-recent']);
      assert.deepEqual(await ids(h, 'sessions'), ['s-live']);
      assert.deepEqual(await ids(h, 'account_tokens'), ['t-expired-lately', 't-used-lately']);
      assert.deepEqual(await ids(h, 'legal_holds'), ['h-active', 'h-lapsed', 'h-pseudonym']);
      const events = await h.db.selectFrom('events').select(['verb', 'subject_id', 'actor']).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.subject_id), ['u-held', 'd-2', 'd-3', report.at]);
      const consents = await h.db.selectFrom('consents').select('user_id').orderBy('user_id').execute();
      assert.deepEqual(consents.map((c) => c.user_id), ['p-gone-lately', 'u-held-pseudonym', 'u-recent']);
      const mail = await h.db.selectFrom('mail_outbox').select(['status', 'created_at']).orderBy('created_at').execute();
      assert.deepEqual(mail.map((m) => m.status), ['pending', 'sent']);
    } finally {
      await h.close();
    }
  });

  test(`the run report is an event with counts only, no personal data (${dialect})`, async () => {
    const h = await retentionHarness(dialect);
    try {
      await seed(h, dialect);
      const report = await h.retention.run();
      const event = await h.db.selectFrom('events').selectAll().where('verb', '=', 'retention.run').executeTakeFirstOrThrow();
      assert.equal(event.actor, 'system');
      assert.equal(event.subject_type, 'retention');
      assert.equal(event.at, report.at);
      const data = JSON.parse(event.data);
      assert.equal(data.rules.find((r: { rule: string }) => r.rule === 'account').removed, 1);
      assert.equal(data.lapsed_holds, 1);
      for (const personal of ['u-old', 'u-held', 'u-recent', '@example.org', 'First', 'p-gone']) assert.ok(!event.data.includes(personal), `report mentions ${personal}`);
    } finally {
      await h.close();
    }
  });
}
