// An editor's whole path in real Chromium: in Dutch on a laptop (1366×900), in English on a phone (390×844). The back
// office from the header's "Datasets beheren"; a public dataset's page and its Edit link; unpublishing and deleting,
// each red and asking for confirmation before anything happens. Every page gets the duplicate-id and axe checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { fixture } from '../helpers/engine.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { follow, looksDestructive, openBrowser, readable, viewports, visit, type BrowserHarness, clickHeaderLink, openMenu } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  for (const lang of ['nl', 'en']) {
    await s.portal.catalog.importDataset({
      datasetId: `premies-${lang}`, path: fixture('csv/semicolon-crlf.csv'), actor: 'test',
      input: parseMetadataInput({ visibility: 'public', title: { nl: `Premies ${lang}`, en: `Grants ${lang}` }, description: { nl: 'Toegekende premies.', en: 'Grants awarded.' } }),
    });
  }
  const editor = await signedIn(s, 'editor');
  b = await openBrowser({ everyPageChecked: true });
  await b.context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url }]);
});
after(async () => {
  try {
    await b?.close();
  } finally {
    await s?.close();
  }
});

const walks = [
  { lang: 'nl', prefix: '', viewport: viewports[0] },
  { lang: 'en', prefix: '/en', viewport: viewports[1] },
] as const;
const words = {
  nl: { backoffice: 'Datasets beheren', edit: 'Bewerken', title: 'Premies nl', unpublish: 'Publicatie intrekken', unpublishTick: 'Ja, haal de dataset weg bij het publiek', unpublished: 'De publicatie is ingetrokken', delete: 'Dataset verwijderen', mismatch: 'De ingetypte id is niet die van deze dataset', deleted: 'De dataset is verwijderd' },
  en: { backoffice: 'Manage datasets', edit: 'Edit', title: 'Grants en', unpublish: 'Unpublish', unpublishTick: 'Yes, take the dataset away from the public', unpublished: 'The dataset was unpublished', delete: 'Delete dataset', mismatch: 'The id typed is not this dataset’s', deleted: 'The dataset was deleted' },
} as const;

for (const { lang, prefix, viewport } of walks) {
  test(`editor, ${lang}, ${viewport.width}×${viewport.height}: the back office from the header, Edit from the public page, unpublish and delete with confirmation`, async () => {
    const w = words[lang];
    const page = b.page;
    const id = `premies-${lang}`;
    const at = (path: string) => `${s.url}${prefix}${path}`;
    const step = (n: string) => `editor-${lang}-${viewport.width}-${n}`;
    const ours = (name: string) => readable(page, { lang, width: viewport.width }, name);
    await page.setViewportSize(viewport);

    // "Datasets beheren" in the header opens the back office, which lists the dataset (point 1).
    await visit(b, s.url, at('/'), step('01-home'));
    await follow(b, s.url, at('/-/admin/datasets'), () => clickHeaderLink(page, w.backoffice), step('02-backoffice'));
    await openMenu(page);
    assert.equal(await page.locator('header.site-header').getByRole('link', { name: w.backoffice, exact: true }).getAttribute('aria-current'), 'page');
    assert.equal(await page.locator(`main a[href="${prefix}/-/admin/datasets/${id}"]`).count(), 1);
    await ours('back office');

    // The public page shows its editor an Edit link to the dataset in the back office (point 1).
    await visit(b, s.url, at(`/datasets/${id}`), step('03-public'));
    const edit = page.locator(`main a[href="${prefix}/-/admin/datasets/${id}"]`);
    assert.ok(await edit.isVisible(), 'the Edit link is on screen');
    assert.match((await edit.textContent()) ?? '', new RegExp(`^\\s*${w.edit}`));
    await follow(b, s.url, at(`/-/admin/datasets/${id}`), () => edit.click(), step('04-dataset'));
    assert.match((await page.textContent('h1')) ?? '', new RegExp(w.title));
    await ours('dataset');

    // Unpublishing is red and asks first: without the tick the browser sends nothing (point 11).
    const unpublish = page.locator(`form[action="${prefix}/-/admin/datasets/${id}/unpublish"] button[type=submit]`);
    assert.equal((await unpublish.textContent())?.trim(), w.unpublish);
    await looksDestructive(unpublish, 'unpublish');
    await unpublish.click();
    assert.equal(page.url(), at(`/-/admin/datasets/${id}`), 'without the tick nothing is sent');
    const tick = page.locator(`form[action="${prefix}/-/admin/datasets/${id}/unpublish"] input[name=confirm]`);
    assert.equal(await tick.evaluate((box: HTMLInputElement) => box.validity.valueMissing), true);
    // Unpublishing can be undone, so the tick does not claim it cannot.
    assert.equal((await page.locator(`form[action="${prefix}/-/admin/datasets/${id}/unpublish"] label.confirm`).textContent())?.trim(), w.unpublishTick);
    await tick.check();
    await follow(b, s.url, /done=unpublished/, () => unpublish.click(), step('05-unpublished'));
    assert.match((await page.textContent('main')) ?? '', new RegExp(w.unpublished));
    assert.equal((await s.get(`/datasets/${id}`)).status, 404, 'the public no longer finds it');

    // Deleting: its own page, a red button, and the id typed again; a wrong id deletes nothing (point 11).
    await visit(b, s.url, at(`/-/admin/datasets/${id}`), step('06-dataset-draft'));
    await follow(b, s.url, at(`/-/admin/datasets/${id}/delete`), () => page.click(`main a:text-is("${w.delete}")`), step('07-delete'));
    const remove = page.locator(`form[action="${prefix}/-/admin/datasets/${id}/delete"] button[type=submit]`);
    await looksDestructive(remove, 'delete');
    await remove.click();
    assert.equal(page.url(), at(`/-/admin/datasets/${id}/delete`), 'without the id typed nothing is sent');
    assert.equal(await page.locator('#confirm').evaluate((input: HTMLInputElement) => input.validity.valueMissing), true);
    await ours('delete');
    await page.fill('#confirm', 'een-andere-dataset');
    await follow(b, s.url, new RegExp(`/datasets/${id}/delete`), () => remove.click(), step('08-delete-mismatch'));
    assert.match((await page.textContent('main')) ?? '', new RegExp(w.mismatch));
    assert.ok((await s.portal.catalog.listDatasets(staffAudience)).some((d) => d.id === id), 'the dataset is still there');
    await page.fill('#confirm', id);
    await follow(b, s.url, /done=deleted/, () => page.locator(`form[action="${prefix}/-/admin/datasets/${id}/delete"] button[type=submit]`).click(), step('09-deleted'));
    assert.match((await page.textContent('main')) ?? '', new RegExp(w.deleted));
    assert.equal(await page.locator(`main a[href="${prefix}/-/admin/datasets/${id}"]`).count(), 0, 'gone from the list');
  });
}
