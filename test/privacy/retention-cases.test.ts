// Privacy cases under the retention sweep, on both dialects: a case goes five years after it closed, with every step
// of it (also one written after closing, when the requester was erased); an open or recent case stays, and so does
// one a legal hold names. Access archives go from the disk with their row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount } from '../helpers/accounts.ts';
import { dialects } from '../helpers/stores.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

const db = (s: ServerHarness) => s.portal.store.db;

const now = new Date('2032-06-01T12:00:00Z');
const years = (n: number) => new Date(now.getTime() - n * 365.25 * 86_400_000).toISOString();

for (const dialect of dialects) {
  test(`${dialect}: closed cases go five years after closing, with their steps; recent and held ones stay`, async () => {
    const s = await startServer(dialect);
    try {
      const db = s.portal.store.db;
      const kase = (id: string, closedAt: string | null) => ({
        id, reference: `PRV-${id}`, type: 'access', status: closedAt ? 'completed' : 'open', channel: 'portal', requester_email: `${id}@erased.invalid`,
        user_id: null, language: 'nl', message: null, received_at: years(7), due_at: '2025-07-01', extended_at: null, extension_reason: null,
        identity_verified_at: years(7), identity_method: 'email_code', code_digest: null, code_expires_at: null, duplicate_of: null, outcome: 'Beantwoord.', closed_at: closedAt,
      });
      await db.insertInto('privacy_cases').values([kase('old', years(6)), kase('recent', years(1)), kase('held', years(6)), kase('open', null)]).execute();
      const step = (caseId: string, at: string, kind: string) => ({ case_id: caseId, at, actor: 'system', kind, note: null });
      await db.insertInto('privacy_case_steps').values([
        step('old', years(7), 'received'), step('old', years(6), 'completed'), step('old', years(2), 'requester_erased'),
        step('recent', years(1), 'completed'), step('held', years(6), 'completed'), step('open', years(7), 'received'),
      ]).execute();
      await db.insertInto('legal_holds').values({ id: 'h1', object_type: 'case', object_id: 'held', reason: 'legal_claims', reason_text: 'Beroep bij de Raad van State loopt.', set_by: 'dpo', set_at: years(1), ends_at: new Date(now.getTime() + 86_400_000 * 90).toISOString(), ended_at: null, ended_by: null }).execute();

      await s.portal.retention.run({ now });
      const cases = (await db.selectFrom('privacy_cases').select('id').orderBy('id').execute()).map((c) => c.id);
      assert.deepEqual(cases, ['held', 'open', 'recent']);
      const steps = (await db.selectFrom('privacy_case_steps').select(['case_id', 'kind']).orderBy('case_id').execute()).map((r) => `${r.case_id}:${r.kind}`);
      assert.deepEqual(steps, ['held:completed', 'open:received', 'recent:completed'], 'the old case took all its steps, the late one too');
    } finally {
      await s.close();
    }
  });
}

test('an access archive past its 7 days goes from the disk and the table at the next sweep, unasked; a fresh one stays', async () => {
  const s = await startServer('sqlite');
  try {
    const userId = await createAccount(s, 'archivaris@example.org', 'user');
    const old = await s.portal.rights.prepareArchive(userId, 'nl');
    const dir = join(s.env.dataDir, 'archives');
    assert.deepEqual(readdirSync(dir).sort(), [`${old}.html`, `${old}.json`]);
    const later = new Date(s.portal.clock().getTime() + 8 * 86_400_000);
    await s.portal.retention.run({ now: later, dryRun: true });
    assert.equal(readdirSync(dir).length, 2, 'a dry run deletes no file');
    const fresh = await s.portal.rights.prepareArchive(userId, 'en');
    await db(s).updateTable('access_archives').set({ expires_at: new Date(later.getTime() + 86_400_000).toISOString() }).where('id', '=', fresh).execute();
    await s.portal.retention.run({ now: later });
    assert.deepEqual(readdirSync(dir).sort(), [`${fresh}.html`, `${fresh}.json`]);
    assert.deepEqual((await db(s).selectFrom('access_archives').select('id').execute()).map((r) => r.id), [fresh]);
  } finally {
    await s.close();
  }
});
