// The retention sweep on a controlled clock, on both dialects: exactly what the rules say goes, nothing under a hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addHold, addOrphanConsent, addSession, addUser, retentionHarness, rowCounts, type RetentionHarness } from '../helpers/retention.ts';
import { dialects, type DialectName } from '../helpers/stores.ts';

/** One of everything, on either side of each rule's line. */
async function seed(h: RetentionHarness, dialect: DialectName) {
  const { db, ago, from } = h;
  await addUser(db, 'u-old', ago('P5Y', 'P1D'));
  await db.insertInto('retention_warnings').values({ user_id: 'u-old', warned_at: ago('P31D') }).execute();
  await addUser(db, 'u-recent', ago('P1Y'));
  await addUser(db, 'u-held', ago('P6Y'));
  await db.insertInto('retention_warnings').values({ user_id: 'u-held', warned_at: ago('P40D') }).execute();
  await addHold(db, 'h-active', { type: 'user', id: 'u-held' }, { setAt: ago('P1Y'), endsAt: from('P1Y') });
  await addHold(db, 'h-lapsed', { type: 'user', id: 'u-recent' }, { setAt: ago('P2Y'), endsAt: ago('P1D') });
  await addHold(db, 'h-ended-long-ago', { type: 'case', id: 'c-1' }, { setAt: ago('P7Y'), endsAt: ago('P5Y', 'P2D'), endedAt: ago('P5Y', 'P3D') });

  // Sessions: the erased account's live one goes with it; expired and idle ones go, held account or not.
  await addSession(db, 's-old-live', 'u-old', ago('PT1M'), from('PT8H'));
  await addSession(db, 's-expired', 'u-recent', ago('PT2H'), ago('PT1M'));
  await addSession(db, 's-idle', 'u-recent', ago('PT2H'), from('PT6H'));
  await addSession(db, 's-live', 'u-recent', ago('PT5M'), from('PT8H'));
  await addSession(db, 's-held-expired', 'u-held', ago('P2D'), ago('P1D'));

  const token = (id: string, userId: string, expiresAt: string, usedAt: string | null) =>
    db.insertInto('account_tokens').values({ id, user_id: userId, purpose: 'reset_password', new_email: null, created_at: ago('P3D'), expires_at: expiresAt, used_at: usedAt }).execute();
  await token('t-expired', 'u-recent', ago('P1D', 'PT1M'), null);
  await token('t-used', 'u-recent', from('P1D'), ago('P1D', 'PT1M'));
  await token('t-used-lately', 'u-recent', from('P1D'), ago('PT1H'));
  await token('t-expired-lately', 'u-recent', ago('PT1H'), null);
  await token('t-held-expired', 'u-held', ago('P2D'), null);

  const mail = (status: string, createdAt: string, sentAt: string | null) =>
    db.insertInto('mail_outbox').values({ to_address: 'someone@example.org', template: 'accounts.reset', subject: 's', text_body: 'b', status, attempts: 1, last_error: null, created_at: createdAt, sent_at: sentAt }).execute();
  await mail('sent', ago('P31D'), ago('P30D', 'PT1M'));
  await mail('sent', ago('P30D'), ago('P29D'));
  await mail('failed', ago('P30D', 'PT1M'), null);
  await mail('pending', ago('P40D'), null);

  const event = (at: string, actor: string, subjectType: string, subjectId: string) =>
    db.insertInto('events').values({ at, actor, verb: 'test.thing', subject_type: subjectType, subject_id: subjectId, data: '{}' }).execute();
  await event(ago('P5Y', 'P1D'), 'cli', 'dataset', 'd-1');
  await event(ago('P5Y', 'P1D'), 'cli', 'user', 'u-held');
  await event(ago('P5Y', 'P1D'), 'u-held', 'dataset', 'd-2');
  await event(ago('P4Y'), 'cli', 'dataset', 'd-3');

  const consent = (userId: string, givenAt: string) =>
    db.insertInto('consents').values({ user_id: userId, purpose: 'privacy_statement', statement_version: '1', statement_digest: 'd'.repeat(64), method: 'registration_form', language: 'en', given_at: givenAt, withdrawn_at: null }).execute();
  await consent('u-recent', ago('P6Y'));
  await addOrphanConsent(db, dialect, 'p-gone-long', ago('P5Y', 'P1D'));
  await addOrphanConsent(db, dialect, 'p-gone-lately', ago('P4Y'));
  await addOrphanConsent(db, dialect, 'u-held-pseudonym', ago('P5Y', 'P1D'));
  await addHold(db, 'h-pseudonym', { type: 'user', id: 'u-held-pseudonym' }, { setAt: ago('P1Y'), endsAt: from('P1Y') });

  await db.insertInto('api_keys').values({ id: 'k-old', user_id: 'u-old', name: 'k', prefix: 'opk_1', digest: 'e'.repeat(64), created_at: ago('P6Y'), expires_at: ago('P5Y'), last_used_at: null, revoked_at: null, revoked_by: null }).execute();
}

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
