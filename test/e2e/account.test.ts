// The account journey in Chromium, in Dutch and English, on a laptop and a phone: change the e-mail address (the
// pages and the mail name the new one), make an API key and copy it, read the access report, delete the account.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, testPassword } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { checkPage, duplicateIds, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  b = await openBrowser();
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
});
after(async () => {
  await b?.close();
  await s?.close();
  await smtp?.close();
});

test('the duplicate-id check sees an id used twice, even in different forms', async () => {
  // A context of its own, so this made-up page does not count against the walk below.
  const scratch = await b.browser.newContext();
  const page = await scratch.newPage();
  await page.setContent('<form><input id="password"></form><form><input id="password"></form><p id="once"></p>');
  assert.deepEqual(await duplicateIds(page), ['#password ×2']);
  await scratch.close();
});

const texts = {
  nl: {
    prefix: '', sentTo: /Als (\S+) nog niet in gebruik is, sturen we een link naar dat adres/, confirm: /Bevestig dat (\S+) voortaan/,
    changed: /Uw e-mailadres is gewijzigd/, copied: 'Gekopieerd', copy: 'Kopiëren', report: 'Uw gegevens', deleted: /Uw account is verwijderd/,
  },
  en: {
    prefix: '/en', sentTo: /If (\S+) is not in use yet, we are sending a link to that address/, confirm: /Confirm that (\S+) is your account/,
    changed: /Your email address was changed/, copied: 'Copied', copy: 'Copy', report: 'Your data', deleted: /Your account is deleted/,
  },
} as const;
const sizes = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const lang of ['nl', 'en'] as const) {
  for (const [device, viewport] of Object.entries(sizes)) {
    test(`${lang}, ${device}: change the address, make and copy a key, read the report, delete the account`, async () => {
      const t = texts[lang];
      const page = b.page;
      const at = (path: string) => `${s.url}${t.prefix}${path}`;
      const shot = (step: string) => checkPage(b, s.url, `account-${lang}-${device}-${step}`);
      await page.setViewportSize(viewport);
      await b.context.clearCookies();
      const old = `oud.${lang}.${device}@example.org`;
      const fresh = `nieuw.${lang}.${device}@example.org`;
      await createAccount(s, old, 'user');

      await page.goto(at('/-/account/login'));
      await page.fill('#email', old);
      await page.fill('#password', testPassword);
      await Promise.all([page.waitForURL(at('/-/account')), page.click('main form button[type=submit]')]);

      // The e-mail change: the answer, the mail and the confirmation page all name the new address.
      await page.fill('#new_email', fresh);
      await page.fill('#email_password', testPassword);
      await Promise.all([page.waitForURL(/done=email/), page.click('section[aria-labelledby="email-change"] button[type=submit]')]);
      assert.equal(t.sentTo.exec(await page.textContent('main') ?? '')?.[1], fresh);
      await shot('1-email-asked');
      const mail = await smtp.next(fresh);
      assert.ok(mail.text.includes(fresh), 'the mail names the new address');
      await page.goto(`${s.url}${new URL(linkIn(mail)).pathname}`);
      assert.equal(t.confirm.exec(await page.textContent('main') ?? '')?.[1], fresh);
      await shot('2-email-confirm');
      await Promise.all([page.waitForNavigation(), page.click('main form[action*="/-/account/email/"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', t.changed);
      await smtp.next(old);

      // A new key: selectable text, and a button that copies it.
      await page.goto(at('/-/account'));
      await page.fill('#key_name', 'Dashboard');
      await page.fill('#days', '7');
      await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby="api-keys"] form button[type=submit]')]);
      const key = await page.inputValue('#new-api-key');
      const copy = page.locator('button[data-copy]');
      assert.equal((await copy.textContent())?.trim(), t.copy);
      await copy.click();
      await page.waitForFunction((done) => document.querySelector('button[data-copy]')?.textContent === done, t.copied);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
      assert.equal(await page.textContent('#copy-status'), t.copied);
      await shot('3-key-copied');

      // The readable report: a document with headings, no raw keys or timestamps.
      await page.goto(at('/-/account/privacy'));
      await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby="download"] form button[type=submit]')]);
      await Promise.all([page.waitForNavigation(), page.click('a[href$=".html"]')]);
      assert.equal(await page.textContent('h2#data'), t.report);
      assert.ok((await page.locator('h4').count()) > 5, 'a heading per kind of data');
      assert.doesNotMatch(await page.textContent('body') ?? '', /\d{4}-\d{2}-\d{2}T\d{2}:|firstName|apiKeys/);
      await shot('4-report');

      // Deleting the account: red, and it asks for a tick first, in the browser itself.
      await page.goto(at('/-/account/privacy'));
      await page.fill('#delete_password', testPassword);
      const remove = page.locator('section[aria-labelledby="delete-account"] button[type=submit]');
      assert.match(await remove.getAttribute('class') ?? '', /danger/);
      await remove.click();
      assert.equal(new URL(page.url()).pathname, `${t.prefix}/-/account/privacy`, 'without the tick nothing is sent');
      assert.equal(await page.locator('section[aria-labelledby="delete-account"] input[name=confirm]').evaluate((box: HTMLInputElement) => box.validity.valueMissing), true);
      await shot('5-delete-asks');
      await page.check('section[aria-labelledby="delete-account"] input[name=confirm]');
      await Promise.all([page.waitForNavigation(), remove.click()]);
      assert.match(await page.textContent('main') ?? '', t.deleted);
      await shot('6-deleted');
    });
  }
}
