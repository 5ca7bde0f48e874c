// The Art. 15(1) information of the access archive: purposes with the legal basis the operator configured, retention,
// the recipients in the DPO's register (the mail relay among them), rights, the configured complaint authority.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { archiveRecipients, articleFifteenInformation } from '../../src/privacy/rights/archive.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

let plain: ServerHarness;
let configured: ServerHarness;
before(async () => {
  plain = await startServer('sqlite');
  configured = await startServer('sqlite', { SMTP_URL: 'smtp://user:secret@mail.example.org:587', PRIVACY_BASIS_ACCOUNTS: 'contract', PRIVACY_AUTHORITY: 'gba' });
});
after(async () => {
  await plain?.close();
  await configured?.close();
});

test('without SMTP or a register entry there are no recipients; with SMTP the mail relay is a processor, without its credentials', async () => {
  assert.deepEqual(await archiveRecipients(plain.portal.recipients), []);
  const [mail] = await archiveRecipients(configured.portal.recipients);
  assert.equal(mail.role, 'processor');
  assert.match(mail.name.en, /mail\.example\.org/);
  assert.doesNotMatch(JSON.stringify(mail), /secret|user:/, 'credentials in the URL are never shown');
});

test('a recipient the DPO registers is named with what it receives; one outside the EEA is a transfer', async () => {
  await configured.portal.recipients.add('dpo', { name: 'Hosting NV', role: 'processor', purposes: ['accounts'], categories: ['contact', 'identity'], location: 'BE', contractRef: 'VWO-2026-1', contact: '' });
  await configured.portal.recipients.add('dpo', { name: 'Far Away Inc', role: 'recipient', purposes: ['accounts'], categories: ['contact'], location: 'US', contractRef: '', contact: '' });
  const recipients = await archiveRecipients(configured.portal.recipients);
  const hosting = recipients.find((r) => r.name.en === 'Hosting NV')!;
  assert.equal(hosting.receives.nl, 'e-mailadres, naam');
  const info = articleFifteenInformation(configured.portal.config, recipients);
  assert.match(info.transfers.en, /Far Away Inc \(US\)/);
  assert.match(articleFifteenInformation(plain.portal.config, []).transfers.en, /^No transfer/);
});

test('each purpose has its own legal basis as configured, categories and retention; the rights and the configured authority are listed', () => {
  const info = articleFifteenInformation(plain.portal.config, []);
  const accounts = info.purposes.find((p) => p.id === 'accounts')!;
  const security = info.purposes.find((p) => p.id === 'security')!;
  assert.equal(accounts.legalBasis.article, 'Art. 6(1)(e)');
  assert.equal(security.legalBasis.article, 'Art. 6(1)(c)');
  // Consent only where the person can refuse without losing the portal: mail about what they follow (issue 16).
  assert.deepEqual(info.purposes.filter((p) => p.legalBasis.article === 'Art. 6(1)(a)').map((p) => p.id), ['notifications'], 'only notifications rest on consent');
  assert.ok(accounts.categories.some((c) => c.en === 'email address'));
  assert.ok(accounts.retention.length > 0);
  assert.equal(info.rights.length, 6);
  assert.match(info.complaintAuthority.name.nl, /Vlaamse Toezichtcommissie/);
  const other = articleFifteenInformation(configured.portal.config, []);
  assert.equal(other.purposes.find((p) => p.id === 'accounts')!.legalBasis.article, 'Art. 6(1)(b)', 'the configured basis, not the default');
  assert.match(other.complaintAuthority.name.nl, /Gegevensbeschermingsautoriteit/);
});
