// Two-step verification in real Chromium: an editor enrols from the QR page, keeps the codes, signs in again with a code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, totp } from '../../src/accounts/two-factor/totp.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let now = new Date('2026-11-29T10:00:05Z');
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

test('an editor sets up two-step verification in the browser, then signs in with a code', async () => {
  const strong = 'paard-batterij-nietje-correct';
  const { link } = await s.portal.accounts.createAccount({ email: 'redactie@example.org', role: 'editor', actor: 'test' });
  const page = b.page;
  const url = new URL(link);
  await page.goto(`${s.url}${url.pathname}${url.search}`);
  await page.fill('#password', strong);
  await page.click('main button[type=submit]');
  await page.waitForSelector('main .notice[role=status]');

  const signIn = async () => {
    await page.goto(`${s.url}/-/account/login`);
    await page.fill('#email', 'redactie@example.org');
    await page.fill('#password', strong);
    await Promise.all([page.waitForURL(/\/-\/account\/two-factor$/), page.click('main button[type=submit]')]);
  };
  await signIn();
  await check('two-factor-1-enrol');
  const qr = await page.evaluate(() => {
    const image = document.querySelector('img.qr') as HTMLImageElement;
    return { width: image.naturalWidth, source: image.src.slice(0, 26) };
  });
  assert.ok(qr.width > 0, 'the QR code is drawn under the page policy');
  assert.equal(qr.source, 'data:image/svg+xml;base64,');
  const secret = (await page.textContent('code.secret-key'))!.replace(/\s/g, '');

  await page.fill('#code', totp(base32Decode(secret), now));
  await page.click('main form[action="/-/account/two-factor"] button[type=submit]');
  await page.waitForSelector('ol.recovery-codes');
  assert.equal(await page.locator('ol.recovery-codes li').count(), 10);
  await check('two-factor-2-recovery-codes');

  await page.goto(`${s.url}/-/account`);
  assert.equal(await page.textContent('h1'), 'Mijn account');
  await check('two-factor-3-account');
  await Promise.all([page.waitForURL(`${s.url}/`), page.click('header form[action="/-/account/logout"] button')]);

  now = new Date(now.getTime() + 30_000);
  await signIn();
  await check('two-factor-4-code');
  await page.fill('#code', totp(base32Decode(secret), now));
  await Promise.all([page.waitForURL(/\/-\/account$/), page.click('main form[action="/-/account/two-factor"] button[type=submit]')]);
  assert.equal(await page.textContent('h1'), 'Mijn account');
});
