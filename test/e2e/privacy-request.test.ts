// A visitor's request to the DPO in real Chromium: the form, the code, the reference; no cookie, no other host; the DPO's console and letter pass axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { lastCode } from '../helpers/privacy-cases.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let now = new Date('2026-11-27T10:00:00Z');
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

const check = (name: string) => checkPage(b, s.url, name);

test('a visitor asks for erasure in the browser (27 December is a Sunday, so due on Monday 28th), confirms the code and gets a reference; no cookie is set', async () => {
  const page = b.page;
  await page.goto(`${s.url}/-/privacy/request`);
  await check('privacy-request-form');
  assert.equal(await page.locator('input[type=file]').count(), 0);
  await page.check('#type-erasure');
  await page.fill('#message', 'Wis mijn gegevens.');
  await page.fill('#email', 'browser@example.org');
  await page.click('main button[type=submit]');
  await page.waitForSelector('#code');
  await check('privacy-request-code');
  await page.fill('#code', await lastCode(s.portal, 'browser@example.org'));
  await page.click('main form:first-of-type button[type=submit]');
  await page.waitForSelector('main p[role=status]');
  assert.match(await page.textContent('main p[role=status]') ?? '', /Referentie PRV-2026-\w{6}\. U krijgt uiterlijk op 28 december 2026/);
  await check('privacy-request-registered');
  assert.deepEqual(await b.context.cookies(), [], 'a visitor gets no cookie at all');
});

test('the DPO’s console, case page and reply letter in the browser', async () => {
  now = new Date('2026-11-28T10:00:00Z');
  const dpo = await signedIn(s, 'dpo');
  const c = (await s.portal.privacyCases.list('open'))[0];
  await s.portal.privacyCases.complete(c.id, 'Uw gegevens zijn gewist.', dpo.accountId);
  await b.context.addCookies([{ name: 'opaal_session', value: dpo.cookie!.split('=')[1], url: s.url }]);
  await b.page.goto(`${s.url}/-/privacy-office/cases`);
  await check('privacy-office-cases');
  await b.page.click(`a:has-text("${c.reference}")`);
  await b.page.waitForSelector('main h1');
  await check('privacy-office-case');
  await b.page.click('a:has-text("antwoordbrief")');
  await b.page.waitForSelector('article.letter');
  assert.match(await b.page.textContent('article.letter') ?? '', /Vlaamse Toezichtcommissie/);
  await check('privacy-office-letter');
});
