// The table tab over a live server: paging, sorting, facets and chips, bad filters, cell formats, escaping, its JSON twin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, type ServerHarness } from '../helpers/server.ts';
import { hostile, startPortal } from './helpers.ts';
import { hostileValue, importNumbers, jsonTwinOf, numbersCount, unescapeHtml } from './records-fixture.ts';

let s: ServerHarness;
before(async () => {
  s = await startPortal();
  await importNumbers(s);
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  return { status: response.status, body: await response.text() };
};

/** The body rows of the records table, each as the text of its cells. */
const rows = (html: string): string[][] => {
  const body = /<table class="records[^"]*">.*?<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => unescapeHtml(c[1].replace(/<[^>]+>/g, ''))));
};
const column = (html: string, index: number) => rows(html).map((r) => r[index]);

test('pages through the records 25 at a time, the page in the URL, and says where paging stops', async () => {
  const first = await page('/datasets/numbers/table');
  assert.equal(first.status, 200);
  assert.match(first.body, /<h2 id="records-heading" class="results-count">10\.030 records<\/h2>/);
  assert.deepEqual(column(first.body, 0), Array.from({ length: 25 }, (_, i) => String(i + 1)));
  assert.match(first.body, /<a rel="next" href="\/datasets\/numbers\/table\?page=2">Volgende<\/a>/);
  assert.match(first.body, /Pagina 1 van 400/, 'only the pages within the first 10,000 records are offered');
  const third = await page('/en/datasets/numbers/table?page=3');
  assert.deepEqual(column(third.body, 0).slice(0, 2), ['51', '52']);
  assert.match(third.body, /<a rel="prev" href="\/en\/datasets\/numbers\/table\?page=2">Previous<\/a>/);
  assert.match(third.body, /Page 3 of 400/);

  const last = await page('/datasets/numbers/table?page=400');
  assert.equal(column(last.body, 0).at(-1), '10.000');
  assert.match(last.body, /Dit is de laatste pagina die getoond kan worden/);
  assert.doesNotMatch(last.body, /rel="next"/);

  const beyond = await page('/en/datasets/numbers/table?page=401');
  assert.equal(beyond.status, 200);
  assert.match(beyond.body, /Only the first 10,000 records can be shown page by page/);
  assert.match(beyond.body, /<a href="\/en\/datasets\/numbers\/export">Go to the export<\/a>/);
  assert.equal(rows(beyond.body).length, 0);
  const twin = await json(s.get(jsonTwinOf(beyond.body)));
  assert.equal(twin.total_count, numbersCount, 'the twin of a page beyond the window is still a call the API answers');

  const pastTheEnd = await page('/datasets/cities/table?page=3');
  assert.equal(pastTheEnd.status, 200);
  assert.match(pastTheEnd.body, /Op deze pagina staan geen records meer/);
  assert.doesNotMatch(pastTheEnd.body, /Verder bladeren kan niet/, 'ten records are not cut off by the window');
});

/** The pager's status: the page number and, past the window, how far the pages reach (tags dropped, spaces joined). */
const pagerStatus = (html: string): string => unescapeHtml((/<span class="pagination-status">(.*?)<\/span>\s*(?:<a rel="next"|<span aria-hidden)/s.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());

test('the pager says how many pages it reaches and why, with the export of the same selection, in both languages', async () => {
  const nl = await page('/datasets/numbers/table?page=3&q=rij');
  assert.match(nl.body, /10\.029 records<\/h2>/);
  assert.equal(pagerStatus(nl.body), 'Pagina 3 van 400 (de eerste 10.000 van 10.029 records zijn doorbladerbaar; download de volledige selectie via Export)');
  assert.match(nl.body, /<a href="\/datasets\/numbers\/export\?q=rij">download de volledige selectie via Export<\/a>\)/, 'the export keeps the filters');
  const en = await page('/en/datasets/numbers/table?page=3&sort=-n');
  assert.equal(pagerStatus(en.body), 'Page 3 of 400 (the first 10,000 of 10,030 records can be paged through; download the whole selection from Export)');
  assert.match(en.body, /<a href="\/en\/datasets\/numbers\/export">download the whole selection from Export<\/a>\)/);
});

