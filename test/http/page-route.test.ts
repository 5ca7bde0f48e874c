// pageRoute: a page in both languages and its .json twin, from one loader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { pageRoute } from '../../src/http/page-route.ts';

test('a page is registered in every language with its twin, both from the same loader', async () => {
  const app = Fastify({ logger: false });
  const loaded: string[] = [];
  pageRoute(app, 'nl', {
    path: '/things',
    cacheControl: 'no-cache',
    load: async (request, lang) => { loaded.push(`${lang} ${request.url}`); return { count: 3 }; },
    render: (_request, data, lang) => ({ value: `<p>${lang}: ${data.count}</p>` }),
    json: (_request, data) => ({ total_count: data.count }),
  });
  pageRoute(app, 'nl', {
    path: '/things/:id',
    cacheControl: 'no-cache',
    load: async (request) => ({ id: request.params.id }),
    render: (_request, data) => ({ value: `<p>${data.id}</p>` }),
    json: (_request, data) => ({ id: data.id }),
  });
  pageRoute(app, 'nl', { path: '/', cacheControl: 'no-cache', load: async () => 1, render: (_r, n, lang) => ({ value: `home ${lang} ${n}` }), json: (_r, n) => ({ n }) });

  const nl = await app.inject('/things');
  assert.equal(nl.body, '<p>nl: 3</p>');
  assert.match(nl.headers['content-type'] as string, /text\/html/);
  assert.equal(nl.headers['cache-control'], 'no-cache');
  assert.equal((await app.inject('/en/things')).body, '<p>en: 3</p>');
  assert.deepEqual((await app.inject('/things.json')).json(), { total_count: 3 });
  assert.deepEqual((await app.inject('/en/things.json')).json(), { total_count: 3 });
  assert.deepEqual(loaded, ['nl /things', 'en /en/things', 'nl /things.json', 'en /en/things.json']);

  // A path ending in a parameter: one route, the twin when the parameter ends in .json, which the loader never sees.
  assert.equal((await app.inject('/things/a')).body, '<p>a</p>');
  assert.deepEqual((await app.inject('/things/a.json')).json(), { id: 'a' });
  assert.deepEqual((await app.inject('/en/things/a.json')).json(), { id: 'a' });

  assert.equal((await app.inject('/')).body, 'home nl 1');
  assert.equal((await app.inject('/en')).body, 'home en 1');
  assert.deepEqual((await app.inject('/index.json')).json(), { n: 1 });
  assert.deepEqual((await app.inject('/en/index.json')).json(), { n: 1 });
});
