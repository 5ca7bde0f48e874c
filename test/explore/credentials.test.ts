// API keys are read as Opendatasoft clients send them, whatever the scheme's case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyOf } from '../../src/explore/credentials.ts';

const request = (authorization?: string, query: Record<string, unknown> = {}) => ({ headers: { authorization }, query }) as never;

test('reads the key from an Authorization header with the scheme in any case', () => {
  for (const scheme of ['Apikey', 'ApiKey', 'APIKEY', 'apikey']) {
    assert.equal(apiKeyOf(request(`${scheme} opaal_abc123`)), 'opaal_abc123');
  }
});

test('reads the key from ?apikey= and ignores other schemes and empty values', () => {
  assert.equal(apiKeyOf(request(undefined, { apikey: 'opaal_q' })), 'opaal_q');
  assert.equal(apiKeyOf(request(undefined, { apikey: ['a', 'opaal_last'] })), 'opaal_last');
  assert.equal(apiKeyOf(request('Basic dXNlcjpwYXNz')), null);
  assert.equal(apiKeyOf(request('Apikey')), null);
  assert.equal(apiKeyOf(request(undefined, { apikey: ' ' })), null);
  assert.equal(apiKeyOf(request('Bearer x', { apikey: 'opaal_q' })), 'opaal_q');
});

test('a key that the accounts hook knows sees restricted datasets; without it they do not exist', async (t) => {
  const Fastify = (await import('fastify')).default;
  const { exploreRoutes } = await import('../../src/explore/routes.ts');
  const { staffAudience, publicAudience } = await import('../../src/catalog/service.ts');
  const { parseMetadataInput } = await import('../../src/catalog/metadata.ts');
  const { startServer } = await import('../helpers/server.ts');
  const { fixture } = await import('../helpers/engine.ts');
  const s = await startServer();
  t.after(() => s.close());
  await s.portal.catalog.importDataset({ datasetId: 'intern', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility: 'restricted' }), actor: 'test' });
  const app = Fastify();
  await app.register(exploreRoutes, {
    prefix: '/api/explore/v2.1',
    catalog: s.portal.catalog,
    records: s.portal.records,
    config: s.portal.config,
    audienceForKey: async (key: string) => (key === 'opaal_staff' ? staffAudience : publicAudience),
  });
  t.after(() => app.close());
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  assert.equal((await get('/api/explore/v2.1/catalog/datasets/intern')).statusCode, 404);
  assert.equal((await get('/api/explore/v2.1/catalog/datasets/intern', { authorization: 'ApiKey opaal_staff' })).statusCode, 200);
  assert.equal((await get('/api/explore/v2.1/catalog/datasets/intern/records?apikey=opaal_staff')).statusCode, 200);
  assert.equal((await get('/api/explore/v2.1/catalog/datasets/intern', { authorization: 'Apikey opaal_other' })).statusCode, 404);
});
