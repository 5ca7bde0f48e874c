// The case service on both dialects: one-time codes, the identity gate (duplicates included), extensions, the store's own check.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCaseActions, type Rights } from '../../src/privacy/cases/actions.ts';
import { dialects } from '../helpers/stores.ts';
import { casePortal, lastCode, mailsTo, movableClock } from '../helpers/privacy-cases.ts';

/** Rights that fail the test if they are ever called: the gate must stop before them. */
const untouchable: Rights = {
  buildAccessArchive: () => assert.fail('an access archive was built for an unverified case'),
  eraseAccount: () => assert.fail('an account was erased for an unverified case'),
  setRestriction: () => assert.fail('a restriction was set for an unverified case'),
  setObjection: () => assert.fail('an objection was set for an unverified case'),
};

for (const dialect of dialects) {
  describe(`privacy cases on ${dialect}`, () => {
    const clock = movableClock('2026-03-10T09:00:00Z');
    let h: Awaited<ReturnType<typeof casePortal>>;
    before(async () => {
      h = await casePortal(dialect, clock);
    });
    after(() => h.close());
    const cases = () => h.portal.privacyCases;
    const visitorRequest = (email: string, type = 'access') => cases().submit({ type, message: 'Which data do you hold about me?', email, lang: 'nl' }, null);

    test('a visitor’s request waits for the code; three wrong codes spend it, a new code confirms it and the acknowledgement follows', async () => {
      clock.set('2026-03-10T09:00:00Z');
      const c = await visitorRequest('Visitor.One@example.org');
      assert.equal(c.status, 'identity_unverified');
      assert.equal(c.requesterEmail, 'visitor.one@example.org');
      assert.equal(c.dueAt, '2026-04-10');
      const code = await lastCode(h.portal, c.requesterEmail);
      const row = await h.portal.store.db.selectFrom('privacy_cases').select(['code_digest']).where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.notEqual(row.code_digest, code, 'only a digest is stored');
      assert.match(row.code_digest!, /^[0-9a-f]{64}$/);

      const wrong = code === '000000' ? '111111' : '000000';
      await assert.rejects(cases().confirmCode(c.id, wrong), { reason: 'code_wrong' });
      await assert.rejects(cases().confirmCode(c.id, wrong), { reason: 'code_wrong' });
      await assert.rejects(cases().confirmCode(c.id, wrong), { reason: 'code_spent' });
      await assert.rejects(cases().confirmCode(c.id, code), { reason: 'code_spent' }, 'after three tries even the right code is spent');
      const kinds = (await cases().steps(c.id)).map((s) => s.kind);
      assert.deepEqual(kinds.filter((k) => k.startsWith('code_')), ['code_sent', 'code_failed', 'code_failed', 'code_failed', 'code_invalidated']);
      assert.equal((await cases().get(c.id)).status, 'identity_unverified');

      await cases().resendCode(c.id);
      const fresh = await lastCode(h.portal, c.requesterEmail);
      const confirmed = await cases().confirmCode(c.id, fresh);
      assert.equal(confirmed.status, 'open');
      assert.equal(confirmed.identityMethod, 'email_code');
      assert.ok(confirmed.identityVerifiedAt);
      const ack = (await mailsTo(h.portal, c.requesterEmail)).at(-1)!;
      assert.equal(ack.template, 'privacy.acknowledgement');
      assert.ok(ack.text_body.includes(c.reference) && ack.text_body.includes('10 april 2026'));
    });

    test('the DPO is mailed in the portal’s language when a request is verified — by code or signed in — with the reference, type and link, not the requester’s address or message', async () => {
      clock.set('2026-03-10T11:00:00Z');
      const dpo = h.portal.config.dpoEmail;
      const before = (await mailsTo(h.portal, dpo)).length;
      const c = await cases().submit({ type: 'erasure', message: 'Secret detail about me', email: 'verified.one@example.org', lang: 'en' }, null);
      assert.equal((await mailsTo(h.portal, dpo)).length, before, 'nothing before the address is confirmed');
      await cases().confirmCode(c.id, await lastCode(h.portal, c.requesterEmail));
      const signedIn = await cases().submit({ type: 'access', message: 'Also secret', email: 'ignored@example.org', lang: 'en' }, { id: 'u_signed', email: 'signed.in@example.org' });
      const mails = (await mailsTo(h.portal, dpo)).slice(before);
      assert.deepEqual(mails.map((m) => m.template), ['privacy.arrived', 'privacy.arrived']);
      for (const [mail, kase, type] of [[mails[0], c, 'wissing'], [mails[1], signedIn, 'inzage']] as const) {
        assert.ok(mail.subject.includes(kase.reference) && mail.text_body.includes(kase.reference));
        assert.ok(mail.text_body.includes(type), 'in Dutch, the portal’s default language, though the request was in English');
        assert.ok(mail.text_body.includes(`${h.portal.config.baseUrl}/-/privacy-office/cases/${kase.id}`), 'a link to the case');
        for (const secret of ['verified.one@example.org', 'signed.in@example.org', 'Secret detail', 'Also secret']) assert.ok(!mail.text_body.includes(secret) && !mail.subject.includes(secret), secret);
      }
    });

    test('a code expires after 15 minutes', async () => {
      clock.set('2026-03-10T10:00:00Z');
      const c = await visitorRequest('late@example.org');
      const code = await lastCode(h.portal, c.requesterEmail);
      clock.set('2026-03-10T10:15:01Z');
      await assert.rejects(cases().confirmCode(c.id, code), { reason: 'code_spent' });
    });

    test('an unverified case cannot be acted upon or completed, a flagged duplicate of a verified one included, and the store refuses it too', async () => {
      clock.set('2026-03-11T09:00:00Z');
      const first = await visitorRequest('twice@example.org', 'erasure');
      await cases().confirmCode(first.id, await lastCode(h.portal, 'twice@example.org'));
      const duplicate = await visitorRequest('twice@example.org', 'erasure');
      assert.equal(duplicate.duplicateOf, first.id, 'flagged as a duplicate');
      assert.equal(duplicate.identityVerifiedAt, null, 'the earlier verification proves nothing for this request');
      await h.portal.store.db.updateTable('privacy_cases').set({ user_id: 'u_someone' }).where('id', '=', duplicate.id).execute();

      const actions = createCaseActions({ rights: untouchable });
      for (const action of [{ action: 'erasure' }, { action: 'access' }, { action: 'restriction', on: true }] as const) {
        await assert.rejects(cases().act(duplicate.id, action, 'u_dpo', actions), { reason: 'identity_unverified' });
      }
      await assert.rejects(cases().complete(duplicate.id, 'Done.', 'u_dpo'), { reason: 'identity_unverified' });
      assert.equal((await cases().get(duplicate.id)).status, 'identity_unverified');
      assert.deepEqual((await cases().steps(duplicate.id)).map((s) => s.kind), ['received', 'duplicate_flagged', 'code_sent']);
      // Even a write that skips the service cannot start or complete it.
      for (const status of ['in_progress', 'completed']) {
        await assert.rejects(h.portal.store.db.updateTable('privacy_cases').set({ status }).where('id', '=', duplicate.id).execute(), /check|constraint/i);
      }
    });

    test('a verified case tied to no account is answered by letter only; the actions refuse it', async () => {
      clock.set('2026-03-12T09:00:00Z');
      const c = await visitorRequest('noaccount@example.org', 'question');
      await cases().confirmCode(c.id, await lastCode(h.portal, c.requesterEmail));
      await assert.rejects(cases().act(c.id, { action: 'access' }, 'u_dpo', createCaseActions({ rights: untouchable })), { reason: 'no_account' });
    });

    test('an extension needs a reason, one or two months, the due day not passed, and happens once; its letter goes out', async () => {
      clock.set('2026-01-31T09:00:00Z');
      const c = await visitorRequest('extend@example.org');
      assert.equal(c.dueAt, '2026-03-02', '28 February 2026 is a Saturday');
      await assert.rejects(cases().extend(c.id, { months: '2', reason: '  ' }, 'u_dpo'), { reason: 'reason' });
      await assert.rejects(cases().extend(c.id, { months: '3', reason: 'Many systems to search.' }, 'u_dpo'), { reason: 'extension_months' });
      clock.set('2026-03-03T08:00:00Z');
      await assert.rejects(cases().extend(c.id, { months: '1', reason: 'Many systems to search.' }, 'u_dpo'), { reason: 'extension_late' });
      clock.set('2026-03-02T15:00:00Z');
      const extended = await cases().extend(c.id, { months: '2', reason: 'Many systems to search.' }, 'u_dpo');
      assert.equal(extended.dueAt, '2026-04-30');
      assert.equal(extended.extensionReason, 'Many systems to search.');
      await assert.rejects(cases().extend(c.id, { months: '1', reason: 'Again.' }, 'u_dpo'), { reason: 'already_extended' });
      const letter = (await mailsTo(h.portal, c.requesterEmail)).at(-1)!;
      assert.equal(letter.template, 'privacy.extension');
      assert.ok(letter.text_body.includes('Many systems to search.') && letter.text_body.includes('30 april 2026'));
    });

    test('the DPO registers a request by post with its day of arrival, checks the identity by hand and refuses with the complaint route', async () => {
      clock.set('2026-03-12T09:00:00Z');
      await assert.rejects(cases().register({ type: 'access', message: '', email: 'post@example.org', lang: 'en', channel: 'fax', receivedDay: '' }, 'u_dpo'), { reason: 'channel' });
      await assert.rejects(cases().register({ type: 'access', message: '', email: 'post@example.org', lang: 'en', channel: 'post', receivedDay: '2026-04-01' }, 'u_dpo'), { reason: 'received_day' });
      const c = await cases().register({ type: 'access', message: 'By letter.', email: 'post@example.org', lang: 'en', channel: 'post', receivedDay: '2026-03-07' }, 'u_dpo');
      assert.equal(c.channel, 'post');
      assert.equal(c.dueAt, '2026-04-07');
      assert.equal(c.status, 'identity_unverified');
      await assert.rejects(cases().verifyManually(c.id, { method: 'passport_scan', day: '2026-03-12' }, 'u_dpo'), { reason: 'method' });
      const checked = await cases().verifyManually(c.id, { method: 'in_person', day: '2026-03-12' }, 'u_dpo');
      assert.equal(checked.status, 'open');
      assert.equal(checked.identityMethod, 'in_person');
      await assert.rejects(cases().refuse(c.id, '', 'u_dpo'), { reason: 'reason' });
      const refused = await cases().refuse(c.id, 'The request is manifestly unfounded.', 'u_dpo');
      assert.equal(refused.status, 'refused');
      const letter = (await mailsTo(h.portal, 'post@example.org')).at(-1)!;
      assert.equal(letter.template, 'privacy.refusal');
      assert.match(letter.text_body, /manifestly unfounded/);
      assert.match(letter.text_body, /Vlaamse Toezichtcommissie/);
      assert.match(letter.text_body, /go to court/);
      await assert.rejects(cases().complete(c.id, 'Done', 'u_dpo'), { reason: 'case_closed' });
    });
  });
}

