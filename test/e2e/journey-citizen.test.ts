// A citizen's whole path in real Chromium, in Dutch and English, on a laptop (1366×900) and a phone (390×844): home →
// catalog → a municipality picked among 300 through the facet's "show all" box → the table → the API page from the
// header → the privacy statement → the request form from the footer; then an account: register, change the address,
// make and copy an API key, read the access report. Every page gets the duplicate-id and axe checks and a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime } from '../../src/i18n/index.ts';
import { authorityContact } from '../../src/privacy/authorities.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { importMunicipalities } from '../web/municipalities-fixture.ts';
import { follow, openBrowser, openFilters, readable, viewports, visit, type BrowserHarness, clickHeaderLink } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  await importMunicipalities(s);
  b = await openBrowser({ everyPageChecked: true });
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
});
after(async () => {
  // The browser's close fails the file on a duplicate id or an unchecked page; the server and mail still stop.
  try {
    await b?.close();
  } finally {
    await s?.close();
    await smtp?.close();
  }
});

const words = {
  nl: {
    prefix: '', catalog: 'Datasets', search: 'gemeente', dataset: 'Inwoners per gemeente', table: 'Tabel', showAll: 'Toon alle (300)', filter: 'Filteren', one: '1 record',
    api: 'De API van dit portaal', statement: 'Privacyverklaring', retention: 'Welke gegevens', footerRequest: 'Privacyverzoek indienen', request: 'Een verzoek over uw persoonsgegevens',
    signIn: 'Aanmelden', mailbox: 'Bekijk uw mailbox', confirmed: /bevestigd/, sentTo: /Als (\S+) nog niet in gebruik is, sturen we een link naar dat adres/,
    confirm: /Bevestig dat (\S+) voortaan/, changed: /Uw e-mailadres is gewijzigd/, copy: 'Kopiëren', copied: 'Gekopieerd', report: 'Uw gegevens',
  },
  en: {
    prefix: '/en', catalog: 'Datasets', search: 'municipality', dataset: 'Inhabitants by municipality', table: 'Table', showAll: 'Show all (300)', filter: 'Filter', one: '1 record',
    api: 'The API of this portal', statement: 'Privacy statement', retention: 'Which data', footerRequest: 'Make a privacy request', request: 'A request about your personal data',
    signIn: 'Sign in', mailbox: 'Check your mailbox', confirmed: /confirmed/, sentTo: /If (\S+) is not in use yet, we are sending a link to that address/,
    confirm: /Confirm that (\S+) is your account/, changed: /Your email address was changed/, copy: 'Copy', copied: 'Copied', report: 'Your data',
  },
} as const;
const password = 'paard-batterij-nietje-correct';

