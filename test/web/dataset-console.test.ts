// The API tab over a live server: the ODSQL console's link, its server-rendered answer, errors, snippets and script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, type ServerHarness } from '../helpers/server.ts';
import { startPortal } from './helpers.ts';
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

const shownUrl = (html: string) => unescapeHtml(/<code id="console-url">([^<]*)<\/code>/.exec(html)![1]);
const shownResult = (html: string) => JSON.parse(unescapeHtml(/<code id="console-result">([^<]*)<\/code>/.exec(html)![1]));
const snippet = (html: string, lang: string) => unescapeHtml(new RegExp(`<code data-snippet="${lang}">([^<]*)</code>`).exec(html)![1]);
const input = (html: string, name: string) => unescapeHtml(new RegExp(`<input id="console-${name}" name="${name}" type="[a-z]+" value="([^"]*)"`).exec(html)![1]);

test('arriving from the table, the console starts from its filters and shows the link and the answer', async () => {
  const html = (await page('/datasets/cities/api?q=port&refine=country:FR')).body;
  assert.equal(input(html, 'where'), '"port"', 'the free-text search becomes the where');
  assert.equal(input(html, 'limit'), '10');
  assert.match(html, /<input type="hidden" name="refine" value="country:FR">/);
  const url = shownUrl(html);
  assert.equal(url, '/api/explore/v2.1/catalog/datasets/cities/records?where=%22port%22&limit=10&refine=country%3AFR&lang=nl');
  assert.equal(jsonTwinOf(html), url, 'the JSON twin is the link the console shows');
  const answer = await json(s.get(url));
  assert.deepEqual(shownResult(html), answer, 'the answer on the page is what the link returns');
  assert.equal(answer.total_count, 2);
  assert.match(html, /<p class="result-count">2 resultaten in totaal, 2 getoond<\/p>/);
  assert.match(html, /<form class="console" method="get" action="\/datasets\/cities\/api"/);
});

test('a valid query with select, group_by and order_by is run on the server and rendered as JSON', async () => {
  const query = new URLSearchParams({ select: 'country, count(*) as n', where: 'population > 1000000', group_by: 'country', order_by: 'n desc', limit: '5', offset: '' });
  const html = (await page(`/en/datasets/cities/api?${query}`)).body;
  assert.equal(input(html, 'select'), 'country, count(*) as n');
  assert.equal(input(html, 'order_by'), 'n desc');
  const url = shownUrl(html);
  assert.equal(url, '/api/explore/v2.1/catalog/datasets/cities/records?select=country%2C+count%28*%29+as+n&where=population+%3E+1000000&group_by=country&order_by=n+desc&limit=5&lang=en');
  const answer = await json(s.get(url));
  assert.deepEqual(shownResult(html), answer);
  assert.deepEqual(answer.results, [{ country: 'DE', n: 3 }, { country: 'ES', n: 2 }, { country: 'FR', n: 1 }]);
  assert.match(html, /3 results in all, 3 shown/);
});