describe('flood guard and cancelled cases', () => {
  const clock = movableClock('2026-05-04T09:00:00Z');
  let h: Awaited<ReturnType<typeof casePortal>>;
  before(async () => {
    h = await casePortal('sqlite', clock);
  });
  after(() => h.close());

  test('three unconfirmed requests an hour per address; the fourth is refused and mails nothing', async () => {
    const submit = () => h.portal.privacyCases.submit({ type: 'access', message: '', email: 'target@example.org', lang: 'nl' }, null);
    for (let i = 0; i < 3; i++) await submit();
    await assert.rejects(submit(), { reason: 'too_many_requests' });
    assert.equal((await mailsTo(h.portal, 'target@example.org')).length, 3);
    clock.set('2026-05-04T10:00:01Z');
    await submit();
  });

  test('a cancelled case keeps its steps and cannot be completed or reopened', async () => {
    const cases = h.portal.privacyCases;
    const c = await cases.register({ type: 'question', message: 'Vraag.', email: 'weg@example.org', lang: 'nl', channel: 'email', receivedDay: '' }, 'u_dpo');
    await cases.verifyManually(c.id, { method: 'email_reply', day: '2026-05-04' }, 'u_dpo');
    await assert.rejects(cases.cancel(c.id, ' ', 'u_dpo'), { reason: 'reason' });
    const cancelled = await cases.cancel(c.id, 'The requester withdrew it.', 'u_dpo');
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.closedAt);
    assert.deepEqual((await cases.steps(c.id)).map((s) => s.kind), ['received', 'identity_verified', 'cancelled']);
    await assert.rejects(cases.complete(c.id, 'Done.', 'u_dpo'), { reason: 'case_closed' });
    await assert.rejects(cases.extend(c.id, { months: '1', reason: 'More time.' }, 'u_dpo'), { reason: 'case_closed' });
  });
});
