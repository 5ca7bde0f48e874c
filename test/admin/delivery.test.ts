// Delivery for admins over HTTP: mail given up on is listed and sent again, failed jobs are listed; nobody else sees it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { enqueueJob } from '../../src/jobs/store.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff-admin.ts';
import type { Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let admin: Visitor;
let editor: Visitor;
before(async () => {
  s = await startServer('sqlite');
  admin = (await signedIn(s, 'bezorging.beheer@example.org', 'admin')).v;
  editor = (await signedIn(s, 'bezorging.redactie@example.org', 'editor')).v;
});
after(() => s.close());

test('a mail given up on is shown with its error kind, sent again from the page; a failed job is shown', async () => {
  const db = s.portal.store.db;
  const at = s.portal.clock().toISOString();
  const { id } = await db
    .insertInto('mail_outbox')
    .values({ to_address: 'onbereikbaar@example.org', template: 'accounts.reset', subject: 'x', text_body: 'x', status: 'failed', attempts: 5, last_error: 'ECONNREFUSED', created_at: at, next_attempt_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(db, new Date(at), { kind: 'dataset.version_published', key: 'kapot:1', payload: {} });
  await db.updateTable('jobs').set({ status: 'failed', attempts: 8, last_error: 'Error: upstream down', finished_at: at }).where('job_key', '=', 'kapot:1').execute();

  const listed = await json(admin.get('/-/admin/delivery.json'));
  assert.deepEqual(listed.mail.map((m: { id: number; to: string; status: string; last_error: string }) => [m.id, m.to, m.status, m.last_error]), [[Number(id), 'onbereikbaar@example.org', 'failed', 'ECONNREFUSED']]);
  assert.deepEqual(listed.failed_jobs.map((j: { job_key: string; last_error: string }) => [j.job_key, j.last_error]), [['kapot:1', 'Error: upstream down']]);

  await admin.get('/-/admin/delivery');
  assert.match(admin.lastPage, /Niet bezorgde e-mail/);
  assert.match(admin.lastPage, /ECONNREFUSED/);
  assert.match(admin.lastPage, /Mislukte achtergrondtaken/);
  assert.match(admin.lastPage, /href="\/-\/admin\/delivery"/, 'the admin menu leads here');
  const retried = await admin.post(`/-/admin/delivery/mail/${id}/retry`, {});
  assert.equal(retried.status, 303);
  assert.equal(retried.headers.get('location'), '/-/admin/delivery?done=retried');
  await s.portal.mailer.flush();
  const row = await db.selectFrom('mail_outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.attempts], ['sent', 1]);

  // Again: it is no longer given up on, so the page says why nothing happened.
  await admin.get('/en/-/admin/delivery');
  const again = await admin.post(`/en/-/admin/delivery/mail/${id}/retry`, {});
  assert.equal(again.status, 409);
  assert.match(await again.text(), /only a mail given up on can be sent again/);
});

test('editors and visitors do not see delivery', async () => {
  assert.equal((await editor.get('/-/admin/delivery')).status, 404);
  assert.equal((await editor.get('/-/admin/delivery.json')).status, 404);
  assert.equal((await s.get('/-/admin/delivery.json')).status, 404);
});
