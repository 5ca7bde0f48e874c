// The account's privacy page over HTTP: the archive download (owner's session only, 7 days, then 410 and gone),
// restriction, objection, consents, and deleting the account with the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount, signedIn, testPassword } from '../helpers/accounts.ts';
import { startServer } from '../helpers/server.ts';
import { visitor } from '../helpers/visitor.ts';

test('the privacy page makes an archive that only its owner downloads, for 7 days; then 410 and the files are gone', async () => {
  let now = new Date('2026-11-29T10:00:00.000Z');
  const s = await startServer('sqlite', {}, { clock: () => now });
  try {
    const id = await createAccount(s, 'owner@example.org', 'user');
    await createAccount(s, 'other@example.org', 'user');
    const v = await signedIn(s, 'owner@example.org');
    assert.match(await (await v.get('/-/account')).text(), /href="\/-\/account\/privacy"/, 'the account page links to it');
    assert.equal((await visitor(s.url).get('/-/account/privacy')).headers.get('location'), '/-/account/login');
    assert.equal((await v.get('/-/account/privacy')).status, 200);
    const made = await v.post('/-/account/privacy/archive', {});
    assert.equal(made.status, 303);
    const page = await (await v.get(made.headers.get('location')!)).text();
    const file = /\/-\/account\/privacy\/archive\/([A-Za-z0-9_-]{32})\.json/.exec(page)![1];
    const download = await v.get(`/-/account/privacy/archive/${file}.json`);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition')!, /attachment/);
    const archive = await download.json();
    assert.equal(archive.format, 'opaal-access-archive/1');
    assert.equal(archive.data.account.items.profile.email, 'owner@example.org');
    assert.deepEqual(archive.data.account.items.profile.password, { set: true, lastChangedAt: now.toISOString() });
    const report = await (await v.get(`/-/account/privacy/archive/${file}.html`)).text();
    assert.match(report, /owner@example\.org/);
    assert.match(report, /Vlaamse Toezichtcommissie/);
    assert.match(report, /Art\. 6\(1\)\(e\)/);
    assert.match(report, /<h3>Aanmeldbeveiliging<\/h3>/, 'in the language of the page it was asked from');

    const stranger = await signedIn(s, 'other@example.org');
    assert.equal((await stranger.get(`/-/account/privacy/archive/${file}.json`)).status, 404, 'another account cannot fetch it');
    assert.equal((await visitor(s.url).get(`/-/account/privacy/archive/${file}.json`)).status, 303, 'nor can a visitor');
    assert.equal((await v.get('/-/account/privacy/archive/..%2F..%2Fopaal.sqlite')).status, 404);
    const logged = await s.portal.store.db.selectFrom('events').selectAll().where('verb', '=', 'privacy.archive_downloaded').execute();
    assert.equal(logged.length, 2);
    assert.deepEqual(JSON.parse(logged[0].data), { format: 'json' });

    now = new Date(now.getTime() + 7 * 86_400_000 + 1000);
    const later = await signedIn(s, 'owner@example.org');
    assert.equal((await later.get(`/-/account/privacy/archive/${file}.json`)).status, 410);
    assert.ok(!existsSync(join(s.env.dataDir, 'archives', `${file}.json`)));
    assert.deepEqual(readdirSync(join(s.env.dataDir, 'archives')), []);
    assert.equal((await later.get(`/-/account/privacy/archive/${file}.json`)).status, 404);
    assert.equal((await s.portal.store.db.selectFrom('access_archives').select('id').where('user_id', '=', id).execute()).length, 0);
  } finally {
    await s.close();
  }
});

test('restriction and objection are recorded and shown; an acknowledgement cannot be withdrawn; bad input gets a precise status', async () => {
  const s = await startServer('sqlite');
  try {
    const id = await createAccount(s, 'flags@example.org', 'user');
    await s.portal.store.db.insertInto('consents').values({ user_id: id, purpose: 'privacy_statement', statement_version: '2026-11-29', statement_digest: 'd', method: 'registration_form', language: 'nl', given_at: s.portal.clock().toISOString(), withdrawn_at: null }).execute();
    const v = await signedIn(s, 'flags@example.org');
    let page = await (await v.get('/en/-/account/privacy')).text();
    assert.match(page, /Privacy statement read/);
    assert.match(page, /cannot be withdrawn/);
    assert.match(page, /Processing is not restricted/);
    assert.equal((await v.post('/en/-/account/privacy/restriction', { restricted: 'yes' })).status, 303);
    page = await (await v.get('/en/-/account/privacy')).text();
    assert.match(page, /Restricted since/);
    assert.match(await (await v.get('/en/-/account')).text(), /Restricted since/, 'the account page shows it too');
    assert.equal((await v.post('/en/-/account/privacy/objection', { purpose: 'publishing', objected: 'yes' })).status, 303);
    page = await (await v.get('/-/account/privacy')).text();
    assert.match(page, /bezwaar sinds/);
    const flags = await s.portal.store.db.selectFrom('account_privacy_flags').selectAll().where('user_id', '=', id).orderBy('kind').execute();
    assert.deepEqual(flags.map((f) => [f.kind, f.purpose, f.set_by]), [['objection', 'publishing', 'self'], ['restriction', '', 'self']]);

    const consent = await s.portal.store.db.selectFrom('consents').select('id').where('user_id', '=', id).executeTakeFirstOrThrow();
    const refused = await v.post('/-/account/privacy/consents/withdraw', { consent_id: String(consent.id) });
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /kennisname/);
    assert.equal((await v.post('/-/account/privacy/consents/withdraw', { consent_id: '999' })).status, 404);
    assert.equal((await v.post('/-/account/privacy/consents/withdraw', { consent_id: 'x' })).status, 404);
    assert.equal((await v.post('/-/account/privacy/objection', { purpose: 'marketing', objected: 'yes' })).status, 400);

    // A consent (none exists yet besides the acknowledgement) is withdrawn with one click.
    const optional = await s.portal.store.db.insertInto('consents').values({ user_id: id, purpose: 'newsletter', statement_version: '2026-11-29', statement_digest: 'd', method: 'account_page', language: 'en', given_at: s.portal.clock().toISOString(), withdrawn_at: null }).returning('id').executeTakeFirstOrThrow();
    page = await (await v.get('/en/-/account/privacy')).text();
    assert.match(page, new RegExp(`name="consent_id" value="${optional.id}"`));
    assert.equal((await v.post('/en/-/account/privacy/consents/withdraw', { consent_id: String(optional.id) })).status, 303);
    const withdrawn = await s.portal.store.db.selectFrom('consents').select('withdrawn_at').where('id', '=', optional.id).executeTakeFirstOrThrow();
    assert.ok(withdrawn.withdrawn_at);
    assert.match(await (await v.get('/en/-/account/privacy')).text(), /withdrawn on/);
    assert.equal((await s.portal.store.db.selectFrom('events').select('verb').where('verb', '=', 'privacy.consent_withdrawn').execute()).length, 1);
  } finally {
    await s.close();
  }
});

