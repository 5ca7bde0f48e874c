// The breach register (Art. 33(5)) under a controlled clock: the 72-hour flag, no closing without assessment and
// decision, no late notification without a reason, refusals that write nothing, and the CSV export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';
import { migrate, migrateTo, openStore } from '../../src/db/index.ts';

const hours = (n: number) => n * 3_600_000;

for (const dialect of dialects) {
  test(`a breach runs from opening to closing under the 72-hour rule (${dialect})`, async () => {
    // Brussels is UTC+1 in March: 09:00 there is 08:00 UTC.
    const aware = Date.parse('2026-03-02T08:00:00Z');
    let now = aware + hours(1);
    const s = await startServer(dialect, {}, { clock: () => new Date(now) });
    try {
      // Sessions end after hours; each jump of the clock signs a DPO in anew.
      let dpo = await signedIn(s, 'dpo');
      const form = await (await dpo.get('/en/-/privacy-office/breaches/new')).text();
      assert.match(form, /Write no personal data here/);
      const base = { title: 'Accounts list mailed to the wrong box', aware_at: '2026-03-02T09:00', nature: 'C', description: 'A list of accounts was sent to the wrong mailbox.', categories: 'contact', approx_subjects: '40', approx_records: '40', consequences: 'Addresses known to one outside person.', measures: 'Recipient asked to delete; confirmed.' };

      // Refusals: precise, and nothing written.
      const refusals: [Record<string, string>, number, RegExp][] = [
        [{ ...base, nature: '' }, 400, /Choose what was affected/],
        [{ ...base, title: '  ' }, 400, /Give the breach a title/],
        [{ ...base, aware_at: '2026-03-02T11:30' }, 400, /cannot lie in the future/],
        [{ ...base, aware_at: 'yesterday' }, 400, /Give date and time as YYYY-MM-DD HH:MM/],
        [{ ...base, description: '   ' }, 400, /Describe what happened/],
        [{ ...base, approx_subjects: 'many' }, 400, /A number is a whole number/],
        [{ ...base, risk: 'none', decision: 'no_notify', notified_at: '2026-03-02T09:30' }, 400, /notification date goes with the decision to notify/],
      ];
      for (const [fields, status, message] of refusals) {
        const response = await dpo.post('/en/-/privacy-office/breaches', fields);
        assert.equal(response.status, status, JSON.stringify(fields));
        assert.match(await response.text(), message);
      }
      assert.equal((await s.portal.breaches.list()).length, 0);

      const opened = await dpo.post('/en/-/privacy-office/breaches', base);
      assert.equal(opened.status, 303);
      const id = /breaches\/(brc_[A-Za-z0-9_-]+)/.exec(opened.headers.get('location')!)![1];
      assert.equal((await s.portal.breaches.get(id)).title, 'Accounts list mailed to the wrong box');
      assert.match(await (await dpo.get('/en/-/privacy-office/breaches')).text(), new RegExp(`href="/en/-/privacy-office/breaches/${id}">Accounts list mailed to the wrong box</a>`), 'the list names the breach by its title');
      const shown = await (await dpo.get(`/-/privacy-office/breaches/${id}`)).text();
      assert.match(shown, /<h1[^>]*>Datalek: Accounts list mailed to the wrong box<\/h1>/);
      assert.match(shown, /<input id="title" name="title" value="Accounts list mailed to the wrong box" required/);
      const breach = await s.portal.breaches.get(id);
      assert.equal(breach.awareAt, '2026-03-02T08:00:00.000Z');
      assert.deepEqual(breach.nature, ['C']);

      // 49 hours on: still within the window, not flagged.
      now = aware + hours(49);
      dpo = await signedIn(s, 'dpo');
      const at49 = await (await dpo.get('/en/-/privacy-office/breaches')).text();
      assert.match(at49, /open, 49 hours since becoming aware/);
      assert.doesNotMatch(at49, /Over 72 hours without a decision/);
      // 73 hours on without a decision: flagged in the list and on the breach.
      now = aware + hours(73);
      dpo = await signedIn(s, 'dpo');
      assert.match(await (await dpo.get('/en/-/privacy-office/breaches')).text(), /Over 72 hours without a decision/);
      assert.equal((await s.portal.breaches.get(id)).overdue, true);

      const page = `/en/-/privacy-office/breaches/${id}`;
      await dpo.get(page);
      const early = await dpo.post(`${page}/close`, {});
      assert.equal(early.status, 400);
      assert.match(await early.text(), /Assess the risk and decide on notification first/);

      const fields = { ...base, nature: 'C' };
      const unnotified = await dpo.post(page, { ...fields, risk: 'risk', decision: 'no_notify' });
      assert.equal(unnotified.status, 400);
      assert.match(await unnotified.text(), /must be notified to the authority/);
      const decided = await dpo.post(page, { ...fields, risk: 'risk', decision: 'notify' });
      assert.equal(decided.status, 303);
      assert.equal((await s.portal.breaches.get(id)).overdue, false, 'a decision lifts the flag');

      await dpo.get(page);
      const notYet = await dpo.post(`${page}/close`, {});
      assert.equal(notYet.status, 400);
      assert.match(await notYet.text(), /Record first when the authority was notified/);

      // Notified 74 hours after becoming aware: only with the reason for the delay.
      now = aware + hours(75);
      dpo = await signedIn(s, 'dpo');
      await dpo.get(page);
      const late = { ...fields, risk: 'risk', decision: 'notify', notified_at: '2026-03-05T11:00' };
      const noReason = await dpo.post(page, late);
      assert.equal(noReason.status, 400);
      assert.match(await noReason.text(), /after 72 hours: give the reason for the delay/);
      assert.equal((await s.portal.breaches.get(id)).notifiedAt, null, 'a refused update writes nothing');
      assert.equal((await dpo.post(page, { ...late, delay_reason: 'The mailbox owner reported it only on day three.' })).status, 303);
      assert.equal((await s.portal.breaches.get(id)).notifiedAt, '2026-03-05T10:00:00.000Z');

      await dpo.get(page);
      assert.equal((await dpo.post(`${page}/close`, {})).status, 303);
      assert.ok((await s.portal.breaches.get(id)).closedAt);
      await dpo.get(page);
      assert.equal((await dpo.post(page, fields)).status, 409);
      assert.equal((await dpo.post(`${page}/close`, {})).status, 409);

      const csv = await (await dpo.get('/-/privacy-office/breaches.csv')).text();
      const [header, line] = csv.trim().split('\r\n');
      assert.equal(header, 'id,aware_at,nature,description,categories,approx_subjects,approx_records,consequences,measures,risk,decision,notified_at,delay_reason,subjects_informed_at,closed_at,overdue');
      assert.match(line, new RegExp(`^${id},2026-03-02T08:00:00.000Z,C,A list of accounts was sent to the wrong mailbox\\.,contact,40,40,.*,risk,notify,2026-03-05T10:00:00.000Z,The mailbox owner reported it only on day three\\.,,2026-03-05T11:00:00.000Z,false$`));
      assert.equal((await dpo.get('/-/privacy-office/breaches/brc_missing')).status, 404);
    } finally {
      await s.close();
    }
  });
}

