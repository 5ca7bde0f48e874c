// In real Chromium: register → confirm by mail → sign in → create an API key → use it with the API → revoke it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { axeViolations, describeViolations, openBrowser, screenshot, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  await importCities(s.portal);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
  await smtp?.close();
});

async function accessible(name: string): Promise<void> {
  const violations = await axeViolations(b.page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  await screenshot(b.page, name);
}

test('a person makes an API key in the browser, uses it, and revokes it', async () => {
  const page = b.page;
  const email = 'browser.sleutel@example.org';
  const password = 'paard-batterij-nietje-correct';
  await page.goto(`${s.url}/-/account/register`);
  await page.fill('#first_name', 'Bram');
  await page.fill('#last_name', 'Sleutel');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.check('#accept');
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('main') ?? '', /Bekijk uw mailbox/);

  await page.goto(`${s.url}${new URL(linkIn(await smtp.next(email))).pathname}`);
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('main') ?? '', /bevestigd/);

  await page.goto(`${s.url}/-/account/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${s.url}/-/account`), page.click('main form button[type=submit]')]);
  await accessible('keys-1-account');

  await page.fill('#key_name', 'Dashboard');
  await page.fill('#days', '7');
  await Promise.all([page.waitForLoadState(), page.click('section[aria-labelledby="api-keys"] form button[type=submit]')]);
  const key = await page.inputValue('#new-api-key');
  assert.match(key, /^opaal_[A-Za-z0-9_-]{43}$/);
  assert.match(await page.textContent('pre') ?? '', /curl -H "Authorization: Apikey opaal_/);
  await accessible('keys-2-created');

  const used = await fetch(`${s.url}/api/explore/v2.1/catalog/datasets/cities/records?limit=1`, { headers: { authorization: `Apikey ${key}` } });
  assert.equal(used.status, 200);

  await page.goto(`${s.url}/-/account`);
  const item = page.locator('.api-key', { hasText: 'Dashboard' });
  assert.match(await item.textContent() ?? '', /actief/);
  assert.doesNotMatch(await item.textContent() ?? '', /nog niet/, 'the use shows');
  // Revoking cannot be undone: the box must be ticked first.
  await item.locator('input[name=confirm]').check();
  await Promise.all([page.waitForURL(/done=key_revoked/), item.locator('button').click()]);
  assert.match(await page.textContent('section[aria-labelledby="api-keys"]') ?? '', /ingetrokken/);
  await accessible('keys-3-revoked');

  const refused = await fetch(`${s.url}/api/explore/v2.1/catalog/datasets/cities/records?limit=1`, { headers: { authorization: `Apikey ${key}` } });
  assert.equal(refused.status, 401);
});
