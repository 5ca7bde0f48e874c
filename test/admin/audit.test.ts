// The audit log over HTTP: newest first, filters by action, actor and subject, pages, and ids made readable for staff only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { recordEvent } from '../../src/events/store.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff-admin.ts';
import type { Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let admin: Visitor;
let adminId: string;
let dpo: Visitor;
let userId: string;
before(async () => {
  s = await startServer('sqlite');
  const signed = await signedIn(s, 'audit.beheer@example.org', 'admin');
  admin = signed.v;
  adminId = signed.account.id;
  dpo = (await signedIn(s, 'fg@example.org', 'dpo')).v;
  userId = (await signedIn(s, 'gevolgd@example.org', 'user')).account.id;
  await admin.get(`/-/admin/users/${userId}`);
  await admin.post(`/-/admin/users/${userId}/role`, { role: 'editor' });
  await admin.get(`/-/admin/users/${userId}`);
  await admin.post(`/-/admin/users/${userId}/disable`, {});
});
after(() => s.close());

type Entry = { id: number; actor: string; actor_email: string | null; verb: string; subject_type: string; subject_id: string; subject_email: string | null; data: Record<string, unknown> };
const entries = async (v: Visitor, query: string): Promise<Entry[]> => (await json(v.get(`/-/admin/audit.json${query}`))).results;

test('filters by action, by actor (id or address) and by subject (id or address), newest first', async () => {
  const byVerb = await entries(admin, '?verb=account.role_changed');
  assert.equal(byVerb.length, 1);
  assert.deepEqual(
    { actor: byVerb[0].actor, actor_email: byVerb[0].actor_email, subject_id: byVerb[0].subject_id, subject_email: byVerb[0].subject_email, data: byVerb[0].data },
    { actor: adminId, actor_email: 'audit.beheer@example.org', subject_id: userId, subject_email: 'gevolgd@example.org', data: { from: 'user', to: 'editor' } },
  );

  const byActor = await entries(admin, `?actor=${adminId}`);
  assert.deepEqual(byActor.map((e) => e.verb), ['account.disabled', 'account.role_changed', 'account.password_reset'], 'newest first');
  assert.deepEqual(await entries(admin, '?actor=AUDIT.beheer@example.org'), byActor, 'an address is looked up');
  assert.deepEqual(await entries(admin, '?actor=onbekend@example.org'), [], 'an unknown address matches nothing');

  const bySubject = await entries(admin, '?subject=gevolgd@example.org&subject_type=user');
  assert.deepEqual(bySubject.map((e) => e.verb), ['account.disabled', 'account.role_changed', 'account.password_reset', 'account.created']);
  assert.deepEqual((await entries(admin, `?subject=${userId}&actor=${adminId}`)).map((e) => e.verb), ['account.disabled', 'account.role_changed']);

  await admin.get(`/-/admin/audit?verb=account.disabled`);
  assert.match(admin.lastPage, /<option value="account.disabled" selected>/);
  assert.match(admin.lastPage, /gevolgd@example\.org/);
  assert.match(admin.lastPage, />1 gebeurtenis</);
  assert.match(admin.lastPage, /<link rel="alternate" type="application\/json" href="\/-\/admin\/audit\.json\?verb=account\.disabled"/);
});

test('the log itself holds ids only: no address or name is ever written into an event', async () => {
  const rows = await s.portal.store.db.selectFrom('events').selectAll().execute();
  assert.ok(rows.length >= 8);
  assert.doesNotMatch(JSON.stringify(rows), /@example\.org|gevolgd|beheer/);
});

test('an actor whose account is gone shows as its id with a note, and the log keeps the event', async () => {
  const { account } = await signedIn(s, 'vertrokken@example.org', 'user');
  await s.portal.store.db.deleteFrom('users').where('id', '=', account.id).execute();
  const [entry] = await entries(admin, `?actor=${account.id}`);
  assert.equal(entry.verb, 'account.password_reset');
  assert.equal(entry.actor_email, null);
  await admin.get(`/-/admin/audit?actor=${account.id}`);
  assert.match(admin.lastPage, /account bestaat niet meer/);
  assert.doesNotMatch(admin.lastPage, /vertrokken@example\.org/);
});

test('the log is paged by fifty, and the pages link to each other with the filters kept', async () => {
  const at = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < 60; i++) await recordEvent(s.portal.store.db, at, { actor: 'system', verb: 'bulk.test', subjectType: 'dataset', subjectId: `d${i}` });
  const first = await json(admin.get('/-/admin/audit.json?verb=bulk.test'));
  assert.equal(first.total_count, 60);
  assert.equal(first.pages, 2);
  assert.equal(first.results.length, 50);
  assert.equal(first.results[0].subject_id, 'd59');
  const second = await json(admin.get('/-/admin/audit.json?verb=bulk.test&page=2'));
  assert.deepEqual(second.results.map((e: Entry) => e.subject_id), ['d9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1', 'd0']);
  await admin.get('/-/admin/audit?verb=bulk.test');
  assert.match(admin.lastPage, /<a rel="next" href="\/-\/admin\/audit\?verb=bulk\.test&amp;page=2">/);
});

test('the DPO reads the audit log, with addresses, but nothing else of the administration', async () => {
  const [entry] = await entries(dpo, '?verb=account.role_changed');
  assert.equal(entry.subject_email, 'gevolgd@example.org');
  assert.equal((await dpo.get('/-/admin')).status, 200);
  assert.match(dpo.lastPage, /href="\/-\/admin\/audit"/);
  assert.doesNotMatch(dpo.lastPage, /href="\/-\/admin\/users"/, 'only the sections the DPO may open are offered');
  assert.equal((await dpo.get('/en/-/admin/audit')).status, 200);
  assert.match(dpo.lastPage, /Audit log/);
});

test('the audit page reads as sentences: who by role, what happened in the page language, times in the portal time zone', async () => {
  await recordEvent(s.portal.store.db, new Date('2026-06-30T22:15:00Z'), { actor: 'system', verb: 'retention.run', subjectType: 'portal', subjectId: 'retention' });
  const textOf = (html: string) => html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  await admin.get('/-/admin/audit?verb=account.role_changed');
  const nl = textOf(admin.lastPage);
  assert.match(nl, /Een beheerder \(audit\.beheer@example\.org\) heeft de rol van een account gewijzigd/);
  assert.ok(!nl.includes(adminId), 'the actor is named by role and address, not by account number');
  assert.match(admin.lastPage, /<option value="account\.role_changed" selected>heeft de rol van een account gewijzigd<\/option>/);
  await admin.get('/en/-/admin/audit?verb=retention.run');
  const en = textOf(admin.lastPage);
  assert.match(en, /1 July 2026 00:15/, 'Brussels summer time, not UTC');
  assert.match(en, /The system cleared data past its retention period/);
  assert.doesNotMatch(en, /retention\.run/);
});
