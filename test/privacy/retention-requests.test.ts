// Information requests under the retention sweep: closed questions go two years after closing and unconfirmed ones after
// 24 hours, with every message and staff note, unless a legal hold names the requester's account: then the question
// stays whole, as the other modules' held rows do, and goes at the first sweep after the hold ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addHold, addUser, retentionHarness, type RetentionHarness } from '../helpers/retention.ts';
import { dialects } from '../helpers/stores.ts';

let serial = 0;
async function addRequest(h: RetentionHarness, id: string, values: { userId?: string; email?: string; status: string; createdAt: string; closedAt?: string }) {
  await h.db
    .insertInto('information_requests')
    .values({
      id, reference: `VRG-2031-T${String(++serial).padStart(5, '0')}`, status: values.status, user_id: values.userId ?? null, name: values.userId ? null : 'Visitor',
      email: values.email ?? null, language: 'nl', dataset_id: null, subject: `Subject of ${id}`, confirm_digest: null, access_digest: null, assignee: null,
      created_at: values.createdAt, registered_at: values.status === 'unconfirmed' ? null : values.createdAt, due_at: null, updated_at: values.createdAt, closed_at: values.closedAt ?? null,
    })
    .execute();
  await h.db.insertInto('request_messages').values([
    { request_id: id, kind: 'requester', author: values.userId ?? null, body: `Question of ${id}`, created_at: values.createdAt },
    { request_id: id, kind: 'note', author: 'u-staff', body: `Staff note about ${id}`, created_at: values.createdAt },
  ]).execute();
}

const requestIds = async (h: RetentionHarness) => (await h.db.selectFrom('information_requests').select('id').orderBy('id').execute()).map((r) => r.id);
const messageCount = async (h: RetentionHarness, id: string) => (await h.db.selectFrom('request_messages').select('id').where('request_id', '=', id).execute()).length;

for (const dialect of dialects) {
  test(`a held requester's questions survive the sweep with their thread; an unheld one's go (${dialect})`, async () => {
    const h = await retentionHarness(dialect);
    try {
      await addUser(h.db, 'u-held', h.ago('P1D'));
      await addUser(h.db, 'u-free', h.ago('P1D'));
      await addUser(h.db, 'u-staff', h.ago('P1D'), { role: 'editor' });
      await addHold(h.db, 'h-claim', { type: 'user', id: 'u-held' }, { setAt: h.ago('P1Y'), endsAt: h.from('P1Y') });
      // A hold that ended protects nothing.
      await addHold(h.db, 'h-over', { type: 'user', id: 'u-free' }, { setAt: h.ago('P1Y'), endsAt: h.from('P1Y'), endedAt: h.ago('P1D') });

      await addRequest(h, 'r-held-closed', { userId: 'u-held', status: 'closed', createdAt: h.ago('P3Y'), closedAt: h.ago('P2Y', 'P1D') });
      await addRequest(h, 'r-free-closed', { userId: 'u-free', status: 'closed', createdAt: h.ago('P3Y'), closedAt: h.ago('P2Y', 'P1D') });
      await addRequest(h, 'r-free-recent', { userId: 'u-free', status: 'closed', createdAt: h.ago('P2Y'), closedAt: h.ago('P1Y') });
      await addRequest(h, 'r-held-unconfirmed', { userId: 'u-held', status: 'unconfirmed', createdAt: h.ago('PT25H') });
      await addRequest(h, 'r-visitor-unconfirmed', { email: 'visitor@example.org', status: 'unconfirmed', createdAt: h.ago('PT25H') });

      const dry = await h.retention.run({ dryRun: true });
      const rule = (report: typeof dry, id: string) => report.rules.find((r) => r.rule === id);
      assert.deepEqual({ removed: rule(dry, 'information_request')?.removed, held: rule(dry, 'information_request')?.held }, { removed: 1, held: 1 });
      assert.deepEqual({ removed: rule(dry, 'unconfirmed_request')?.removed, held: rule(dry, 'unconfirmed_request')?.held }, { removed: 1, held: 1 });
      assert.equal((await requestIds(h)).length, 5, 'a dry run removes nothing');

      const real = await h.retention.run();
      assert.deepEqual(rule(real, 'information_request'), rule(dry, 'information_request'));
      assert.deepEqual(await requestIds(h), ['r-free-recent', 'r-held-closed', 'r-held-unconfirmed']);
      for (const id of ['r-held-closed', 'r-held-unconfirmed', 'r-free-recent']) assert.equal(await messageCount(h, id), 2, `${id} keeps its message and the staff note`);
      for (const id of ['r-free-closed', 'r-visitor-unconfirmed']) assert.equal(await messageCount(h, id), 0, `nothing of ${id} is kept`);

      // Once the DPO ends the hold, the next sweep applies the rules.
      await h.db.updateTable('legal_holds').set({ ended_at: h.ago('PT1M'), ended_by: 'u-dpo' }).where('id', '=', 'h-claim').execute();
      await h.retention.run();
      assert.deepEqual(await requestIds(h), ['r-free-recent']);
      assert.equal(await messageCount(h, 'r-held-closed'), 0);
    } finally {
      await h.close();
    }
  });
}
