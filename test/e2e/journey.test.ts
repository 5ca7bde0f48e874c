// A visitor's walk through the portal in real Chromium, in both languages: accessible pages, nothing from other hosts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/demo/seed.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  await seedDemo(s.portal);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

/** Every page on the way is checked the same: no axe violation, and only the portal's own host was asked. */
const check = (name: string) => checkPage(b, s.url, name);

for (const lang of ['nl', 'en'] as const) {
  const prefix = lang === 'nl' ? '' : '/en';
  const t = lang === 'nl'
    ? { q: 'werkzoek', title: /werkzoekenden/i, table: 'Tabel', chart: 'Grafiek', export: 'Export', api: 'API', found: /datasets gevonden/, theme: 'Bevolking en samenleving', notFound: 'Pagina niet gevonden' }
    : { q: 'jobseek', title: /jobseekers/i, table: 'Table', chart: 'Chart', export: 'Export', api: 'API', found: /datasets found/, theme: 'Population and society', notFound: 'Page not found' };

  test(`${lang}: search → facet → dataset`, async () => {
    const page = b.page;
    await page.goto(`${s.url}${prefix}/`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await check(`${lang}-1-home`);

    await page.fill('#q', t.q);
    await Promise.all([page.waitForURL(new RegExp(`/datasets\\?q=${t.q}`)), page.press('#q', 'Enter')]);
    assert.match((await page.textContent('.results-count')) ?? '', t.found);
    assert.ok((await page.locator('mark').count()) > 0, 'matched terms are highlighted');
    await check(`${lang}-2-search`);

    await Promise.all([page.waitForURL(/theme=SOCI/), page.click(`.facet a:has-text("${t.theme}")`)]);
    const chosen = page.locator('.facet a.selected');
    assert.equal(await chosen.count(), 1);
    await check(`${lang}-3-facet`);

    await Promise.all([page.waitForURL(/\/datasets\/werkzoekenden-per-gemeente$/), page.click('a[href$="/datasets/werkzoekenden-per-gemeente"]')]);
    assert.match((await page.textContent('h1')) ?? '', t.title);
    assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
    await check(`${lang}-4-dataset`);

    // Table: refine by a facet value; the filter shows in the URL and carries to every other tab.
    await Promise.all([page.waitForURL(/\/table/), page.click(`.tabs a:has-text("${t.table}")`)]);
    await check(`${lang}-5-table`);
    const before = await page.textContent('#records-heading');
    await Promise.all([page.waitForURL(/refine=provincie/), page.click('.record-facets .facet-value a[href*="refine=provincie"] >> nth=0')]);
    assert.notEqual(await page.textContent('#records-heading'), before, 'the refine narrowed the records');
    const refine = new URL(page.url()).searchParams.get('refine')!;
    assert.match(refine, /^provincie:/);
    await check(`${lang}-6-table-filtered`);

    await Promise.all([page.waitForURL(/\/chart/), page.click(`.tabs a:has-text("${t.chart}")`)]);
    assert.equal(new URL(page.url()).searchParams.get('refine'), refine, 'the filter carried to the chart');
    await page.waitForSelector('svg[role="img"]');
    await check(`${lang}-7-chart`);
    // With JavaScript the chart follows the form at once; the button is there for pages without it.
    await page.selectOption('#chart-type', 'line');
    await page.waitForURL(/type=line/);
    await page.waitForSelector('svg[role="img"] path.line');
    await check(`${lang}-8-chart-line`);

    await Promise.all([page.waitForURL(/\/export/), page.click(`.tabs a:has-text("${t.export}")`)]);
    const csv = page.locator('a[href*="/exports/csv"]').first();
    const href = (await csv.getAttribute('href'))!;
    assert.ok(decodeURIComponent(href).includes(refine), `the export link keeps the filter: ${href}`);
    const download = await fetch(new URL(href, s.url));
    assert.equal(download.status, 200);
    const lines = (await download.text()).trim().split('\n').length - 1;
    const count = await fetch(new URL(`/api/explore/v2.1/catalog/datasets/werkzoekenden-per-gemeente/records?limit=0&refine=${encodeURIComponent(refine)}`, s.url)).then((r) => r.json() as Promise<{ total_count: number }>);
    assert.equal(lines, count.total_count, 'the export holds the filtered records');
    await check(`${lang}-9-export`);

    await Promise.all([page.waitForURL(/\/api/), page.click(`.tabs a:has-text("${t.api}")`)]);
    await check(`${lang}-10-api`);
  });

  test(`${lang}: a dataset with places on a map`, async () => {
    const page = b.page;
    await page.goto(`${s.url}${prefix}/datasets/dienstencheque-kantoren/map`);
    await page.waitForSelector('.map-tab.map-ready');
    await page.waitForSelector('.leaflet-marker-icon');
    await check(`${lang}-11-map`);
    const shapes = await page.goto(`${s.url}${prefix}/datasets/provincies-vlaanderen/map`);
    assert.equal(shapes?.status(), 200);
    await page.waitForSelector('.map-tab.map-ready');
    await check(`${lang}-12-map-shapes`);
  });

  test(`${lang}: an unknown page is a 404 page that passes the same checks`, async () => {
    const response = await b.page.goto(`${s.url}${prefix}/datasets/does-not-exist`);
    assert.equal(response?.status(), 404);
    assert.match((await b.page.textContent('h1')) ?? '', new RegExp(t.notFound));
    await check(`${lang}-9-not-found`);
  });
}

test('the catalog searches as you type, with prefixes, and keeps the URL in step', async () => {
  const page = b.page;
  await page.goto(`${s.url}/datasets`);
  const before = await page.textContent('.results-count');
  await page.locator('#q').pressSequentially('provinc', { delay: 30 });
  await page.waitForURL(/\/datasets\?q=provinc$/);
  await page.waitForFunction((text) => document.querySelector('.results-count')?.textContent !== text, before);
  const titles = await page.locator('.card h3').allTextContents();
  assert.ok(titles.length > 0 && titles.length < 8, `narrowed to: ${titles.join(' | ')}`);
  assert.ok(await page.locator('.card mark').count() > 0);
  await check('nl-2b-search-as-you-type');
});

test('the account and privacy pages pass the same checks', async () => {
  for (const path of ['/-/account/login', '/-/account/register', '/-/account/reset', '/-/privacy', '/en/-/account/register']) {
    const response = await b.page.goto(`${s.url}${path}`);
    assert.equal(response?.status(), 200, path);
    await check(`account${path.replace(/\//g, '-')}`);
  }
});

test('the only cookie a visitor ever gets is none at all', async () => {
  assert.deepEqual(await b.context.cookies(), []);
});