test('the pager says only the page when every record can be paged to; one record is one', async () => {
  const nl = await page('/datasets/numbers/table?refine=groep%3Aa&page=3');
  assert.match(nl.body, /3\.343 records<\/h2>/);
  assert.equal(pagerStatus(nl.body), 'Pagina 3 van 134');
  assert.doesNotMatch(nl.body, /doorbladerbaar/);
  const en = await page('/en/datasets/numbers/table?refine=groep%3Ab');
  assert.equal(pagerStatus(en.body), 'Page 1 of 134');
  const one = await page(`/datasets/numbers/table?refine=${encodeURIComponent(`groep:${hostileValue}`)}`);
  assert.match(one.body, /<h2 id="records-heading" class="results-count">1 record<\/h2>/);
  assert.match(one.body, /<caption id="records-caption" class="visually-hidden">Getallen: 1 record<\/caption>/);
  const facets = (await page('/datasets/numbers/table')).body;
  assert.match(facets, /<span class="count">1<span class="visually-hidden"> record<\/span><\/span>/, 'a facet value of one record');
  assert.match(facets, /<span class="count">3\.343<span class="visually-hidden"> records<\/span><\/span>/);
  assert.doesNotMatch(one.body, /class="pagination"/, 'one page has no pager');
});

test('the records scroll in a region a keyboard reaches, the first column sticky; the facets sit in a Filters disclosure', async () => {
  const plain = (await page('/datasets/cities/table')).body;
  assert.match(plain, /<div class="table-scroll records-scroll" role="region" aria-labelledby="records-caption" tabindex="0">\s*<table class="records sticky-first">/);
  assert.match(plain, /<caption id="records-caption" class="visually-hidden">[^<]+: records 1 tot 10 van 10<\/caption>/, 'the region is named by the caption');
  // The disclosure holds the whole sidebar; it is closed (on a phone) unless a facet is open in full.
  assert.match(plain, /<aside class="facets record-facets" aria-labelledby="filters-heading">\s*<details class="filters-toggle">\s*<summary>Filters<\/summary>\s*<h2 id="filters-heading">Filters<\/h2>/);
  assert.match(plain, /<details class="filters-toggle">.*<h3 id="facet-country">.*<\/details>\s*<\/aside>/s, 'the facets are inside it');
  const filtered = (await page('/datasets/cities/table?q=port&refine=country:FR&exclude=tags:capital')).body;
  assert.match(filtered, /<summary>Filters \(3 actief\)<\/summary>/);
  const en = (await page('/en/datasets/cities/table?refine=country:FR')).body;
  assert.match(en, /<summary>Filters \(1 active\)<\/summary>/);
  const expanded = (await page('/datasets/cities/table?facet=country')).body;
  assert.match(expanded, /<details class="filters-toggle" open>/, 'a facet opened in full stays in view on a phone');
});

test('the column chooser is a form that keeps the filters and sort; the columns stay on every link and the JSON twin selects them', async () => {
  const all = (await page('/datasets/cities/table?refine=country:FR&sort=-population')).body;
  const chooser = /<details class="column-chooser">(.*?)<\/details>/s.exec(all)?.[1] ?? '';
  assert.match(chooser, /<summary>Kolommen \(\d+ van \d+\)<\/summary>/);
  assert.match(chooser, /<form method="get" action="\/datasets\/cities\/table"><input type="hidden" name="refine" value="country:FR"><input type="hidden" name="sort" value="-population">/);
  assert.match(chooser, /<input type="checkbox" id="column-population" name="fields" value="population" checked><label for="column-population">population<\/label>/);
  assert.doesNotMatch(chooser, /all-columns/, 'every column shown: nothing to reset');

  const some = (await page('/en/datasets/cities/table?refine=country:FR&sort=-population&fields=population&fields=name&fields=nonsense')).body;
  assert.deepEqual([...some.matchAll(/<th scope="col"[^>]*>.*?<\/th>/gs)].map((m) => m[0].replace(/<span class="visually-hidden">.*?<\/span>/g, '').replace(/<[^>]+>|[▲▼↕]/g, '').trim()), ['Name', 'population'], 'the chosen columns, in the dataset\'s order');
  assert.deepEqual(rows(some)[0], ['Paris', '2,148,000']);
  assert.match(some, /<summary>Columns \(2 of \d+\)<\/summary>/);
  assert.match(some, /<input type="checkbox" id="column-area_km2" name="fields" value="area_km2"><label/, 'a column left out is unchecked');
  assert.match(some, /<a class="all-columns" href="\/en\/datasets\/cities\/table\?refine=country%3AFR&amp;sort=-population">Show all columns<\/a>/);
  assert.match(some, /href="\/en\/datasets\/cities\/table\?refine=country%3AFR&amp;sort=name&amp;fields=name&amp;fields=population"/, 'a sort link keeps the columns');
  assert.match(some, /<a class="chip" href="\/en\/datasets\/cities\/table\?sort=-population&amp;fields=name&amp;fields=population"/, 'a chip keeps them');
  assert.match(some, /<input type="hidden" name="fields" value="name">/, 'the search form keeps them');
  const twin = jsonTwinOf(some);
  assert.match(twin, /\?select=name%2C\+population&refine=/);
  const data = await json(s.get(twin));
  assert.deepEqual(Object.keys(data.results[0]).sort(), ['name', 'population']);
});

