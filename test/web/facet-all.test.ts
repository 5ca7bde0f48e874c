// A facet of 300 values on the table tab: the first ten, "show all", the full list with a server-side filter box.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerHarness } from '../helpers/server.ts';
import { startPortal } from './helpers.ts';
import { importMunicipalities, municipalityCount } from './municipalities-fixture.ts';
import { unescapeHtml } from './records-fixture.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let s: ServerHarness;
before(async () => {
  s = await startPortal();
  await importMunicipalities(s);
  // Twenty keywords on one dataset: more than the catalog page lists before "show all".
  const path = join(s.env.config.dataDir, 'k.csv');
  writeFileSync(path, 'a\n1\n');
  const keywords = ['Gentse Feesten', 'Évènementen', ...Array.from({ length: 18 }, (_, i) => `woord ${String(i + 1).padStart(2, '0')}`)];
  await s.portal.catalog.importDataset({
    datasetId: 'trefwoorden',
    path,
    input: parseMetadataInput({ title: { nl: 'Trefwoorden', en: 'Keywords' }, theme: ['GOVE'], keyword: { nl: keywords, en: keywords } }),
    actor: 'test',
  });
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  assert.equal(response.status, 200, path);
  return response.text();
};

/** The values listed in the municipality facet's section. */
const facetValues = (html: string): string[] => {
  const section = /<section class="facet[^"]*" aria-labelledby="facet-gemeente">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
  return [...section.matchAll(/<li class="facet-value"><a href="[^"]*"[^>]*><span>(.*?)<\/span> <span class="count">/gs)].map((m) => unescapeHtml(m[1].replace(/<[^>]+>/g, '')));
};
const hrefOf = (html: string, pattern: RegExp): string => {
  const m = pattern.exec(html);
  assert.ok(m, `no link ${pattern}`);
  return unescapeHtml(m[1]);
};

test('a long facet shows its first ten values by count, then "show all" with the number of values', async () => {
  const nl = await page('/datasets/gemeenten/table');
  assert.deepEqual(facetValues(nl).slice(0, 3), ['Aalst', 'Antwerpen', 'Brugge'], 'by count, then by name');
  assert.equal(facetValues(nl).length, 10, 'the first ten, not a list of 300');
  assert.doesNotMatch(nl, /<span>Gent<\/span>/);
  assert.match(nl, /<a href="\/datasets\/gemeenten\/table\?facet=gemeente#facet-gemeente">Toon alle \(300\)<span class="visually-hidden"> \(Gemeente\)<\/span><\/a>/);
  assert.doesNotMatch(nl, /class="facet-more"/, 'no disclosure that would hide values it cannot show');
  const en = await page('/en/datasets/gemeenten/table');
  assert.match(en, />Show all \(300\)</);

  // A short facet still opens in place, with the right plural.
  const cities = await page('/en/datasets/cities/table');
  assert.doesNotMatch(cities, /Show all \(/);
});

test('"show all" lists every value alphabetically, keeping the other filters, and the filter box narrows it', async () => {
  const all = await page('/datasets/gemeenten/table?facet=gemeente');
  const values = facetValues(all);
  assert.equal(values.length, municipalityCount);
  assert.deepEqual(values.slice(0, 2), ['Aalst', 'Antwerpen']);
  assert.match(all, /<p class="facet-all-count" role="status">300 waarden\.<\/p>/);
  // The filter box is a GET form back to this view: no script needed.
  assert.match(all, /<form class="facet-search" role="search" method="get" action="\/datasets\/gemeenten\/table#facet-gemeente"><input type="hidden" name="facet" value="gemeente"\/?><label for="facet-gemeente-q">Zoek in de waarden van Gemeente<\/label>/);
  assert.match(all, /<input id="facet-gemeente-q" name="facet_q" type="search" value="" autocomplete="off"\/?>/);
  assert.match(all, /<a href="\/datasets\/gemeenten\/table#facet-gemeente">Minder tonen/);

  const gen = await page('/datasets/gemeenten/table?facet=gemeente&facet_q=GEN');
  assert.deepEqual(facetValues(gen), ['Genk', 'Gent', 'Sint-Genesius-Rode'], 'case-insensitive, anywhere in the value');
  assert.match(gen, /3 waarden bevatten &quot;GEN&quot;\./);
  assert.match(gen, /value="GEN"/);
  const accent = await page('/en/datasets/gemeenten/table?facet=gemeente&facet_q=ecaus');
  assert.deepEqual(facetValues(accent), ['Écaussinnes'], 'accent-insensitive');
  assert.match(accent, /1 value contains &quot;ecaus&quot;\./);
  const none = await page('/en/datasets/gemeenten/table?facet=gemeente&facet_q=%25');
  assert.deepEqual(facetValues(none), [], 'a % is text, not a pattern');
  assert.match(none, /No value contains &quot;%&quot;\./);

  // Other filters stay: in the form, and in the counts.
  const kept = await page('/datasets/gemeenten/table?q=Gent&sort=-inwoners&facet=gemeente');
  assert.match(kept, /<form class="facet-search"[^>]*><input type="hidden" name="q" value="Gent"\/?><input type="hidden" name="sort" value="-inwoners"\/?><input type="hidden" name="facet" value="gemeente"\/?>/);
  assert.deepEqual(facetValues(kept), ['Gent']);
});

test('choosing a value in the full list filters the table like any facet link and closes the list', async () => {
  const gen = await page('/datasets/gemeenten/table?facet=gemeente&facet_q=gent');
  const href = hrefOf(gen, /<li class="facet-value"><a href="([^"]+)"><span>Gent<\/span>/);
  assert.equal(href, '/datasets/gemeenten/table?refine=gemeente%3AGent');
  const chosen = await page(href);
  assert.match(chosen, /<h2 id="records-heading" class="results-count">1 record<\/h2>/);
  assert.match(chosen, /aria-current="true"><span>Gent<span class="visually-hidden">/);
  assert.doesNotMatch(chosen, /Toon alle/, 'one value left: nothing more to show');
});

test('an unknown facet name in the URL is ignored', async () => {
  const html = await page('/datasets/gemeenten/table?facet=nope&facet_q=x');
  assert.equal(facetValues(html).length, 10);
});

test('the catalog page lists its first keywords, then "show all" with a filter box that works without script', async () => {
  const first = await page('/datasets');
  const showAll = hrefOf(first, /<p class="facet-show-all"><a href="([^"]+)">Toon alle \((\d+)\)<span class="visually-hidden"> \(Trefwoord\)/);
  assert.equal(showAll, '/datasets?facet=keyword#facet-keyword');
  const all = await page(showAll.replace(/#.*/, ''));
  assert.match(all, /<form class="facet-search" role="search" method="get" action="\/datasets#facet-keyword"><input type="hidden" name="facet" value="keyword"\/?><label for="facet-keyword-q">Zoek in de waarden van Trefwoord<\/label>/);
  assert.match(all, /<span>woord 18<\/span>/, 'every keyword is listed');
  const gent = await page('/en/datasets?facet=keyword&facet_q=gent');
  assert.match(gent, /1 value contains &quot;gent&quot;\./);
  const href = hrefOf(gent, /<a href="([^"]+)"><span>Gentse Feesten<\/span>/);
  assert.equal(href, '/en/datasets?keyword=Gentse+Feesten');
  const chosen = await page(href);
  assert.match(chosen, /aria-current="true" class="selected"><span>Gentse Feesten<\/span>/);
  const accent = await page('/datasets?facet=keyword&facet_q=EVENE');
  assert.match(accent, /<span>Évènementen<\/span>/);
  assert.match(accent, /1 waarde bevat &quot;EVENE&quot;\./);
});
