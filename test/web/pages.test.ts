// The public pages over a live server: home, catalog, dataset information, 404, SEO files, JSON twins, both languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, type ServerHarness } from '../helpers/server.ts';
import { hostile, startPortal } from './helpers.ts';

let s: ServerHarness;
before(async () => {
  s = await startPortal();
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};

test('the home page shows themes with counts, newest datasets and a search box, in Dutch by default', async () => {
  const home = await page('/');
  assert.equal(home.status, 200);
  assert.match(home.type ?? '', /text\/html/);
  assert.match(home.body, /<html lang="nl">/);
  assert.match(home.body, /Economie en financiën<\/span> <span class="count">1<\/span>/);
  assert.match(home.body, /<input id="q" name="q" type="search"/);
  assert.match(home.body, /Werkloosheid per gemeente/);
  assert.doesNotMatch(home.body, /Geheime premies/, 'a restricted dataset is not shown to a visitor');
  const en = await page('/en/');
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /Economy and finance/);
  assert.match(en.body, /href="\/datasets\/werkloosheid"|href="\/en\/datasets\/werkloosheid"/);
  assert.match(en.body, /<link rel="alternate" hreflang="nl" href="http:\/\/[^"]+\/"/);
});

test('catalog search is accent- and case-insensitive, matches prefixes, and highlights why a dataset matched', async () => {
  const byKeyword = await page('/datasets?q=ECONOM');
  assert.match(byKeyword.body, />1 dataset gevonden</, 'one dataset, in the singular (Intl.PluralRules)');
  assert.match(byKeyword.body, /<mark>Écono<\/mark>mie|<mark>Écon/);
  assert.match(byKeyword.body, /Gevonden in: trefwoorden/);
  const byField = await page('/datasets?q=werkzoek');
  assert.match(byField.body, /Werkloosheid per gemeente/);
  assert.match(byField.body, /velden: <mark>werkzoek<\/mark>enden/);
  const none = await page('/datasets?q=zzzzqqq');
  assert.match(none.body, /0 datasets gevonden/);
  const secret = await page('/datasets?q=geheim');
  assert.match(secret.body, /0 datasets gevonden/);
});

test('counts take the singular for one and the plural otherwise, in both languages', async () => {
  assert.match((await page('/datasets')).body, />2 datasets gevonden</);
  assert.match((await page('/en/datasets')).body, />2 datasets found</);
  assert.match((await page('/en/datasets?theme=ECON')).body, />1 dataset found</);
  assert.match((await page('/en/datasets?q=zzzzqqq')).body, />0 datasets found</);
  assert.match((await page('/')).body, />Alle 2 datasets</);
});

test('facets combine: counts reflect the other filters, values of one facet widen, facets narrow', async () => {
  const all = await json(s.get('/datasets.json'));
  assert.equal(all.total_count, 2);
  const soci = all.facets.theme.find((f: { value: string }) => f.value === 'SOCI');
  assert.equal(soci.count, 1);
  const econ = await json(s.get('/datasets.json?theme=ECON'));
  assert.equal(econ.total_count, 1);
  assert.deepEqual(econ.results.map((r: { dataset_id: string }) => r.dataset_id), ['werkloosheid']);
  assert.ok(econ.facets.theme.some((f: { value: string; count: number }) => f.value === 'ECON' && f.count === 1));
  const narrowed = await json(s.get('/datasets.json?theme=ECON&features=geo'));
  assert.equal(narrowed.total_count, 0);
  const html = await page('/datasets?theme=ECON');
  assert.match(html.body, /aria-label="Filter &quot;Economie en financiën&quot; verwijderen"/);
});

test('sorting by title and paging keep every state in the URL', async () => {
  const byTitle = await json(s.get('/en/datasets.json?sort=title'));
  assert.deepEqual(byTitle.results.map((r: { title: string }) => r.title), ['European cities', 'Unemployment by municipality']);
  const html = await page('/datasets?q=gemeente&sort=title');
  assert.match(html.body, /<option value="title" selected>Titel<\/option>/);
  assert.match(html.body, /<input type="hidden" name="sort" value="title">/);
});

