// The statistics dashboards (/-/stats, its JSON twin and CSV) for editors and admins: sums over the chosen range equal
// the daily counts, per dataset or portal-wide, search terms as k-anonymity left them, and bad ranges are refused with
// a clear message. Counting itself is tested in test/stats/collect*.test.ts; here the rollups are written directly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { visitor } from '../helpers/visitor.ts';
import { startPortal } from '../web/helpers.ts';

let s: ServerHarness;
let editor: StaffVisitor;
const hostileTerm = '<img src=x onerror=alert(1)>';

before(async () => {
  s = await startPortal();
  editor = await signedIn(s, 'editor');
  const db = s.portal.store.db;
  await db.insertInto('stats_daily').values([
    { day: '2026-11-01', kind: 'view', page: 'home', dataset_id: '', caller: '', count: 10 },
    { day: '2026-11-01', kind: 'view', page: 'dataset.table', dataset_id: 'werkloosheid', caller: '', count: 7 },
    { day: '2026-11-02', kind: 'view', page: 'dataset.map', dataset_id: 'cities', caller: '', count: 3 },
    { day: '2026-11-02', kind: 'export', page: 'csv', dataset_id: 'werkloosheid', caller: 'anonymous', count: 4 },
    { day: '2026-11-02', kind: 'export', page: 'xlsx', dataset_id: 'werkloosheid', caller: 'key', count: 1 },
    { day: '2026-11-03', kind: 'api', page: 'records', dataset_id: 'werkloosheid', caller: 'key', count: 20 },
    { day: '2026-11-03', kind: 'api', page: 'facets', dataset_id: 'cities', caller: 'anonymous', count: 5 },
    // Outside the range asked below.
    { day: '2026-10-31', kind: 'view', page: 'home', dataset_id: '', caller: '', count: 1000 },
  ]).execute();
  await db.insertInto('stats_daily_visitors').values([{ day: '2026-11-01', visitors: 6 }, { day: '2026-11-02', visitors: 4 }]).execute();
  await db.insertInto('stats_daily_terms').values([
    { day: '2026-11-01', term: 'werkloosheid', searches: 9, empty: 0 },
    { day: '2026-11-02', term: 'fietspaden', searches: 6, empty: 6 },
    { day: '2026-11-02', term: hostileTerm, searches: 5, empty: 5 },
    { day: '2026-11-02', term: '', searches: 3, empty: 1 },
  ]).execute();
  await db.insertInto('stats_daily_referrers').values([{ day: '2026-11-01', host: 'www.vlaanderen.be', count: 8 }, { day: '2026-11-03', host: 'data.europa.eu', count: 2 }]).execute();
});
after(() => s.close());

const range = '?from=2026-11-01&to=2026-11-03';

test('the portal-wide twin sums the range: totals, days, formats, endpoints with caller kinds, datasets, terms, referrers', async () => {
  const r = await json(editor.get(`/-/stats.json${range}`));
  assert.deepEqual(r.totals, { views: 20, downloads: 5, api_calls: 25, api_calls_with_key: 20, api_calls_anonymous: 5, visitors: 10, searches: 23, empty_searches: 12 });
  assert.deepEqual(r.days.map((d: { day: string; views: number; downloads: number; api_calls: number; visitors: number }) => [d.day, d.views, d.downloads, d.api_calls, d.visitors]), [
    ['2026-11-01', 17, 0, 0, 6],
    ['2026-11-02', 3, 5, 0, 4],
    ['2026-11-03', 0, 0, 25, 0],
  ]);
  assert.deepEqual(r.downloads_by_format, [{ format: 'csv', count: 4 }, { format: 'xlsx', count: 1 }]);
  assert.deepEqual(r.api_calls_by_endpoint, [{ endpoint: 'records', with_key: 20, anonymous: 0 }, { endpoint: 'facets', with_key: 0, anonymous: 5 }]);
  assert.deepEqual(r.top_datasets.map((d: { dataset_id: string }) => d.dataset_id), ['werkloosheid', 'cities']);
  assert.deepEqual(r.search_terms.map((t: { term: string }) => t.term), ['werkloosheid', 'fietspaden', hostileTerm]);
  assert.deepEqual(r.other_search_terms, { searches: 3, empty: 1 });
  assert.deepEqual(r.not_found, [{ term: 'fietspaden', count: 6 }, { term: hostileTerm, count: 5 }]);
  assert.deepEqual(r.referrers, [{ host: 'www.vlaanderen.be', count: 8 }, { host: 'data.europa.eu', count: 2 }]);
});