for (const lang of ['nl', 'en'] as const) {
  for (const viewport of viewports) {
    test(`citizen, ${lang}, ${viewport.width}×${viewport.height}: from the home page to a municipality's row, the API page, the privacy pages and an account`, async () => {
      const w = words[lang];
      const page = b.page;
      const at = (path: string) => `${s.url}${w.prefix}${path}`;
      const step = (n: string) => `citizen-${lang}-${viewport.width}-${n}`;
      const ours = (name: string) => readable(page, { lang, width: viewport.width }, name);
      await page.setViewportSize(viewport);
      await b.context.clearCookies();

      // Home → the catalog from the header → search → the dataset.
      await visit(b, s.url, at('/'), step('01-home'));
      await ours('home');
      const icon = await s.get('/favicon.ico');
      assert.equal(icon.status, 200, 'the browser finds /favicon.ico (point 3)');
      assert.match(icon.headers.get('content-type') ?? '', /^image\//);
      await follow(b, s.url, at('/datasets'), () => clickHeaderLink(page, w.catalog), step('02-catalog'));
      await ours('catalog');
      await page.fill('#q', w.search);
      await follow(b, s.url, /\/datasets\?q=/, () => page.press('#q', 'Enter'), step('03-search'));
      await follow(b, s.url, at('/datasets/gemeenten'), () => page.locator('main a[href$="/datasets/gemeenten"]').first().click(), step('04-dataset'));
      assert.match((await page.textContent('h1')) ?? '', new RegExp(w.dataset));
      await ours('dataset');

      // The table, the facet's first values, "show all" with its box, and Gent picked among 300 (point 4).
      await follow(b, s.url, at('/datasets/gemeenten/table'), () => page.click(`.tabs a:has-text("${w.table}")`), step('05-table'));
      assert.equal(await page.locator('.record-facets .facet-value').count(), 10);
      await openFilters(page);
      await follow(b, s.url, /facet=gemeente/, () => page.click(`.facet-show-all a:has-text("${w.showAll}")`), step('06-facet-all'));
      assert.equal(await page.locator('.facet-all .facet-value').count(), 300);
      await page.fill('#facet-gemeente-q', 'gent');
      await follow(b, s.url, /facet_q=gent/, () => page.click(`.facet-search button:has-text("${w.filter}")`), step('07-facet-filtered'));
      assert.deepEqual(await page.locator('.facet-all .facet-value > a:first-child > span:first-child').allTextContents(), ['Gent']);
      await follow(b, s.url, /refine=gemeente%3AGent/, () => page.click('.facet-all .facet-value > a:has-text("Gent")'), step('08-gent'));
      assert.equal((await page.textContent('#records-heading'))?.trim(), w.one);
      assert.deepEqual(await page.locator('table.records tbody td:first-child').allTextContents(), ['Gent']);
      await ours('table');

      // "API" in the header: a page for people, with the console, keys and both OpenAPI files (point 3).
      await follow(b, s.url, at('/-/api'), () => clickHeaderLink(page, 'API'), step('09-api'));
      assert.equal(await page.textContent('h1'), w.api);
      for (const href of ['/api/explore/v2.1/swagger.json', '/api/opaal/v1/openapi.json', `${w.prefix}/-/account#api-keys`]) {
        assert.ok(await page.locator(`main a[href="${href}"]`).first().isVisible(), `the API page links ${href}`);
      }
      await ours('api');

      // The privacy statement from the footer: links, a retention table, the authority's address (point 2).
      await follow(b, s.url, at('/-/privacy'), () => page.click('footer a:text-is("Privacy")'), step('10-statement'));
      assert.equal((await page.textContent('h1'))?.trim(), w.statement);
      assert.ok((await page.locator('main a[href^="mailto:"]').count()) >= 2, 'addresses are mail links');
      assert.ok((await page.locator('main a[href^="https://"]').count()) >= 1, 'websites are links');
      const retention = page.locator('table.retention');
      assert.match((await retention.locator('thead').textContent()) ?? '', new RegExp(w.retention));
      assert.ok((await retention.locator('tbody tr').count()) > 8);
      const authority = authorityContact('vtc', lang);
      const statement = (await page.textContent('main')) ?? '';
      for (const part of [authority.name, authority.address, authority.email]) assert.ok(statement.includes(part), `the statement names the authority: ${part}`);
      assert.ok(await page.locator(`main a[href="${w.prefix}/-/privacy/request"]`).first().isVisible(), 'the statement links the request form');
      await ours('statement');
      // The request form, from any page's footer.
      await follow(b, s.url, at('/-/privacy/request'), () => page.click(`footer a:text-is("${w.footerRequest}")`), step('11-request-form'));
      assert.equal((await page.textContent('h1'))?.trim(), w.request);
      await ours('request form');

      // An account: register from the header's sign-in page, confirm by mail, sign in.
      const email = `burger.${lang}.${viewport.width}@example.org`;
      const fresh = `nieuw.${lang}.${viewport.width}@example.org`;
      await follow(b, s.url, at('/-/account/login'), () => clickHeaderLink(page, w.signIn), step('12-sign-in'));
      await ours('sign in');
      await follow(b, s.url, at('/-/account/register'), () => page.click(`main a[href="${w.prefix}/-/account/register"]`), step('13-register'));
      await page.fill('#first_name', 'Bea');
      await page.fill('#last_name', 'Burger');
      await page.fill('#email', email);
      await page.fill('#password', password);
      await page.check('#accept');
      await follow(b, s.url, /\/-\/account\/register/, () => page.click('main form button[type=submit]'), step('14-registered'));
      assert.match((await page.textContent('main')) ?? '', new RegExp(w.mailbox));
      await visit(b, s.url, new URL(linkIn(await smtp.next(email))).pathname, step('15-confirm'));
      await follow(b, s.url, /\/-\/account\//, () => page.click('main form button[type=submit]'), step('16-confirmed'));
      assert.match((await page.textContent('main')) ?? '', w.confirmed);
      await visit(b, s.url, at('/-/account/login'), step('17-login'));
      await page.fill('#email', email);
      await page.fill('#password', password);
      await follow(b, s.url, at('/-/account'), () => page.click('main form button[type=submit]'), step('18-account'));
      await ours('account');
      // Someone who just accepted the current statement is not told it changed (point 9).
      assert.equal(await page.locator('.statement-notice').count(), 0, 'no "statement changed" notice for a new account');

      // A new address: the answer, the mail and the confirmation page all name it (point 12).
      await page.fill('#new_email', fresh);
      await page.fill('#email_password', password);
      await follow(b, s.url, /done=email/, () => page.click('section[aria-labelledby="email-change"] button[type=submit]'), step('19-email-asked'));
      assert.equal(w.sentTo.exec((await page.textContent('main')) ?? '')?.[1], fresh);
      const mail = await smtp.next(fresh);
      assert.ok(mail.text.includes(fresh), 'the mail names the new address');
      await visit(b, s.url, new URL(linkIn(mail)).pathname, step('20-email-confirm'));
      assert.equal(w.confirm.exec((await page.textContent('main')) ?? '')?.[1], fresh);
      await follow(b, s.url, /\/-\/account/, () => page.click('main form[action*="/-/account/email/"] button[type=submit]'), step('21-email-changed'));
      assert.match((await page.textContent('main')) ?? '', w.changed);
      assert.ok(((await page.textContent('main')) ?? '').includes(fresh), 'the page names the address now in use');
      await smtp.next(email);

      // An API key, with a button that copies it (point 12).
      await visit(b, s.url, at('/-/account'), step('22-account'));
      await page.fill('#key_name', 'Mijn dashboard');
      await page.fill('#days', '30');
      await follow(b, s.url, /\/-\/account/, () => page.click('section[aria-labelledby="api-keys"] form button[type=submit]'), step('23-key-created'));
      const key = await page.inputValue('#new-api-key');
      assert.match(key, /^opaal_/);
      const copy = page.locator('button[data-copy]');
      assert.equal((await copy.textContent())?.trim(), w.copy);
      await copy.click();
      await page.waitForFunction((done) => document.querySelector('button[data-copy]')?.textContent === done, w.copied);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);

      // The account's privacy page links the request form; its readable report is a document in local time (point 12).
      await visit(b, s.url, at('/-/account/privacy'), step('24-account-privacy'));
      assert.ok(await page.locator(`main a[href="${w.prefix}/-/privacy/request"]`).first().isVisible(), 'the account\'s privacy page links the request form');
      await ours('account privacy');
      await follow(b, s.url, /\/-\/account\/privacy/, () => page.click('section[aria-labelledby="download"] form button[type=submit]'), step('25-report-ready'));
      await follow(b, s.url, /\.html$/, () => page.click('a[href$=".html"]'), step('26-report'));
      assert.equal(await page.textContent('h2#data'), w.report);
      assert.ok((await page.locator('h4').count()) > 5, 'a heading per kind of data');
      const report = (await page.textContent('body')) ?? '';
      assert.doesNotMatch(report, /\d{4}-\d{2}-\d{2}T\d{2}:|firstName|apiKeys/, 'no raw keys or timestamps');
      const account = await s.portal.store.db.selectFrom('users').select('created_at').where('email', '=', fresh).executeTakeFirstOrThrow();
      assert.ok(report.includes(formatTime(lang, account.created_at, s.portal.config.timezone)), 'the registration shows in the portal\'s local time');
      assert.ok(report.includes(fresh) && report.includes('Mijn dashboard'), 'the report holds the address and the key\'s name');
      await ours('report');
    });
  }
}