test('the information tab shows metadata, schema, versions and schema.org JSON-LD, and escapes hostile text', async () => {
  const info = await page('/datasets/werkloosheid');
  assert.equal(info.status, 200);
  assert.ok(!info.body.includes(hostile), 'hostile HTML is never echoed raw');
  assert.match(info.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(info.body, /<th scope="row">werkzoekenden<\/th><td><code>werkzoekenden<\/code><\/td><td>geheel getal<\/td>/);
  assert.match(info.body, /<a href="https:\/\/creativecommons.org\/publicdomain\/zero\/1.0\/">CC0 1.0<\/a>/);
  const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(info.body);
  assert.ok(ld, 'JSON-LD present');
  const data = JSON.parse(ld[1]);
  assert.equal(data['@type'], 'Dataset');
  assert.equal(data.name, 'Werkloosheid per gemeente');
  assert.ok(!ld[1].includes('<'), 'no < inside the script element');
  assert.match(info.body, /<link rel="alternate" type="application\/json" href="\/api\/explore\/v2.1\/catalog\/datasets\/werkloosheid\?lang=nl">/);
  assert.match(info.body, /<meta property="og:title" content="Werkloosheid per gemeente">/);
  const twin = await json(s.get('/datasets/werkloosheid.json'));
  assert.equal(twin.dataset_id, 'werkloosheid');
});

test('an unknown or restricted dataset, an unknown tab or path is a real 404 page', async () => {
  for (const path of ['/datasets/nope', '/datasets/geheim', '/en/datasets/geheim', '/datasets/werkloosheid/nope', '/datasets/werkloosheid/map', '/nothing/here']) {
    const r = await page(path);
    assert.equal(r.status, 404, path);
    assert.match(r.type ?? '', /text\/html/, path);
    assert.match(r.body, /Pagina niet gevonden|Page not found/, path);
  }
  assert.equal((await page('/en/nothing')).body.includes('Page not found'), true);
  // In the page's language only, each sentence once: no English message of the domain on a Dutch page.
  const missing = (await page('/datasets/nope')).body;
  assert.doesNotMatch(missing, /does not exist/);
  assert.equal(missing.split('Deze pagina bestaat niet (meer).').length, 2);
  const api = await s.get('/api/explore/v2.1/nothing');
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error_code: string }).error_code, 'NotFoundResource');
});

test('robots.txt points to the sitemap, which lists public pages in both languages and no restricted dataset', async () => {
  const robots = await page('/robots.txt');
  assert.match(robots.body, /Sitemap: http:\/\/.+\/sitemap.xml/);
  const sitemap = await page('/sitemap.xml');
  assert.match(sitemap.type ?? '', /xml/);
  assert.match(sitemap.body, /<loc>http:\/\/[^<]+\/datasets\/werkloosheid<\/loc>/);
  assert.match(sitemap.body, /<loc>http:\/\/[^<]+\/en\/datasets\/cities\/map<\/loc>/);
  assert.doesNotMatch(sitemap.body, /geheim/);
  assert.doesNotMatch(sitemap.body, /werkloosheid\/map/, 'no map tab without geo fields');
});

test('static files are served under content-hashed names and cached', async () => {
  const home = await page('/');
  const css = /href="(\/-\/static\/portal\.[0-9a-f]{10}\.css)"/.exec(home.body);
  assert.ok(css);
  const response = await s.get(css[1]);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('cache-control') ?? '', /immutable/);
  assert.match(await response.text(), /--brand/);
  assert.equal((await s.get('/-/static/nope.css')).status, 404);
});

test('page views, API calls and downloads count towards popularity, with nothing about the visitor', async () => {
  await s.get('/datasets/werkloosheid');
  await s.get('/api/explore/v2.1/catalog/datasets/werkloosheid/records');
  await s.get('/api/explore/v2.1/catalog/datasets/werkloosheid/exports/csv').then((r) => r.text());
  // The statistics count as each response finishes, write in batches and roll up into the daily counts.
  const daily = () => s.portal.store.db.selectFrom('stats_daily').selectAll().where('dataset_id', '=', 'werkloosheid').execute();
  let rows = await daily();
  for (let i = 0; i < 100 && rows.length < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await s.portal.stats.flush();
    await s.portal.stats.rollup();
    rows = await daily();
  }
  s.portal.figures.forget();
  const figures = await s.portal.figures.of('werkloosheid');
  assert.ok(figures.views30 >= 1 && figures.apiCalls30 >= 1 && figures.downloads30 >= 1 && figures.popularity > 0, JSON.stringify(figures));
  assert.deepEqual(rows.map((r) => r.kind).sort(), ['api', 'export', 'view']);
  assert.ok(rows.every((r) => Number(r.count) >= 1));
  const byPopularity = await json(s.get('/datasets.json?sort=popularity'));
  assert.equal(byPopularity.results[0].dataset_id, 'werkloosheid');
});
