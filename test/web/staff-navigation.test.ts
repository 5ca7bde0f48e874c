// The header over HTTP: each role sees the tools the permission table opens to it and every link opens; editors see an
// Edit link on a dataset's pages; the privacy office has one name per language and links every part; the API page and
// /favicon.ico.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { can } from '../../src/accounts/permissions.ts';
import type { Role } from '../../src/accounts/types.ts';
import { messages } from '../../src/i18n/index.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s?.close());

const headerOf = (html: string) => /<header class="site-header">([\s\S]*?)<\/header>/.exec(html)?.[1] ?? '';
const linksOf = (html: string) => [...html.matchAll(/<a [^>]*?href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => ({ href: m[1], text: m[2] }));

const tools = {
  nl: { backoffice: 'Datasets beheren', office: 'Privacykantoor', admin: 'Beheer' },
  en: { backoffice: 'Manage datasets', office: 'Privacy office', admin: 'Administration' },
};
const toolPaths = { backoffice: '/-/admin/datasets', office: '/-/privacy-office', admin: '/-/admin' } as const;
/** What each role's header should hold, from the rule table (the test names it by hand too, so a change of either shows). */
const expected: Record<Role | 'visitor', (keyof typeof toolPaths)[]> = {
  visitor: [],
  user: [],
  editor: ['backoffice'],
  dpo: ['office', 'admin'],
  admin: ['backoffice', 'office', 'admin'],
};

test('the header links each role to exactly the tools it may open, in both languages, and each link opens', async () => {
  for (const role of ['visitor', 'user', 'editor', 'dpo', 'admin'] as const) {
    const v: Visitor = role === 'visitor' ? visitor(s.url) : await signedIn(s, role);
    for (const lang of ['nl', 'en'] as const) {
      const prefix = lang === 'nl' ? '' : '/en';
      const page = await v.get(`${prefix}/datasets`);
      assert.equal(page.status, 200);
      const header = linksOf(headerOf(await page.text()));
      const shown = (Object.keys(toolPaths) as (keyof typeof toolPaths)[]).filter((tool) => header.some((l) => l.text === tools[lang][tool]));
      assert.deepEqual(shown, expected[role], `${role} ${lang}`);
      for (const tool of shown) {
        const link = header.find((l) => l.text === tools[lang][tool])!;
        assert.equal(link.href, `${prefix}${toolPaths[tool]}`);
        const opened = await v.get(link.href);
        assert.equal(opened.status, 200, `${role} opens ${link.href}`);
        // The tool's own page marks its link, and only its link (the back office is not the administration).
        const current = [...headerOf(await opened.text()).matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
        assert.deepEqual(current, [link.href], `${role} on ${link.href}`);
      }
    }
  }
  // The hand-written expectations agree with the rule table.
  const account = (role: Role) => ({ role, disabledAt: null });
  for (const role of ['user', 'editor', 'dpo', 'admin'] as const) {
    assert.equal(expected[role].includes('backoffice'), can(account(role), 'dataset.edit'), role);
    assert.equal(expected[role].includes('office'), can(account(role), 'privacy.manage'), role);
  }
});

test('a dataset page shows its editors an Edit link to the dataset in the back office, and nobody else', async () => {
  const editor = await signedIn(s, 'editor');
  const admin = await signedIn(s, 'admin');
  const dpo = await signedIn(s, 'dpo');
  for (const [prefix, text] of [['', 'Bewerken'], ['/en', 'Edit']] as const) {
    for (const path of ['/datasets/cities', '/datasets/cities/table', '/datasets/cities/api']) {
      for (const staff of [editor, admin]) {
        const html = await (await staff.get(`${prefix}${path}`)).text();
        const edit = linksOf(html).find((l) => l.text === text);
        assert.equal(edit?.href, `${prefix}/-/admin/datasets/cities`, `${prefix}${path}`);
        assert.equal((await staff.get(edit!.href)).status, 200);
      }
      for (const other of [visitor(s.url), dpo]) {
        const html = await (await other.get(`${prefix}${path}`)).text();
        assert.ok(!html.includes('/-/admin/datasets/cities'), `no Edit link for a visitor or the DPO on ${prefix}${path}`);
      }
    }
  }
});

test('the privacy office has one name per language and its home page links every part, each of which shows the office tabs', async () => {
  assert.equal(messages('nl').privacy.office, 'Privacykantoor');
  assert.equal(messages('en').privacy.office, 'Privacy office');
  const dpo = await signedIn(s, 'dpo');
  for (const [prefix, name] of [['', 'Privacykantoor'], ['/en', 'Privacy office']] as const) {
    const home = await (await dpo.get(`${prefix}/-/privacy-office`)).text();
    assert.match(home, new RegExp(`<title>${name} — `));
    assert.match(home, new RegExp(`<h1>${name}</h1>`));
    const parts = ['cases', 'register', 'recipients', 'breaches', 'holds'].map((part) => `${prefix}/-/privacy-office/${part}`);
    const hrefs = linksOf(home.slice(home.indexOf('<main'))).map((l) => l.href);
    for (const part of parts) {
      assert.ok(hrefs.includes(part), `the home page links ${part}`);
      const html = await (await dpo.get(part)).text();
      const tabs = /<nav class="tabs" aria-label="([^"]+)">([\s\S]*?)<\/nav>/.exec(html);
      assert.equal(tabs?.[1], name, `${part} shows the office's tabs`);
      for (const other of parts) assert.ok(tabs![2].includes(`href="${other}"`), `${part} links ${other}`);
    }
  }
});

