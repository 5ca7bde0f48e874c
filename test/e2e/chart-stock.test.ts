// A researcher charts a stock in Chromium, at desktop and phone sizes, nl and en: job seekers by year are averaged,
// never summed over the months, the caption says so, and every tick of an axis is written the same way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { startPortal } from '../web/helpers.ts';
import { importStock } from '../web/stock-fixture.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startPortal();
  await importStock(s);
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

/** The value axis's tick labels, as drawn. */
const ticks = () => b.page.locator('svg.chart-svg g.grid text').allTextContents();

/** Each label's decimals (after the language's decimal sign) and what it carries besides the number. */
function shape(label: string, lang: 'nl' | 'en'): { decimals: number; unit: string } {
  const decimal = lang === 'nl' ? ',' : '.';
  const number = /-?[\d.,]+/.exec(label)?.[0] ?? '';
  const at = number.lastIndexOf(decimal);
  return { decimals: at < 0 ? 0 : number.length - at - 1, unit: label.replace(number, '').trim() };
}

function assertOneFormat(labels: string[], lang: 'nl' | 'en', where: string): void {
  assert.ok(labels.length >= 3, `${where}: an axis with ticks`);
  const shapes = labels.map((l) => shape(l, lang));
  assert.equal(new Set(shapes.map((x) => x.decimals)).size, 1, `${where}: one number of decimals on ${labels.join(' | ')}`);
  // Zero is written without a unit; every other tick carries the same one.
  assert.equal(new Set(shapes.filter((_, i) => !/^-?0([.,]0+)?$/.test(labels[i])).map((x) => x.unit)).size, 1, `${where}: one unit on ${labels.join(' | ')}`);
}

for (const lang of ['nl', 'en'] as const) {
  const prefix = lang === 'nl' ? '' : '/en';
  const t =
    lang === 'nl'
      ? { byYear: 'Gemiddelde per maand van Werkzoekenden per jaar (Maand)', note: 'het gemiddelde per maand, niet de som over de maanden', last: 'Werkzoekenden in de laatste maand per jaar (Maand)', first: '2021', value: '1.560,5', millions: 'mln.' }
      : { byYear: 'Average per month of Werkzoekenden by year (Maand)', note: 'the average per month, not the sum over the months', last: 'Werkzoekenden in the last month by year (Maand)', first: '2021', value: '1,560.5', millions: 'm' };
  for (const viewport of viewports) {
    test(`${lang} ${viewport.name}: a stock by year is an average per month, said in the caption; one number format per axis`, { timeout: 180_000 }, async () => {
      await b.page.setViewportSize({ width: viewport.width, height: viewport.height });
      const name = (step: string) => `chart-stock-${lang}-${viewport.name}-${step}`;

      await b.page.goto(`${s.url}${prefix}/datasets/stand/chart?x=maand&interval=year`);
      assert.equal(await b.page.locator('#chart-heading').textContent(), t.byYear);
      assert.match((await b.page.locator('.chart-note').allTextContents()).join(' '), new RegExp(t.note));
      assert.equal(await b.page.locator('#chart-y-0').inputValue(), 'avg:werkzoekenden', 'the default follows the annotation');
      await b.page.locator('.chart-table summary').click();
      assert.equal(await b.page.locator('.chart-table caption').textContent(), t.byYear);
      assert.deepEqual(await b.page.locator('.chart-table tbody tr').first().locator('th, td').allTextContents(), [t.first, t.value]);
      assertOneFormat(await ticks(), lang, 'stock by year');
      // One chart on the page, drawn for the screen: on a phone it fits the width and its text stays readable.
      if (viewport.name === 'phone') await b.page.waitForSelector('svg.chart-svg.chart-narrow');
      assert.equal(await b.page.locator('svg.chart-svg').count(), 1);
      const drawn = await b.page.locator('svg.chart-svg').evaluate((svg) => {
        const box = svg.getBoundingClientRect();
        const tick = svg.querySelector('g.grid text')!.getBoundingClientRect();
        return { narrow: svg.classList.contains('chart-narrow'), right: box.right, text: tick.height };
      });
      assert.equal(drawn.narrow, viewport.name === 'phone', 'the phone gets the narrow drawing');
      assert.ok(drawn.right <= viewport.width, `the chart fits the screen (right edge ${drawn.right})`);
      assert.ok(drawn.text >= 10, `tick text is readable (${drawn.text.toFixed(1)} px high)`);
      await checkPage(b, s.url, name('1-by-year'));

      // Choosing "last" redraws the chart in place (the form's script), with its own caption.
      await b.page.selectOption('#chart-y-0', 'last:werkzoekenden');
      await b.page.waitForFunction((title) => document.getElementById('chart-heading')?.textContent === title, t.last);
      assertOneFormat(await ticks(), lang, 'last by year');
      await checkPage(b, s.url, name('2-last'));

      // The default chart: per municipality over all 48 months, still an average per month.
      await b.page.goto(`${s.url}${prefix}/datasets/stand/chart`);
      assert.match((await b.page.locator('.chart-note').allTextContents()).join(' '), new RegExp(t.note));
      assertOneFormat(await ticks(), lang, 'per municipality');
      await checkPage(b, s.url, name('3-per-municipality'));

      // Millions: every tick in millions, with the same decimals (0,5 mln. beside 1,0 mln., never 500.000 beside 1 mln.).
      await b.page.goto(`${s.url}${prefix}/datasets/cities/chart?x=country&y=sum:population`);
      const millions = await ticks();
      assertOneFormat(millions, lang, 'population');
      assert.ok(millions.slice(1).every((l) => l.endsWith(t.millions)), millions.join(' | '));
      await checkPage(b, s.url, name('4-millions'));
    });
  }
}

