// The register of processing activities (Art. 30) follows the map and the vocabulary; only the DPO opens the office.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { personalDataMap } from '../../src/personal-data/map.ts';
import { processingRegister, registerCsv } from '../../src/privacy/office/register.ts';
import { languages, messages } from '../../src/i18n/index.ts';
import { purposes } from '../../src/personal-data/vocabulary.ts';
import { startServer } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';

test('the register lists each column under its purpose, and a new purpose and column show up by themselves (T42)', () => {
  const config = loadConfig({ PUBLISHER_NAME: 'Departement WSE', PRIVACY_DPO_EMAIL: 'dpo@wse.example' });
  const before = processingRegister('en', config, []);
  const accounts = before.find((a) => a.purpose === 'accounts')!;
  assert.ok(accounts.categories.find((c) => c.id === 'contact')!.columns.includes('users.email'));
  assert.ok(!before.find((a) => a.purpose === 'security')!.categories.some((c) => c.columns.includes('users.email')));
  assert.ok(before.find((a) => a.purpose === 'security')!.categories.find((c) => c.id === 'credentials')!.columns.includes('users.password_hash'));
  assert.equal(accounts.controller.name, 'Departement WSE');
  assert.equal(accounts.dpo.email, 'dpo@wse.example');
  assert.match(accounts.legalBasis.text, /Art\. 6\(1\)\(e\)/);
  assert.ok(accounts.security.some((m) => m.includes('argon2id')));
  assert.deepEqual(accounts.transfers, ['none outside the EEA']);

  // A later module adds a purpose to the vocabulary and a column to the map: the register shows both at once.
  const vocabulary = purposes as unknown as Record<string, unknown>;
  vocabulary.follows = { defaultBasis: 'consent' };
  const wording = { nl: { name: 'Datasets volgen', subjects: 'volgers' }, en: { name: 'Following datasets', subjects: 'followers' } };
  for (const lang of languages) (messages(lang).privacyTerms.purposes as Record<string, unknown>).follows = wording[lang];
  personalDataMap.follows = { email: { personal: true, category: 'contact', purpose: 'follows' as never, retention: 'account', erasure: 'delete' } };
  try {
    const after = processingRegister('en', config, [{ id: 'r', name: 'Newsletter Ltd', role: 'processor', purposes: ['follows' as never], categories: ['contact'], location: 'GB', contractRef: 'DPA-9', contact: null, addedAt: '', endedAt: null, automatic: false }]);
    const follows = after.find((a) => a.purpose === ('follows' as never))!;
    assert.equal(follows.name, 'Following datasets');
    assert.match(follows.legalBasis.text, /consent \(Art\. 6\(1\)\(a\) GDPR\)/);
    assert.deepEqual(follows.categories, [{ id: 'contact', name: 'email address', columns: ['follows.email'] }]);
    assert.deepEqual(follows.recipients.map((r) => r.name), ['Newsletter Ltd']);
    assert.deepEqual(follows.transfers, ['Newsletter Ltd (GB)']);
    const csv = registerCsv(after);
    assert.match(csv, /^purpose,name,controller,/);
    assert.match(csv, /\r\nfollows,Following datasets,Departement WSE,.*,email address,follows\.email,"Newsletter Ltd \(processor, DPA-9\)",Newsletter Ltd \(GB\),/);
  } finally {
    delete vocabulary.follows;
    for (const lang of languages) delete (messages(lang).privacyTerms.purposes as Record<string, unknown>).follows;
    delete personalDataMap.follows;
  }
});

test('the DPO reads the register as a page, CSV and JSON; others find nothing there', async () => {
  const s = await startServer('sqlite', { PRIVACY_DPO_EMAIL: 'dpo@portal.example' });
  try {
    const dpo = await signedIn(s, 'dpo');
    const home = await (await dpo.get('/-/privacy-office')).text();
    for (const path of ['/-/privacy-office/register', '/-/privacy-office/breaches', '/-/privacy-office/recipients', '/-/privacy-office/cases', '/-/privacy/versions']) assert.match(home, new RegExp(`href="${path}"`));
    const page = await (await dpo.get('/en/-/privacy-office/register')).text();
    assert.match(page, /<h2>Portal accounts: sign-in, API keys and messages about your account<\/h2>/);
    assert.match(page, /<code class="column">users\.email <\/code>/);
    const csv = await dpo.get('/-/privacy-office/register.csv');
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(await csv.text(), /dpo@portal\.example/);
    const json = await (await dpo.get('/en/-/privacy-office/register.json')).json();
    assert.deepEqual(json.activities.map((a: { purpose: string }) => a.purpose), Object.keys(purposes));

    const user = await signedIn(s, 'user');
    const other = await signedIn(s, 'editor');
    for (const path of ['/-/privacy-office', '/-/privacy-office/register', '/-/privacy-office/register.csv', '/-/privacy-office/breaches']) {
      assert.equal((await user.get(path)).status, 404, `user ${path}`);
      assert.equal((await other.get(path)).status, 404, `editor ${path}`);
      const anonymous = await fetch(`${s.url}${path}`, { redirect: 'manual' });
      assert.equal(anonymous.status, 303, `anonymous ${path}`);
    }
    // The admin is the DPO's deputy: the header links the office, and it opens.
    const deputy = await signedIn(s, 'admin');
    assert.equal((await deputy.get('/-/privacy-office/register')).status, 200);
    const refused = await other.post('/-/privacy-office/recipients', { name: 'Sneaky', role: 'processor', purposes: 'accounts', categories: 'contact', location: 'BE' });
    assert.equal(refused.status, 404);
    assert.equal((await s.portal.recipients.list()).length, 0);
  } finally {
    await s.close();
  }
});

