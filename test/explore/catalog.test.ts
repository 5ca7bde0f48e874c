// GET /api/explore/v2.1/catalog/datasets over a live server: the Opendatasoft shape, limits and errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await s.portal.catalog.importDataset({
    datasetId: 'steden',
    path: fixture('types/all-types.csv'),
    input: parseMetadataInput({
      title: { nl: 'Steden', en: 'Cities' },
      description: { nl: 'Een paar steden', en: 'A few cities' },
      keyword: { nl: ['stad'], en: ['city'] },
      theme: ['REGI'],
      publisher: { name: 'Departement WSE', uri: null },
      license: { title: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      fields: [{ name: 'naam', label: 'Naam van de stad', annotations: { facet: [] } }],
    }),
    actor: 'test',
  });
  await s.portal.catalog.importDataset({ datasetId: 'trajecten', path: fixture('json/lines.jsonl'), actor: 'test' });
  await s.portal.catalog.importDataset({
    datasetId: 'geheim',
    path: fixture('json/lines.jsonl'),
    input: parseMetadataInput({ visibility: 'restricted' }),
    actor: 'test',
  });
});
after(() => s.close());

test('lists the public catalog in the Opendatasoft shape', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/datasets');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /^application\/json; charset=utf-8/);
  const body = await json(response);
  assert.equal(body.total_count, 2);
  assert.deepEqual(body.results.map((d: { dataset_id: string }) => d.dataset_id), ['steden', 'trajecten']);
  const steden = body.results[0];
  assert.match(steden.dataset_uid, /^da_/);
  assert.equal(steden.has_records, true);
  assert.equal(steden.visibility, 'domain');
  assert.deepEqual(steden.features, ['geo', 'analyze', 'timeserie']);
  assert.equal(steden.metas.default.title, 'Steden');
  assert.equal(steden.metas.default.description, 'Een paar steden');
  assert.deepEqual(steden.metas.default.keyword, ['stad']);
  assert.deepEqual(steden.metas.default.theme, ['REGI']);
  assert.equal(steden.metas.default.records_count, 3);
  assert.equal(steden.metas.default.license, 'CC0 1.0');
  assert.equal(steden.metas.default.publisher, 'Departement WSE');
  assert.match(steden.metas.default.modified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/);
  assert.deepEqual(steden.fields[0], { name: 'naam', label: 'Naam van de stad', type: 'text', annotations: { facet: [] }, description: null });
  assert.deepEqual(
    steden.fields.map((f: { type: string }) => f.type),
    ['text', 'int', 'double', 'boolean', 'date', 'datetime', 'geo_point_2d', 'text', 'date', 'geo_shape'],
  );
});

test('answers in English with lang=en, and with or without a trailing slash', async () => {
  const body = await json(s.get('/api/explore/v2.1/catalog/datasets/?lang=en'));
  assert.equal(body.results[0].metas.default.title, 'Cities');
  assert.deepEqual(body.results[0].metas.default.keyword, ['city']);
  const one = await json(s.get('/api/explore/v2.1/catalog/datasets/steden/'));
  assert.equal(one.dataset_id, 'steden');
});

test('pages with limit and offset and refuses a limit above 100', async () => {
  const page = await json(s.get('/api/explore/v2.1/catalog/datasets?limit=1&offset=1'));
  assert.equal(page.total_count, 2);
  assert.deepEqual(page.results.map((d: { dataset_id: string }) => d.dataset_id), ['trajecten']);
  const response = await s.get('/api/explore/v2.1/catalog/datasets?limit=1473');
  assert.equal(response.status, 400);
  assert.deepEqual(await json(response), {
    error_code: 'InvalidRESTParameterError',
    message: 'Invalid value for limit API parameter: 1473 was found but -1 <= limit <= 100 is expected.',
  });
  const offset = await s.get('/api/explore/v2.1/catalog/datasets?offset=9950&limit=100');
  assert.equal(offset.status, 400);
  assert.equal((await json(offset)).error_code, 'InvalidRESTParameterError');
  const word = await s.get('/api/explore/v2.1/catalog/datasets?limit=ten');
  assert.equal(word.status, 400);
});

test('a restricted or unknown dataset is a 404 NotFoundResource for the public', async () => {
  for (const id of ['geheim', 'bestaat-niet']) {
    const response = await s.get(`/api/explore/v2.1/catalog/datasets/${id}`);
    assert.equal(response.status, 404);
    assert.deepEqual(await json(response), {
      error_code: 'NotFoundResource',
      message: `The requested dataset ${id} does not exist.`,
    });
  }
  const unknownRoute = await s.get('/api/explore/v2.1/nothing/here');
  assert.equal(unknownRoute.status, 404);
  assert.equal((await json(unknownRoute)).error_code, 'NotFoundResource');
});

test('sends CORS, security headers and a request id, and echoes a given request id', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/datasets', { headers: { 'X-Request-Id': 'abc-12345678' } });
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('x-request-id'), 'abc-12345678');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.match(response.headers.get('content-security-policy')!, /default-src 'self'/);
  const other = await s.get('/healthz');
  assert.match(other.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
});

