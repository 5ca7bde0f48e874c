// The Art. 15(1) information of the access archive: purposes with their own legal basis, retention, recipients from
// the configuration, rights, the complaint authority.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleFifteenInformation } from '../../src/privacy/archive.ts';
import { recipientsOf } from '../../src/privacy/recipients.ts';

test('without SMTP there are no recipients; with SMTP the mail server is named as a processor', () => {
  assert.deepEqual(recipientsOf({ smtpUrl: null }), []);
  const [mail] = recipientsOf({ smtpUrl: 'smtp://user:secret@mail.example.org:587' });
  assert.equal(mail.role, 'processor');
  assert.match(mail.name.en, /mail\.example\.org/);
  assert.doesNotMatch(JSON.stringify(mail), /secret|user:/, 'credentials in the URL are never shown');
});

test('each purpose has its own legal basis, categories and retention; the rights and the Flemish authority are listed', () => {
  const info = articleFifteenInformation({ smtpUrl: null });
  const accounts = info.purposes.find((p) => p.id === 'accounts')!;
  const security = info.purposes.find((p) => p.id === 'security')!;
  assert.equal(accounts.legalBasis.article, 'Art. 6(1)(e)');
  assert.equal(security.legalBasis.article, 'Art. 6(1)(c)');
  assert.ok(info.purposes.every((p) => p.legalBasis.article !== 'Art. 6(1)(a)'), 'no purpose rests on consent');
  assert.ok(accounts.categories.some((c) => c.en === 'email address'));
  assert.ok(accounts.retention.length > 0);
  assert.equal(info.rights.length, 6);
  assert.match(info.complaintAuthority.name.nl, /Vlaamse Toezichtcommissie/);
});
