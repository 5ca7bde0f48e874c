// Picking Gent from a municipality facet of 300 values in Chromium, scripts off, at desktop and phone sizes, nl and en.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { ServerHarness } from '../helpers/server.ts';
import { startPortal } from '../web/helpers.ts';
import { importMunicipalities } from '../web/municipalities-fixture.ts';
import { axeViolations, describeViolations, foreignRequests, openBrowser, screenshot, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startPortal();
  await importMunicipalities(s);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const viewports = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * A screenshot of the page as the scriptless browser shows it, nothing from other hosts, and no axe violation: axe
 * needs script, so it runs on the same URL in the harness's own page, at the same size.
 */
async function check(page: Page, requests: string[], name: string): Promise<void> {
  await screenshot(page, name);
  assert.deepEqual(foreignRequests(requests, s.url), [], `${name} asked another host`);
  await b.page.setViewportSize(page.viewportSize()!);
  await b.page.goto(page.url());
  const violations = await axeViolations(b.page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
}

for (const lang of ['nl', 'en'] as const) {
  const prefix = lang === 'nl' ? '' : '/en';
  const t = lang === 'nl' ? { showAll: 'Toon alle (300)', filter: 'Filteren', one: '1 record' } : { showAll: 'Show all (300)', filter: 'Filter', one: '1 record' };
  for (const viewport of viewports) {
    test(`${lang} ${viewport.name}: show all, filter the values, pick Gent — without JavaScript`, { timeout: 180_000 }, async () => {
      // Scripts off: every step is a link or a GET form.
      const context: BrowserContext = await b.newContext({ viewport: viewport, locale: lang === 'nl' ? 'nl-BE' : 'en-GB', javaScriptEnabled: false });
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      try {
        const page = await context.newPage();
        const name = (step: string) => `facet-all-${lang}-${viewport.name}-${step}`;
        await page.goto(`${s.url}${prefix}/datasets/gemeenten/table`);
        assert.equal(await page.locator('.record-facets .facet-value').count(), 10);
        // On a phone the facets wait behind the "Filters" button (a disclosure, no script needed).
        if (viewport.name === 'phone') await page.click('.filters-toggle > summary');
        await check(page, requests, name('1-first-ten'));

        await Promise.all([page.waitForURL(/facet=gemeente/), page.click(`.facet-show-all a:has-text("${t.showAll}")`)]);
        assert.equal(await page.locator('.facet-all .facet-value').count(), 300);
        await check(page, requests, name('2-all'));
        // The long list scrolls inside the sidebar: the page itself stays short (measured where script runs).
        assert.ok((await b.page.evaluate(() => document.documentElement.scrollHeight)) < 4000, 'the page is not 300 values long');

        await page.fill('#facet-gemeente-q', 'gent');
        await Promise.all([page.waitForURL(/facet_q=gent/), page.click(`.facet-search button:has-text("${t.filter}")`)]);
        assert.deepEqual(await page.locator('.facet-all .facet-value > a:first-child > span:first-child').allTextContents(), ['Gent']);
        await check(page, requests, name('3-filtered'));

        await Promise.all([page.waitForURL(/refine=gemeente%3AGent/), page.click('.facet-all .facet-value > a:has-text("Gent")')]);
        assert.equal((await page.textContent('#records-heading'))?.trim(), t.one);
        assert.deepEqual(await page.locator('table.records tbody td:first-child').allTextContents(), ['Gent']);
        await check(page, requests, name('4-gent'));
      } finally {
        await context.close();
      }
    });
  }
}
