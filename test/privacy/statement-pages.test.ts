// The statement's pages in both languages, its PDF, and the notice a signed-in person sees when the statement changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { startServer } from '../helpers/server.ts';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { signedIn as staffSignedIn } from '../helpers/staff.ts';

/** The text a PDF shows: each text operator's strings, inflated from the content streams and decoded from WinAnsi. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      lines.push([...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}

test('the statement, its history and its PDF in Dutch and English; unknown versions are a 404', async () => {
  const s = await startServer('sqlite');
  try {
    const nl = await s.get('/-/privacy');
    assert.equal(nl.status, 200);
    const page = await nl.text();
    assert.match(page, /<h1>Privacyverklaring<\/h1>/);
    assert.match(page, /Versie 1, gepubliceerd op/);
    assert.match(page, /<h2>Uw rechten<\/h2>/);
    assert.match(page, /href="\/-\/privacy.pdf"/);
    const en = await (await s.get('/en/-/privacy')).text();
    assert.match(en, /<h2>Your rights<\/h2>/);
    assert.match(en, /href="\/en\/-\/privacy\/versions"/);

    const history = await (await s.get('/en/-/privacy/versions')).text();
    assert.match(history, /href="\/en\/-\/privacy\/versions\/1">Privacy statement, version 1<\/a>/);
    const json = await (await s.get('/-/privacy/versions/1.json')).json();
    assert.equal(json.version, 1);
    assert.equal(json.text.en[0].heading, 'Who is responsible');
    for (const path of ['/-/privacy/versions/2', '/-/privacy/versions/0', '/-/privacy/versions/abc', '/en/-/privacy/changes?from=7']) {
      assert.equal((await s.get(path)).status, 404, path);
    }
    assert.equal((await s.get('/-/privacy/versions/5.json')).status, 404);

    for (const [path, headings] of [['/-/privacy.pdf', ['Privacyverklaring', 'Wie is verantwoordelijk', 'Uw rechten', 'Cookies en statistieken', 'Versie 1']], ['/en/-/privacy.pdf', ['Privacy statement', 'Who is responsible', 'Your rights', 'Recipients and processors', 'Version 1']]] as const) {
      const response = await s.get(path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      const pdf = Buffer.from(await response.arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.match(pdf.subarray(-8).toString(), /%%EOF/);
      const text = pdfText(pdf);
      for (const heading of headings) assert.ok(text.includes(heading), `${path} lacks ${heading}`);
    }
  } finally {
    await s.close();
  }
});

test('a signed-in person sees the changed statement until they acknowledge it; the changes page shows what is new', async () => {
  const s = await startServer('sqlite');
  try {
    // Registered under version 1.
    const first = await s.portal.statements.current();
    const userId = await createAccount(s, 'reader@example.org', 'user');
    await s.portal.store.db.insertInto('consents').values({ user_id: userId, purpose: 'privacy_statement', statement_version: first.version, statement_digest: first.digest, method: 'registration_form', language: 'nl', given_at: s.portal.clock().toISOString(), withdrawn_at: null }).execute();
    const reader = await signedIn(s, 'reader@example.org');
    assert.doesNotMatch(await (await reader.get('/datasets')).text(), /statement-notice/, 'no notice while the accepted text is current');

    // The DPO adds a processor: the statement gets version 2.
    const dpo = await staffSignedIn(s, 'dpo');
    await dpo.get('/-/privacy-office/recipients');
    const added = await dpo.post('/-/privacy-office/recipients', { name: 'Mailing BV', role: 'processor', purposes: 'accounts', categories: 'contact', location: 'NL', contract_ref: 'DPA-7', contact: '' });
    assert.equal(added.status, 303);
    assert.equal((await s.portal.statements.current()).number, 2);

    const page = await (await reader.get('/en/datasets')).text();
    assert.match(page, /class="notice statement-notice"/);
    assert.match(page, /The privacy statement has changed since you read it\./);
    assert.match(page, /href="\/en\/-\/privacy\/changes\?from=1"/);
    assert.match(page, /name="version" value="2"/);
    const changes = await (await reader.get('/en/-/privacy/changes?from=1')).text();
    assert.match(changes, /Changes from version 1 to version 2/);
    assert.match(changes, /Mailing BV \(processor\)/);
    assert.doesNotMatch(changes, /<h2>Your rights<\/h2>/, 'unchanged sections are left out');
    assert.match(await (await reader.get('/-/privacy/versions/1')).text(), /Dit is een eerdere versie\./);

    // A stale button (version 1) is refused and records nothing.
    await reader.get('/en/datasets');
    const stale = await reader.post('/en/-/privacy/acknowledge', { version: '1', back: '/datasets' });
    assert.equal(stale.status, 409);
    assert.match(await stale.text(), /changed again meanwhile/);
    const acknowledged = await reader.post('/en/-/privacy/acknowledge', { version: '2', back: '/datasets' });
    assert.equal(acknowledged.status, 303);
    assert.equal(acknowledged.headers.get('location'), '/en/datasets');
    assert.doesNotMatch(await (await reader.get('/en/datasets')).text(), /statement-notice/);
    const rows = await s.portal.store.db.selectFrom('consents').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.method, r.statement_version]), [['registration_form', '1'], ['acknowledged', '2']]);

    // Going elsewhere than this portal after acknowledging is not possible.
    const v3 = await dpo.post('/-/privacy-office/recipients', { name: 'Archief NV', role: 'recipient', purposes: 'publishing', categories: 'contact_point', location: 'BE', contract_ref: '', contact: '' });
    assert.equal(v3.status, 303);
    await reader.get('/datasets');
    const offsite = await reader.post('/-/privacy/acknowledge', { version: '3', back: '//evil.example/' });
    assert.equal(offsite.headers.get('location'), '/-/privacy');
  } finally {
    await s.close();
  }
});

test('the notice is only for someone who accepted an earlier text: not for who never accepted one, not for a new version with the same text', async () => {
  const s = await startServer('sqlite');
  try {
    const first = await s.portal.statements.current();
    await createAccount(s, 'never@example.org', 'user');
    const never = await signedIn(s, 'never@example.org');
    const userId = await createAccount(s, 'same@example.org', 'user');
    await s.portal.store.db.insertInto('consents').values({ user_id: userId, purpose: 'privacy_statement', statement_version: first.version, statement_digest: first.digest, method: 'registration_form', language: 'nl', given_at: s.portal.clock().toISOString(), withdrawn_at: null }).execute();
    const same = await signedIn(s, 'same@example.org');
    // A version 2 with exactly the text of version 1 (a republication): nothing to read again.
    const row = await s.portal.store.db.selectFrom('privacy_statements').selectAll().where('version', '=', 1).executeTakeFirstOrThrow();
    await s.portal.store.db.insertInto('privacy_statements').values({ ...row, version: 2, published_at: s.portal.clock().toISOString() }).execute();
    assert.equal((await s.portal.statements.current()).number, 2);
    assert.doesNotMatch(await (await never.get('/datasets')).text(), /statement-notice/, 'never accepted: no notice');
    assert.doesNotMatch(await (await same.get('/datasets')).text(), /statement-notice/, 'same text under a new number: no notice');

    // A text that really differs reaches the one who accepted version 1, still not the one who never accepted.
    await s.portal.recipients.add('u_dpo', { name: 'Archief NV', role: 'recipient', purposes: ['publishing'], categories: ['contact_point'], location: 'BE', contractRef: '', contact: '' });
    assert.equal((await s.portal.statements.current()).number, 3);
    assert.match(await (await same.get('/datasets')).text(), /statement-notice/);
    assert.doesNotMatch(await (await never.get('/datasets')).text(), /statement-notice/);
  } finally {
    await s.close();
  }
});

test('the statement links its addresses and the request form, shows retention as a table, and keeps its stored text', async () => {
  const s = await startServer('sqlite');
  try {
    const before = await s.portal.statements.current();
    for (const [prefix, lang] of [['', 'nl'], ['/en', 'en']] as const) {
      const page = await (await s.get(`${prefix}/-/privacy`)).text();
      assert.match(page, /<a href="mailto:contact@toezichtcommissie\.be">contact@toezichtcommissie\.be<\/a>/, lang);
      assert.match(page, /<a href="https:\/\/www\.vlaanderen\.be\/vlaamse-toezichtcommissie">https:\/\/www\.vlaanderen\.be\/vlaamse-toezichtcommissie<\/a>\./, `${lang}: the full stop stays outside the link`);
      assert.match(page, /<a href="mailto:[^"]+@[^"]+">/);
      const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
      assert.ok(main.includes(`href="${prefix}/-/privacy/request"`), `${lang}: the statement links the request form`);
      assert.ok(page.slice(page.indexOf('<footer')).includes(`href="${prefix}/-/privacy/request"`), `${lang}: the footer links the request form`);
      const table = main.slice(main.indexOf('<table class="retention">'), main.indexOf('</table>'));
      assert.ok(table.length > 0, `${lang}: the retention section is a table`);
      assert.ok((table.match(/<tr>/g) ?? []).length > 8, 'one row per rule');
      assert.doesNotMatch(table, /<td>[^<]*; [^<]*; [^<]*<\/td>/, 'no cell is a run of semicolons');
    }
    // Rendering changed, the stored text did not: the same version and digest.
    const after = await s.portal.statements.current();
    assert.equal(after.number, before.number);
    assert.equal(after.digest, before.digest);
    assert.ok(after.text.nl.some((section) => section.items?.some((item) => item.includes('; '))), 'the stored items keep their wording');

    await createAccount(s, 'rights@example.org', 'user');
    const person = await signedIn(s, 'rights@example.org');
    const account = await (await person.get('/-/account/privacy')).text();
    assert.ok(account.slice(account.indexOf('<main')).split('</main>')[0].includes('href="/-/privacy/request"'), 'the account privacy page links the request form');
  } finally {
    await s.close();
  }
});
