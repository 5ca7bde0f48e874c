// Answers cached by version (issue 19): strong ETags, 304 without the engine, a bounded cache that a new version or a
// changed description never serves stale, and no tag on what is no pure function of the version (now(), errors).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { answerTag, clientHas, createAnswerCache } from '../../src/explore/answer-cache.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
/** Connections the engine handed out: a 304 takes none. */
let engineUses = 0;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  const engine = s.portal.engine;
  const withConnection = engine.withConnection.bind(engine);
  engine.withConnection = ((...args: Parameters<typeof withConnection>) => {
    engineUses++;
    return withConnection(...args);
  }) as typeof engine.withConnection;
});
after(() => s.close());

const api = '/api/explore/v2.1/catalog/datasets';

test('a records page carries a strong ETag and a revalidation policy; the same tag again is 304 without the engine', async () => {
  const first = await s.get(`${api}/cities/records?select=name&order_by=name&limit=3`);
  assert.equal(first.status, 200);
  const tag = first.headers.get('etag');
  assert.match(tag ?? '', /^"[A-Za-z0-9_-]{32}"$/, 'a strong tag, not W/');
  assert.equal(first.headers.get('cache-control'), 'public, no-cache');
  const body = await first.json();
  assert.deepEqual(body.results.map((r: { name: string }) => r.name), ['Barcelona', 'Berlin', 'Hamburg']);

  // The same query with its parameters in another order is the same answer.
  const again = await s.get(`${api}/cities/records?limit=3&order_by=name&select=name`);
  assert.equal(again.headers.get('etag'), tag);
  assert.deepEqual(await again.json(), body);

  const used = engineUses;
  const cached = s.portal.answers.stats();
  const notModified = await s.get(`${api}/cities/records?select=name&order_by=name&limit=3`, { headers: { 'if-none-match': `"other", ${tag}` } });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.headers.get('etag'), tag);
  assert.equal(await notModified.text(), '');
  assert.equal(engineUses, used, 'a 304 does not touch the engine');
  assert.deepEqual(s.portal.answers.stats(), cached, 'nor the cache');

  // Another page is another answer.
  const other = await s.get(`${api}/cities/records?select=name&order_by=name&limit=3&offset=3`);
  assert.notEqual(other.headers.get('etag'), tag);
  assert.equal((await s.get(`${api}/cities/records?select=name&order_by=name&limit=3&offset=3`, { headers: { 'if-none-match': tag! } })).status, 200);
});

test('a repeated query is answered from the cache, with the same body, and the pages of one filter count once', async () => {
  const query = `${api}/cities/records?where=population%20%3E%20100000&select=name&order_by=name&limit=2`;
  const before = s.portal.answers.stats();
  const used = engineUses;
  const one = await json(s.get(query));
  const afterFirst = s.portal.answers.stats();
  assert.equal(afterFirst.misses - before.misses, 2, 'the page and its count');
  const two = await json(s.get(query));
  assert.deepEqual(two, one);
  assert.equal(s.portal.answers.stats().hits - afterFirst.hits, 1);
  assert.equal(engineUses - used, 1, 'the second answer came from the cache');
  // The next page of the same filter reads its rows; its count is the one already known.
  const next = await json(s.get(`${query}&offset=2`));
  assert.equal(next.total_count, one.total_count);
  const now = s.portal.answers.stats();
  assert.equal(now.misses - afterFirst.misses, 1, 'only the page was computed');
  assert.equal(now.hits - afterFirst.hits, 2, 'the repeated page and the count');
});

test('a new version and a changed description are new answers, never the cached ones', async () => {
  await s.portal.catalog.importDataset({ datasetId: 'wissel', path: fixture('csv/comma.csv'), actor: 'test' });
  const url = `${api}/wissel/records?limit=100`;
  const v1 = await s.get(url);
  const tag1 = v1.headers.get('etag')!;
  const count1 = (await v1.json()).total_count;
  await s.portal.catalog.importDataset({ datasetId: 'wissel', path: fixture('explore/cities.json'), actor: 'test' });
  const v2 = await s.get(url, { headers: { 'if-none-match': tag1 } });
  assert.equal(v2.status, 200, 'the old tag no longer matches');
  assert.notEqual(v2.headers.get('etag'), tag1);
  const body2 = await v2.json();
  assert.equal(body2.total_count, 10);
  assert.notEqual(count1, 10);

  // Facets by default are the fields annotated facet: taking the annotation away changes the answer at once.
  const facetsUrl = `${api}/cities/facets`;
  const f1 = await s.get(facetsUrl);
  assert.ok((await f1.json()).facets.some((f: { name: string }) => f.name === 'region'));
  await s.portal.catalog.updateMetadata({ id: 'cities', input: parseMetadataInput({ fields: [{ name: 'region', label: 'Regio', annotations: {} }] }), actor: 'test' });
  const f2 = await s.get(facetsUrl, { headers: { 'if-none-match': f1.headers.get('etag')! } });
  assert.equal(f2.status, 200);
  assert.ok(!(await f2.json()).facets.some((f: { name: string }) => f.name === 'region'));
});

test('an earlier version named by number may be kept a day; a restricted dataset only privately, and never 304 to a stranger', async () => {
  const v1 = await s.get(`${api}/wissel/records?version=1&limit=1`);
  assert.equal(v1.status, 200);
  assert.equal(v1.headers.get('cache-control'), 'public, max-age=86400');

  await s.portal.catalog.importDataset({ datasetId: 'intern', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility: 'restricted' }), actor: 'test' });
  const at = await s.portal.records.versionAt('intern', staffAudience);
  const tag = answerTag('/api/explore/v2.1/catalog/datasets/:datasetId/records', at.stamp, { datasetId: 'intern' });
  const stranger = await s.get(`${api}/intern/records`, { headers: { 'if-none-match': tag! } });
  assert.equal(stranger.status, 404, 'the tag tells nothing to whoever may not see the dataset');
  assert.equal(stranger.headers.get('etag'), null);
});