test('reports health and readiness', async () => {
  assert.deepEqual(await json(s.get('/healthz')), { status: 'ok' });
  const ready = await s.get('/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(await json(ready), { status: 'ready', checks: { database: 'ok', engine: 'ok' } });
});

test('queries the catalog with ODSQL: search, select at the root, order, refine', async () => {
  const found = await json(s.get('/api/explore/v2.1/catalog/datasets?where=search("steden")'));
  assert.deepEqual(found.results.map((d: { dataset_id: string }) => d.dataset_id), ['steden']);
  assert.equal(found.results[0].metas.default.title, 'Steden', 'without a select, hits are whole dataset objects');
  const selected = await json(s.get('/api/explore/v2.1/catalog/datasets?select=dataset_id,title&order_by=dataset_id desc'));
  assert.deepEqual(selected.results, [
    { dataset_id: 'trajecten', title: 'trajecten' },
    { dataset_id: 'steden', title: 'Steden' },
  ]);
  const english = await json(s.get('/api/explore/v2.1/catalog/datasets?select=title&where=dataset_id="steden"&lang=en'));
  assert.deepEqual(english.results, [{ title: 'Cities' }]);
  const refined = await json(s.get('/api/explore/v2.1/catalog/datasets?refine=theme:REGI&select=dataset_id'));
  assert.deepEqual(refined, { total_count: 1, results: [{ dataset_id: 'steden' }] });
  const geo = await json(s.get('/api/explore/v2.1/catalog/datasets?where=features="geo" and has_records&select=dataset_id'));
  assert.deepEqual(geo.results, [{ dataset_id: 'steden' }]);
  const bad = await s.get('/api/explore/v2.1/catalog/datasets?where=nosuchfield=1');
  assert.equal(bad.status, 400);
  assert.equal((await json(bad)).error_code, 'ODSQLError');
});

test('the catalog query never shows a restricted dataset to the public', async () => {
  const all = await json(s.get('/api/explore/v2.1/catalog/datasets?where=dataset_id="geheim"&select=dataset_id'));
  assert.deepEqual(all, { total_count: 0, results: [] });
});

test('counts catalog facets: themes, keywords, publishers, features', async () => {
  const body = await json(s.get('/api/explore/v2.1/catalog/facets'));
  const byName = Object.fromEntries(body.facets.map((f: { name: string; facets: { value: string; count: number }[] }) => [f.name, f.facets.map((v) => [v.value, v.count])]));
  assert.deepEqual(Object.keys(byName), ['theme', 'keyword', 'publisher', 'license', 'language', 'features']);
  assert.deepEqual(byName.theme, [['REGI', 1]]);
  assert.deepEqual(byName.publisher, [['Departement WSE', 1]]);
  assert.deepEqual(byName.features, [['analyze', 2], ['geo', 1], ['timeserie', 1]]);
  const refined = await json(s.get('/api/explore/v2.1/catalog/facets?facet=features&refine=features:geo'));
  assert.deepEqual(refined.facets[0].facets.map((v: { value: string; state: string }) => [v.value, v.state]), [
    ['analyze', 'displayed'],
    ['geo', 'refined'],
    ['timeserie', 'displayed'],
  ]);
});

test('lists attachments of a visible dataset, and 404s for a hidden one', async () => {
  assert.deepEqual(await json(s.get('/api/explore/v2.1/catalog/datasets/steden/attachments')), { _links: [], attachments: [] });
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/geheim/attachments')).status, 404);
});

test('answers a browser preflight for the Authorization header, and exposes the rate-limit headers', async () => {
  const preflight = await s.get('/api/explore/v2.1/catalog/datasets/steden/records', {
    method: 'OPTIONS',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
  const response = await s.get('/api/explore/v2.1/catalog/datasets');
  assert.match(response.headers.get('access-control-expose-headers')!, /X-RateLimit-Remaining/);
});

test('a malformed query string is a 400, not a 500', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/datasets/steden/records?where=%E0%A4%A');
  assert.ok(response.status < 500, String(response.status));
});

test('include_links adds paging links and links of each dataset', async () => {
  const body = await json(s.get('/api/explore/v2.1/catalog/datasets?include_links=true&limit=1'));
  const rels = body._links.map((l: { rel: string }) => l.rel);
  assert.deepEqual(rels, ['self', 'first', 'last', 'next']);
  assert.match(body._links[3].href, /\/api\/explore\/v2\.1\/catalog\/datasets\?include_links=true&limit=1&offset=1$/);
  assert.deepEqual(body.results[0]._links.map((l: { rel: string }) => l.rel), ['self', 'records', 'exports', 'facets']);
  const plain = await json(s.get('/api/explore/v2.1/catalog/datasets'));
  assert.ok(!('_links' in plain) && !('_links' in plain.results[0]));
});
