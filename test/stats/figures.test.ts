// The public figures of use, as Opendatasoft shows them: each dataset's page shows its downloads and API calls (last 30
// days and in all), the catalog API carries them as metas.explore (usable in where and order_by), and "most used" on the
// home page comes from them and says over which period. The counts are the daily rollups (src/stats).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { zonedDay } from '../../src/clock.ts';
import { json, type ServerHarness } from '../helpers/server.ts';
import { startPortal } from '../web/helpers.ts';

let s: ServerHarness;
const dayBefore = (days: number) => new Date(zonedDay(new Date(), s.portal.config.timezone).getTime() - days * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  s = await startPortal();
  const rows = [
    // werkloosheid: 5 + 2 downloads recently, 40 long ago; 12 API calls recently, 100 long ago; 30 views recently.
    { day: dayBefore(0), kind: 'export', page: 'csv', dataset_id: 'werkloosheid', caller: 'anonymous', count: 5 },
    { day: dayBefore(3), kind: 'export', page: 'xlsx', dataset_id: 'werkloosheid', caller: 'key', count: 2 },
    { day: dayBefore(120), kind: 'export', page: 'csv', dataset_id: 'werkloosheid', caller: 'anonymous', count: 40 },
    { day: dayBefore(1), kind: 'api', page: 'records', dataset_id: 'werkloosheid', caller: 'key', count: 12 },
    { day: dayBefore(400), kind: 'api', page: 'facets', dataset_id: 'werkloosheid', caller: 'anonymous', count: 100 },
    { day: dayBefore(2), kind: 'view', page: 'dataset.table', dataset_id: 'werkloosheid', caller: '', count: 30 },
    // cities: used a little, recently; the restricted dataset a lot (a visitor must not learn of it).
    { day: dayBefore(0), kind: 'view', page: 'dataset.info', dataset_id: 'cities', caller: '', count: 2 },
    { day: dayBefore(0), kind: 'api', page: 'records', dataset_id: 'geheim', caller: 'key', count: 5000 },
    // Not a dataset's: the home page.
    { day: dayBefore(0), kind: 'view', page: 'home', dataset_id: '', caller: '', count: 999 },
  ];
  await s.portal.store.db.insertInto('stats_daily').values(rows).execute();
  s.portal.figures.forget();
});
after(() => s.close());

test("a dataset's information tab shows its downloads and API calls, last 30 days and in all, in both languages", async () => {
  const nl = await (await s.get('/datasets/werkloosheid')).text();
  assert.match(nl, /<h2 id="use">Gebruik<\/h2>/);
  assert.match(nl, /<dt>Downloads<\/dt>\s*<dd>7 in de laatste 30 dagen, 47 in totaal<\/dd>/);
  assert.match(nl, /<dt>API-oproepen<\/dt>\s*<dd>12 in de laatste 30 dagen, 112 in totaal<\/dd>/);
  const en = await (await s.get('/en/datasets/werkloosheid')).text();
  assert.match(en, /<dt>Downloads<\/dt>\s*<dd>7 in the last 30 days, 47 in all<\/dd>/);
  assert.match(en, /<dt>API calls<\/dt>\s*<dd>12 in the last 30 days, 112 in all<\/dd>/);
  const unused = await (await s.get('/en/datasets/cities')).text();
  assert.match(unused, /<dt>Downloads<\/dt>\s*<dd>0 in the last 30 days, 0 in all<\/dd>/);
});

test('the catalog API carries download_count, api_call_count and popularity_score in metas.explore', async () => {
  const one = await json(s.get('/api/explore/v2.1/catalog/datasets/werkloosheid'));
  assert.equal(one.metas.explore.download_count, 47);
  assert.equal(one.metas.explore.api_call_count, 112);
  // The most used public or restricted dataset of the last 30 days scores 10: here the restricted one, on a log scale.
  const score = one.metas.explore.popularity_score;
  assert.ok(score > 0 && score < 10, `a score between 0 and 10, not ${score}`);
  assert.equal(score, Math.round((100 * Math.log1p(7 + 12 + 30)) / Math.log1p(5000)) / 10);
  const list = await json(s.get('/api/explore/v2.1/catalog/datasets'));
  const cities = list.results.find((d: { dataset_id: string }) => d.dataset_id === 'cities');
  assert.deepEqual(
    [cities.metas.explore.download_count, cities.metas.explore.api_call_count, cities.metas.explore.reuse_count],
    [0, 0, 0],
  );
  assert.ok(cities.metas.explore.popularity_score > 0 && cities.metas.explore.popularity_score < score);
  // The twin of the information tab is the same object.
  const twin = await json(s.get('/datasets/werkloosheid.json'));
  assert.equal(twin.metas.explore.download_count, 47);
});

test('the figures are usable in where and order_by, by bare name and as explore.…', async () => {
  const byPopularity = await json(s.get(`/api/explore/v2.1/catalog/datasets?order_by=${encodeURIComponent('explore.popularity_score desc')}&select=dataset_id`));
  assert.deepEqual(byPopularity.results.map((r: { dataset_id: string }) => r.dataset_id), ['werkloosheid', 'cities'], 'the restricted dataset stays hidden');
  const used = await json(s.get(`/api/explore/v2.1/catalog/datasets?where=${encodeURIComponent('download_count > 10')}&select=dataset_id,download_count,api_call_count`));
  assert.deepEqual(used.results, [{ dataset_id: 'werkloosheid', download_count: 47, api_call_count: 112 }]);
  const dotted = await json(s.get(`/api/explore/v2.1/catalog/datasets?where=${encodeURIComponent('metas.explore.api_call_count >= 112')}`));
  assert.deepEqual(dotted.results.map((r: { dataset_id: string }) => r.dataset_id), ['werkloosheid']);
  const unknown = await s.get(`/api/explore/v2.1/catalog/datasets?where=${encodeURIComponent('explore.unknown_count > 1')}`);
  assert.equal(unknown.status, 400);
});

test('"most used" on the home page comes from the figures, says over which period, and leaves out what nobody used', async () => {
  const home = await json(s.get('/index.json'));
  assert.deepEqual(home.most_used.map((d: { dataset_id: string; uses: number }) => [d.dataset_id, d.uses]), [['werkloosheid', 49], ['cities', 2]]);
  assert.equal(home.most_used_days, 30);
  const page = await (await s.get('/en/')).text();
  assert.match(page, /Most used in the last 30 days/);
  assert.match(page, /used 49 times/);
  const nl = await (await s.get('/')).text();
  assert.match(nl, /Meest gebruikt in de laatste 30 dagen/);
  // The catalog's popularity sort follows the same figures.
  const sorted = await json(s.get('/datasets.json?sort=popularity'));
  assert.deepEqual(sorted.results.map((r: { dataset_id: string }) => r.dataset_id).slice(0, 2), ['werkloosheid', 'cities']);
});