test('a recipient with bad input is refused with its reason and nothing is written; ending one is done once', async () => {
  const s = await startServer('postgres');
  try {
    const dpo = await signedIn(s, 'dpo');
    await dpo.get('/-/privacy-office/recipients');
    const cases: [Record<string, string>, RegExp][] = [
      [{ name: 'X', role: 'processor', purposes: 'accounts', categories: 'contact', location: 'BE' }, /Geef de naam van de organisatie/],
      [{ name: 'Host NV', role: 'owner', purposes: 'accounts', categories: 'contact', location: 'BE' }, /verwerker of een ontvanger/],
      [{ name: 'Host NV', role: 'processor', purposes: 'marketing', categories: 'contact', location: 'BE' }, /minstens één doel/],
      [{ name: 'Host NV', role: 'processor', purposes: 'accounts', categories: 'contact', location: 'Belgium' }, /landcode van twee letters/],
    ];
    for (const [fields, message] of cases) {
      const response = await dpo.post('/-/privacy-office/recipients', fields);
      assert.equal(response.status, 400, JSON.stringify(fields));
      assert.match(await response.text(), message);
    }
    assert.equal((await s.portal.recipients.list()).length, 0);
    const versionBefore = (await s.portal.statements.current()).number;

    assert.equal((await dpo.post('/en/-/privacy-office/recipients', { name: 'Host NV', role: 'processor', purposes: 'accounts', categories: 'contact', location: 'be', contract_ref: 'DPA-1', contact: 'privacy@host.example' })).status, 303);
    const [host] = await s.portal.recipients.list();
    assert.equal(host.location, 'BE');
    assert.equal((await s.portal.statements.current()).number, versionBefore + 1);
    const listed = await (await dpo.get('/en/-/privacy-office/recipients')).text();
    assert.match(listed, /<button type="submit" class="secondary" aria-label="End: Host NV">End<\/button>/, 'the end button names its recipient');
    assert.equal((await dpo.post(`/en/-/privacy-office/recipients/${host.id}/end`, {})).status, 303);
    const again = await dpo.post(`/en/-/privacy-office/recipients/${host.id}/end`, {});
    assert.equal(again.status, 409);
    assert.match(await again.text(), /already ended/);
    assert.equal((await dpo.post('/en/-/privacy-office/recipients/rcp_nope/end', {})).status, 404);
    assert.doesNotMatch(JSON.stringify((await s.portal.statements.current()).text), /Host NV/, 'an ended recipient leaves the statement');
  } finally {
    await s.close();
  }
});

test('the exchanges with other users (discussions, reuses, data requests) are one activity of their own, with their own retention words', () => {
  const config = loadConfig({ PUBLISHER_NAME: 'Departement WSE', PRIVACY_DPO_EMAIL: 'dpo@wse.example' });
  for (const lang of languages) {
    const register = processingRegister(lang, config, []);
    const exchanges = register.find((a) => a.purpose === 'exchanges')!;
    const t = messages(lang).privacyTerms;
    assert.equal(exchanges.name, t.purposes.exchanges.name);
    assert.equal(exchanges.dataSubjects, t.purposes.exchanges.subjects);
    assert.match(exchanges.legalBasis.text, /Art\. 6\(1\)\(e\)/, 'public task by default');
    const columns = exchanges.categories.flatMap((c) => c.columns);
    for (const column of ['discussion_threads.title', 'discussion_posts.body', 'discussion_posts.author_id', 'discussion_reports.reason', 'reuses.user_id', 'reuses.description', 'reuses.decided_by', 'wishes.user_id', 'wishes.title', 'wish_votes.user_id', 'wish_comments.body']) {
      assert.ok(columns.includes(column), `${lang}: ${column} is held for the exchanges`);
    }
    // Nothing of the exchanges is filed under the accounts or publishing any more.
    for (const other of ['accounts', 'publishing'] as const) {
      const theirs = register.find((a) => a.purpose === other)!.categories.flatMap((c) => c.columns);
      assert.deepEqual(theirs.filter((c) => /^(discussion_|reuse|wish)/.test(c)), [], `${lang}: ${other}`);
    }
    // How long: the discussion, reuse and data-request rules, and the account's for votes, comments and reports.
    assert.deepEqual(exchanges.retention, [t.retention.account_data, t.retention.discussion, t.retention.reuse, t.retention.data_request]);
    assert.deepEqual(exchanges.categories.map((c) => c.id), ['account_metadata', 'identifier', 'preferences', 'messages']);
  }
  const csv = registerCsv(processingRegister('nl', config, []));
  assert.match(csv, /\r\nexchanges,"Uitwisselingen met andere gebruikers van het portaal:/);
});
