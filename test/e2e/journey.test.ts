// A visitor's walk through the portal in real Chromium, in both languages: accessible pages, nothing from other hosts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/demo/seed.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { axeViolations, describeViolations, foreignRequests, openBrowser, screenshot, type BrowserHarness } from './browser.ts';

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
async function check(name: string): Promise<void> {
  await b.page.waitForLoadState('networkidle');
  const violations = await axeViolations(b.page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  assert.deepEqual(foreignRequests(b.requests, s.url), [], `${name} asked another host`);
  await screenshot(b.page, name);
}

for (const lang of ['nl', 'en'] as const) {
  const prefix = lang === 'nl' ? '' : '/en';
  const t = lang === 'nl'
    ? { q: 'werkzoek', title: /werkzoekenden/i, found: /datasets gevonden/, theme: 'Bevolking en samenleving', notFound: 'Pagina niet gevonden' }
    : { q: 'jobseek', title: /jobseekers/i, found: /datasets found/, theme: 'Population and society', notFound: 'Page not found' };

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

test('the only cookie a visitor ever gets is none at all', async () => {
  assert.deepEqual(await b.context.cookies(), []);
});
