// The chart tab over a live server: groups and values against independent API calls, dates, splits, pie, filters, bad input, languages, JSON twin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { json, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { publishingApiPrefix } from '../../src/backoffice/api.ts';
import { startPortal } from './helpers.ts';
import { importStock, stockMonths } from './stock-fixture.ts';

let s: ServerHarness;

const months = stockMonths;
const monthTotal = (m: (typeof months)[number]) => m.gent + m.brugge;
const years = [2021, 2022, 2023, 2024];
const ofYear = (year: number) => months.filter((m) => m.year === year);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

before(async () => {
  s = await startPortal();
  // Forty categories and years: more than a pie or a split chart shows, so the page must cap them and say so.
  const rows = Array.from({ length: 40 }, (_, i) => `c${String(i + 1).padStart(2, '0')};${(i + 1) * 10};${1981 + i}-06-30;${i % 2 ? 'b' : 'a'}`);
  const path = join(s.env.config.dataDir, 'many.csv');
  writeFileSync(path, `categorie;aantal;datum;groep\n${rows.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'many', path, input: parseMetadataInput({ title: { nl: 'Veel', en: 'Many' }, theme: ['ECON'] }), actor: 'test' });
  await importStock(s);
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  return { status: response.status, body: await response.text() };
};
const api = (dataset: string, query: string) => json(s.get(`/api/explore/v2.1/catalog/datasets/${dataset}/records?${query}`));
const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The marks of the SVG: bars, points or slices, with the series they belong to and their value. */
function marks(body: string, kind = 'bar'): { series: number; value: number }[] {
  const found = [...body.matchAll(new RegExp(`<(?:rect|path|circle) class="${kind}"[^>]*>`, 'g'))].map((m) => m[0]);
  return found.map((tag) => ({ series: Number(/data-series="(\d+)"/.exec(tag)?.[1] ?? 0), value: Number(/data-value="([^"]+)"/.exec(tag)?.[1]) }));
}

/** The data table: each row's header and cells, as text. */
function tableRows(body: string): string[][] {
  const tbody = /<tbody>(.*?)<\/tbody>/s.exec(body)?.[1] ?? '';
  return [...tbody.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => unescape(c[1])));
}

const twinOf = (body: string) => unescape(/<link rel="alternate" type="application\/json" href="([^"]+)"/.exec(body)?.[1] ?? '');
const chartSvg = /<svg class="chart-svg" role="img" aria-labelledby="chart-title chart-desc"/;

test('by default the tab counts records per the first facet: one column per country, as the API groups them', async () => {
  const { status, body } = await page('/datasets/cities/chart');
  assert.equal(status, 200);
  assert.match(body, chartSvg);
  assert.match(body, /<title id="chart-title">Aantal records per Country<\/title>/);
  assert.match(body, /<title>Aantal records per Country · Grafiek · Europese steden — Opaal<\/title>/);
  assert.match(body, /<desc id="chart-desc">Kolomdiagram: Aantal records per Country\. 3 categorieën\. Hoogste: FR \(5\)\. Laagste: ES \(2\)\./);
  const expected = await api('cities', 'select=count(*) as n&group_by=country&order_by=n desc&limit=100');
  assert.deepEqual(marks(body).map((m) => m.value), expected.results.map((r: { n: number }) => r.n));
  assert.deepEqual(tableRows(body), [['FR', '5'], ['DE', '3'], ['ES', '2']]);
  assert.match(body, /<th scope="col">Country<\/th><th scope="col" class="number">Aantal records<\/th>/);
  assert.match(body, /<option value="country" selected>Country<\/option>/);
  assert.match(body, /<a href="\/datasets\/cities\/chart" aria-current="page">Grafiek<\/a>/);
});

test('sum and average series match the API, each with its own fill pattern and a legend entry', async () => {
  const { body } = await page('/datasets/cities/chart?x=country&y=sum:population&y=avg:area_km2');
  const expected = await api('cities', 'select=sum(population) as p, avg(area_km2) as a&group_by=country&order_by=p desc&limit=100');
  const bars = marks(body);
  assert.equal(bars.length, 6, 'one bar per group and series');
  assert.deepEqual(bars.filter((b) => b.series === 0).map((b) => b.value), expected.results.map((r: { p: number }) => r.p));
  const averages = bars.filter((b) => b.series === 1).map((b) => b.value);
  expected.results.forEach((r: { a: number }, i: number) => assert.ok(Math.abs(averages[i] - r.a) < 1e-9));
  assert.match(body, /<pattern id="chart-fill-1"/);
  assert.match(body, /fill="url\(#chart-fill-1\)"/);
  assert.match(body, /<ul class="chart-legend" aria-label="Legenda">.*Som van population.*Gemiddelde van area_km2/s);
  assert.deepEqual(tableRows(body)[0], ['DE', '6.974.000', '652,6']);
});

test('a date groups by year, month or day; a date-time in the portal time zone; records without a date come last', async () => {
  const byYear = await page('/datasets/cities/chart?x=census_date&interval=year');
  assert.deepEqual(tableRows(byYear.body), [['2019', '1'], ['2020', '3'], ['2021', '3'], ['2022', '2'], ['(leeg)', '1']]);
  const expected = await api('cities', 'select=count(*) as n&group_by=year(census_date) as y&order_by=y&limit=100');
  assert.deepEqual(marks(byYear.body).map((b) => b.value), [...expected.results.filter((r: { y: number | null }) => r.y !== null), ...expected.results.filter((r: { y: number | null }) => r.y === null)].map((r: { n: number }) => r.n));
  assert.match(byYear.body, /<option value="year" selected>jaar<\/option>/);

  // 2023-12-31T23:30Z is already 2024 in Brussels.
  const updated = await page('/datasets/cities/chart?x=updated_at&interval=year&type=line');
  assert.deepEqual(tableRows(updated.body), [['2023', '2'], ['2024', '8']]);
  assert.deepEqual(marks(updated.body, 'point').map((p) => p.value), [2, 8]);
  assert.match(twinOf(updated.body), /timezone=Europe%2FBrussels/);

  const byMonth = await page('/datasets/cities/chart?x=census_date&interval=month&y=sum:population');
  assert.deepEqual(tableRows(byMonth.body)[0], ['jan 2019', '870.000']);
  assert.match(twinOf(byMonth.body), /group_by=date_format%28census_date%2C\+%27yyyy-MM%27%29\+as\+census_date_month/);
  const byDay = await page('/en/datasets/cities/chart?x=census_date&interval=day');
  assert.deepEqual(tableRows(byDay.body).map((r) => r[0]).slice(0, 2), ['1 Jan 2019', '1 Jan 2020']);
});

test('a split by a facet draws one series per value, in their natural order, with the same numbers as the API', async () => {
  const { body } = await page('/datasets/cities/chart?x=capital&split=country');
  assert.match(body, /Aantal records per capital, opgesplitst naar Country/);
  assert.match(body, /<ul class="chart-legend" aria-label="Legenda"><li>.*?<span>DE<\/span>.*?<span>ES<\/span>.*?<span>FR<\/span>/s);
  assert.deepEqual(new Set(marks(body).map((b) => b.series)), new Set([0, 1, 2]));
  assert.deepEqual(tableRows(body), [['nee', '2', '1', '4'], ['ja', '1', '1', '1']]);
  const expected = await api('cities', 'select=count(*) as n&group_by=capital, country&limit=100');
  const total = expected.results.reduce((sum: number, r: { n: number }) => sum + r.n, 0);
  assert.equal(marks(body).reduce((sum, b) => sum + b.value, 0), total);
});

test('a split with more values than series keeps the largest, says so, and its JSON twin names them', async () => {
  const { body } = await page('/datasets/cities/chart?x=country&split=region&y=sum:population');
  assert.match(body, /Alleen de 8 grootste van 10 waarden van Region krijgen een eigen reeks\./);
  const twin = twinOf(body);
  assert.match(twin, /where=region\+in\+%28/);
  const data = await json(s.get(twin));
  assert.equal(data.results.length, 8);
  assert.ok(!data.results.some((r: { region: string }) => r.region === 'Pays de la Loire'), 'the smallest regions are left out');
  assert.deepEqual(marks(body).map((b) => b.value).sort(), data.results.map((r: { sum_population: number }) => r.sum_population).sort());
});

test('a split over dates keeps the last years that fit, and its JSON twin asks for those years only', async () => {
  const { body } = await page('/datasets/many/chart?x=datum&interval=year&split=groep&y=sum:aantal');
  assert.match(body, /De grafiek toont de laatste 30 van 40 waarden\./);
  const rows = tableRows(body);
  assert.deepEqual([rows.length, rows[0], rows.at(-1)], [30, ['1991', '110', '–'], ['2020', '–', '400']]);
  const twin = twinOf(body);
  assert.match(twin, /where=year%28datum%29\+%3E%3D\+1991/);
  const data = await json(s.get(twin));
  assert.equal(data.results.length, 30);
  assert.deepEqual(marks(body).map((b) => b.value).sort((a, b) => a - b), data.results.map((r: { sum_aantal: number }) => r.sum_aantal).sort((a: number, b: number) => a - b));
});

test('a pie shows one count or sum with shares; the slices beyond the cap become "other", so shares stay true', async () => {
  const pie = await page('/datasets/cities/chart?type=pie&x=country');
  assert.match(pie.body, /<desc id="chart-desc">Taartdiagram:/);
  assert.deepEqual(marks(pie.body, 'slice').map((m) => m.value), [5, 3, 2]);
  assert.match(pie.body, /<span>FR<\/span><span class="chart-legend-detail">5 \(50%\)<\/span>/);

  const many = await page('/datasets/many/chart?type=pie&x=categorie&y=sum:aantal');
  const slices = marks(many.body, 'slice').map((m) => m.value);
  assert.equal(slices.length, 13);
  assert.equal(slices.reduce((a, b) => a + b, 0), 8200, 'the slices add up to the whole');
  assert.equal(slices[0], 400);
  assert.equal(slices[12], 10 * (28 * 29) / 2, 'the other slice is the 28 smallest together');
  assert.match(many.body, /De grafiek toont de 12 grootste van 40 categorieën\./);
  assert.match(many.body, /<th scope="row">Overige<\/th><td class="number">4\.060<\/td><td class="number">49,5%<\/td>/);

  for (const [query, message] of [
    ['type=pie&y=count&y=sum:population', /Een taartdiagram toont één reeks, zonder opsplitsing/],
    ['type=pie&split=country&x=capital', /Een taartdiagram toont één reeks, zonder opsplitsing/],
    ['type=pie&y=avg:area_km2', /Een taartdiagram toont delen van een geheel/],
  ] as const) {
    const refused = await page(`/datasets/cities/chart?${query}`);
    assert.equal(refused.status, 200);
    assert.match(refused.body, message);
    assert.doesNotMatch(refused.body, chartSvg);
  }
});

test('the record filters of the URL apply: refine and exclude change the numbers, and the form and links keep them', async () => {
  const all = await page('/datasets/cities/chart?x=country&y=sum:population');
  const france = await page('/datasets/cities/chart?x=region&y=sum:population&refine=country:FR');
  const expected = await api('cities', 'select=sum(population) as p&group_by=region&order_by=p desc&refine=country:FR&limit=100');
  assert.deepEqual(marks(france.body).map((b) => b.value), expected.results.map((r: { p: number | null }) => r.p).filter((p: number | null) => p !== null));
  assert.equal(marks(france.body).length, 4, 'a region whose only city has no population gets no bar');
  assert.deepEqual(tableRows(france.body).at(-1), ['Bretagne', '–']);
  assert.match(france.body, /<input type="hidden" name="refine" value="country:FR">/);
  assert.match(france.body, /Country: FR <span aria-hidden="true">×<\/span>/);
  assert.match(france.body, /href="\/datasets\/cities\/chart\?x=region&amp;y=sum%3Apopulation&amp;type=column"/, 'removing the filter keeps the chart');
  assert.match(france.body, /href="\/datasets\/cities\/table\?refine=country%3AFR"/, 'the other tabs keep the filter');
  assert.match(twinOf(france.body), /refine=country%3AFR/);

  const withoutFrance = await page('/datasets/cities/chart?x=country&y=sum:population&exclude=country:FR');
  assert.deepEqual(tableRows(withoutFrance.body).map((r) => r[0]), ['DE', 'ES']);
  assert.notDeepEqual(marks(all.body).map((b) => b.value), marks(withoutFrance.body).map((b) => b.value));
  const searched = await page('/datasets/cities/chart?x=country&q=Berlin');
  assert.deepEqual(tableRows(searched.body), [['DE', '1']]);
  const none = await page('/datasets/cities/chart?x=country&refine=country:XX');
  assert.match(none.body, /Geen enkel record voldoet aan de filters/);
  assert.doesNotMatch(none.body, chartSvg);
});

test('bad input is explained on the tab, never answered with a server error', async () => {
  const cases: [string, RegExp][] = [
    ['x=nope', /Er is geen veld “nope” dat als categorieën kan dienen/],
    ['x=location', /Er is geen veld “location” dat als categorieën kan dienen/],
    ['y=sum:name', /Van “Name” kan geen som berekend worden: het is geen getalveld\./],
    ['y=sum:nope', /Er is geen getalveld “nope” voor een reeks/],
    ['y=median:population', /“median:population” is geen reeks die we kennen/],
    ['x=census_date&interval=week', /“week” is geen periode: kies jaar, maand of dag\./],
    ['type=donut', /“donut” is geen soort grafiek/],
    ['split=nope', /Er is geen veld “nope” om naar op te splitsen/],
    ['x=country&split=country', /Opsplitsen naar hetzelfde veld als de categorieën kan niet/],
    ['refine=nope:1', /Deze filter begrijpen we niet.*Er is geen veld „nope”/s],
    ['refine=population:many', /Deze filter begrijpen we niet/],
    ['x=%3Cscript%3E', /Er is geen veld “&lt;script&gt;”/],
  ];
  for (const [query, message] of cases) {
    const { status, body } = await page(`/datasets/cities/chart?${query}`);
    // A filter the query language refuses makes the page a 400; a chart choice it cannot draw is only explained.
    assert.equal(status, query.startsWith('refine=') ? 400 : 200, query);
    assert.match(body, message, query);
    assert.match(body, /class="notice notice-error" role="alert"/, query);
    assert.doesNotMatch(body, chartSvg, query);
    assert.doesNotMatch(body, /<script>/, query);
  }
  const mixed = await page('/datasets/cities/chart?x=nope&type=donut');
  assert.match(mixed.body, /“nope”.*“donut”/s, 'every problem is named at once');
  assert.equal((await page('/datasets/nope/chart')).status, 404);
});

test('both languages: titles, labels, messages and numbers are written in the page language', async () => {
  const nl = await page('/datasets/cities/chart?x=country&y=sum:population&type=bar');
  const en = await page('/en/datasets/cities/chart?x=country&y=sum:population&type=bar');
  assert.match(nl.body, /<html lang="nl">/);
  assert.match(en.body, /<html lang="en">/);
  assert.match(nl.body, /<title id="chart-title">Som van population per Country<\/title>/);
  assert.match(en.body, /<title id="chart-title">Sum of population by Country<\/title>/);
  assert.match(en.body, /<desc id="chart-desc">Bar chart: Sum of population by Country\. 3 categories\. Highest: DE \(6,974,000\)\. Lowest: FR \(3,860,000\)\./);
  assert.match(nl.body, /<label for="chart-x">Categorieën \(x-as\)<\/label>/);
  assert.match(en.body, /<label for="chart-x">Categories \(x axis\)<\/label>/);
  assert.match(en.body, /<option value="bar" selected>Bars<\/option>/);
  assert.match(nl.body, /6\.974\.000/);
  assert.match(en.body, /6,974,000/);
  assert.match(en.body, /action="\/en\/datasets\/cities\/chart"/);
  assert.match((await page('/en/datasets/cities/chart?type=donut')).body, /“donut” is not a chart type/);
  assert.match(twinOf(en.body), /lang=en/);
});

test('the JSON twin is the Explore API call that drew the chart, and the CSV link exports the same groups', async () => {
  const { body } = await page('/datasets/cities/chart?x=country&y=sum:population&y=max:area_km2');
  const twin = twinOf(body);
  assert.match(twin, /^\/api\/explore\/v2\.1\/catalog\/datasets\/cities\/records\?select=sum%28population%29\+as\+sum_population%2C\+max%28area_km2%29\+as\+max_area_km2&group_by=country/);
  assert.match(body, new RegExp(`<a href="${twin.replace(/[.?*+()[\]\\^$|]/g, '\\$&').replace(/&/g, '&amp;')}" type="application/json">JSON</a>`));
  const data = await json(s.get(twin));
  assert.deepEqual(
    marks(body).map((b) => b.value),
    [...data.results.map((r: { sum_population: number }) => r.sum_population), ...data.results.map((r: { max_area_km2: number }) => r.max_area_km2)],
  );
  assert.deepEqual(data.results.map((r: { country: string }) => r.country), tableRows(body).map((r) => r[0]));
  const csvHref = unescape(/<a href="([^"]+)" type="text\/csv">CSV<\/a>/.exec(body)?.[1] ?? '');
  assert.match(csvHref, /^\/api\/explore\/v2\.1\/catalog\/datasets\/cities\/exports\/csv\?select=/);
  const csv = await (await s.get(csvHref)).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines[0], 'country;sum_population;max_area_km2');
  assert.deepEqual(lines.slice(1).map((l) => l.split(';')[0]), ['DE', 'ES', 'FR']);
});

test('the page needs no script: a plain GET form with labelled selects, and the client module is optional', async () => {
  const { body } = await page('/datasets/cities/chart?x=census_date&y=count&y=sum:population');
  assert.match(body, /<form class="chart-form" method="get" action="\/datasets\/cities\/chart" data-chart-form>/);
  for (const id of ['chart-x', 'chart-interval', 'chart-type', 'chart-split', 'chart-y-0', 'chart-y-1', 'chart-y-2']) {
    assert.match(body, new RegExp(`<label for="${id}">`), id);
    assert.match(body, new RegExp(`<select id="${id}" name="`), id);
  }
  assert.match(body, /<select id="chart-y-1" name="y"><option value="">\(geen\)<\/option><option value="count">Aantal records<\/option><optgroup label="population"><option value="sum:population" selected>/);
  assert.doesNotMatch(body, /\sstyle=/, 'no inline styles under the CSP');
  assert.match(body, /<script type="module" src="\/-\/static\/chart\.[0-9a-f]+\.js"><\/script>/);
  assert.match(body, /<link rel="stylesheet" href="\/-\/static\/chart\.[0-9a-f]+\.css">/);
  const noInterval = await page('/datasets/cities/chart?x=country&interval=month');
  assert.doesNotMatch(noInterval.body, /id="chart-interval"/, 'a text x has no interval to choose');
  assert.doesNotMatch(twinOf(noInterval.body), /date_format/);
});

