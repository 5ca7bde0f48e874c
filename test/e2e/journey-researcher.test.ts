// A researcher's whole path in real Chromium: in Dutch on a laptop (1366×900), in English on a phone (390×844). Search
// the catalog, narrow the table by a facet, take the export link (it keeps the filter), ask the console, then sign in,
// make an API key and use it on the Explore API; the account shows the key was used. Every page is checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, testPassword } from '../helpers/accounts.ts';
import type { ServerHarness } from '../helpers/server.ts';
import { startPortal } from '../web/helpers.ts';
import { follow, openBrowser, openFilters, readable, viewports, visit, type BrowserHarness, clickHeaderLink } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startPortal();
  for (const lang of ['nl', 'en']) await createAccount(s, `onderzoeker.${lang}@example.org`, 'user');
  b = await openBrowser({ everyPageChecked: true });
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
  nl: { q: 'steden', title: 'Europese steden', table: 'Tabel', chart: 'Grafiek', map: 'Kaart', badFilter: 'Deze filter begrijpen we niet', export: 'Export', api: 'API', results: /resultaten in totaal/, signIn: 'Aanmelden', neverUsed: 'nog niet' },
  en: { q: 'cities', title: 'European cities', table: 'Table', chart: 'Chart', map: 'Map', badFilter: 'We do not understand this filter', export: 'Export', api: 'API', results: /results in all/, signIn: 'Sign in', neverUsed: 'not yet' },
} as const;
const records = (query: string) => `/api/explore/v2.1/catalog/datasets/cities/records?${query}`;

