// The back office in real Chromium: upload with progress by script, the same without JavaScript, accessible pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { fixture } from '../helpers/engine.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
let editor: StaffVisitor;

async function signIn(context: BrowserContext) {
  await context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url, httpOnly: true, sameSite: 'Lax' }]);
}

before(async () => {
  s = await startServer();
  editor = await signedIn(s, 'editor');
  await s.portal.catalog.createDataset({ id: 'premies', input: { metadata: { title: { nl: 'Premies', en: 'Grants' } } }, actor: 'test' });
  await s.portal.catalog.createDataset({ id: 'zonder-js', input: { metadata: { title: { nl: 'Zonder JavaScript' } } }, actor: 'test' });
  b = await openBrowser();
  await signIn(b.context);
});
after(async () => {
  await b?.close();
  await s?.close();
});

const check = (name: string) => checkPage(b, s.url, name);

test('with JavaScript the upload reports its progress, lands on the review, and publishes', async () => {
  const page = b.page;
  await page.goto(`${s.url}/-/admin/datasets`);
  await check('backoffice-1-list');
  await page.goto(`${s.url}/-/admin/datasets/premies`);
  await check('backoffice-2-dataset');

  const said: string[] = [];
  await page.exposeFunction('reportUploadStatus', (text: string) => said.push(text));
  await page.evaluate(() => {
    const status = document.querySelector('.upload-status')!;
    // any: the exposed function lives on the page's window
    new MutationObserver(() => (window as any).reportUploadStatus(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const sent: Record<string, string>[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') sent.push(request.headers());
  });
  await page.setInputFiles('#file', fixture('types/all-types.csv'));
  await Promise.all([page.waitForURL(/\/-\/admin\/datasets\/premies\/versions\/1$/), page.click('form[data-upload] button[type="submit"]')]);
  assert.ok(said.includes('Bezig met uploaden…'), `said: ${said.join(' | ')}`);
  assert.ok(said.includes('Geüpload. Het bestand wordt nu ingelezen; dat kan even duren.'), `said: ${said.join(' | ')}`);
  assert.ok(sent[0]['x-csrf-token'], 'sent by the script, which adds the token as a header');
  assert.equal(await page.locator('section[aria-labelledby="schema"] td[data-type="geo_point_2d"]').count(), 1);
  await check('backoffice-3-review');

  await Promise.all([page.waitForURL(/\/-\/admin\/datasets\/premies\?done=versionPublished$/), page.click('button:has-text("Deze versie en de dataset publiceren")')]);
  assert.match((await page.textContent('main')) ?? '', /De versie is gepubliceerd/);
  await page.goto(`${s.url}/-/admin/datasets/premies/metadata`);
  await check('backoffice-4-metadata');
  await page.goto(`${s.url}/en/-/admin/datasets/premies/delete`);
  await check('backoffice-5-delete');
});

test('with JavaScript a refused upload shows its reason in place and moves focus to it', async () => {
  const page = b.page;
  await page.goto(`${s.url}/-/admin/datasets/premies`);
  await page.setInputFiles('#file', fixture('csv/ragged.csv'));
  await page.click('form[data-upload] button[type="submit"]');
  await page.waitForSelector('#problem');
  assert.equal(page.url(), `${s.url}/-/admin/datasets/premies`, 'no navigation: the reason is swapped in');
  assert.match((await page.textContent('#problem')) ?? '', /kon niet worden ingelezen[\s\S]*regel 4/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'problem');
  assert.equal(await page.locator('form[data-upload] button[type="submit"]').isEnabled(), true, 'the form can be sent again');
  await check('backoffice-6-refused');
});

test('without JavaScript the same form uploads and lands on the review', async () => {
  const context = await b.newContext({ javaScriptEnabled: false });
  try {
    await signIn(context);
    const page = await context.newPage();
    await page.goto(`${s.url}/-/admin/datasets/zonder-js`);
    await page.setInputFiles('#file', fixture('csv/semicolon-crlf.csv'));
    await Promise.all([page.waitForURL(/\/-\/admin\/datasets\/zonder-js\/versions\/1$/), page.click('form[data-upload] button[type="submit"]')]);
    assert.match((await page.textContent('main')) ?? '', /Gent/);
    await Promise.all([page.waitForURL(/done=versionPublished/), page.click('button:has-text("publiceren")')]);
    const shown = await page.goto(`${s.url}/datasets/zonder-js`);
    assert.equal(shown?.status(), 200);
  } finally {
    await context.close();
  }
});