test('deleting the account takes the password; then the session and API keys stop at once', async () => {
  const s = await startServer('sqlite');
  try {
    const id = await createAccount(s, 'leaving@example.org', 'user');
    const { key } = await s.portal.apiKeys.create(id, { name: 'script' });
    const api = '/api/explore/v2.1/catalog/datasets';
    assert.equal((await s.get(api, { headers: { authorization: `Apikey ${key}` } })).status, 200);
    const v = await signedIn(s, 'leaving@example.org');
    const other = await signedIn(s, 'leaving@example.org');
    await v.get('/-/account/privacy');
    const wrong = await v.post('/-/account/privacy/delete', { password: 'not-the-password' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /wachtwoord is niet juist/);
    assert.ok(await s.portal.store.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst(), 'nothing erased');
    const gone = await v.post('/-/account/privacy/delete', { password: testPassword });
    assert.equal(gone.status, 200);
    assert.match(await gone.text(), /Uw account is verwijderd/);
    assert.equal(v.cookie, null, 'the cookie is cleared');
    assert.equal((await other.get('/-/account')).status, 303, 'other sessions end too');
    assert.equal((await s.get(api, { headers: { authorization: `Apikey ${key}` } })).status, 401);
    assert.equal(await s.portal.store.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst(), undefined);
  } finally {
    await s.close();
  }
});

test('the last active admin cannot delete their account (409, nothing erased) until another admin exists', async () => {
  const s = await startServer('sqlite');
  try {
    const id = await createAccount(s, 'only.admin@example.org', 'admin');
    const v = await signedIn(s, 'only.admin@example.org');
    await v.get('/en/-/account/privacy');
    const refused = await v.post('/en/-/account/privacy/delete', { password: testPassword });
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /last active admin account/);
    assert.ok(await s.portal.store.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
    assert.equal((await s.portal.store.db.selectFrom('erasure_ledger').select('id').execute()).length, 0);
    assert.equal((await v.get('/en/-/account')).status, 200, 'still signed in');
    await createAccount(s, 'second.admin@example.org', 'admin');
    await v.get('/en/-/account/privacy');
    assert.equal((await v.post('/en/-/account/privacy/delete', { password: testPassword })).status, 200);
  } finally {
    await s.close();
  }
});

test('the readable report is a document for a person: headings, sentences, local times, labels instead of keys', async () => {
  const s = await startServer('sqlite', { TIMEZONE: 'Europe/Brussels' }, { clock: () => new Date('2026-07-01T20:30:00.000Z') });
  try {
    await createAccount(s, 'lezer@example.org', 'editor');
    const v = await signedIn(s, 'lezer@example.org');
    await v.get('/-/account/privacy');
    const made = await v.post('/-/account/privacy/archive', {});
    const page = await (await v.get(made.headers.get('location')!)).text();
    const file = /\/-\/account\/privacy\/archive\/([A-Za-z0-9_-]{32})\.json/.exec(page)![1];
    const report = await (await v.get(`/-/account/privacy/archive/${file}.html`)).text();
    assert.match(report, /<h2 id="data">Uw gegevens<\/h2>/);
    assert.match(report, /<h4>Uw profiel<\/h4>/);
    assert.match(report, /<dt>E-mailadres<\/dt><dd>lezer@example\.org<\/dd>/);
    assert.match(report, /<dt>Rol<\/dt><dd>redacteur<\/dd>/, 'a role in words');
    assert.match(report, /<dt>Gemaakt op<\/dt><dd>1 juli 2026 22:30<\/dd>/, 'a moment in the portal’s time zone');
    assert.match(report, /Hierover bewaren we niets van u\./);
    assert.doesNotMatch(report, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no raw timestamps');
    assert.doesNotMatch(report, /<(dt|th)[^>]*>[a-z]+[A-Z]\w*</, 'no camelCase keys as labels');
    const archive = await (await v.get(`/-/account/privacy/archive/${file}.json`)).json();
    assert.equal(archive.data.account.items.profile.createdAt, '2026-07-01T20:30:00.000Z', 'the JSON archive keeps its ISO times');
  } finally {
    await s.close();
  }
});
