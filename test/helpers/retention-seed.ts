// Test support: one row of each kind on either side of each retention rule's line, relative to the controlled clock.
import { addHold, addOrphanConsent, addSession, addUser, type RetentionHarness } from './retention.ts';
import type { DialectName } from './stores.ts';

/** One of everything, on either side of each rule's line. */
export async function seed(h: RetentionHarness, dialect: DialectName) {
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
