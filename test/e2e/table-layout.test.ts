// The table tab of a wide dataset in Chromium, nl and en: at 1366×900 the numbers are in view and the first column stays
// while the table scrolls sideways; at 390×844 the results come first and a "Filters" button (no script needed) opens
// the facets; the pager says how far it reaches and links to the export with the filters kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { importWide, wideNumericFields } from '../web/wide-fixture.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  await importWide(s);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Box> => {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector} is shown`);
  return found;
};

/** The numeric fields whose header lies wholly within the window, the table unscrolled or as it is scrolled. */
async function inView(page: Page): Promise<string[]> {
  return page.evaluate((fields) => {
    const width = document.documentElement.clientWidth;
    const region = document.querySelector('.records-scroll')!.getBoundingClientRect();
    const firstRight = document.querySelector('table.records thead th')!.getBoundingClientRect().right;
    const headers = [...document.querySelectorAll<HTMLTableCellElement>('table.records thead th')];
    const names = headers.map((th) => th.querySelector('a')?.getAttribute('href')?.match(/sort=-?([a-z_0-9]+)/)?.[1] ?? '');
    return headers
      .map((th, i) => ({ name: names[i], box: th.getBoundingClientRect(), i }))
      // In view: inside the window and the region, and (but for the first) not under the sticky first column.
      .filter(({ name, box, i }) => fields.includes(name) && box.left >= Math.max(0, region.left) - 1 && box.right <= Math.min(width, region.right) + 1 && (i === 0 || box.left >= firstRight - 1))
      .map(({ name }) => name);
  }, wideNumericFields);
}

const texts = {
  nl: {
    pager: 'Pagina 1 van 400 (de eerste 10.000 van 11.760 records zijn doorbladerbaar; download de volledige selectie via Export)',
    export: 'download de volledige selectie via Export',
    toggle: 'Filters (1 actief)',
  },
  en: {
    pager: 'Page 1 of 400 (the first 10,000 of 11,760 records can be paged through; download the whole selection from Export)',
    export: 'download the whole selection from Export',
    toggle: 'Filters (1 active)',
  },
};