test('what reads the clock, and what fails, carries no tag', async () => {
  const before = s.portal.answers.stats();
  const clock = await s.get(`${api}/cities/records?where=${encodeURIComponent('updated_at < now()')}&limit=1`);
  assert.equal(clock.status, 200);
  assert.equal(clock.headers.get('etag'), null);
  assert.deepEqual(s.portal.answers.stats(), before, 'neither the page nor its count is kept');
  const bad = await s.get(`${api}/cities/records?where=${encodeURIComponent('nosuchfield = 1')}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('etag'), null);
  assert.equal(bad.headers.get('cache-control'), null);
});

test('one record and exports are tagged alike; an export the client has is not written again', async () => {
  const page = await json(s.get(`${api}/cities/exports/json?select=name&limit=1`));
  assert.equal(page.length, 1);
  const csv = await s.get(`${api}/cities/exports/csv?select=name`);
  assert.equal(csv.status, 200);
  const tag = csv.headers.get('etag')!;
  assert.match(tag, /^"/);
  assert.match(await csv.text(), /Saint-Malo/);
  const used = engineUses;
  const again = await s.get(`${api}/cities/exports/csv?select=name`, { headers: { 'if-none-match': tag } });
  assert.equal(again.status, 304);
  assert.equal(engineUses, used);
  assert.notEqual((await s.get(`${api}/cities/exports/json?select=name`)).headers.get('etag'), tag, 'each format its own tag');
});

test('the cache keeps at most its size, least recently used out first, and computes a key once at a time', async () => {
  const cache = createAnswerCache(200);
  let computed = 0;
  const make = (value: string) => async () => {
    computed++;
    return { value };
  };
  const [a, b] = await Promise.all([cache.get('a', make('x'.repeat(10))), cache.get('a', make('other'))]);
  assert.equal(computed, 1);
  assert.equal(a, b);
  assert.ok(Object.isFrozen(a), 'kept answers cannot be changed by a caller');
  await cache.get('b', make('y'.repeat(10)));
  await cache.get('a', make('again')); // a is now the most recent
  for (let i = 0; i < 10; i++) await cache.get(`c${i}`, make('z'.repeat(10)));
  const stats = cache.stats();
  assert.ok(stats.bytes <= 200, `holds ${stats.bytes} bytes`);
  assert.ok(stats.entries < 12);
  computed = 0;
  await cache.get('b', make('y'));
  assert.equal(computed, 1, 'b, used longest ago, went first');
  // A failure is not kept.
  await assert.rejects(cache.get('fails', async () => Promise.reject(new Error('no'))));
  assert.equal((await cache.get('fails', make('now'))).value, 'now');
  // An answer too large for an eighth of the cache is given but not kept.
  const big = await cache.get('big', make('w'.repeat(100)));
  assert.equal(big.value.length, 100);
  computed = 0;
  await cache.get('big', make('w'));
  assert.equal(computed, 1);
});

test('If-None-Match is compared as RFC 9110 says: a list, weak prefixes, and *', () => {
  assert.equal(clientHas('"a"', '"a"'), true);
  assert.equal(clientHas('W/"a"', '"a"'), true);
  assert.equal(clientHas('"b" , "a"', '"a"'), true);
  assert.equal(clientHas('*', '"a"'), true);
  assert.equal(clientHas('"b"', '"a"'), false);
  assert.equal(clientHas(undefined, '"a"'), false);
  assert.equal(answerTag('/r', 's', { where: 'x > now(days=-1)' }), null);
  assert.equal(answerTag('/r', 's', { limit: '1', apikey: 'opaal_secret' }), answerTag('/r', 's', { limit: '1' }), 'who asks is no part of the answer');
  assert.notEqual(answerTag('/r', 's', { limit: '1' }), answerTag('/r', 't', { limit: '1' }));
  assert.notEqual(answerTag('/r', 's', { refine: ['a:1', 'b:2'] }), answerTag('/r', 's', { refine: ['b:2', 'a:1'] }));
});

test('an answer the client had (304) still counts as an API call in the statistics', async () => {
  const url = `${api}/cities/records?select=country&limit=1`;
  const tag = (await s.get(url)).headers.get('etag')!;
  await s.portal.stats.flush();
  const count = async () => (await s.portal.store.db.selectFrom('stats_events').select((e) => e.fn.sum<number>('n').as('n')).where('kind', '=', 'api').where('page', '=', 'records').executeTakeFirstOrThrow()).n;
  const before = Number(await count());
  assert.equal((await s.get(url, { headers: { 'if-none-match': tag } })).status, 304);
  await s.portal.stats.flush();
  assert.equal(Number(await count()), before + 1);
});

test('a request that shared a computation is answered even when the one that started it left', async () => {
  const params = { select: 'name, population', where: ['population > 1000'], refine: [], exclude: [], orderBy: 'name', limit: 4, offset: 1, lang: 'nl', timezone: 'UTC' };
  const controller = new AbortController();
  const first = s.portal.records.records('cities', staffAudience, params, controller.signal);
  const second = s.portal.records.records('cities', staffAudience, params);
  controller.abort();
  await assert.rejects(first, (error: Error) => error.name === 'ClientGone' || /gone|went away/i.test(error.message));
  const answer = await second;
  assert.equal(answer.results.length, 4);
});
