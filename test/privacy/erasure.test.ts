// Erasure through the registry on both dialects: what goes, what is pseudonymised, the ledger and its replay,
// and restriction honoured by the mailer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { newId } from '../../src/accounts/secrets.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { mayMail } from '../../src/privacy/rights/flags.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

const password = 'paard-batterij-nietje-correct';

async function withPortal(dialect: (typeof dialects)[number], run: (portal: Portal) => Promise<void>) {
  const env = await testEnvironment(dialect);
  const portal = await openPortal(env.config);
  try {
    await run(portal);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

async function user(portal: Portal, email: string, role = 'user') {
  const at = portal.clock().toISOString();
  const id = newId('u');
  const row = {
    id, email, first_name: 'Canary', last_name: 'Vogel', display_name: null, password_hash: await hashPassword(password), password_changed_at: at, role,
    email_verified_at: at, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
  };
  await portal.store.db.insertInto('users').values(row).execute();
  return row;
}

for (const dialect of dialects) {
  test(`${dialect}: erasure deletes the account's rows, pseudonymises kept records, writes the ledger and a replay erases a restored row again`, async () => {
    await withPortal(dialect, async (portal) => {
      const db = portal.store.db;
      const person = await user(portal, 'erase.me@example.org');
      const admin = await user(portal, 'admin.x@example.org', 'admin');
      const key = await portal.apiKeys.create(person.id, { name: 'script' });
      const adminsKey = await portal.apiKeys.create(admin.id, { name: 'own' });
      await portal.apiKeys.revokeByAdmin(admin.id, key.info.id);
      await portal.accounts.signIn({ email: person.email, password, address: '127.0.0.1' });
      await db.insertInto('consents').values({ user_id: person.id, purpose: 'privacy_statement', statement_version: 'v', statement_digest: 'd', method: 'registration_form', language: 'en', given_at: person.created_at, withdrawn_at: null }).execute();
      await portal.accounts.updateProfile(person.id, { firstName: 'Canary', lastName: 'Vogel', displayName: '' });
      await portal.mailer.send({ to: person.email, template: 'test.notice', subject: 's', text: 'hello Canary' });
      await portal.rights.setObjection(person.id, 'accountability', true, 'self');
      await portal.accounts.requestEmailChange(person.id, 'nieuw.adres@example.org', password, 'nl', '127.0.0.1');

      const report = await portal.rights.eraseAccount(person.id, { by: 'self' });
      assert.match(report.pseudonym, /^former-user-[0-9a-f]{8}$/);
      assert.ok(!report.pseudonym.includes(person.id));
      const line = (table: string, column: string) => report.lines.find((l) => l.table === table && l.column === column)!;
      assert.equal(line('users', 'email').rows, 1);
      assert.equal(line('sessions', 'user_id').rows, 1);
      assert.equal(line('api_keys', 'user_id').rows, 1);
      assert.equal(line('consents', 'user_id').action, 'pseudonymise');
      assert.equal(line('datasets', 'metadata').action, 'keep');
      assert.ok(line('datasets', 'metadata').reason!.length > 10);

      assert.equal(await db.selectFrom('users').select('id').where('id', '=', person.id).executeTakeFirst(), undefined);
      assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', person.id).execute()).length, 0);
      assert.equal(await portal.apiKeys.authenticate(key.key), null);
      assert.ok(await portal.apiKeys.authenticate(adminsKey.key), 'other accounts are untouched');
      const consents = await db.selectFrom('consents').selectAll().execute();
      assert.deepEqual(consents.map((c) => c.user_id), [report.pseudonym]);
      const events = await db.selectFrom('events').selectAll().execute();
      assert.ok(!JSON.stringify(events).includes(person.id), 'no event names the erased id');
      assert.ok(events.some((e) => e.actor === report.pseudonym && e.verb === 'account.profile_updated'));
      const erased = events.find((e) => e.verb === 'account.erased')!;
      assert.equal(erased.subject_id, report.pseudonym);
      assert.ok(!JSON.stringify(erased).includes('erase.me'));
      await portal.mailer.flush();
      assert.deepEqual(await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', person.email).execute(), [], 'once delivered, not even the confirmation keeps the address');
      const confirmation = await db.selectFrom('mail_outbox').selectAll().where('template', '=', 'privacy.erased').executeTakeFirstOrThrow();
      assert.deepEqual([confirmation.status, confirmation.to_address, confirmation.text_body, confirmation.sent_at !== null], ['sent', '', '', true]);
      assert.equal((await db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'nieuw.adres@example.org').execute()).length, 0, 'the link to a pending new address goes too');
      const ledger = await db.selectFrom('erasure_ledger').selectAll().execute();
      assert.equal(ledger.length, 1);
      assert.equal(ledger[0].by, 'self');
      assert.match(ledger[0].subject_digest, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(ledger).includes(person.id) && !JSON.stringify(ledger).includes('erase.me'));

      // A restore from an older backup brings the row back; replaying the ledger erases it again, and nobody else.
      await db.insertInto('users').values(person).execute();
      await db.insertInto('sessions').values({ id: 'restored-session', user_id: person.id, stage: 'complete', created_at: person.created_at, last_seen_at: person.created_at, expires_at: '2999-01-01T00:00:00.000Z' }).execute();
      assert.equal(await portal.rights.replayErasureLedger(), 1);
      assert.equal(await db.selectFrom('users').select('id').where('id', '=', person.id).executeTakeFirst(), undefined);
      assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', person.id).execute()).length, 0);
      assert.ok(await db.selectFrom('users').select('id').where('id', '=', admin.id).executeTakeFirst());
      assert.equal(await portal.rights.replayErasureLedger(), 0);
      await assert.rejects(portal.rights.eraseAccount(person.id, { by: 'dpo' }), { name: 'NotFound' });
    });
  });

  test(`${dialect}: erasing an administrator keeps the keys they revoked marked as such, under their pseudonym; the last active admin is refused`, async () => {
    await withPortal(dialect, async (portal) => {
      const db = portal.store.db;
      const person = await user(portal, 'keeps.key@example.org');
      const admin = await user(portal, 'admin.y@example.org', 'admin');
      const key = await portal.apiKeys.create(person.id, { name: 'script' });
      await portal.apiKeys.revokeByAdmin(admin.id, key.info.id);
      await assert.rejects(portal.rights.eraseAccount(admin.id, { by: 'dpo' }), { name: 'Conflict' }, 'not the last active admin');
      assert.equal((await db.selectFrom('erasure_ledger').select('id').execute()).length, 0);
      await user(portal, 'admin.z@example.org', 'admin');
      const report = await portal.rights.eraseAccount(admin.id, { by: 'dpo', reference: 'CASE-1' });
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', key.info.id).executeTakeFirstOrThrow();
      assert.equal(row.revoked_by, report.pseudonym);
      assert.equal((await portal.apiKeys.listKeysOf(person.id))[0].revokedByAdmin, true);
      assert.equal((await db.selectFrom('erasure_ledger').select('reference').executeTakeFirstOrThrow()).reference, 'CASE-1');
    });
  });
}

test('a restricted account gets no mail the portal sends on its own, only replies; lifting the restriction ends that', async () => {
  await withPortal('sqlite', async (portal) => {
    const db = portal.store.db;
    const person = await user(portal, 'restricted@example.org');
    const notice = { to: person.email, template: 'test.notice', subject: 'news', text: 'news' };
    assert.equal(await mayMail(db, person.id), true);
    await portal.rights.setRestriction(person.id, true, 'self');
    assert.equal(await mayMail(db, person.id), false);
    assert.equal(await portal.mailer.send(notice), 'withheld');
    assert.equal(await portal.mailer.send({ ...notice, to: 'RESTRICTED@example.org' }), 'withheld', 'the address matches in any case');
    assert.equal(await portal.mailer.send({ ...notice, template: 'test.reply', reply: true }), 'queued');
    await portal.accounts.requestPasswordReset(person.email, 'nl');
    const templates = (await db.selectFrom('mail_outbox').select('template').orderBy('id').execute()).map((r) => r.template);
    assert.deepEqual(templates, ['test.reply', 'accounts.reset']);
    await portal.rights.setRestriction(person.id, false, 'self');
    assert.equal(await portal.mailer.send(notice), 'queued');
    const verbs = (await db.selectFrom('events').select('verb').where('subject_id', '=', person.id).orderBy('id').execute()).map((e) => e.verb);
    assert.deepEqual(verbs, ['privacy.restriction_set', 'privacy.restriction_lifted']);
    await assert.rejects(portal.rights.setObjection(person.id, 'marketing' as never, true, 'self'), { name: 'Invalid' });
    await assert.rejects(portal.rights.setRestriction('u_nobody', true, 'self'), { name: 'NotFound' });
  });
});
