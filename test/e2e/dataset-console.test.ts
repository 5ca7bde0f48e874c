// The API tab's console in Chromium: the link follows the inputs as you type, and a run fetches the answer in place.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { json, type ServerHarness } from '../helpers/server.ts';
import { startPortal } from '../web/helpers.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let s: ServerHarness;
let browser: Browser;
before(async () => {
  s = await startPortal();
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
after(async () => {
  await browser.close();
  await s.close();
});

test('typing updates the link, the snippets and the address; running fetches the JSON without leaving the page', async () => {
  const page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(String(error)));
  await page.goto(`${s.url}/en/datasets/cities/api?refine=country:DE`);
  await page.fill('#console-select', 'name, population');
  await page.fill('#console-order_by', 'population desc');
  const url = '/api/explore/v2.1/catalog/datasets/cities/records?select=name%2C+population&order_by=population+desc&limit=10&refine=country%3ADE&lang=en';
  assert.equal(await page.textContent('#console-url'), url);
  assert.equal(await page.getAttribute('#console-open', 'href'), url);
  assert.ok((await page.textContent('[data-snippet="curl"]'))?.endsWith(`${url}'`));
  assert.equal(new URL(page.url()).search, '?select=name%2C+population&order_by=population+desc&limit=10&refine=country%3ADE');

  const before = page.url();
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#console-status .result-count')?.textContent?.startsWith('3 results'));
  assert.deepEqual(JSON.parse((await page.textContent('#console-result')) ?? ''), await json(s.get(url)));
  assert.equal(page.url(), before, 'the answer came in place, not by loading a page');

  await page.fill('#console-where', 'name = "Berlin"');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#console-status .result-count')?.textContent === '1 result in all, 1 shown');

  // The API's error is English; the notice says it in the page's language, with the clause and the character.
  await page.fill('#console-where', 'population >');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#console-status .notice-error');
  assert.equal(await page.textContent('#console-status .odsql-message'), 'The query ends too early; something is missing.');
  assert.match((await page.textContent('#console-status .notice-error')) ?? '', /In where, at character 13:/);
  assert.match((await page.textContent('#console-result')) ?? '', /Expected a value after \\">\\"/, "the API's answer is shown as it came");

  await page.goto(`${s.url}/datasets/cities/api`);
  await page.fill('#console-where', 'naam = "Berlin');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#console-status .notice-error');
  assert.equal(await page.textContent('#console-status .odsql-message'), 'Een tekst of naam wordt niet afgesloten; voeg de afsluitende " toe.');
  assert.match((await page.textContent('#console-status .notice-error')) ?? '', /In where, bij teken 8:/);
  assert.deepEqual(failures, []);
  await page.close();
});