test("a dataset's dashboard counts that dataset only, without portal-wide visitors or searches", async () => {
  const r = await json(editor.get(`/en/-/stats.json${range}&dataset=werkloosheid`));
  assert.equal(r.dataset_id, 'werkloosheid');
  assert.deepEqual([r.totals.views, r.totals.downloads, r.totals.api_calls, r.totals.visitors], [7, 5, 20, null]);
  assert.deepEqual(r.search_terms, []);
  const page = await (await editor.get(`/en/-/stats${range}&dataset=werkloosheid`)).text();
  assert.match(page, /<h1>Statistics of Unemployment by municipality<\/h1>/);
});

test('the page shows the figures with charts that have their tables, in Dutch and English, hostile terms escaped', async () => {
  const nl = await editor.get(`/-/stats${range}`);
  assert.equal(nl.status, 200);
  const page = await nl.text();
  assert.match(page, /<h1>Statistieken<\/h1>/);
  assert.match(page, /<dt>Paginaweergaven<\/dt><dd>20<\/dd>/);
  assert.match(page, /<dt>API-oproepen<\/dt><dd>25 \(20 met API-sleutel, 5 anoniem\)<\/dd>/);
  assert.match(page, /<svg[^>]*role="img"[^>]*aria-labelledby="per-day-title per-day-desc"/);
  assert.match(page, /<svg[^>]*aria-labelledby="formats-title formats-desc"/);
  assert.match(page, /<th scope="row">2026-11-02<\/th><td class="num">3<\/td><td class="num">5<\/td>/);
  assert.match(page, /Wat mensen zoeken en niet vinden/);
  assert.match(page, /<th scope="row">fietspaden<\/th>/);
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(page, /<img src=x/);
  assert.match(page, /Andere zoektermen/);
  const en = await (await editor.get(`/en/-/stats${range}`)).text();
  assert.match(en, /What people look for and do not find/);
  assert.match(en, /<a href="\/en\/-\/stats\?from=2026-11-01&amp;to=2026-11-03&amp;dataset=werkloosheid">Unemployment by municipality<\/a>/);
});

test('the CSV holds every daily count of the range', async () => {
  const response = await editor.get(`/-/stats.csv${range}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="statistics-2026-11-01-2026-11-03.csv"/);
  const lines = (await response.text()).trim().split('\r\n');
  assert.equal(lines[0], 'day,kind,page,dataset_id,caller,count');
  assert.equal(lines.length, 1 + 7);
  assert.ok(lines.includes('2026-11-03,api,records,werkloosheid,key,20'));
  assert.ok(!lines.some((l) => l.startsWith('2026-10-31')));
});

test('a bad range is refused with a clear message, on the page and the twin', async () => {
  const reversed = await editor.get('/en/-/stats?from=2026-11-05&to=2026-11-01');
  assert.equal(reversed.status, 400, await reversed.clone().text());
  assert.match(await reversed.text(), /The period must end after it starts/);
  const notADay = await editor.get('/-/stats.json?from=2026-13-01');
  assert.equal(notADay.status, 400);
  assert.equal((await notADay.json()).reason, 'stats_day');
  const unknown = await editor.get('/-/stats.json?dataset=nope');
  assert.equal(unknown.status, 400);
  const long = await editor.get('/-/stats.csv?from=2000-01-01&to=2026-01-01');
  assert.equal(long.status, 400);
});

test('only editors and admins see the statistics; the header links them for staff', async () => {
  const user = await signedIn(s, 'user');
  for (const path of ['/-/stats', '/-/stats.json', '/-/stats.csv']) {
    assert.equal((await user.get(path)).status, 404, `${path} for a user`);
    assert.notEqual((await visitor(s.url).get(path)).status, 200, `${path} for a visitor`);
  }
  const admin = await signedIn(s, 'admin');
  assert.equal((await admin.get('/-/stats')).status, 200);
  const home = await (await editor.get('/')).text();
  assert.match(home, /<a href="\/-\/stats">Statistieken<\/a>/);
  assert.doesNotMatch(await (await user.get('/')).text(), /\/-\/stats/);
});
