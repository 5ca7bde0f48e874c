// Attachments as an editor and a visitor meet them, in real Chromium: the editor goes from the dataset's back-office
// page to its attachments, adds a PDF with a title, and a visitor finds it on the dataset's information tab and
// downloads it — on a laptop and on a phone, in Dutch and in English. The editor then removes one, and it is gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { checkPage, follow, looksDestructive, openBrowser, readable, viewports, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
let editor: StaffVisitor;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  editor = await signedIn(s, 'editor');
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const pdf = (words: string) => Buffer.from(`%PDF-1.4\n% ${words}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

// The English walks first: a title is the publisher's text, in whatever language it was written, and the English
// pages are checked for Dutch words.
const walks = [
  { lang: 'en', viewport: viewports[1], title: 'Counting method', file: 'counting-method.pdf', manage: 'Manage attachments', added: 'The attachment was added', heading: 'Attachments' },
  { lang: 'en', viewport: viewports[0], title: 'Field notes', file: 'field-notes.pdf', manage: 'Manage attachments', added: 'The attachment was added', heading: 'Attachments' },
  { lang: 'nl', viewport: viewports[0], title: 'Methodologie van de telling', file: 'methodologie-telling.pdf', manage: 'Bijlagen beheren', added: 'De bijlage is toegevoegd', heading: 'Bijlagen' },
  { lang: 'nl', viewport: viewports[1], title: 'Toelichting bij de velden', file: 'velden.pdf', manage: 'Bijlagen beheren', added: 'De bijlage is toegevoegd', heading: 'Bijlagen' },
] as const;

const signInAsEditor = async () => {
  await b.context.clearCookies();
  await b.context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url }]);
};

for (const walk of walks) {
  const where = `${walk.lang}-${walk.viewport.width}`;
  const prefix = walk.lang === 'en' ? '/en' : '';

  test(`an editor adds "${walk.title}" and a visitor sees it on the information tab (${where})`, async () => {
    await b.page.setViewportSize(walk.viewport);
    await signInAsEditor();
    await visit(b, s.url, `${prefix}/-/admin/datasets/cities`, `attachments-dataset-${where}`);
    await follow(b, s.url, `${prefix}/-/admin/datasets/cities/attachments`, () => b.page.getByRole('link', { name: walk.manage }).click(), `attachments-admin-${where}`);
    await readable(b.page, { lang: walk.lang, width: walk.viewport.width }, `attachments-admin-${where}`);

    const form = b.page.locator('form[enctype="multipart/form-data"]');
    await form.getByLabel(walk.lang === 'en' ? 'Title' : 'Titel').fill(walk.title);
    await form.getByLabel(walk.lang === 'en' ? 'File' : 'Bestand').setInputFiles({ name: walk.file, mimeType: 'application/pdf', buffer: pdf(walk.title) });
    await follow(b, s.url, /\/attachments\?done=added$/, () => form.locator('button[type=submit]').click(), `attachments-added-${where}`);
    await readable(b.page, { lang: walk.lang, width: walk.viewport.width }, `attachments-added-${where}`);
    assert.match(await b.page.getByRole('status').innerText(), new RegExp(walk.added));
    const row = b.page.locator('.attachment-list > li').filter({ hasText: walk.title });
    assert.equal(await row.count(), 1);
    await looksDestructive(row.getByRole('button'), `attachments-remove-${where}`);

    // A visitor, signed in as nobody.
    await b.context.clearCookies();
    await visit(b, s.url, `${prefix}/datasets/cities`, `attachments-info-${where}`);
    await readable(b.page, { lang: walk.lang, width: walk.viewport.width }, `attachments-info-${where}`);
    const section = b.page.locator('section[aria-labelledby="attachments"]');
    assert.equal(await section.getByRole('heading', { level: 2 }).innerText(), walk.heading);
    const link = section.getByRole('link', { name: walk.title });
    await link.scrollIntoViewIfNeeded();
    assert.ok(await link.isVisible(), `${where}: the attachment's link is on screen`);
    assert.match(await section.innerText(), new RegExp(`${walk.title} \\(PDF, \\d+ B\\)`));
    const [download] = await Promise.all([b.page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), walk.file);
    const file = await b.page.request.get(`${s.url}${await link.getAttribute('href')}`);
    assert.equal(file.headers()['content-type'], 'application/pdf');
    assert.deepEqual(await file.body(), pdf(walk.title));
    await b.page.screenshot({ path: new URL(`./screenshots/attachments-info-section-${where}.png`, import.meta.url).pathname, clip: await sectionBox(section) });
  });
}

/** The attachments section's place on the page, for a screenshot of it alone. */
async function sectionBox(section: ReturnType<BrowserHarness['page']['locator']>) {
  const box = await section.boundingBox();
  assert.ok(box);
  return box;
}

test('the editor removes an attachment and retitles another, and the visitor sees that', async () => {
  await b.page.setViewportSize(viewports[0]);
  await signInAsEditor();
  await visit(b, s.url, '/-/admin/datasets/cities/attachments', 'attachments-before-remove');
  const row = b.page.locator('.attachment-list > li').filter({ hasText: 'Counting method' });
  await follow(b, s.url, /\/attachments\?done=removed$/, () => row.getByRole('button', { name: 'Bijlage Counting method verwijderen' }).click(), 'attachments-removed');
  assert.match(await b.page.getByRole('status').innerText(), /De bijlage is verwijderd/);
  assert.equal(await b.page.locator('.attachment-list > li').filter({ hasText: 'Counting method' }).count(), 0);
  // And gives another one a new title, behind "Titel wijzigen".
  const notes = b.page.locator('.attachment-list > li').filter({ hasText: 'Field notes' });
  await notes.locator('summary').click();
  await notes.getByLabel('Titel').fill('Notes on the fields');
  await checkPage(b, s.url, 'attachments-retitle-open');
  await follow(b, s.url, /\/attachments\?done=retitled$/, () => notes.getByRole('button', { name: 'Titel bewaren' }).click(), 'attachments-retitled');
  assert.match(await b.page.getByRole('status').innerText(), /De titel van de bijlage is gewijzigd/);
  await b.context.clearCookies();
  await visit(b, s.url, '/en/datasets/cities', 'attachments-info-after-remove');
  const section = b.page.locator('section[aria-labelledby="attachments"]');
  assert.equal(await section.getByRole('link', { name: 'Counting method' }).count(), 0);
  assert.equal(await section.getByRole('link', { name: 'Notes on the fields' }).count(), 1);
  assert.equal(await section.getByRole('link').count(), 3);
});
