// An editor meets an ambiguous column in real Chromium: the report says so, publishing waits, a type is chosen, the version is read again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { tempDir } from '../helpers/stores.ts';
import { checkPage, openBrowser, screenshot, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
let editor: StaffVisitor;
const dir = tempDir();
const file = join(dir.path, 'werkzoekenden.csv');

async function signIn(context: BrowserContext) {
  await context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url, httpOnly: true, sameSite: 'Lax' }]);
}

before(async () => {
  s = await startServer();
  editor = await signedIn(s, 'editor');
  await s.portal.catalog.createDataset({ id: 'werkzoekenden', input: { metadata: { title: { nl: 'Werkzoekenden', en: 'Jobseekers' } } }, actor: 'test' });
  // A comma file: nothing in it says whether 12.345 is twelve thousand or twelve.
  writeFileSync(file, 'gemeente,aantal,aandeel\nGent,12.345,45 %\nAalst,4.210,32 %\nBrugge,987,15 %\n');
  b = await openBrowser();
  await signIn(b.context);
});
after(async () => {
  await b?.close();
  await s?.close();
  dir.remove();
});

test('an ambiguous column is flagged, publishing waits for a look, and choosing its type reads the version again', async () => {
  const page = b.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${s.url}/-/admin/datasets/werkzoekenden`);
  await page.setInputFiles('#file', file);
  await Promise.all([page.waitForURL(/\/-\/admin\/datasets\/werkzoekenden\/versions\/1$/), page.click('form[data-upload] button[type="submit"]')]);

  const checks = page.locator('#checks');
  assert.match((await checks.textContent()) ?? '', /1 punt om te controleren/);
  assert.match((await checks.textContent()) ?? '', /niets in het bestand zegt of 12\.345 \(regel 2\) 12\.345 is \(1234\.5\) of 12345 \(1\.234\)/);
  assert.equal(await page.locator('tr[data-field="aantal"] td[data-type="text"]').count(), 1);
  assert.match((await page.textContent('tr[data-field="aandeel"]')) ?? '', /%/, 'the unit is said');
  await checkPage(b, s.url, 'import-report-1-flagged');

  // The publish button does nothing until the editor says they looked.
  await page.click('button:has-text("Deze versie en de dataset publiceren")');
  assert.match(page.url(), /\/versions\/1$/);
  assert.equal(await page.locator('#acknowledge:invalid').count(), 1);

  await page.selectOption('#reading-aantal', 'int|1.234');
  await Promise.all([page.waitForURL(/\/versions\/1\?done=reread$/), page.click('button:has-text("Opnieuw inlezen met deze types")')]);
  assert.equal(await page.locator('#checks').count(), 0, 'nothing left to check');
  assert.equal(await page.locator('tr[data-field="aantal"] td[data-type="int"]').count(), 1);
  assert.match((await page.textContent('tr[data-field="aantal"]')) ?? '', /gekozen door een persoon: 1\.234/);
  assert.equal(await page.locator('#reading-aantal').inputValue(), 'int|1.234', 'the choice is shown as made');
  await checkPage(b, s.url, 'import-report-2-reread');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${s.url}/en/-/admin/datasets/werkzoekenden/versions/1`);
  assert.match((await page.textContent('main')) ?? '', /Import report[\s\S]*type and notation chosen by a person: 1\.234/);
  await checkPage(b, s.url, 'import-report-3-phone-en');

  await Promise.all([page.waitForURL(/\?done=versionPublished$/), page.click('button:has-text("Publish this version and the dataset")')]);
  await screenshot(page, 'import-report-4-published');
  const records = await json(s.get('/api/explore/v2.1/catalog/datasets/werkzoekenden/records?order_by=gemeente'));
  assert.deepEqual(records.results.map((r: { aantal: number }) => r.aantal), [4210, 987, 12345]);
  assert.deepEqual(records.results.map((r: { aandeel: number }) => r.aandeel), [32, 15, 45]);
});

test('the field editor chooses a type too: the current version is read again as a new version to review', async () => {
  const page = b.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${s.url}/-/admin/datasets/werkzoekenden/metadata`);
  assert.equal(await page.locator('#field_1_reading').inputValue(), 'int|1.234', 'the reading chosen before');
  await checkPage(b, s.url, 'import-report-5-field-editor');
  await page.selectOption('#field_1_reading', 'double|1234.5');
  await Promise.all([page.waitForURL(/\/versions\/2\?done=reread$/), page.click('button:has-text("Opslaan")')]);
  assert.equal(await page.locator('tr[data-field="aantal"] td[data-type="double"]').count(), 1);
  assert.match((await page.textContent('main')) ?? '', /opnieuw ingelezen met de gekozen types/);
  const live = await json(s.get('/api/explore/v2.1/catalog/datasets/werkzoekenden/records?order_by=gemeente'));
  assert.deepEqual(live.results.map((r: { aantal: number }) => r.aantal), [4210, 987, 12345], 'the public keeps version 1 until version 2 is published');
  await checkPage(b, s.url, 'import-report-6-new-version');
});
