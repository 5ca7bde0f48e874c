// The versioned privacy statement: rendered from settings, map and recipients; a change makes a new version, old ones stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openStore } from '../../src/db/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createRecipientService, recipientsOf } from '../../src/privacy/recipients/service.ts';
import { createRecipientStore } from '../../src/privacy/recipients/store.ts';
import { createStatementService } from '../../src/privacy/statement/service.ts';
import { plainText, statementText } from '../../src/privacy/statement/text.ts';
import { messages } from '../../src/i18n/index.ts';
import { authorityContact } from '../../src/privacy/authorities.ts';
import { letterFor, letterText } from '../../src/privacy/cases/letters.ts';
import type { PrivacyCase } from '../../src/privacy/cases/types.ts';
import { purposes } from '../../src/personal-data/vocabulary.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

for (const dialect of dialects) {
  test(`a changed rendering becomes a new version and the old one reads as it was (${dialect})`, async () => {
    const env = await testEnvironment(dialect, { SMTP_URL: 'smtp://relay-user:relay-secret@mail.example.org:587' });
    const store = openStore(env.config);
    let now = new Date('2026-01-10T09:00:00Z');
    const clock = () => now;
    try {
      await migrate(store.db);
      const statements = createStatementService({ db: store.db, clock, config: env.config });
      const first = await statements.current();
      assert.equal(first.number, 1);
      assert.equal(first.publishedAt, '2026-01-10T09:00:00.000Z');
      now = new Date('2026-01-11T09:00:00Z');
      assert.equal((await statements.current()).number, 1, 'the same text is no new version');

      const recipients = createRecipientService({ store: createRecipientStore(store.db), db: store.db, clock, config: env.config });
      await recipients.add('u_dpo', { name: 'Hosting NV', role: 'processor', purposes: ['accounts'], categories: ['contact', 'identity'], location: 'be', contractRef: 'DPA-2026-01', contact: 'privacy@hosting.example' });
      const second = await statements.current();
      assert.equal(second.number, 2);
      assert.notEqual(second.digest, first.digest);
      assert.match(plainText(second.text.nl), /Hosting NV \(verwerker\)/);
      assert.match(plainText(second.text.en), /Hosting NV \(processor\)/);

      const old = await statements.version(1);
      assert.deepEqual(old.text, first.text);
      assert.doesNotMatch(plainText(old.text.nl), /Hosting NV/);
      assert.deepEqual((await statements.versions()).map((v) => v.number), [2, 1]);
      await assert.rejects(statements.version(3), /no version 3/);

      // The access archive's view: the current recipients, the relay by host only.
      const current = await recipientsOf({ store: { db: store.db }, config: env.config, clock });
      assert.deepEqual(current.map((r) => r.name), ['Mail relay mail.example.org', 'Hosting NV']);
      assert.ok(!JSON.stringify(current).includes('relay-secret') && !JSON.stringify(current).includes('relay-user'));
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}

test('the statement holds every Art. 13 item, in Dutch and in English (notice lint, T02)', () => {
  const config = loadConfig({ PUBLISHER_NAME: 'Departement WSE', PRIVACY_CONTROLLER_ADDRESS: 'Koning Albert II-laan 35, 1030 Brussel', PRIVACY_DPO_NAME: 'DPO WSE', PRIVACY_DPO_EMAIL: 'dpo@wse.example', PRIVACY_PUBLIC_TASK_LAW: 'Open-datadecreet' });
  const recipients = [{ id: 'x', name: 'Cloud Inc', role: 'processor' as const, purposes: ['accounts' as const], categories: ['contact' as const], location: 'US', contractRef: null, contact: null, addedAt: '', endedAt: null, automatic: false }];
  const nl = plainText(statementText('nl', { config, recipients }));
  const en = plainText(statementText('en', { config, recipients }));
  for (const needle of ['Departement WSE', 'Koning Albert II-laan 35', 'DPO WSE', 'dpo@wse.example', 'Open-datadecreet', 'Cloud Inc', 'opaal_session', 'Vlaamse Toezichtcommissie', 'contact@toezichtcommissie.be']) {
    assert.ok(nl.includes(needle), `nl lacks ${needle}`);
    assert.ok(en.includes(needle), `en lacks ${needle}`);
  }
  for (const id of Object.keys(purposes) as (keyof typeof purposes)[]) {
    assert.ok(nl.includes(messages('nl').privacyTerms.purposes[id].name), id);
    assert.ok(en.includes(messages('en').privacyTerms.purposes[id].name), id);
  }
  assert.match(nl, /taak van algemeen belang \(Art\. 6\(1\)\(e\) AVG\)/);
  assert.match(en, /legal obligation \(Art\. 6\(1\)\(c\) GDPR\)/);
  for (const right of ['Art. 15', 'Art. 16', 'Art. 17', 'Art. 18', 'Art. 21', 'Art. 20', 'Art. 7(3)']) assert.ok(en.includes(right), right);
  for (const word of ['inzage', 'rectificatie', 'wissen', 'beperken', 'bezwaar', 'overdraagbaarheid', 'in te trekken', 'klacht']) assert.ok(nl.includes(word), word);
  assert.match(en, /transferred outside the European Economic Area to: Cloud Inc \(US\)/);
  assert.match(en, /no automated decisions/);
  assert.match(en, /only once you have first written to our data protection officer/, 'the VTC hears a complaint only after the DPO');
  assert.match(en, /five years/);
});

test('the statement names the exchanges with other users as a purpose of their own and says how long what people wrote there is kept', () => {
  const config = loadConfig({ PRIVACY_BASIS_EXCHANGES: 'consent' });
  const nl = plainText(statementText('nl', { config, recipients: [] }));
  const en = plainText(statementText('en', { config, recipients: [] }));
  const t = { nl: messages('nl').privacyTerms, en: messages('en').privacyTerms };
  assert.ok(en.includes(`${t.en.purposes.exchanges.name} — legal basis: consent (Art. 6(1)(a) GDPR). Data: `), 'the configured basis');
  assert.ok(en.includes(`About: ${t.en.purposes.exchanges.subjects}.`));
  assert.ok(nl.includes(`${t.nl.purposes.exchanges.name} — rechtsgrond: toestemming`));
  for (const rule of ['discussion', 'reuse', 'data_request'] as const) {
    assert.ok(nl.includes(t.nl.retention[rule]), `nl: ${rule}`);
    assert.ok(en.includes(t.en.retention[rule]), `en: ${rule}`);
  }
  assert.match(en, /under “former user”/);
  assert.match(nl, /onder “voormalige gebruiker”/);
  // The default basis is the public task.
  assert.ok(plainText(statementText('en', { config: loadConfig({}), recipients: [] })).includes(`${t.en.purposes.exchanges.name} — legal basis: public task (Art. 6(1)(e) GDPR)`));
});

test('the configured authority and legal bases are what the statement says', () => {
  const config = loadConfig({ PRIVACY_AUTHORITY: 'gba', PRIVACY_BASIS_ACCOUNTS: 'contract' });
  const en = plainText(statementText('en', { config, recipients: [] }));
  assert.match(en, /Gegevensbeschermingsautoriteit/);
  assert.match(en, /contact@apd-gba\.be/);
  assert.doesNotMatch(en, /Toezichtcommissie/);
  assert.doesNotMatch(en, /first written to our data protection officer/);
  assert.match(en, new RegExp(`${messages('en').privacyTerms.purposes.accounts.name.replace(/[()]/g, '\\$&')} — legal basis: performance of a contract \\(Art\\. 6\\(1\\)\\(b\\) GDPR\\)`));
  assert.match(en, /No organisation other than the controller receives your data\./);
  assert.match(en, /No data is transferred outside the European Economic Area\./);
});

test('the statement and the reply letter name the same supervisory authority, with the same address, mail and website', () => {
  for (const authority of ['vtc', 'gba'] as const) {
    const config = loadConfig({ PRIVACY_AUTHORITY: authority });
    for (const lang of ['nl', 'en'] as const) {
      const statement = plainText(statementText(lang, { config, recipients: [] }));
      const c = { reference: 'PRV-2026-0001', type: 'access', language: lang, receivedAt: '2026-03-02', dueAt: '2026-04-02', message: '', outcome: 'Done.', extensionReason: null } as unknown as PrivacyCase;
      const letter = letterText(letterFor('reply', c, { portal: config.portalName, timeZone: config.timezone, authority: config.privacyAuthority }));
      const contact = authorityContact(authority, lang);
      for (const part of [contact.name, contact.address, contact.email, contact.website]) {
        assert.ok(statement.includes(part), `${authority}/${lang}: the statement names ${part}`);
        assert.ok(letter.includes(part), `${authority}/${lang}: the letter names ${part}`);
      }
    }
  }
  // The letter no longer names an address of its own.
  const gba = letterText(letterFor('refusal', { reference: 'PRV-1', type: 'access', language: 'nl', receivedAt: '2026-03-02', dueAt: '2026-04-02', message: '', outcome: 'Nee.', extensionReason: null } as unknown as PrivacyCase, { portal: 'P', timeZone: 'Europe/Brussels', authority: 'gba' }));
  assert.doesNotMatch(gba, /toezichtcommissie/i);
});