for (const lang of ['nl', 'en'] as const) {
  const prefix = lang === 'nl' ? '' : '/en';
  const t = texts[lang];
  const name = (step: string) => `table-layout-${lang}-${step}`;

  test(`${lang} 1366×900: the numbers in view, the facets beside them, the pager says where it stops`, { timeout: 120_000 }, async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${s.url}${prefix}/datasets/bevolking/table`);
    await checkPage(b, s.url, name('desktop'));

    // Without scrolling the table, the first six numeric columns are in view (four fitted in the reading column).
    const headers = page.locator('table.records thead th.number');
    assert.equal(await headers.count(), wideNumericFields.length);
    const shown = await inView(page);
    assert.deepEqual(shown.slice(0, 6), wideNumericFields.slice(0, 6), `numeric columns in view: ${shown.join(', ')}`);
    // The facets sit beside the table, open, with no "Filters" button.
    const facets = await box(page, '.record-facets .facet');
    const region = await box(page, '.records-scroll');
    assert.ok(facets.x + facets.width <= region.x, 'the facets are left of the table');
    assert.ok(facets.y < region.y + region.height, 'and beside it, not under it');
    assert.equal(await page.locator('.filters-toggle > summary').isVisible(), false);
    // The pager says how far it reaches and why.
    assert.equal((await page.locator('.pagination-status').textContent())?.replace(/\s+/g, ' ').trim(), t.pager);
  });

  test(`${lang} 1366×900: the scroll region is reached by keyboard and the first column stays in view`, { timeout: 120_000 }, async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${s.url}${prefix}/datasets/bevolking/table`);
    const region = page.locator('.records-scroll');
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.equal(await region.getAttribute('role'), 'region');
    assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'the twelve columns do not all fit: the table scrolls');
    // Tab from the search button reaches the region (past the facet links), and the arrow keys scroll it.
    await page.locator('.records-search button').focus();
    const inRegion = () => page.evaluate(() => document.activeElement?.classList.contains('records-scroll') ?? false);
    for (let i = 0; i < 100 && !(await inRegion()); i++) await page.keyboard.press('Tab');
    assert.equal(await inRegion(), true, 'Tab reaches the table');
    // The arrow key scrolls smoothly: its result is read when the scroll has ended, not at some moment.
    // The listener is in place (awaited) before the key is pressed.
    await region.evaluate((el) => {
      (window as unknown as { scrollEnded: Promise<number> }).scrollEnded = new Promise<number>((resolve) => el.addEventListener('scrollend', () => resolve(el.scrollLeft), { once: true }));
    });
    await page.keyboard.press('ArrowRight');
    const ended = await page.evaluate(() => (window as unknown as { scrollEnded: Promise<number> }).scrollEnded);
    assert.ok(ended > 0, 'the arrow key scrolls the table sideways');
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: 'instant' }));
    assert.equal(await region.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1), true, 'scrolled to the end');
    const edge = await box(page, '.records-scroll');
    const first = await box(page, 'table.records tbody tr:first-child td:first-child');
    const last = await box(page, 'table.records tbody tr:first-child td:last-child');
    assert.ok(Math.abs(first.x - edge.x) <= 2, `the first column stays at the region's left edge (${first.x} vs ${edge.x})`);
    assert.ok(last.x + last.width <= edge.x + edge.width + 1, 'the last column has scrolled into view');
    const scrolledInView = await inView(page);
    assert.deepEqual(scrolledInView.slice(-3), wideNumericFields.slice(-3), 'the last numeric columns are in view beside the first column');
    assert.ok(!scrolledInView.includes('jaar'), 'the first numeric column has scrolled under the first column');
    // What scrolled under the first column is hidden by it: the point at its middle is the first cell.
    const covered = await page.evaluate(([x, y]) => (document.elementFromPoint(x, y)?.closest('td') as HTMLTableCellElement | null)?.cellIndex, [first.x + first.width / 2, first.y + first.height / 2]);
    assert.equal(covered, 0, 'the first column covers the scrolled columns');
    await checkPage(b, s.url, name('desktop-scrolled'));
  });

  test(`${lang} 1366×900: the column chooser (a plain form) leaves the chosen numbers all in view`, { timeout: 120_000 }, async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${s.url}${prefix}/datasets/bevolking/table?sort=-inwoners`);
    await page.locator('.column-chooser > summary').click();
    for (const field of ['provincie', 'gewest', 'mannen', 'vrouwen']) await page.locator(`#column-${field}`).uncheck();
    await Promise.all([page.waitForURL(/fields=/), page.locator('.column-chooser button').click()]);
    const chosen = wideNumericFields.filter((f) => !['mannen', 'vrouwen'].includes(f));
    assert.deepEqual(await inView(page), chosen, 'every chosen numeric column is in view');
    assert.equal(await page.locator('table.records thead th').count(), chosen.length + 1);
    assert.equal(new URL(page.url()).searchParams.get('sort'), '-inwoners', 'the sort is kept');
    await checkPage(b, s.url, name('desktop-columns'));
    // The next page keeps the columns.
    await Promise.all([page.waitForURL(/page=2/), page.locator('.pagination a[rel="next"]').click()]);
    assert.equal(await page.locator('table.records thead th').count(), chosen.length + 1);
  });

  test(`${lang} 390×844: the results first, a Filters button that opens the facets, the export link keeps the filters`, { timeout: 120_000 }, async () => {
    const { page } = b;
    await page.setViewportSize({ width: 390, height: 844 });
    const filtered = `${s.url}${prefix}/datasets/bevolking/table?exclude=${encodeURIComponent('provincie:Luik')}`;
    await page.goto(filtered);
    await checkPage(b, s.url, name('phone'));
    const toggle = page.locator('.filters-toggle > summary');
    assert.equal((await toggle.textContent())?.trim(), t.toggle);
    assert.equal(await page.locator('.record-facets .facet').first().isVisible(), false, 'the facets wait behind the button');
    // The results come before the facets as the page is shown: of the facets, only the one-line button is above them.
    const button = await box(page, '.filters-toggle > summary');
    const firstRow = await box(page, 'table.records tbody tr');
    assert.ok(button.y + button.height <= firstRow.y, 'the button is above the records');
    assert.ok(button.height < 60, 'and is one line');
    assert.ok(firstRow.y + firstRow.height < 844, 'the first record is on the first screen');

    await toggle.click();
    assert.equal(await page.locator('.record-facets .facet').first().isVisible(), true, 'the button opens the facets');
    await checkPage(b, s.url, name('phone-filters'));

    // The pager's link to the export keeps the filters.
    await page.locator('.pagination-status a').click();
    await page.waitForURL(/\/export\?/);
    assert.equal(new URL(page.url()).searchParams.get('exclude'), 'provincie:Luik');
  });

  test(`${lang} 390×844 without JavaScript: the Filters button still opens the facets`, { timeout: 120_000 }, async () => {
    const context = await b.browser.newContext({ viewport: { width: 390, height: 844 }, locale: lang === 'nl' ? 'nl-BE' : 'en-GB', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${s.url}${prefix}/datasets/bevolking/table`);
      assert.equal(await page.locator('.record-facets .facet').first().isVisible(), false);
      await page.locator('.filters-toggle > summary').click();
      assert.equal(await page.locator('.record-facets .facet').first().isVisible(), true);
    } finally {
      await context.close();
    }
  });
}
