// Reminders to the DPO on a controlled clock: seven days, one day, overdue, each once; and `opaal privacy remind`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openPortal } from '../../src/portal.ts';
import { addDays, localDay } from '../../src/privacy/cases/deadlines.ts';
import { remindDueCases, thresholdOf } from '../../src/privacy/cases/reminders.ts';
import { opaal } from '../helpers/cli.ts';
import { casePortal, mailsTo, movableClock } from '../helpers/privacy-cases.ts';
import { tempDir } from '../helpers/stores.ts';

const clock = movableClock('2026-03-02T08:00:00Z');
let h: Awaited<ReturnType<typeof casePortal>>;
before(async () => {
  h = await casePortal('sqlite', clock, { PRIVACY_DPO_EMAIL: 'dpo@example.org' });
});
after(() => h.close());

test('thresholds: more than a week off none, seven days, one day, then overdue', () => {
  assert.equal(thresholdOf({ dueAt: '2026-04-10' }, '2026-04-02'), null);
  assert.equal(thresholdOf({ dueAt: '2026-04-10' }, '2026-04-03'), 'due_7');
  assert.equal(thresholdOf({ dueAt: '2026-04-10' }, '2026-04-09'), 'due_1');
  assert.equal(thresholdOf({ dueAt: '2026-04-10' }, '2026-04-10'), 'due_1');
  assert.equal(thresholdOf({ dueAt: '2026-04-10' }, '2026-04-11'), 'overdue');
});

test('the DPO is mailed once per threshold as the clock moves, a step records each, a closed case is left alone', async () => {
  const cases = h.portal.privacyCases;
  const c = await cases.register({ type: 'access', message: '', email: 'brief@example.org', lang: 'nl', channel: 'post', receivedDay: '2026-03-02' }, 'u_dpo');
  const closed = await cases.register({ type: 'question', message: 'Vraag?', email: 'klaar@example.org', lang: 'nl', channel: 'email', receivedDay: '2026-03-02' }, 'u_dpo');
  await cases.cancel(closed.id, 'Withdrawn by the requester.', 'u_dpo');
  const unconfirmed = await cases.submit({ type: 'access', message: '', email: 'stil@example.org', lang: 'nl' }, null);
  assert.equal(c.dueAt, '2026-04-02');
  const run = async (iso: string) => {
    clock.set(iso);
    return (await remindDueCases(h.portal, clock())).map((r) => `${r.reference} ${r.threshold}`);
  };
  assert.deepEqual(await run('2026-03-25T07:00:00Z'), [], 'eight days before: nothing');
  assert.deepEqual(await run('2026-03-26T07:00:00Z'), [`${c.reference} due_7`]);
  assert.deepEqual(await run('2026-03-27T07:00:00Z'), [], 'once per threshold');
  assert.deepEqual(await run('2026-04-01T07:00:00Z'), [`${c.reference} due_1`]);
  assert.deepEqual(await run('2026-04-02T21:00:00Z'), [], 'the due day itself is not late');
  assert.deepEqual(await run('2026-04-03T07:00:00Z'), [`${c.reference} overdue`]);
  assert.deepEqual(await run('2026-04-04T07:00:00Z'), []);
  const mails = await mailsTo(h.portal, 'dpo@example.org');
  assert.deepEqual(mails.map((m) => m.template), ['privacy.reminder_due_7', 'privacy.reminder_due_1', 'privacy.reminder_overdue']);
  assert.ok(mails.every((m) => m.text_body.includes(c.reference) && !m.text_body.includes('brief@example.org')), 'references, not addresses');
  assert.match(mails[2].text_body, /is te laat/);
  assert.deepEqual((await cases.steps(c.id)).filter((s) => s.kind.startsWith('reminder_')).map((s) => s.kind), ['reminder_due_7', 'reminder_due_1', 'reminder_overdue']);
  assert.equal((await cases.steps(closed.id)).some((s) => s.kind.startsWith('reminder_')), false);
  assert.equal((await cases.steps(unconfirmed.id)).some((s) => s.kind.startsWith('reminder_')), false, 'a visitor who never confirmed is not chased');
});

test('`opaal privacy remind` mails the DPO about an overdue case and says so without addresses', async () => {
  const dir = tempDir();
  try {
    const data = join(dir.path, 'data');
    const config = loadConfig({ OPAAL_DATA: data, LOG_LEVEL: 'silent', DUCKDB_THREADS: '1' });
    const portal = await openPortal(config);
    const received = addDays(localDay(new Date(), config.timezone), -40);
    const c = await portal.privacyCases.register({ type: 'erasure', message: '', email: 'laat@example.org', lang: 'nl', channel: 'post', receivedDay: received }, 'u_dpo');
    await portal.close();
    const first = await opaal(['privacy', 'remind', '--data', data], { PRIVACY_DPO_EMAIL: 'dpo@example.org' });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `${c.reference}\toverdue\n1 reminder sent to the DPO.\n`);
    const again = await opaal(['privacy', 'remind', '--data', data]);
    assert.equal(again.stdout, '0 reminders sent to the DPO.\n');
    const wrong = await opaal(['privacy', 'forget', '--data', data]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /expected remind/);
  } finally {
    dir.remove();
  }
});