test("an invalid query (400) says what is wrong in the page's language, with its clause and character, and shows the API's answer", async () => {
  const bad = await page(`/datasets/cities/api?${new URLSearchParams({ where: 'population >', limit: '10' })}`);
  assert.equal(bad.status, 400);
  assert.match(bad.body, /<p class="notice-title">De API kan deze query niet uitvoeren<\/p><p>In where, bij teken 13:<\/p>/);
  assert.match(bad.body, /<p class="odsql-message">De vraag houdt te vroeg op; er ontbreekt nog iets\.<\/p>/);
  assert.match(bad.body, /Expected a value after \\&quot;&gt;\\&quot; at position 12 in where/, "the API's own English answer is shown as it is");
  const english = await page(`/en/datasets/cities/api?${new URLSearchParams({ where: 'population > "a', limit: '10' })}`);
  assert.equal(english.status, 400);
  assert.match(english.body, /<p>In where, at character 14:<\/p><p class="odsql-message">A text or name is not closed; add the closing &quot;\.<\/p>/);
  assert.match(bad.body, /<pre class="odsql-caret" aria-hidden="true">population &gt;\n {12}\^<\/pre>/);
  const api = await s.get(shownUrl(bad.body));
  assert.equal(api.status, 400);
  assert.deepEqual(shownResult(bad.body), await api.json(), 'the page shows the error body the API answers');

  const field = await page(`/en/datasets/cities/api?${new URLSearchParams({ select: 'nosuchfield', limit: '10' })}`);
  assert.equal(field.status, 400);
  assert.match(field.body, /The API cannot run this query/);
  assert.match(field.body, /nosuchfield/);
  const limit = await page('/en/datasets/cities/api?limit=500');
  assert.equal(limit.status, 400);
  assert.match(limit.body, /<p class="odsql-message">This query cannot be run; check the filters and the other parameters\.<\/p>/);
  assert.match(limit.body, /Invalid value for limit API parameter: 500 was found but -1 &lt;= limit &lt;= 100 is expected\./);
  const grouped = await page(`/en/datasets/cities/api?${new URLSearchParams({ select: 'country', group_by: 'country', limit: '500' })}`);
  assert.match(grouped.body, /3 results in all, 3 shown/, 'grouped results may ask for more than 100');
});

test('snippets for curl, Python and JavaScript hold the absolute URL of the query', async () => {
  const html = (await page(`/datasets/cities/api?${new URLSearchParams({ where: 'name like "M*"', limit: '3' })}`)).body;
  const absolute = s.env.config.baseUrl.replace(/\/$/, '') + shownUrl(html);
  assert.equal(snippet(html, 'curl'), `curl '${absolute}'`);
  assert.match(snippet(html, 'python'), /^import requests\n/);
  assert.ok(snippet(html, 'python').includes(`requests.get("${absolute}")`));
  assert.ok(snippet(html, 'javascript').includes(`await fetch("${absolute}")`));
  assert.ok(!absolute.includes('"') && !absolute.includes("'"), 'the URL cannot end the string it is quoted in');
});

test('the console lists the fields and links to the API documentation, in both languages', async () => {
  const nl = (await page('/datasets/cities/api')).body;
  assert.match(nl, /<li><code>population<\/code> <span class="field-type">geheel getal<\/span><\/li>/);
  assert.match(nl, /<li><code>country<\/code> <span class="field-type">tekst<\/span><span class="field-label">Country<\/span><\/li>/);
  assert.match(nl, /<a href="\/api\/explore\/v2.1\/swagger.json">OpenAPI-beschrijving \(swagger.json\)<\/a>/);
  assert.match(nl, /<a href="\/api\/explore\/v2.1\/">Explore API v2.1 van Opaal<\/a>/);
  assert.match(nl, /<label for="console-where"><code>where<\/code><\/label>/);
  const en = (await page('/en/datasets/cities/api')).body;
  assert.match(en, /<span class="field-type">geographic point<\/span>/);
  assert.match(en, /<h2 id="console-snippets">The same query in code<\/h2>/);
  assert.equal((await s.get('/api/explore/v2.1/swagger.json')).status, 200);
});

test('the console script is served, and hostile input is escaped everywhere it is echoed', async () => {
  const html = (await page(`/datasets/cities/api?${new URLSearchParams({ where: '"</code><script>alert(1)</script>"', select: '"><img src=x onerror=alert(1)>' })}`)).body;
  assert.ok(!html.includes('<script>alert(1)</script>') && !html.includes('<img src=x'));
  assert.match(html, /value="&quot;&lt;\/code&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;"/);
  const script = /<script type="module" src="([^"]+)"><\/script>/.exec(html);
  assert.ok(script, 'the page asks for its client module');
  const response = await s.get(script[1]);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /javascript/);
  assert.match(await response.text(), /console-url/);
});