for (const { lang, prefix, viewport } of walks) {
  test(`researcher, ${lang}, ${viewport.width}×${viewport.height}: search, filter, export, console, and an API key used on the Explore API`, async () => {
    const w = words[lang];
    const page = b.page;
    const at = (path: string) => `${s.url}${prefix}${path}`;
    const step = (n: string) => `researcher-${lang}-${viewport.width}-${n}`;
    const ours = (name: string) => readable(page, { lang, width: viewport.width }, name);
    await page.setViewportSize(viewport);
    await b.context.clearCookies();

    // The catalog's search finds the dataset.
    await visit(b, s.url, at('/datasets'), step('01-catalog'));
    await page.fill('#q', w.q);
    await follow(b, s.url, new RegExp(`/datasets\\?q=${w.q}`), () => page.press('#q', 'Enter'), step('02-search'));
    assert.ok((await page.locator('main mark').count()) > 0, 'the matched words are marked');
    await ours('search');
    await follow(b, s.url, at('/datasets/cities'), () => page.locator('main a[href$="/datasets/cities"]').first().click(), step('03-dataset'));
    assert.match((await page.textContent('h1')) ?? '', new RegExp(w.title));

    // The table, narrowed by a facet value; the filter shows in the address.
    await follow(b, s.url, at('/datasets/cities/table'), () => page.click(`.tabs a:has-text("${w.table}")`), step('04-table'));
    const all = await page.textContent('#records-heading');
    await openFilters(page);
    await follow(b, s.url, /refine=country/, () => page.click('.record-facets .facet-value a[href*="refine=country"] >> nth=0'), step('05-table-filtered'));
    const refine = new URL(page.url()).searchParams.get('refine')!;
    assert.notEqual(await page.textContent('#records-heading'), all, 'the facet narrowed the records');
    await ours('table');
    const total = await fetch(`${s.url}${records(`limit=0&refine=${encodeURIComponent(refine)}`)}`).then((r) => r.json() as Promise<{ total_count: number }>);
    assert.ok(total.total_count > 0 && total.total_count < 10);

    // The chart of the same records: one drawing, made for the screen, that fits it (point 7).
    await follow(b, s.url, /\/datasets\/cities\/chart/, () => page.click(`.tabs a:has-text("${w.chart}")`), step('05b-chart'));
    if (viewport.width < 600) await page.waitForSelector('svg.chart-svg.chart-narrow');
    assert.equal(await page.locator('svg.chart-svg').count(), 1, 'one chart on the page');
    const chart = (await page.locator('svg.chart-svg').boundingBox())!;
    assert.ok(chart.x + chart.width <= viewport.width, `the chart fits the screen (right edge ${chart.x + chart.width})`);
    await ours('chart');

    // The map of the same records, over Belgium's base layer, which needs no tile server (point 6).
    await follow(b, s.url, /\/datasets\/cities\/map/, () => page.click(`.tabs a:has-text("${w.map}")`), step('05c-map'));
    assert.ok(decodeURIComponent(page.url()).includes(refine), 'the map keeps the filter');
    await page.waitForSelector('.leaflet-marker-icon, .leaflet-interactive');
    await ours('map');

    // A filter the query language refuses is said in the page's language, on the page, with a 400 (point 8).
    await visit(b, s.url, at('/datasets/cities/table?refine=nosuchfield:1'), step('05d-bad-filter'), { status: 400 });
    assert.equal(await page.textContent('.notice-error .notice-title'), w.badFilter);
    assert.match((await page.textContent('.notice-error')) ?? '', /nosuchfield/);

    // The export link keeps the filter and holds those records.
    await visit(b, s.url, at(`/datasets/cities/export?refine=${encodeURIComponent(refine)}`), step('06-export'));
    const href = (await page.locator('main a[href*="/exports/csv"]').first().getAttribute('href'))!;
    assert.ok(decodeURIComponent(href).includes(refine), `the export link keeps the filter: ${href}`);
    const csv = await fetch(new URL(href, s.url));
    assert.equal(csv.status, 200);
    assert.equal((await csv.text()).trim().split('\n').length - 1, total.total_count, 'the export holds the filtered records');
    await ours('export');

    // The console keeps the filter, and answers in place.
    await follow(b, s.url, /\/datasets\/cities\/api/, () => page.click(`.tabs a:has-text("${w.api}")`), step('07-console'));
    await page.fill('#console-select', 'name, population');
    const url = (await page.textContent('#console-url'))!;
    assert.ok(decodeURIComponent(url).includes(refine), `the console keeps the filter: ${url}`);
    await page.click('main form button[type="submit"]');
    await page.waitForFunction((pattern) => new RegExp(pattern).test(document.querySelector('#console-status .result-count')?.textContent ?? ''), w.results.source);
    const answer = JSON.parse((await page.textContent('#console-result')) ?? '{}') as { total_count: number };
    assert.equal(answer.total_count, total.total_count);
    await ours('console');

    // Signed in, a key for a script; the Explore API takes it, and refuses a wrong one.
    const email = `onderzoeker.${lang}@example.org`;
    await follow(b, s.url, /\/-\/account\/login/, () => clickHeaderLink(page, w.signIn), step('08-sign-in'));
    await page.fill('#email', email);
    await page.fill('#password', testPassword);
    await follow(b, s.url, at('/-/account'), () => page.click('main form button[type=submit]'), step('09-account'));
    await page.fill('#key_name', 'Analyse');
    await page.fill('#days', '30');
    await follow(b, s.url, /\/-\/account/, () => page.click('section[aria-labelledby="api-keys"] form button[type=submit]'), step('10-key'));
    const key = await page.inputValue('#new-api-key');
    assert.match((await page.textContent('main pre')) ?? '', new RegExp(`Apikey ${key}`), 'the example uses the key');
    await ours('key');
    const used = await fetch(`${s.url}${records(`limit=5&refine=${encodeURIComponent(refine)}`)}`, { headers: { authorization: `Apikey ${key}` } });
    assert.equal(used.status, 200);
    assert.equal(((await used.json()) as { total_count: number }).total_count, total.total_count);
    const wrong = await fetch(`${s.url}${records('limit=1')}`, { headers: { authorization: `Apikey ${key.slice(0, -4)}AAAA` } });
    assert.equal(wrong.status, 401);
    await visit(b, s.url, at('/-/account'), step('11-key-used'));
    const item = page.locator('.api-key', { hasText: 'Analyse' });
    assert.doesNotMatch((await item.textContent()) ?? '', new RegExp(w.neverUsed), 'the account shows the key was used');
  });
}
