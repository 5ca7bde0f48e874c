// The DPO's legal holds page: list, set, end, in Dutch and English; refusals with the right status and nothing written.
import { after as afterAll, before as beforeAll, test } from 'node:test';
import assert from 'node:assert/strict';
import { after } from '../../src/privacy/retention/duration.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { addUser } from '../helpers/retention.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { visitor } from '../helpers/visitor.ts';

const time = { now: new Date('2031-03-15T10:00:00.000Z') };
let s: ServerHarness;
let dpo: StaffVisitor;

beforeAll(async () => {
  s = await startServer('sqlite', {}, { clock: () => time.now });
  dpo = await signedIn(s, 'dpo');
  await addUser(s.portal.store.db, 'u-claimant', '2025-01-01T00:00:00.000Z');
});
afterAll(() => s.close());

const holdCount = async () => (await s.portal.store.db.selectFrom('legal_holds').select('id').execute()).length;
const valid = { subject: 'U-Claimant@example.org', reason: 'legal_claims', reason_text: 'Court case 2031/123 about a refused request is pending.', ends_on: '2033-12-31' };

test('only the DPO (and the admin, the deputy) opens the holds page: others get the ordinary 404, visitors the sign-in', async () => {
  const other = await signedIn(s, 'editor');
  assert.equal((await other.get('/-/privacy-office/holds')).status, 404);
  assert.equal((await other.get('/-/privacy-office/holds.json')).status, 404);
  const anonymous = await visitor(s.url).get('/en/-/privacy-office/holds');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/en/-/account/login');
  assert.equal((await other.post('/-/privacy-office/holds', valid)).status, 404);
  assert.equal(await holdCount(), 0);

  const page = await dpo.get('/-/privacy-office/holds');
  assert.equal(page.status, 200);
  assert.match(dpo.lastPage, /<h1>Bewaarplichten<\/h1>/);
  assert.match(dpo.lastPage, /Er zijn geen bewaarplichten\./);
  assert.match(dpo.lastPage, /rel="alternate"[^>]*privacy-office\/holds\.json|privacy-office\/holds\.json[^>]*rel="alternate"/);
  await dpo.get('/en/-/privacy-office/holds');
  assert.match(dpo.lastPage, /<h1>Legal holds<\/h1>/);
});

test('a bad hold is refused with a precise message and its status, and nothing is written', async () => {
  await dpo.get('/-/privacy-office/holds');
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ subject: 'u-claimant' }, 400, /Geef de referentie van een dossier \(PRV-2026-…\) of het e-mailadres van een account/],
    [{ subject: 'PRV-2031-ZZZZZZ' }, 400, /Er bestaat geen dossier met die referentie/],
    [{ reason: 'because' }, 400, /Kies de grond/],
    [{ reason_text: 'short' }, 400, /Motiveer de bewaarplicht in 10 tot 2000 tekens/],
    [{ ends_on: '31/12/2033' }, 400, /Geef de einddatum als datum/],
    [{ ends_on: '2033-02-30' }, 400, /Geef de einddatum als datum/],
    [{ ends_on: '2031-03-14' }, 400, /in de toekomst/],
    [{ ends_on: '2070-01-01' }, 400, /hoogstens 30 jaar/],
    [{ subject: 'nobody@example.org' }, 400, /Er bestaat geen account met dat e-mailadres/],
  ];
  for (const [change, status, message] of cases) {
    const response = await dpo.post('/-/privacy-office/holds', { ...valid, ...change });
    assert.equal(response.status, status, JSON.stringify(change));
    assert.match(dpo.lastPage, message);
    // The form keeps what was typed.
    assert.match(dpo.lastPage, /Court case 2031\/123|short/);
  }
  await dpo.get('/en/-/privacy-office/holds');
  assert.equal((await dpo.post('/en/-/privacy-office/holds', { ...valid, reason_text: 'short' })).status, 400);
  assert.match(dpo.lastPage, /Motivate the hold in 10 to 2000 characters/);
  assert.equal((await dpo.post('/en/-/privacy-office/holds', { ...valid, subject: 'PRV-2031-ZZZZZZ' })).status, 400);
  assert.match(dpo.lastPage, /There is no case with that reference/);
  assert.equal(await holdCount(), 0);
});

