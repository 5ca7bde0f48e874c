// Words in the browser: a filter the query language refuses is explained in the page's language (a 400 page, axe-clean),
// and counts say one in the singular; screenshots at desktop and phone width in both languages for review.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerHarness } from '../helpers/server.ts';
import { startPortal } from '../web/helpers.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startPortal();
  b = await openBrowser();
});
after(async () => {
  await b.close();
  await s.close();
});

const widths = [[1366, 900], [390, 844]] as const;

test('a refused filter reads in the page language, with a 400, at desktop and phone width', async () => {
  const cases = [
    ['nl', '/datasets/cities/table?refine=nosuchfield:1', 'Deze filter begrijpen we niet', /De filter in het adres kon niet worden toegepast: Er is geen veld „nosuchfield”; de velden zijn: name, /],
    ['en', '/en/datasets/cities/table?refine=nosuchfield:1', 'We do not understand this filter', /The filter in the address could not be applied: There is no field “nosuchfield”; the fields are: name, /],
  ] as const;
  for (const [lang, path, title, message] of cases) {
    for (const [width, height] of widths) {
      await b.page.setViewportSize({ width, height });
      const response = await b.page.goto(`${s.url}${path}`);
      assert.equal(response?.status(), 400, path);
      assert.equal(await b.page.textContent('.notice-error .notice-title'), title);
      assert.match((await b.page.textContent('.notice-error')) ?? '', message);
      await checkPage(b, s.url, `words-bad-filter-${lang}-${width}`);
    }
  }
});

test('one dataset is "1 dataset", two are "2 datasets", in both languages', async () => {
  await b.page.setViewportSize({ width: 1366, height: 900 });
  for (const [path, count] of [['/datasets?q=europese', '1 dataset gevonden'], ['/en/datasets?q=european', '1 dataset found'], ['/datasets', /^\d+ datasets gevonden$/]] as const) {
    await b.page.goto(`${s.url}${path}`);
    const text = (await b.page.textContent('#results-heading')) ?? '';
    if (typeof count === 'string') assert.equal(text, count, path);
    else assert.match(text, count, path);
  }
  await checkPage(b, s.url, 'words-one-dataset-nl');
});