for (const [lang, viewport] of [['nl', viewports[0]], ['en', viewports[1]]] as const) {
  test(`${lang} ${viewport.name}: an editor says in the field editor that the stock is taken from the last month, and the chart follows`, { timeout: 180_000 }, async () => {
    const prefix = lang === 'nl' ? '' : '/en';
    const editor = await signedIn(s, 'editor');
    const context = await b.browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: lang === 'nl' ? 'nl-BE' : 'en-GB' });
    await context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url, httpOnly: true, sameSite: 'Lax' }]);
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    try {
      const page = await context.newPage();
      await page.goto(`${s.url}${prefix}/-/admin/datasets/stand/metadata`);
      const select = page.locator('#field_2_aggregation');
      assert.equal(await select.inputValue(), 'avg');
      await select.selectOption('last');
      await select.scrollIntoViewIfNeeded();
      await page.locator('fieldset.field-editor').nth(2).screenshot({ path: new URL(`./screenshots/chart-stock-${lang}-${viewport.name}-5-field-editor-select.png`, import.meta.url).pathname });
      await Promise.all([page.waitForURL(/done=saved/), page.locator('form.metadata-form button[type="submit"]').click()]);
      assert.equal(await page.locator('#field_2_aggregation').inputValue(), 'last');
      const harness = { ...b, context, page, requests };
      await checkPage(harness, s.url, `chart-stock-${lang}-${viewport.name}-5-field-editor`);

      await page.goto(`${s.url}${prefix}/datasets/stand/chart?x=maand&interval=year`);
      assert.equal(await page.locator('#chart-y-0').inputValue(), 'last:werkzoekenden');
      assert.match((await page.locator('#chart-heading').textContent()) ?? '', lang === 'nl' ? /in de laatste maand/ : /in the last month/);
      // Back to the average, for whoever runs next.
      await page.goto(`${s.url}${prefix}/-/admin/datasets/stand/metadata`);
      await page.locator('#field_2_aggregation').selectOption('avg');
      await Promise.all([page.waitForURL(/done=saved/), page.locator('form.metadata-form button[type="submit"]').click()]);
    } finally {
      await context.close();
    }
  });
}
