// The export tab over a live server: every format, grouped, links that carry the filters and download what they count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicAudience } from '../../src/catalog/service.ts';
import { exportFormats } from '../../src/explore/exports.ts';
import { formatBytes } from '../../src/i18n/index.ts';
import type { ServerHarness } from '../helpers/server.ts';
import { hostile, startPortal } from './helpers.ts';
import { jsonTwinOf, unescapeHtml } from './records-fixture.ts';

let s: ServerHarness;
before(async () => {
  s = await startPortal();
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  return { status: response.status, body: await response.text() };
};

/** Download links by format (`csv+excel` for the CSV for Excel), as the page writes them. */
const downloads = (html: string): Map<string, string> =>
  new Map([...html.matchAll(/<a class="button download" href="([^"]+)">/g)].map((m) => {
    const href = unescapeHtml(m[1]);
    const format = /\/exports\/([^?]+)/.exec(href)![1];
    return [new URL(href, 'http://x').searchParams.get('decimal') === 'comma' ? `${format}+excel` : format, href];
  }));

test('offers every export format the API writes, grouped, geographic ones only for a dataset with geo fields', async () => {
  const cities = await page('/datasets/cities/export');
  assert.equal(cities.status, 200);
  assert.deepEqual([...downloads(cities.body).keys()].sort(), [...Object.keys(exportFormats), 'csv+excel'].sort());
  const headings = [...cities.body.matchAll(/<h2 id="group-([a-z]+)">([^<]+)<\/h2>/g)].map((m) => m[2]);
  assert.deepEqual(headings, ['Tabellen', 'Geografische formaten', 'Linked data (RDF)']);
  const tabular = /<section class="export-group" aria-labelledby="group-tabular">(.*?)<\/section>/s.exec(cities.body)![1];
  assert.deepEqual([...downloads(tabular).keys()], ['csv', 'csv+excel', 'xlsx', 'json', 'jsonl', 'parquet']);
  assert.match(cities.body, /Compact kolombestand dat de veldtypes bewaart/);

  const werkloosheid = await page('/en/datasets/werkloosheid/export');
  const formats = [...downloads(werkloosheid.body).keys()];
  assert.ok(!formats.includes('geojson') && !formats.includes('kml') && !formats.includes('gpx'), 'no map formats without a location');
  assert.ok(formats.includes('csv') && formats.includes('turtle'));
  assert.match(werkloosheid.body, /<h2 id="group-tabular">Tables<\/h2>/);
  assert.match(werkloosheid.body, />Download Excel \(XLSX\)<\/a>/);
  assert.match(werkloosheid.body, /Every export holds all 3 records of the dataset\./);
  assert.ok(!werkloosheid.body.includes(hostile), 'the hostile description is escaped here too');
});

test('download links carry the filters, and each download holds the records the page counts', async () => {
  const html = (await page('/datasets/cities/export?refine=country:FR&exclude=tags:port&q=a')).body;
  const links = downloads(html);
  for (const [format, href] of links) {
    const url = new URL(href, s.url);
    assert.equal(url.pathname, `/api/explore/v2.1/catalog/datasets/cities/exports/${format.replace('+excel', '')}`);
    assert.deepEqual(url.searchParams.getAll('refine'), ['country:FR'], format);
    assert.deepEqual(url.searchParams.getAll('exclude'), ['tags:port'], format);
    assert.deepEqual(url.searchParams.getAll('where'), ['"a"'], format);
    assert.equal(url.searchParams.get('lang'), 'nl');
  }
  const twin = await (await s.get(jsonTwinOf(html))).json();
  const count = twin.total_count as number;
  assert.equal(count, 1, 'the filters leave one French city');
  assert.match(html, /Elke export bevat het 1 record dat overblijft na de filters:/, 'one record, in the singular');
  assert.match(html, /<code>\.jsonl<\/code> · 1 record</);
  assert.match(html, /aria-label="Filter &quot;Country: FR&quot; verwijderen"/);

  const jsonl = await (await s.get(links.get('jsonl')!)).text();
  assert.equal(jsonl.trim().split('\n').length, count);
  const records = await (await s.get(links.get('json')!)).json();
  assert.equal(records.length, count);
  assert.ok(records.every((r: { country: string; tags: string[] | null }) => r.country === 'FR' && !(r.tags ?? []).includes('port')));
  const csv = await (await s.get(links.get('csv')!)).text();
  assert.equal(csv.trim().split('\n').length, count + 1, 'a header and one line per record');
  const geojson = await (await s.get(links.get('geojson')!)).json();
  assert.equal(geojson.features.length, count);
});

test('the stored Parquet size is shown for the whole dataset only', async () => {
  const { version } = await s.portal.catalog.currentVersion('cities', publicAudience);
  assert.ok(version);
  const whole = (await page('/datasets/cities/export')).body;
  assert.match(whole, new RegExp(`<code>\\.parquet</code> · 10 records · opgeslagen versie: ${formatBytes('nl', version.bytes).replace('.', '\\.')}`));
  assert.match((await page('/en/datasets/cities/export')).body, /stored version: /);
  assert.doesNotMatch(whole, /<code>\.csv<\/code>[^<]*opgeslagen/, 'no guessed size for other formats');
  assert.doesNotMatch((await page('/datasets/cities/export?refine=country:DE')).body, /opgeslagen versie/);
});

