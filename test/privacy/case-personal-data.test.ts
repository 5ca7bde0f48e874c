// The cases' exporter and eraser on both dialects: the person's cases and steps out, then their address nowhere but the pseudonym.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportCases, eraseCases } from '../../src/privacy/cases/personal-data.ts';
import { dialects } from '../helpers/stores.ts';
import { casePortal, lastCode, movableClock } from '../helpers/privacy-cases.ts';

for (const dialect of dialects) {
  describe(`case personal data on ${dialect}`, () => {
    const clock = movableClock('2026-03-10T09:00:00Z');
    let h: Awaited<ReturnType<typeof casePortal>>;
    before(async () => {
      h = await casePortal(dialect, clock);
    });
    after(() => h.close());

    test('exports the person’s cases by account and by address, without code digests or other people', async () => {
      const cases = h.portal.privacyCases;
      const own = await cases.submit({ type: 'access', message: 'Mijn gegevens, aub.', email: 'erik@example.org', lang: 'nl' }, { id: 'u_erik', email: 'erik@example.org' });
      const byMail = await cases.submit({ type: 'question', message: 'Hoe lang bewaart u mijn adres?', email: 'erik@example.org', lang: 'nl' }, null);
      const pending = await cases.register({ type: 'erasure', message: 'Wis alles.', email: 'erik@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, 'u_dpo');
      const other = await cases.submit({ type: 'access', message: 'Ander.', email: 'ander@example.org', lang: 'nl' }, null);
      await cases.confirmCode(byMail.id, await lastCode(h.portal, 'erik@example.org'));

      const archive = await exportCases(h.portal.store.db, { userId: 'u_erik', email: 'Erik@example.org' });
      assert.deepEqual(archive.privacy_cases.map((c) => c.id).sort(), [own.id, byMail.id, pending.id].sort());
      assert.ok(archive.privacy_cases.every((c) => !('code_digest' in c)));
      assert.ok(archive.privacy_case_steps.length >= 6);
      assert.ok(!JSON.stringify(archive).includes(other.id));

      // Erase, sparing the case that carries out the erasure until it is answered.
      const result = await eraseCases(h.portal.store.db, { userId: 'u_erik', email: 'erik@example.org' }, { pseudonym: 'erased-test1', keepReference: pending.reference, at: clock() });
      assert.equal(result.cases, 2);
      const rows = await h.portal.store.db.selectFrom('privacy_cases').selectAll().execute();
      const steps = await h.portal.store.db.selectFrom('privacy_case_steps').selectAll().execute();
      const scanned = JSON.stringify([rows.filter((r) => r.id !== pending.id), steps]);
      for (const gone of ['erik@example.org', 'u_erik', 'Mijn gegevens, aub.', 'Hoe lang bewaart u mijn adres?']) assert.ok(!scanned.includes(gone), `${gone} is gone`);
      const kept = rows.find((r) => r.id === own.id)!;
      assert.equal(kept.requester_email, 'erased-test1@erased.invalid');
      assert.equal(kept.user_id, 'erased-test1');
      assert.equal(kept.type, 'access', 'what was asked stays as proof');
      assert.equal(rows.find((r) => r.id === pending.id)!.requester_email, 'erik@example.org', 'the running erasure can still be answered');
      assert.equal(rows.find((r) => r.id === other.id)!.requester_email, 'ander@example.org');
      assert.equal(steps.filter((s) => s.kind === 'requester_erased').length, 2);
    });
  });
}
