// Art. 19: an erasure is told to every current recipient and processor with a contact address in the DPO's register;
// the others are left in the report for the DPO; an ended one is not told.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer('sqlite');
});
after(() => s?.close());

test('the recipients with a contact address get a notice with the address and the reference; the rest are left to the DPO', async () => {
  const recipients = s.portal.recipients;
  const told = await recipients.add('dpo', { name: 'Hosting NV', role: 'processor', purposes: ['accounts'], categories: ['contact'], location: 'BE', contractRef: 'VWO-1', contact: 'privacy@hosting.example' });
  const byHand = await recipients.add('dpo', { name: 'Archief', role: 'recipient', purposes: ['accounts'], categories: ['identity'], location: 'BE', contractRef: '', contact: 'afdeling archief, Brussel' });
  const ended = await recipients.add('dpo', { name: 'Old Host', role: 'processor', purposes: ['accounts'], categories: ['contact'], location: 'BE', contractRef: '', contact: 'privacy@old.example' });
  await recipients.end('dpo', ended.id);
  const userId = await createAccount(s, 'vertrekker@example.org', 'user');

  const report = await s.portal.rights.eraseAccount(userId, { by: 'dpo', reference: 'PRV-2026-TEST01' });
  assert.deepEqual(report.recipientsInformed, [told.id]);
  assert.deepEqual(report.recipientsToInform.map((r) => r.id), [byHand.id], 'no mail address: the DPO tells them');

  const notices = await s.portal.store.db.selectFrom('mail_outbox').select(['to_address', 'template', 'text_body']).where('template', '=', 'privacy.recipient_erasure').execute();
  assert.deepEqual(notices.map((n) => n.to_address), ['privacy@hosting.example']);
  assert.match(notices[0].text_body, /vertrekker@example\.org/, 'the recipient learns whom to erase');
  assert.match(notices[0].text_body, /PRV-2026-TEST01/);
  const events = await s.portal.store.db.selectFrom('events').select(['subject_id', 'data']).where('verb', '=', 'privacy.recipient_informed').execute();
  assert.deepEqual(events.map((e) => e.subject_id), [told.id]);
  assert.doesNotMatch(JSON.stringify(events), /vertrekker/, 'the event names the recipient and the pseudonym, not the person');
});
