// The privacy office and the changed-statement notice in real Chromium: accessible pages, nothing from other hosts,
// and the notice gone once the reader says they read it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { createAccount, testPassword } from '../helpers/accounts.ts';
import { signedIn } from '../helpers/staff.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const check = (name: string) => checkPage(b, s.url, name, { screenshot: false });

test('the DPO console pages pass the accessibility checks in both languages', async () => {
  const dpo = await signedIn(s, 'dpo');
  const breach = await s.portal.breaches.open(dpo.accountId, { title: 'Portal unavailable', awareAt: s.portal.clock().toISOString(), nature: ['A'], description: 'Portal unavailable for an hour.', categories: [] });
  await s.portal.recipients.add(dpo.accountId, { name: 'Hosting NV', role: 'processor', purposes: ['accounts'], categories: ['contact'], location: 'BE', contractRef: 'DPA-1', contact: '' });
  await b.context.addCookies([{ name: 'opaal_session', value: dpo.cookie!.split('=')[1], url: s.url }]);
  for (const prefix of ['', '/en']) {
    for (const path of ['/-/privacy-office', '/-/privacy-office/register', '/-/privacy-office/recipients', '/-/privacy-office/breaches', '/-/privacy-office/breaches/new', `/-/privacy-office/breaches/${breach.id}`, '/-/privacy', '/-/privacy/versions', '/-/privacy/versions/1']) {
      const response = await b.page.goto(`${s.url}${prefix}${path}`);
      assert.equal(response?.status(), 200, `${prefix}${path}`);
      await check(`${prefix}${path}`);
    }
  }
  await b.context.clearCookies();
});

test('a reader of an older statement sees the notice, reads the changes and makes it go away', async () => {
  const old = await s.portal.statements.current();
  const id = await createAccount(s, 'lezer@example.org', 'user');
  await s.portal.store.db.insertInto('consents').values({ user_id: id, purpose: 'privacy_statement', statement_version: old.version, statement_digest: old.digest, method: 'registration_form', language: 'nl', given_at: s.portal.clock().toISOString(), withdrawn_at: null }).execute();
  await s.portal.recipients.add('u_dpo', { name: 'Archief NV', role: 'recipient', purposes: ['publishing'], categories: ['contact_point'], location: 'BE', contractRef: '', contact: '' });

  const page = b.page;
  await page.goto(`${s.url}/-/account/login`);
  await page.fill('#email', 'lezer@example.org');
  await page.fill('#password', testPassword);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.click('main button[type="submit"]')]);
  await page.goto(`${s.url}/datasets`);
  assert.equal(await page.locator('.statement-notice').count(), 1);
  await check('notice');
  await Promise.all([page.waitForURL(/\/-\/privacy\/changes\?from=/), page.click('.statement-notice a[href*="changes"]')]);
  assert.match((await page.textContent('main')) ?? '', /Archief NV/);
  await check('changes');
  await Promise.all([page.waitForURL(/\/-\/privacy\/changes/), page.click('.statement-notice button')]);
  assert.equal(await page.locator('.statement-notice').count(), 0);
  await page.goto(`${s.url}/datasets`);
  assert.equal(await page.locator('.statement-notice').count(), 0);
  assert.deepEqual((await b.context.cookies()).map((c) => c.name), ['opaal_session'], 'the session cookie is the only one');
});