test('"API" in the header opens the API page for people, in both languages', async () => {
  for (const [prefix, heading, anonymous, keyed] of [['', 'De API van dit portaal', '10.000', '100.000'], ['/en', 'The API of this portal', '10,000', '100,000']] as const) {
    const home = await (await s.get(`${prefix}/`)).text();
    const api = linksOf(headerOf(home)).find((l) => l.text === 'API');
    assert.equal(api?.href, `${prefix}/-/api`);
    const response = await s.get(api!.href);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.match(html, new RegExp(`<h1>${heading}</h1>`));
    assert.match(html, /Opendatasoft/);
    assert.match(html, /ODSQL/);
    assert.ok(html.includes(anonymous) && html.includes(keyed), 'the daily limits in the page’s number format');
    assert.ok(html.includes(`href="${prefix}/-/account#api-keys"`), 'links the account’s keys');
    assert.ok(html.includes(`href="${prefix}/datasets"`), 'links the catalog, where each dataset has its console');
    assert.match(html, /decimal=comma/, 'sums up the compatibility notes');
    assert.match(html, /31370/);
    // Both OpenAPI files are linked and answer.
    for (const spec of ['/api/explore/v2.1/swagger.json', '/api/opaal/v1/openapi.json']) {
      assert.ok(html.includes(`href="${spec}"`), spec);
      const document = await json(s.get(spec));
      assert.match(String(document.openapi), /^3\./, spec);
    }
    // The footer's API link goes to the page too, not to raw JSON.
    const footer = /<footer[\s\S]*<\/footer>/.exec(html)![0];
    assert.ok(footer.includes(`href="${prefix}/-/api"`));
    assert.ok(!footer.includes('href="/api/explore/v2.1/"'));
  }
});

test('/favicon.ico is an icon with a long cache, and every page links it', async () => {
  const response = await s.get('/favicon.ico');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/x-icon');
  assert.match(response.headers.get('cache-control') ?? '', /public, max-age=\d{7,}/);
  const body = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...body.subarray(0, 6)], [0, 0, 1, 0, 1, 0], 'an ICO header with one image');
  assert.equal(body[6], 32);
  assert.equal(body.readUInt32LE(18), 22, 'the image follows the directory');
  assert.equal(body.readUInt32LE(14), body.length - 22);
  assert.deepEqual([...body.subarray(22, 30)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG inside');
  const home = await (await s.get('/')).text();
  assert.match(home, /<link rel="icon" href="\/favicon.ico" sizes="32x32"/);
});