test('column headers link to ascending then descending order, marked with aria-sort', async () => {
  const plain = await page('/datasets/cities/table');
  assert.match(plain.body, /<th scope="col" class="number"><a class="sort" href="\/datasets\/cities\/table\?sort=population">population<span class="visually-hidden"> \(oplopend sorteren\)<\/span>/);
  assert.doesNotMatch(plain.body, /aria-sort=/);
  assert.doesNotMatch(plain.body, /href="[^"]*sort=location/, 'a geo point is not sortable');

  const ascending = await page('/datasets/cities/table?sort=population');
  assert.match(ascending.body, /<th scope="col" class="number" aria-sort="ascending"><a class="sort" href="\/datasets\/cities\/table\?sort=-population">/);
  const names = column(ascending.body, 0);
  assert.deepEqual(names.slice(0, 3), ['Nantes', 'Lyon', 'Marseille']);
  assert.equal(names.at(-1), 'Saint-Malo', 'a missing value sorts last');

  const descending = await page('/en/datasets/cities/table?sort=-population&refine=country:DE');
  assert.match(descending.body, /aria-sort="descending"><a class="sort" href="\/en\/datasets\/cities\/table\?refine=country%3ADE&amp;sort=population">/);
  assert.deepEqual(column(descending.body, 0), ['Berlin', 'Hamburg', 'Munich']);
  assert.match(descending.body, /<td class="number">3,645,000<\/td>/);
});