test('a breach with a high risk cannot close before the people concerned are told; a no-risk breach closes without notice', async () => {
  const aware = Date.parse('2026-06-01T10:00:00Z');
  let now = aware + hours(2);
  const s = await startServer('sqlite', {}, { clock: () => new Date(now) });
  try {
    const actor = 'u_dpo';
    const high = await s.portal.breaches.open(actor, { title: 'Readable backup', awareAt: new Date(aware).toISOString(), nature: ['C', 'I'], description: 'Backup copy left readable.', categories: ['credentials'] });
    await s.portal.breaches.update(actor, high.id, { risk: 'high', decision: 'notify', notifiedAt: new Date(aware + hours(1)).toISOString() });
    await assert.rejects(s.portal.breaches.close(actor, high.id), /people concerned must be told/);
    now = aware + hours(3);
    await s.portal.breaches.update(actor, high.id, { subjectsInformedAt: new Date(aware + hours(3)).toISOString() });
    assert.ok((await s.portal.breaches.close(actor, high.id)).closedAt);

    const minor = await s.portal.breaches.open(actor, { title: 'Portal down', awareAt: new Date(aware).toISOString(), nature: ['A'], description: 'Portal down for ten minutes.', categories: [] });
    await s.portal.breaches.update(actor, minor.id, { risk: 'none', decision: 'no_notify' });
    const closed = await s.portal.breaches.close(actor, minor.id);
    assert.equal(closed.notifiedAt, null);
    assert.equal((await s.portal.breaches.list()).length, 2, 'unnotified breaches stay in the register');
  } finally {
    await s.close();
  }
});

for (const dialect of dialects) {
  test(`breaches recorded before titles existed get one from their day and nature (${dialect})`, async () => {
    const env = await testEnvironment(dialect);
    const store = openStore(env.config);
    try {
      await migrateTo(store.db, '0014_consents_fk');
      const row = { opened_at: '2026-01-05T09:00:00.000Z', opened_by: 'u_dpo', description: 'x', categories: '[]', consequences: '', measures: '' };
      await (store.db as any).insertInto('privacy_breaches').values([
        { ...row, id: 'b_one', aware_at: '2025-12-31T23:30:00.000Z', nature: 'CA' },
        { ...row, id: 'b_two', aware_at: '2026-01-04T10:00:00.000Z', nature: 'I' },
      ]).execute();
      await migrate(store.db);
      const titles = await store.db.selectFrom('privacy_breaches').select(['id', 'title']).orderBy('id').execute();
      assert.deepEqual(titles, [{ id: 'b_one', title: '2025-12-31 (CA)' }, { id: 'b_two', title: '2026-01-04 (I)' }]);
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}