test('the DPO sets a hold, the sweep keeps the account, the hold lapses at its end date and can be ended once', async () => {
  await dpo.get('/-/privacy-office/holds');
  const set = await dpo.post('/-/privacy-office/holds', valid);
  assert.equal(set.status, 303);
  assert.equal(set.headers.get('location'), '/-/privacy-office/holds?done=added');
  await dpo.get('/-/privacy-office/holds?done=added');
  assert.match(dpo.lastPage, /De bewaarplicht is ingesteld\./);
  assert.match(dpo.lastPage, /Court case 2031\/123/);
  assert.match(dpo.lastPage, /account u-claimant@example\.org/, 'the list names the account by its address');
  assert.match(dpo.lastPage, /<time datetime="2033-12-31">31 december 2033<\/time>/, 'the last day as that day, not the day after');
  const [hold] = (await json(dpo.get('/-/privacy-office/holds.json'))).results;
  assert.deepEqual(
    { ...hold, id: undefined },
    { id: undefined, object_type: 'user', object_id: 'u-claimant', subject: 'u-claimant@example.org', reason: 'legal_claims', reason_text: valid.reason_text, set_by: dpo.accountId, set_at: time.now.toISOString(), ends_at: '2033-12-31T22:59:59.999Z', last_day: '2033-12-31', ended_at: null, ended_by: null, state: 'active' },
  );
  const event = await s.portal.store.db.selectFrom('events').selectAll().where('verb', '=', 'legal_hold.set').executeTakeFirstOrThrow();
  assert.equal(event.subject_id, hold.id);
  assert.ok(!event.data.includes('Court case'), 'the event leaves the motivation out');

  // Five years idle and warned: the sweep would erase the account, but the hold keeps it.
  time.now = new Date('2031-06-01T00:00:00.000Z');
  await s.portal.store.db.updateTable('users').set({ last_active_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', 'u-claimant').execute();
  await s.portal.store.db.insertInto('retention_warnings').values({ user_id: 'u-claimant', warned_at: '2031-01-01T00:00:00.000Z' }).execute();
  const report = await s.portal.retention.run({ dryRun: true });
  assert.deepEqual(report.rules.find((r) => r.rule === 'account'), { rule: 'account', table: 'users', removed: 0, warned: 0, held: 1 });

  // Past its end date it no longer applies, and the page says it lapsed.
  time.now = after(new Date('2033-12-31T23:59:59.999Z'), 'PT1S');
  // (Moving the clock years on ended the session: the DPO signs in again.)
  dpo = await signedIn(s, 'dpo');
  assert.equal((await json(dpo.get('/-/privacy-office/holds.json'))).results[0].state, 'lapsed');
  await dpo.get('/en/-/privacy-office/holds');
  assert.match(dpo.lastPage, /lapsed: end or renew it/);
  assert.deepEqual((await s.portal.retention.run({ dryRun: true })).lapsedHolds.map((h) => h.id), [hold.id]);

  const ended = await dpo.post(`/en/-/privacy-office/holds/${hold.id}/end`, {});
  assert.equal(ended.status, 303);
  assert.equal(ended.headers.get('location'), '/en/-/privacy-office/holds?done=ended');
  const again = await dpo.post(`/en/-/privacy-office/holds/${hold.id}/end`, {});
  assert.equal(again.status, 409);
  assert.match(dpo.lastPage, /That legal hold was ended already/);
  assert.equal((await dpo.post('/en/-/privacy-office/holds/hold_nope/end', {})).status, 404);
  const [after_] = (await json(dpo.get('/-/privacy-office/holds.json'))).results;
  assert.equal(after_.state, 'ended');
  assert.equal(after_.ended_by, dpo.accountId);
  assert.equal((await s.portal.retention.run({ dryRun: true })).lapsedHolds.length, 0);
});

test('a form without its token is refused and changes nothing', async () => {
  dpo = await signedIn(s, 'dpo');
  const before = await holdCount();
  const response = await fetch(new URL('/-/privacy-office/holds', s.url), {
    method: 'POST',
    headers: { cookie: dpo.cookie!, origin: new URL(s.url).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(valid),
    redirect: 'manual',
  });
  assert.equal(response.status, 403);
  assert.match(await response.text(), /This form has expired|Dit formulier is verlopen|reload|herlaad/i);
  // An outsider's form without a token learns nothing: the ordinary 404.
  const user = await signedIn(s, 'user');
  const outsider = await fetch(new URL('/-/privacy-office/holds', s.url), {
    method: 'POST',
    headers: { cookie: user.cookie!, origin: new URL(s.url).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(valid),
    redirect: 'manual',
  });
  assert.equal(outsider.status, 404);
  assert.equal(await holdCount(), before);
});

test('a hold on a case reference names the case; the list shows its reference, and the hold ends at midnight in the portal\'s zone', async () => {
  dpo = await signedIn(s, 'dpo');
  const c = await s.portal.privacyCases.register({ type: 'erasure', message: '', email: 'held.case@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, dpo.accountId);
  await dpo.get('/en/-/privacy-office/holds');
  const set = await dpo.post('/en/-/privacy-office/holds', { ...valid, subject: ` ${c.reference.toLowerCase()} `, ends_on: '2040-06-30' });
  assert.equal(set.status, 303);
  const hold = (await json(dpo.get('/-/privacy-office/holds.json'))).results.find((h: { object_type: string }) => h.object_type === 'case');
  assert.equal(hold.object_id, c.id);
  assert.equal(hold.subject, c.reference);
  // Brussels is UTC+2 in summer: the last day ends at 22:00 UTC.
  assert.equal(hold.ends_at, '2040-06-30T21:59:59.999Z');
  await dpo.get('/en/-/privacy-office/holds');
  assert.ok(dpo.lastPage.includes(`case ${c.reference}`));
  assert.match(dpo.lastPage, /<time datetime="2040-06-30">June 30, 2040<\/time>|<time datetime="2040-06-30">30 June 2040<\/time>/);
});

test('a hold set before the portal\'s zone counted (ending 23:59:59.999 UTC) still shows its own last day', async () => {
  dpo = await signedIn(s, 'dpo');
  await s.portal.store.db.insertInto('legal_holds').values({
    id: 'hold_legacy', object_type: 'user', object_id: 'u-claimant', reason: 'legal_claims', reason_text: 'An older hold, set in UTC.',
    set_by: 'u_dpo', set_at: '2031-01-01T00:00:00.000Z', ends_at: '2045-03-31T23:59:59.999Z', ended_at: null, ended_by: null,
  }).execute();
  const hold = (await json(dpo.get('/-/privacy-office/holds.json'))).results.find((h: { id: string }) => h.id === 'hold_legacy');
  assert.equal(hold.last_day, '2045-03-31');
  assert.equal(hold.subject, 'u-claimant@example.org');
});
