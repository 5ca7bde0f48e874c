// An editor gives a field an English label in the field editor, in real Chromium; the English table then shows it,
// the Dutch one the Dutch label. Screenshots at 1366×900 and 390×844, in Dutch and English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { fixture } from '../helpers/engine.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;

before(async () => {
  s = await startServer();
  const editor = await signedIn(s, 'editor');
  const input = parseMetadataInput({
    title: { nl: 'Premies', en: 'Grants' },
    fields: [
      { name: 'gemeente', label: { nl: 'Gemeente', en: 'Municipality' }, annotations: { facet: [] } },
      { name: 'bedrag', label: { nl: 'Toegekend bedrag' }, description: 'In euro' },
    ],
  });
  await s.portal.catalog.importDataset({ datasetId: 'premies', path: fixture('csv/semicolon-crlf.csv'), input, actor: 'test' });
  b = await openBrowser();
  await b.context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url, httpOnly: true, sameSite: 'Lax' }]);
});
after(async () => {
  await b?.close();
  await s?.close();
});

const headers = () => b.page.locator('table thead th').allTextContents().then((all) => all.map((h) => h.replace(/\s+/g, ' ').trim()));

test('an editor adds an English label and description; each language’s table shows its own', async () => {
  const page = b.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  const i = (await s.portal.catalog.getDataset('premies', staffAudience)).fields.findIndex((f) => f.name === 'bedrag');

  await page.goto(`${s.url}/-/admin/datasets/premies/metadata`);
  assert.equal(await page.inputValue(`#field_${i}_label_nl`), 'Toegekend bedrag');
  assert.equal(await page.inputValue(`#field_${i}_label_en`), '');
  assert.equal(await page.locator(`label[for="field_${i}_label_en"]`).textContent(), 'Label (Engels)');
  await page.fill(`#field_${i}_label_en`, 'Amount granted');
  await page.fill(`#field_${i}_description_en`, 'In euros');
  await page.locator(`#field_${i}_label_en`).scrollIntoViewIfNeeded();
  await checkPage(b, s.url, 'field-labels-1-editor-nl-1366');
  await page.locator('.field-editor').nth(i).screenshot({ path: new URL('./screenshots/field-labels-1b-field-nl-1366.png', import.meta.url).pathname });
  await Promise.all([page.waitForURL(/\/metadata\?done=saved$/), page.click('.metadata-form button[type="submit"]')]);
  assert.equal(await page.inputValue(`#field_${i}_label_en`), 'Amount granted', 'the form shows what was saved');

  await page.goto(`${s.url}/en/datasets/premies/table`);
  const english = await headers();
  assert.ok(english.some((h) => h.startsWith('Amount granted')), english.join(' | '));
  assert.ok(english.some((h) => h.startsWith('Municipality')), english.join(' | '));
  assert.ok(!english.some((h) => h.startsWith('Toegekend bedrag')), english.join(' | '));
  assert.equal(await page.locator('#facet-gemeente').textContent(), 'Municipality');
  await checkPage(b, s.url, 'field-labels-2-table-en-1366');

  await page.goto(`${s.url}/datasets/premies/table`);
  const dutch = await headers();
  assert.ok(dutch.some((h) => h.startsWith('Toegekend bedrag')), dutch.join(' | '));
  assert.ok(!dutch.some((h) => h.startsWith('Amount granted')), dutch.join(' | '));
  await checkPage(b, s.url, 'field-labels-3-table-nl-1366');

  await page.goto(`${s.url}/en/datasets/premies`);
  assert.match((await page.locator('#schema + .table-scroll').textContent()) ?? '', /Amount granted\s*bedrag[^]*In euros/);
  await checkPage(b, s.url, 'field-labels-4-info-en-1366');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${s.url}/en/-/admin/datasets/premies/metadata`);
  assert.equal(await page.locator(`label[for="field_${i}_label_en"]`).textContent(), 'Label (English)');
  assert.ok(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= 390), 'the editor fits the phone');
  await checkPage(b, s.url, 'field-labels-5-editor-en-390');
  // The field's own box, for a person to look at without scrolling through the whole form.
  await page.locator('.field-editor').nth(i).screenshot({ path: new URL('./screenshots/field-labels-5b-field-en-390.png', import.meta.url).pathname });
  await page.goto(`${s.url}/en/datasets/premies/table`);
  await checkPage(b, s.url, 'field-labels-6-table-en-390');
});
