// Discussions in real Chromium on a laptop (1366×900) and a phone (390×844): a person starts a discussion on a dataset
// from its information tab, the publisher answers (marked), the person reports nothing but another's post is reported
// and an editor hides it from the moderation list; every page gets the duplicate-id and axe checks and a screenshot
// (test/e2e/screenshots/discussions-*.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { follow, openBrowser, viewports, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
const cookies: Record<string, string> = {};

before(async () => {
  s = await startServer('sqlite');
  await importCities(s.portal);
  for (const [email, role] of [['lezer@example.org', 'user'], ['tweede@example.org', 'user'], ['redactie@example.org', 'editor']] as const) {
    await createAccount(s, email, role);
    cookies[email] = (await signedIn(s, email)).cookie!.split('=')[1];
  }
  b = await openBrowser({ everyPageChecked: true });
});
after(async () => {
  try {
    await b?.close();
  } finally {
    await s?.close();
  }
});

async function as(email: string) {
  await b.context.clearCookies();
  await b.context.addCookies([{ name: 'opaal_session', value: cookies[email], url: s.url }]);
}

for (const viewport of viewports) {
  test(`start, answer, report and hide a post at ${viewport.width}×${viewport.height}`, async () => {
    const name = (step: string) => `discussions-${viewport.width}-${step}`;
    await b.page.setViewportSize(viewport);
    await as('lezer@example.org');
    await visit(b, s.url, '/datasets/cities', name('info'));
    await follow(b, s.url, `${s.url}/datasets/cities/discussions`, () => b.page.getByRole('link', { name: 'Discussies over deze dataset' }).click(), name('list'));
    await b.page.getByLabel('Titel').fill(`Welke bron? (${viewport.width})`);
    await b.page.getByLabel('Bericht', { exact: true }).fill('Waar komen de **cijfers** vandaan?\n\n- per stad\n- per jaar');
    await follow(b, s.url, /\/datasets\/cities\/discussions\/d_[^?]+\?done=posted$/, () => b.page.getByRole('button', { name: 'Discussie beginnen' }).click(), name('thread'));
    const thread = new URL(b.page.url()).pathname;

    await as('tweede@example.org');
    await visit(b, s.url, thread, name('second'));
    await b.page.getByLabel('Bericht', { exact: true }).fill('Dit is reclame voor iets anders.');
    await follow(b, s.url, /done=posted/, () => b.page.getByRole('button', { name: 'Antwoord plaatsen' }).click(), name('second-posted'));

    await as('redactie@example.org');
    await visit(b, s.url, thread, name('editor'));
    await b.page.getByLabel('Bericht', { exact: true }).fill('Uit het **register** van 2025.');
    await follow(b, s.url, /done=posted/, () => b.page.getByRole('button', { name: 'Antwoord plaatsen' }).click(), name('answered'));
    assert.equal(await b.page.locator('.post-publisher').count(), 1);

    await as('lezer@example.org');
    await visit(b, s.url, thread, name('reader'));
    const second = b.page.locator('article.post').nth(1);
    await second.locator('summary').click();
    await second.getByLabel('Waarom meldt u dit bericht?').fill('Reclame');
    await follow(b, s.url, /done=reported/, () => second.getByRole('button', { name: 'Melden' }).click(), name('reported'));

    await as('redactie@example.org');
    await visit(b, s.url, '/-/moderation', name('moderation'));
    await follow(b, s.url, /\/-\/moderation\?done=moderated/, () => b.page.getByRole('button', { name: 'Verbergen' }).first().click(), name('hidden'));
    await as('lezer@example.org');
    await visit(b, s.url, thread, name('placeholder'));
    assert.equal(await b.page.getByText('Dit bericht is verborgen door een moderator.').count(), 1);
  });
}
