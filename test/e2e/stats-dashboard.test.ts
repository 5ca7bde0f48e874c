// The statistics as the department meets them, in real Chromium: a visitor looks around (the home page, a search, a
// dataset), downloads a CSV and calls the API; an editor then finds "Statistieken" in the header and sees exactly those
// counts on the dashboard, portal-wide and for the dataset, on a laptop in Dutch and on a phone in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { checkPage, clickHeaderLink, follow, openBrowser, readable, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

/** The value the dashboard shows beside a term of its totals. */
const total = (term: string) => b.page.locator(`#stats-totals + dl dt:text-is("${term}") + dd`).first().innerText();

test('a scripted visit shows on the dashboard: views, a download by format, API calls by endpoint, a search', async () => {
  await b.page.setViewportSize({ width: 1366, height: 900 });
  // The visitor: three pages, one search that finds nothing, a CSV download and two API calls (one with a filter).
  await visit(b, s.url, '/', 'stats-visit-home');
  await b.page.getByRole('searchbox').first().fill('zeldzaamwoord');
  await follow(b, s.url, /\/datasets\?q=zeldzaamwoord/, () => b.page.getByRole('searchbox').first().press('Enter'), 'stats-visit-search');
  await visit(b, s.url, '/datasets/cities', 'stats-visit-dataset');
  const csv = await b.page.request.get(`${s.url}/api/explore/v2.1/catalog/datasets/cities/exports/csv`);
  assert.equal(csv.status(), 200);
  for (const query of ['limit=5', 'where=population%3E1000']) assert.equal((await b.page.request.get(`${s.url}/api/explore/v2.1/catalog/datasets/cities/records?${query}`)).status(), 200);

  // The editor: from the home page to the dashboard by the header's link.
  const editor = await signedIn(s, 'editor');
  await b.context.clearCookies();
  await b.context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url }]);
  await visit(b, s.url, '/', 'stats-editor-home');
  await Promise.all([b.page.waitForEvent('load'), clickHeaderLink(b.page, 'Statistieken')]);
  await checkPage(b, s.url, 'stats-dashboard-nl-laptop', { settled: true });
  await readable(b.page, { lang: 'nl', width: 1366 }, 'stats-dashboard-nl-laptop');
  // Views: the visitor's home, search and dataset page, and the editor's home page.
  assert.equal(await total('Paginaweergaven'), '4');
  assert.equal(await total('Downloads'), '1');
  assert.equal(await total('API-oproepen'), '2 (0 met API-sleutel, 2 anoniem)');
  assert.equal(await total('Zoekopdrachten'), '1 (1 zonder resultaat)');
  // One visitor's search is too rare to name: it is counted as "other", and the term itself is nowhere on the page.
  await assert.doesNotReject(b.page.getByRole('row', { name: /Andere zoektermen 1 1/ }).waitFor());
  assert.equal(await b.page.getByText('zeldzaamwoord').count(), 0);
  await assert.doesNotReject(b.page.getByRole('row', { name: /^CSV|csv 1$/ }).first().waitFor());
  await assert.doesNotReject(b.page.getByRole('row', { name: 'records 0 2' }).waitFor());
  // The chart is an image with a name, and its numbers are in a table behind "Verloop per dag: Aantal".
  assert.equal(await b.page.getByRole('img', { name: 'Verloop per dag' }).count(), 1);

  // The dataset's own dashboard, from the table of datasets.
  await follow(b, s.url, /dataset=cities/, () => b.page.locator('#stats-datasets ~ div').getByRole('link').first().click(), 'stats-dataset-nl');
  assert.equal(await total('Paginaweergaven'), '1');
  assert.equal(await total('Downloads'), '1');
  assert.equal(await total('API-oproepen'), '2 (0 met API-sleutel, 2 anoniem)');
});

test('on a phone, in English, the dashboard fits the screen and says the same', async () => {
  await b.page.setViewportSize({ width: 390, height: 844 });
  await visit(b, s.url, '/en/', 'stats-editor-home-en-phone');
  await Promise.all([b.page.waitForEvent('load'), clickHeaderLink(b.page, 'Statistics')]);
  await checkPage(b, s.url, 'stats-dashboard-en-phone', { settled: true });
  await readable(b.page, { lang: 'en', width: 390 }, 'stats-dashboard-en-phone');
  assert.equal(await total('Downloads'), '1');
  assert.equal(await total('API calls'), '2 (0 with an API key, 2 anonymous)');
  // Its CSV holds the same counts.
  const href = await b.page.getByRole('link', { name: 'Download the daily figures (CSV)' }).getAttribute('href');
  const csv = await (await b.page.request.get(`${s.url}${href}`)).text();
  assert.match(csv, /,export,csv,cities,anonymous,1\r\n/);
  assert.match(csv, /,api,records,cities,anonymous,2\r\n/);
});