/** The values drawn (bars or points), rounded to a cent so that averages compare. */
const drawn = (body: string, kind = 'bar') => marks(body, kind).map((m) => Math.round(m.value * 100) / 100);
const rounded = (values: number[]) => values.map((v) => Math.round(v * 100) / 100);

test('a stock (aggregation avg) is averaged over the months of each year, never summed; the caption says so', async () => {
  const { status, body } = await page('/datasets/stand/chart?x=maand&interval=year');
  assert.equal(status, 200);
  // The default series follows the annotation: the average per month, selected in the form.
  assert.match(body, /<option value="avg:werkzoekenden" selected>Gemiddelde per maand van Werkzoekenden<\/option>/);
  const averages = rounded(years.map((y) => mean(ofYear(y).map(monthTotal))));
  assert.deepEqual(drawn(body), averages);
  assert.deepEqual(averages.slice(0, 2), [1560.5, 1692.5], 'the fixture: (1000 + 500) + 11 × 5.5 in 2021');
  const sums = years.map((y) => ofYear(y).reduce((a, m) => a + monthTotal(m), 0));
  assert.notDeepEqual(drawn(body), sums);
  assert.match(body, /<caption>Gemiddelde per maand van Werkzoekenden per jaar \(Maand\)<\/caption>/);
  assert.match(body, /<p class="chart-note">Elke waarde van “Werkzoekenden” is het gemiddelde per maand, niet de som over de maanden\.<\/p>/);
  assert.deepEqual(tableRows(body)[0], ['2021', '1.560,5']);
  // The JSON twin asks the Explore API the same: the months' total, divided by the number of months.
  assert.equal(new URL(twinOf(body), s.url).searchParams.get('select'), 'sum(werkzoekenden) / count(distinct maand) as avg_werkzoekenden');
  const twin = await json(s.get(twinOf(body)));
  assert.deepEqual(rounded(twin.results.map((r: { avg_werkzoekenden: number }) => r.avg_werkzoekenden)).reverse(), averages);
  // `last` is offered where the publisher declared how the measure combines, not elsewhere.
  assert.match(body, /<option value="last:werkzoekenden">Werkzoekenden in de laatste maand<\/option>/);
  assert.doesNotMatch((await page('/datasets/cities/chart')).body, /value="last:/);
});

test('a stock over all months per category is the average per month of that category, in both languages', async () => {
  const nl = await page('/datasets/stand/chart');
  assert.match(nl.body, /<option value="gemeente" selected>Gemeente<\/option>/, 'the facet is the default categories');
  assert.deepEqual(drawn(nl.body), rounded([mean(months.map((m) => m.gent)), mean(months.map((m) => m.brugge))]));
  assert.deepEqual(drawn(nl.body), [1235, 523.5]);
  assert.match(nl.body, /<caption>Gemiddelde per maand van Werkzoekenden per Gemeente<\/caption>/);
  assert.match(nl.body, /het gemiddelde per maand, niet de som over de maanden/);
  const en = await page('/en/datasets/stand/chart');
  assert.deepEqual(drawn(en.body), [1235, 523.5]);
  assert.match(en.body, /<caption>Average per month of Werkzoekenden by Gemeente<\/caption>/);
  assert.match(en.body, /<p class="chart-note">Each value of “Werkzoekenden” is the average per month, not the sum over the months\.<\/p>/);
  assert.deepEqual(tableRows(en.body)[1], ['Brugge', '523.5']);
});

test('`last` shows the total of each group\'s last month, `sum` sums; a split keeps the same rules', async () => {
  const last = await page('/datasets/stand/chart?x=maand&interval=year&y=last:werkzoekenden');
  assert.deepEqual(drawn(last.body), years.map((y) => monthTotal(ofYear(y)[11])));
  assert.deepEqual(drawn(last.body).slice(0, 1), [1621], 'December 2021: 1110 + 511');
  assert.match(last.body, /<caption>Werkzoekenden in de laatste maand per jaar \(Maand\)<\/caption>/);
  assert.match(last.body, /Elke waarde van “Werkzoekenden” is die van de laatste maand in de groep/);
  const lastEn = await page('/en/datasets/stand/chart?x=maand&interval=year&y=last:werkzoekenden');
  assert.match(lastEn.body, /<caption>Werkzoekenden in the last month by year \(Maand\)<\/caption>/);
  // By municipality, the last month of all: December 2024.
  const perPlace = await page('/datasets/stand/chart?x=gemeente&y=last:werkzoekenden');
  assert.deepEqual(tableRows(perPlace.body), [['Gent', '1.470'], ['Brugge', '547']]);

  const sum = await page('/datasets/stand/chart?x=maand&interval=year&y=sum:werkzoekenden');
  assert.deepEqual(drawn(sum.body), years.map((y) => ofYear(y).reduce((a, m) => a + monthTotal(m), 0)));
  assert.match(sum.body, /<caption>Som van Werkzoekenden per jaar \(Maand\)<\/caption>/);
  assert.doesNotMatch(sum.body, /chart-note/);
  // The flow is declared a sum: its average is per month too, but a month by month chart needs no note.
  const flow = await page('/datasets/stand/chart?x=maand&interval=month&y=avg:inschrijvingen');
  assert.equal(marks(flow.body).length, 48);
  assert.deepEqual(drawn(flow.body).slice(0, 2), [90, 93]);
  assert.doesNotMatch(flow.body, /chart-note/);
  assert.match(flow.body, /<caption>Inschrijvingen per maand \(Maand\)<\/caption>/, 'one month per group: the month\'s own figure');
  // By year, the flow's average per month is said as such.
  assert.match((await page('/datasets/stand/chart?x=maand&interval=year&y=avg:inschrijvingen')).body, /<caption>Gemiddelde per maand van Inschrijvingen per jaar \(Maand\)<\/caption>/);

  const split = await page('/datasets/stand/chart?x=maand&interval=year&split=gemeente&y=last:werkzoekenden');
  const series = (n: number) => marks(split.body).filter((b) => b.series === n).map((b) => b.value);
  assert.deepEqual(series(0), years.map((y) => ofYear(y)[11].brugge), 'Brugge first, in natural order');
  assert.deepEqual(series(1), years.map((y) => ofYear(y)[11].gent));
  const splitAvg = await page('/datasets/stand/chart?x=maand&interval=year&split=gemeente');
  assert.deepEqual(marks(splitAvg.body).filter((b) => b.series === 1).map((b) => b.value), years.map((y) => mean(ofYear(y).map((m) => m.gent))));
});

test('without dates there is nothing to combine over time: a declared stock is summed per category, avg is the plain average', async () => {
  const path = join(s.env.config.dataDir, 'snapshot.csv');
  writeFileSync(path, 'gemeente;werkzoekenden\nGent;100\nGent;50\nBrugge;40\n');
  const fields = [{ name: 'gemeente', annotations: { facet: [] } }, { name: 'werkzoekenden', label: 'Werkzoekenden', annotations: { aggregation: ['avg'] } }];
  await s.portal.catalog.importDataset({ datasetId: 'momentopname', path, input: parseMetadataInput({ title: 'Momentopname', fields }), actor: 'test' });
  const { body } = await page('/datasets/momentopname/chart');
  assert.match(body, /<option value="sum:werkzoekenden" selected>Som van Werkzoekenden<\/option>/);
  assert.doesNotMatch(body, /value="last:/, 'no last period without dates');
  assert.deepEqual(drawn(body), [150, 40]);
  assert.doesNotMatch(body, /chart-note/);
  const avg = await page('/datasets/momentopname/chart?y=avg:werkzoekenden');
  assert.match(avg.body, /<caption>Gemiddelde van Werkzoekenden per gemeente<\/caption>/);
  assert.deepEqual(drawn(avg.body), [75, 40]);
});

test('an aggregation other than avg, sum or last is refused with a message that names the field and the choices', async () => {
  const expected = 'Metadata "fields[0].annotations.aggregation" must be one of avg, sum, last, given as a list of one such as ["avg"] (found ["mean"]).';
  assert.throws(() => parseMetadataInput({ fields: [{ name: 'werkzoekenden', annotations: { aggregation: ['mean'] } }] }), { message: expected });
  assert.throws(() => parseMetadataInput({ fields: [{ name: 'x', annotations: { aggregation: ['avg', 'sum'] } }] }), /must be one of avg, sum, last.*found \["avg","sum"\]/);
  assert.throws(() => parseMetadataInput({ fields: [{ name: 'x', annotations: { aggregation: [] } }] }), /found \[\]/);
  assert.deepEqual(parseMetadataInput({ fields: [{ name: 'x', annotations: { aggregation: [' AVG '] } }] }).fields?.[0].annotations, { aggregation: ['avg'] });

  const editor: StaffVisitor = await signedIn(s, 'editor');
  const patch = (annotations: unknown) =>
    editor.send('PATCH', `${publishingApiPrefix}/datasets/stand/metadata`, {
      body: JSON.stringify({ fields: [{ name: 'werkzoekenden', annotations }] }),
      headers: { 'content-type': 'application/json' },
    });
  const refused = await patch({ aggregation: ['mean'] });
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), { error: 'invalid', message: expected });
  assert.deepEqual((await json(s.get('/api/explore/v2.1/catalog/datasets/stand'))).fields.find((f: { name: string }) => f.name === 'werkzoekenden').annotations.aggregation, ['avg'], 'nothing changed');
  // Only a number combines over time: on a text field the annotation is refused, by the API and on import.
  const onText = await editor.send('PATCH', `${publishingApiPrefix}/datasets/stand/metadata`, {
    body: JSON.stringify({ fields: [{ name: 'gemeente', annotations: { aggregation: ['sum'] } }] }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(onText.status, 400);
  assert.deepEqual(await onText.json(), { error: 'invalid', message: 'The "aggregation" annotation needs a numeric field; "gemeente" holds text values.', reason: 'aggregation_field' });
  const path = join(s.env.config.dataDir, 'text.csv');
  writeFileSync(path, 'gemeente;aantal\nGent;1\n');
  await assert.rejects(
    s.portal.catalog.importDataset({ datasetId: 'tekst', path, input: parseMetadataInput({ title: 'Tekst', fields: [{ name: 'gemeente', annotations: { aggregation: ['avg'] } }] }), actor: 'test' }),
    { message: 'The "aggregation" annotation needs a numeric field; "gemeente" holds text values.' },
  );
  const accepted = await patch({ aggregation: ['last'], unit: ['personen'] });
  assert.equal(accepted.status, 200);
  assert.match((await page('/datasets/stand/chart?x=maand&interval=year')).body, /<option value="last:werkzoekenden" selected>/, 'the default follows the new annotation');
  assert.equal((await patch({ aggregation: ['avg'], unit: ['personen'] })).status, 200);

  // The back office's field editor: a choice for each numeric field, its value checked as the API checks it.
  await editor.get('/-/admin/datasets/stand/metadata');
  assert.match(editor.lastPage, /<label for="field_2_aggregation">Samenvoegen over de tijd<\/label>/);
  assert.match(editor.lastPage, /<select id="field_2_aggregation" name="field_2_aggregation"[^>]*>.*<option value="avg" selected>gemiddelde per periode \(een stand\)<\/option>/s);
  assert.doesNotMatch(editor.lastPage, /id="field_1_aggregation"/, 'a text field has no aggregation');
  const dataset = await json(s.get('/api/explore/v2.1/catalog/datasets/stand'));
  const form = (aggregation: string) => {
    const body = new URLSearchParams({ _csrf: editor.csrf, title_nl: 'Werkzoekenden', title_en: 'Job seekers', access_rights: 'PUBLIC', visibility: 'public' });
    dataset.fields.forEach((f: { name: string; label: string }, i: number) => [body.set(`field_${i}_name`, f.name), body.set(`field_${i}_label`, f.label)]);
    body.set('field_1_facet', 'yes');
    body.set('field_2_unit', 'personen');
    body.set('field_2_aggregation', aggregation);
    return editor.send('POST', '/-/admin/datasets/stand/metadata', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };
  const bad = await form('median');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /samenvoegen is gemiddelde, laatste waarde of som/);
  assert.equal((await form('sum')).status, 303);
  const saved = await json(s.get('/api/explore/v2.1/catalog/datasets/stand'));
  assert.deepEqual(saved.fields[2].annotations, { unit: ['personen'], aggregation: ['sum'] });
  assert.deepEqual(saved.fields[1].annotations, { facet: [] });
  assert.equal((await form('avg')).status, 303);
});

test('the period a stock is averaged over is the data version\'s own: a new version with yearly dates is no longer "per month"', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parseMetadataInput } = await import('../../src/catalog/metadata.ts');
  const write = (name: string, dates: string[]) => {
    const path = join(s.env.config.dataDir, name);
    writeFileSync(path, `datum;aantal\n${dates.map((d, i) => `${d};${100 + i}`).join('\n')}\n`);
    return path;
  };
  const input = parseMetadataInput({ title: 'Voorraad', fields: [{ name: 'aantal', label: 'Aantal', annotations: { aggregation: ['avg'] } }] });
  const monthly = ['2021-01-31', '2021-02-28', '2021-03-31', '2022-01-31', '2022-02-28'];
  await s.portal.catalog.importDataset({ datasetId: 'voorraad', path: write('monthly.csv', monthly), input, actor: 'test' });
  const before = await page('/datasets/voorraad/chart?x=datum&interval=year');
  assert.match(before.body, /<caption>Gemiddelde per maand van Aantal per jaar \(datum\)<\/caption>/);
  assert.deepEqual(drawn(before.body), [101, 103.5]);
  // The next version holds one date a year: each year is its own period, so its figure needs no "per month".
  await s.portal.catalog.importDataset({ datasetId: 'voorraad', path: write('yearly.csv', ['2021-12-31', '2022-12-31']), actor: 'test' });
  const after = await page('/datasets/voorraad/chart?x=datum&interval=year');
  assert.doesNotMatch(after.body, /per maand/);
  assert.deepEqual(drawn(after.body), [100, 101]);
});