test('the CSV options form builds the download URL without a script', async () => {
  const html = (await page('/en/datasets/cities/export?refine=country:DE')).body;
  const form = /<section class="csv-options"[^>]*>.*?<form method="get" action="([^"]+)">(.*?)<\/form>/s.exec(html);
  assert.ok(form, 'a GET form');
  assert.equal(form[1], '/api/explore/v2.1/catalog/datasets/cities/exports/csv');
  for (const [id, label] of [['csv-semicolon', 'Semicolon'], ['csv-comma', 'Comma'], ['csv-decimal-point', 'Point'], ['csv-decimal-comma', 'Comma \\(1234,5\\)'], ['csv-bom', 'With a BOM'], ['csv-labels', 'Labels']]) {
    assert.match(form[2], new RegExp(`<input type="radio" id="${id}"[^>]*><label for="${id}">${label}`));
  }
  assert.match(form[2], /<legend>Delimiter<\/legend>/);
  // What a browser submits: hidden inputs, then the checked radios, or the ones the visitor picks.
  const hidden = [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescapeHtml(m[2])]);
  assert.deepEqual(hidden.find(([n]) => n === 'refine'), ['refine', 'country:DE']);
  const checked = [...form[2].matchAll(/<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]*)" checked>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(checked, [['delimiter', ';'], ['decimal', 'point'], ['use_labels', 'false'], ['with_bom', 'true']]);
  const submit = async (choices: string[][]) => {
    const response = await s.get(`${form[1]}?${new URLSearchParams([...hidden, ...choices])}`);
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer()).toString('utf8');
  };
  const excel = await submit(checked);
  assert.ok(excel.startsWith('\uFEFFname;country;region;'), 'semicolons and a BOM by default');
  assert.equal(excel.trim().split('\n').length, 4, 'the three German cities and a header');
  assert.match(excel, /;891\.8;/, 'decimal points by default');
  const plain = await submit([['delimiter', ','], ['decimal', 'comma'], ['use_labels', 'true'], ['with_bom', 'false']]);
  assert.ok(plain.startsWith('Name,Country,Region,'), 'commas, labels, no BOM');
  assert.match(plain, /,"891,8",/, 'a decimal comma, quoted against the comma delimiter');
});

test('offers the CSV for Excel with Belgian or Dutch settings, in both languages, with the filters', async () => {
  const nl = (await page('/datasets/cities/export?refine=country:DE')).body;
  assert.match(nl, />CSV voor Excel \(Belgische\/Nederlandse instellingen\) downloaden<\/a>/);
  assert.match(nl, /Opent juist in Excel met Belgische of Nederlandse landinstellingen: puntkomma’s, decimale komma’s \(1234,5\)/);
  const en = (await page('/en/datasets/cities/export?refine=country:DE')).body;
  assert.match(en, />Download CSV for Excel \(Belgian\/Dutch settings\)<\/a>/);
  assert.match(en, /Opens correctly in Excel with Belgian or Dutch regional settings: semicolons, decimal commas \(1234,5\)/);
  for (const html of [nl, en]) {
    const href = downloads(html).get('csv+excel');
    assert.ok(href, 'a plain GET link');
    const url = new URL(href, s.url);
    assert.equal(url.pathname, '/api/explore/v2.1/catalog/datasets/cities/exports/csv');
    assert.deepEqual(url.searchParams.getAll('refine'), ['country:DE']);
    assert.deepEqual(['delimiter', 'decimal', 'with_bom', 'use_labels'].map((n) => url.searchParams.get(n)), [';', 'comma', 'true', 'true']);
  }
  const response = await s.get(downloads(nl).get('csv+excel')!);
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  const body = bytes.toString('utf8');
  const [header, ...lines] = body.trimEnd().split('\n');
  assert.equal(header, '\uFEFFName;Country;Region;population;area_km2;census_date;updated_at;capital;location;Tags');
  assert.equal(lines.length, 3, 'the three German cities');
  assert.match(body, /\nBerlin;DE;Berlin;3645000;891,8;2021-12-31;2024-01-20T10:15:00\+01:00;true;52\.52, 13\.405;capital\n/);
});

test('a bad filter shows the export tab (400) with a message in its language, not an error page', async () => {
  const bad = await page('/en/datasets/cities/export?refine=nonsense');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /“nonsense” is not a filter of the form field:value\./);
  assert.match(bad.body, /<a class="chip" href="\/en\/datasets\/cities\/export" aria-label="Remove filter/);
  const unknown = await page('/datasets/cities/export?exclude=bogus:1');
  assert.equal(unknown.status, 400);
  assert.match(unknown.body, /Er is geen veld „bogus”; de velden zijn: /);
});
