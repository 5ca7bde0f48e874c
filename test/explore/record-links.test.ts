// include_links=true on records: each record carries its id and links as ODS's record schema has them, so that
// `records/{record_id}` is usable from a result; without it the answer is exactly as before (wire compatibility).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s.close());

const base = () => s.portal.config.baseUrl;
const records = (query: string) => json(s.get(`/api/explore/v2.1/catalog/datasets/cities/records?${query}`));
/** A link of the answer, fetched from the test server (the links name the portal's public address). */
const follow = (href: string) => {
  assert.ok(href.startsWith(base()), href);
  return s.get(href.slice(base().length));
};

test('without include_links a record holds only its values, as before', async () => {
  for (const query of ['select=name&limit=2', 'limit=1', 'include_links=false&select=name&limit=1']) {
    const body = await records(query);
    assert.deepEqual(Object.keys(body), ['total_count', 'results'], query);
    for (const record of body.results) assert.deepEqual(Object.keys(record).filter((k) => k.startsWith('_')), [], query);
  }
});

test('with include_links each record has its _id, _timestamp and self and dataset links, then its values', async () => {
  const body = await records('include_links=true&select=name,population&order_by=name&limit=3&offset=2');
  assert.deepEqual(Object.keys(body), ['total_count', '_links', 'results']);
  assert.equal(body.results.length, 3);
  const dataset = `${base()}/api/explore/v2.1/catalog/datasets/cities`;
  const published = (await s.portal.catalog.currentVersion('cities', { seesRestricted: true })).version!.publishedAt!;
  for (const record of body.results) {
    assert.deepEqual(Object.keys(record), ['_id', '_timestamp', '_links', 'name', 'population']);
    assert.match(record._id, /^[0-9a-f]{40}$/);
    assert.equal(new Date(record._timestamp).toISOString(), published);
    assert.match(record._timestamp, /\+00:00$/);
    assert.deepEqual(record._links, [
      { rel: 'self', href: `${dataset}/records/${record._id}` },
      { rel: 'dataset', href: dataset },
    ]);
  }
  assert.deepEqual(body.results.map((r: { name: string }) => r.name), ['Hamburg', 'Lyon', 'Madrid']);
  // The page's links, as on the catalog: self, first, last and next.
  const rels = Object.fromEntries(body._links.map((l: { rel: string; href: string }) => [l.rel, new URL(l.href)]));
  assert.deepEqual(Object.keys(rels), ['self', 'first', 'last', 'next']);
  assert.deepEqual([rels.self.searchParams.get('offset'), rels.first.searchParams.get('offset'), rels.last.searchParams.get('offset'), rels.next.searchParams.get('offset')], ['2', '0', '9', '5']);
  assert.equal(rels.next.searchParams.get('order_by'), 'name');
  const next = await json(follow(rels.next.href));
  assert.deepEqual(next.results.map((r: { name: string }) => r.name), ['Marseille', 'Munich', 'Nantes']);
});

test('the self link of each record answers that record, with the same values', async () => {
  const body = await records('include_links=true&limit=10');
  assert.equal(body.results.length, 10);
  const ids = new Set(body.results.map((r: { _id: string }) => r._id));
  assert.equal(ids.size, 10, 'every city has its own id');
  for (const record of body.results) {
    const { _id, _timestamp, _links, ...values } = record;
    const response = await follow(_links[0].href);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), values, _id);
  }
});

test('a grouped answer has page links but no record ids: its rows are no records', async () => {
  const body = await records('include_links=true&select=country,count(*) as n&group_by=country&order_by=country');
  assert.ok(Array.isArray(body._links));
  assert.deepEqual(Object.keys(body.results[0]), ['country', 'n']);
  const aggregate = await records('include_links=true&select=count(*) as n');
  assert.deepEqual(aggregate.results, [{ n: 10 }]);
});

test('include_links with a filter and an earlier version still gives usable ids', async () => {
  const body = await records('include_links=true&where=country="DE"&select=name&order_by=name&version=1');
  assert.deepEqual(body.results.map((r: { name: string }) => r.name), ['Berlin', 'Hamburg', 'Munich']);
  for (const record of body.results) {
    const one = await json(follow(record._links[0].href));
    assert.equal(one.name, record.name);
  }
  const bad = await s.get('/api/explore/v2.1/catalog/datasets/cities/records?include_links=maybe');
  assert.equal(bad.status, 400);
});

test('include_links on one dataset gives its links, as in the catalog; without it there are none', async () => {
  const plain = await json(s.get('/api/explore/v2.1/catalog/datasets/cities'));
  assert.equal(plain._links, undefined);
  const linked = await json(s.get('/api/explore/v2.1/catalog/datasets/cities?include_links=true'));
  const listed = await json(s.get('/api/explore/v2.1/catalog/datasets?include_links=true'));
  assert.deepEqual(linked._links, listed.results.find((d: { dataset_id: string }) => d.dataset_id === 'cities')._links);
  const records = linked._links.find((l: { rel: string }) => l.rel === 'records');
  assert.equal((await follow(records.href)).status, 200);
});
