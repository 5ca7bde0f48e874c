// In Chromium, at a laptop's and a phone's size, in Dutch and English: a citizen goes from any page's footer to the
// privacy statement (links, retention table) and on to the request form; the DPO reads a case history in local time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let now = new Date('2026-07-14T21:45:00Z'); // 23:45 in Brussels: the local day is not the UTC hour
let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer('sqlite', {}, { clock: () => now });
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const viewports = [{ width: 1366, height: 900 }, { width: 390, height: 844 }] as const;
const words = {
  nl: { prefix: '', footerPrivacy: 'Privacy', footerRequest: 'Privacyverzoek indienen', statement: 'Privacyverklaring', request: 'Een verzoek over uw persoonsgegevens', retention: 'Welke gegevens' },
  en: { prefix: '/en', footerPrivacy: 'Privacy', footerRequest: 'Make a privacy request', statement: 'Privacy statement', request: 'A request about your personal data', retention: 'Which data' },
} as const;

test('a citizen finds the statement and the request form from the footer, in Dutch and English, on a laptop and a phone', async () => {
  const page = b.page;
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const [lang, w] of Object.entries(words)) {
      const name = `${lang}-${viewport.width}`;
      await page.goto(`${s.url}${w.prefix}/`);
      await Promise.all([page.waitForURL(/\/-\/privacy$/), page.click(`footer a:text-is("${w.footerPrivacy}")`)]);
      assert.equal((await page.textContent('h1'))?.trim(), w.statement);
      assert.ok(await page.locator('main a[href^="mailto:"]').count() >= 2, `${name}: addresses are mail links`);
      assert.ok(await page.locator('main a[href^="https://"]').count() >= 1, `${name}: websites are links`);
      const table = page.locator('table.retention');
      assert.equal(await table.count(), 1, `${name}: retention is a table`);
      assert.match((await table.locator('thead').textContent()) ?? '', new RegExp(w.retention));
      assert.ok(await table.locator('tbody tr').count() > 8);
      assert.ok(await table.isVisible());
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: the statement fits the width (${overflow}px too wide)`);
      await checkPage(b, s.url, `statement-${name}`);

      // From the statement itself to the form.
      await Promise.all([page.waitForURL(/\/-\/privacy\/request$/), page.locator(`main a[href="${w.prefix}/-/privacy/request"]`).first().click()]);
      assert.equal((await page.textContent('h1'))?.trim(), w.request);
      // And from any page's footer.
      await page.goto(`${s.url}${w.prefix}/datasets`);
      await Promise.all([page.waitForURL(/\/-\/privacy\/request$/), page.click(`footer a:text-is("${w.footerRequest}")`)]);
      assert.equal((await page.textContent('h1'))?.trim(), w.request);
      await checkPage(b, s.url, `statement-request-form-${name}`);
    }
  }
});

test('the DPO reads a case history as sentences, in the portal time zone, with actors by role', async () => {
  const dpo = await signedIn(s, 'dpo');
  const c = await s.portal.privacyCases.register({ type: 'access', message: 'Per brief ontvangen.', email: 'brief@example.org', lang: 'nl', channel: 'post', receivedDay: '2026-07-14' }, dpo.accountId);
  await b.context.addCookies([{ name: 'opaal_session', value: dpo.cookie!.split('=')[1], url: s.url }]);
  const page = b.page;
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const [lang, prefix, expected] of [
      ['nl', '', ['14 juli 2026 23:45', 'De DPO heeft het verzoek ingediend of geregistreerd (post)']],
      ['en', '/en', ['14 July 2026 23:45', 'The DPO submitted or registered the request (post)']],
    ] as const) {
      await page.goto(`${s.url}${prefix}/-/privacy-office/cases/${c.id}`);
      const history = (await page.locator('main ol').last().textContent()) ?? '';
      for (const text of expected) assert.ok(history.includes(text), `${lang}: ${text} in ${history}`);
      assert.ok(!history.includes(dpo.accountId), 'no account id');
      assert.doesNotMatch(history, /21:45|received\b/, 'no UTC time, no code');
      await checkPage(b, s.url, `case-history-${lang}-${viewport.width}`);
    }
  }
  await b.context.clearCookies();
});