test('facets refine and exclude with counts; active filters are chips that remove themselves', async () => {
  const all = await page('/datasets/cities/table');
  assert.match(all.body, /<h3 id="facet-country">Country<\/h3>/);
  assert.match(all.body, /<a href="\/datasets\/cities\/table\?refine=country%3AFR"><span>FR<\/span> <span class="count">5<span class="visually-hidden"> records<\/span><\/span><\/a>/);
  assert.match(all.body, /<a class="facet-exclude" href="\/datasets\/cities\/table\?exclude=country%3AFR" aria-label="FR uitsluiten">uitsluiten<\/a>/);
  assert.match(all.body, /refine=tags%3Atourism"><span>tourism<\/span> <span class="count">4/);

  const refined = await page('/datasets/cities/table?refine=country:FR&sort=name');
  assert.match(refined.body, /5 records<\/h2>/);
  assert.match(refined.body, /<a href="\/datasets\/cities\/table\?sort=name" class="selected" aria-current="true"><span>FR<span class="visually-hidden">, gekozen/);
  assert.match(refined.body, /<a class="chip" href="\/datasets\/cities\/table\?sort=name" aria-label="Filter &quot;Country: FR&quot; verwijderen">Country: FR/);
  assert.doesNotMatch(refined.body, /<span>Bavaria<\/span>/, 'the other facets count only the refined records');
  assert.deepEqual(column(refined.body, 0), ['Lyon', 'Marseille', 'Nantes', 'Paris', 'Saint-Malo']);

  const excluded = await page('/en/datasets/cities/table?exclude=country:FR&refine=tags:port');
  assert.match(excluded.body, /2 records<\/h2>/);
  assert.deepEqual(column(excluded.body, 0).sort(), ['Barcelona', 'Hamburg']);
  assert.match(excluded.body, /<li class="facet-value excluded"><a href="\/en\/datasets\/cities\/table\?refine=tags%3Aport"><span><del>FR<\/del> <span class="facet-state">\(excluded\)<\/span>/);
  assert.match(excluded.body, /aria-label="Remove filter &quot;Country: not FR&quot;"/);
  assert.match(excluded.body, /<a href="\/en\/datasets\/cities\/table">Clear all filters<\/a>/);
});

test('free text narrows the records, keeps the facets, and carries over to the other tabs', async () => {
  const found = await page('/datasets/cities/table?q=gastronomy');
  assert.match(found.body, /<input id="records-q" name="q" type="search" value="gastronomy"/);
  assert.deepEqual(column(found.body, 0), ['Lyon']);
  assert.match(found.body, /<a href="\/datasets\/cities\/table\?q=gastronomy&amp;refine=country%3AFR"><span>FR<\/span> <span class="count">1</, 'facets count within the search');
  assert.match(found.body, /aria-label="Filter &quot;&quot;gastronomy&quot;&quot; verwijderen"/);
  for (const tab of ['export', 'api', 'map']) assert.match(found.body, new RegExp(`href="/datasets/cities/${tab}\\?q=gastronomy"`));
  const form = /<form class="search records-search"[^>]*>(.*?)<\/form>/s.exec((await page('/datasets/cities/table?refine=country:FR&sort=-name')).body)?.[1] ?? '';
  assert.match(form, /<input type="hidden" name="refine" value="country:FR">/);
  assert.match(form, /<input type="hidden" name="sort" value="-name">/);
});

test('a bad filter in the URL shows the page (400) with a message in its language, never an error page; a bad sort is only noted', async () => {
  const cases: [string, RegExp][] = [
    ['/datasets/cities/table?refine=nonsense', /De filter in het adres kon niet worden toegepast: „nonsense” is geen filter van de vorm veld:waarde\./],
    ['/en/datasets/cities/table?refine=nonsense', /The filter in the address could not be applied: “nonsense” is not a filter of the form field:value\./],
    ['/datasets/cities/table?refine=nosuchfield:1', /Er is geen veld „nosuchfield”; de velden zijn: name, country, /],
    ['/en/datasets/cities/table?refine=nosuchfield:1', /There is no field “nosuchfield”; the fields are: name, country, /],
    ['/datasets/cities/table?exclude=population:many', /„many” is geen waarde die het veld population kan hebben\./],
    ['/en/datasets/cities/table?exclude=population:many', /“many” is not a value the field population can have\./],
  ];
  for (const [path, message] of cases) {
    const bad = await page(path);
    assert.equal(bad.status, 400, path);
    assert.match(bad.body, message, path);
    assert.doesNotMatch(bad.body, /Expected FIELD:VALUE|Unknown field|is not a number/, `${path}: not the API's English`);
  }
  const refine = await page('/datasets/cities/table?refine=nonsense');
  assert.match(refine.body, /<div class="notice notice-error" role="alert"><p class="notice-title">Deze filter begrijpen we niet<\/p>/);
  assert.match(refine.body, /<a class="chip" href="\/datasets\/cities\/table" aria-label="Filter &quot;nonsense: &quot; verwijderen">/, 'the bad filter can be removed');
  const sort = await page('/en/datasets/cities/table?sort=location&page=zero');
  assert.equal(sort.status, 200, 'a sort the table cannot do is ignored, not refused');
  assert.match(sort.body, /The table cannot be sorted on &quot;location&quot;/);
  assert.match(sort.body, /10 records<\/h2>/);
});

test('cells are formatted per type in each language, and missing values are empty', async () => {
  const nl = rows((await page('/datasets/cities/table?refine=name:Paris')).body)[0];
  const en = rows((await page('/en/datasets/cities/table?refine=name:Paris')).body)[0];
  const fields = (await json(s.get('/api/explore/v2.1/catalog/datasets/cities'))).fields.map((f: { name: string }) => f.name);
  const at = (row: string[], name: string) => row[fields.indexOf(name)];
  assert.equal(at(nl, 'population'), '2.148.000');
  assert.equal(at(en, 'population'), '2,148,000');
  assert.equal(at(nl, 'area_km2'), '105,4');
  assert.equal(at(nl, 'census_date'), '1 jan 2020');
  assert.equal(at(en, 'census_date'), '1 Jan 2020');
  assert.equal(at(nl, 'updated_at'), '15 mrt 2024, 11:30', 'date-times in the portal time zone');
  assert.equal(at(nl, 'location'), '48.8566, 2.3522');
  assert.equal(at(nl, 'tags'), 'capital, tourism');
  assert.equal(at(nl, 'capital'), 'ja');
  assert.equal(at(en, 'capital'), 'yes');
  const html = (await page('/datasets/cities/table?refine=name:Paris')).body;
  assert.match(html, /<td><time datetime="2020-01-01">1 jan 2020<\/time><\/td>/);
  const malo = rows((await page('/datasets/cities/table?refine=name:Saint-Malo')).body)[0];
  assert.equal(at(malo, 'population'), '');
  assert.equal(at(malo, 'census_date'), '');
});

test('the JSON twin is the exact records call and holds what the table shows', async () => {
  const html = (await page('/en/datasets/cities/table?refine=tags:tourism&exclude=country:DE&sort=-area_km2')).body;
  const twin = jsonTwinOf(html);
  assert.equal(twin, '/api/explore/v2.1/catalog/datasets/cities/records?refine=tags%3Atourism&exclude=country%3ADE&order_by=area_km2+DESC&limit=25&offset=0&lang=en&timezone=Europe%2FBrussels');
  assert.match(html, new RegExp(`<a href="${twin.replace(/[?+.]/g, '\\$&').replace(/&/g, '&amp;')}" type="application/json">These records from the API`));
  const data = await json(s.get(twin));
  assert.match(html, new RegExp(`${data.total_count} records</h2>`));
  assert.deepEqual(column(html, 0), data.results.map((r: { name: string }) => r.name));
  const numbers = await json(s.get(jsonTwinOf((await page('/datasets/numbers/table?page=2&q=rij')).body)));
  assert.equal(numbers.results[0].n, 27, 'record 7 has no "rij", so page 2 starts one later');
});

test('a dataset without facet annotations gets facets from its text fields with few values', async () => {
  const html = (await page('/en/datasets/werkloosheid/table')).body;
  assert.match(html, /<h3 id="facet-gemeente">gemeente<\/h3>/);
  assert.match(html, /refine=gemeente%3AGent"><span>Gent<\/span> <span class="count">2</);
  assert.match(html, /refine=gemeente%3AAalst"><span>Aalst<\/span> <span class="count">1</);
  assert.doesNotMatch(html, /id="facet-jaar"/, 'a number is no text facet');
  assert.doesNotMatch(html, /id="facet-label"/, 'the numbers dataset is not this one');
  const numbers = (await page('/datasets/numbers/table')).body;
  assert.doesNotMatch(numbers, /id="facet-label"/, 'annotated facets replace the guess');
});

test('hostile text in metadata, records, facets and the URL is escaped', async () => {
  const description = await page('/datasets/werkloosheid/table');
  assert.ok(!description.body.includes(hostile));
  assert.match(description.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  const table = (await page('/datasets/numbers/table')).body;
  assert.ok(!table.includes(hostileValue), 'a record value is never echoed raw');
  assert.match(table, /<td>&lt;b&gt;vet&lt;\/b&gt;&lt;script&gt;alert\(&#39;cel&#39;\)&lt;\/script&gt;<\/td>/);
  const facet = (await page(`/datasets/numbers/table?refine=${encodeURIComponent(`groep:${hostileValue}`)}`)).body;
  assert.ok(!facet.includes(hostileValue));
  assert.match(facet, /1 record<\/h2>/);
  const url = await page(`/en/datasets/cities/table?q=${encodeURIComponent('"><script>x</script>')}&refine=${encodeURIComponent('<img src=x>:1')}`);
  assert.equal(url.status, 400, 'the refine names no field');
  assert.ok(!url.body.includes('<script>x</script>') && !url.body.includes('<img src=x>'));
});

test('years and codes are written without thousands separators; a column writes all its numbers with one number of decimals', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parseMetadataInput } = await import('../../src/catalog/metadata.ts');
  const path = join(s.env.config.dataDir, 'jaren.csv');
  writeFileSync(path, 'jaar;postcode;aantal;aandeel;number_of_jobs\n2004;9000;12345;6,431;4500\n2023;1000;2;6,4124;12\n');
  await s.portal.catalog.importDataset({ datasetId: 'jaren', path, input: parseMetadataInput({ title: 'Jaren' }), actor: 'test' });
  const nl = rows((await page('/datasets/jaren/table?sort=jaar')).body);
  assert.deepEqual(nl.map((r) => r.slice(0, 5)), [['2004', '9000', '12.345', '6,4310', '4.500'], ['2023', '1000', '2', '6,4124', '12']], 'a number of jobs is an amount');
  const en = rows((await page('/en/datasets/jaren/table?sort=jaar')).body);
  assert.deepEqual(en.map((r) => r.slice(0, 4)), [['2004', '9000', '12,345', '6.4310'], ['2023', '1000', '2', '6.4124']]);
});
