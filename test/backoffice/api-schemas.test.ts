// The publishing API's schemas: bad bodies and queries get a 400 naming the field and change nothing; the OpenAPI document is the routes' own schemas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { listEvents } from '../../src/events/store.ts';
import { publishingApi, publishingApiPrefix } from '../../src/backoffice/api.ts';
import { MetadataBody, NewDatasetBody, ReadingsBody, UploadQuery } from '../../src/backoffice/api-schemas.ts';
import type { BackofficeDeps } from '../../src/backoffice/deps.ts';
import { webhookApi } from '../../src/webhooks/routes.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor');
  await s.portal.catalog.createDataset({ id: 'vast', input: { metadata: { title: { nl: 'Vast' } } }, actor: 'test' });
});
after(() => s.close());

const base = publishingApiPrefix;
const sendJson = (method: string, path: string, body: unknown) =>
  editor.send(method, `${base}${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

test('a body or query against its schema is a 400 that names the field, and changes nothing', async () => {
  const before = { dataset: await json(editor.send('GET', `${base}/datasets/vast`)), events: (await listEvents(s.portal.store.db, 'dataset', 'vast')).length };
  const long = 'x'.repeat(10_001);
  const cases: [string, string, unknown, string][] = [
    ['PATCH', '/datasets/vast/metadata', { title: 5 }, 'Metadata "title" must be a string or an object.'],
    ['PATCH', '/datasets/vast/metadata', { keyword: { nl: 'premies' } }, 'Metadata "keyword.nl" must be a list.'],
    ['PATCH', '/datasets/vast/metadata', { theme: ['ECON', 7] }, 'Metadata "theme[1]" must be a string.'],
    ['PUT', '/datasets/vast/metadata', { title: long }, 'Metadata "title" must be at most 10000 characters.'],
    ['PUT', '/datasets/vast/metadata', { description: { en: long } }, 'Metadata "description.en" must be at most 10000 characters.'],
    ['PATCH', '/datasets/vast/metadata', { title: { fr: 'Fixe' } }, 'Unknown metadata "title.fr"; known are: nl, en.'],
    ['PATCH', '/datasets/vast/metadata', { fields: [{ label: 'Naam' }] }, 'Metadata "fields[0].name" is required.'],
    ['PATCH', '/datasets/vast/metadata', { fields: [{ name: 'a', lable: 'A' }] }, 'Unknown field "fields[0].lable"; known are: name, label, description, type, format, annotations.'],
    ['PATCH', '/datasets/vast/metadata', { contactPoint: 'data@example.org' }, 'Metadata "contactPoint" must be an object or null.'],
    ['PATCH', '/datasets/vast/metadata', { publisher: { uri: 'https://example.org' } }, 'Metadata "publisher.name" is required.'],
    ['POST', '/datasets/vast/versions/1/readings', { fields: [], extra: true }, 'Unknown "extra"; known are: fields.'],
    ['POST', '/datasets/vast/versions/1/readings', { fields: { name: 'a' } }, '"fields" must be a list.'],
    ['POST', '/datasets', { id: 7 }, 'Metadata "id" must be a string.'],
    ['POST', '/datasets', { title: 'Zonder id' }, 'Metadata "id" is required.'],
    ['POST', '/datasets', 'vast', 'Send a JSON object with Content-Type: application/json.'],
  ];
  for (const [method, path, body, message] of cases) {
    const response = await sendJson(method, path, body);
    assert.equal(response.status, 400, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`);
    assert.deepEqual(await response.json(), { error: 'invalid', message }, `${method} ${path}`);
  }

  const query = async (path: string, message: string, body?: string) => {
    const response = await editor.send('POST', `${base}${path}`, body === undefined ? {} : { body, headers: { 'content-type': 'text/csv' } });
    assert.equal(response.status, 400, path);
    assert.deepEqual(await response.json(), { error: 'invalid', message }, path);
  };
  await query('/datasets/vast/versions/1/publish?acknowledge_checks=ja', '"acknowledge_checks" must be true or false.');
  await query('/datasets/vast/versions?publish=true&publish=false', '"publish" must be true or false.', 'a,b\n1,2\n');
  await query(`/datasets/vast/versions?filename=${'x'.repeat(256)}.csv`, '"filename" must be at most 255 characters.', 'a,b\n1,2\n');

  assert.deepEqual(await json(editor.send('GET', `${base}/datasets/vast`)), before.dataset);
  assert.equal((await listEvents(s.portal.store.db, 'dataset', 'vast')).length, before.events, 'no event written');
  assert.deepEqual(await s.portal.catalog.listVersions('vast', { seesRestricted: true }, { includeStaged: true }), [], 'nothing staged');
  assert.equal((await editor.send('GET', `${base}/datasets`).then((r) => r.json())).total_count, 1, 'no dataset created');
});

test('the metadata document goes back through PUT as it came, its fields and empty values included', async () => {
  await sendJson('POST', '/datasets', { id: 'rond', title: { nl: 'Rond', en: 'Round' }, contactPoint: { name: 'Cel Data', email: 'data@example.org' } });
  const upload = await editor.send('POST', `${base}/datasets/rond/versions?publish=true`, { body: 'gemeente,aantal\nGent,3\n', headers: { 'content-type': 'text/csv' } });
  assert.equal(upload.status, 201);
  const document = await json(editor.send('GET', `${base}/datasets/rond/metadata`));
  assert.ok(document.fields.length > 0 && 'publisher' in document);
  const put = await sendJson('PUT', '/datasets/rond/metadata', document);
  assert.equal(put.status, 200, JSON.stringify(await put.clone().json()));
  assert.deepEqual(await json(editor.send('GET', `${base}/datasets/rond/metadata`)), document);
});

test('the permission is checked before the body: a stranger with a bad body gets 401, an account without the role 403', async () => {
  const stranger = await s.get(`${base}/datasets`, { method: 'POST', body: '{"id": 7}', headers: { 'content-type': 'application/json', origin: s.url } });
  assert.equal(stranger.status, 401);
  const viewer = await signedIn(s, 'user');
  const refused = await viewer.send('POST', `${base}/datasets`, { body: '{"id": 7}', headers: { 'content-type': 'application/json' } });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error, 'forbidden');
});

test('the OpenAPI document lists every route of the publishing API with the schemas it validates with', async () => {
  const served = await s.get(`${base}/openapi.json`);
  assert.equal(served.status, 200, 'public, like the Explore API\'s');
  const document = await served.json();
  assert.equal(document.openapi, '3.1.0');

  // The routes as Fastify registers them, seen from outside the API's own collector.
  const app = Fastify();
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // With the webhooks' routes, which the portal registers under the same prefix and document.
  const alsoUnder = async (api: FastifyInstance) => {
    await api.register(webhookApi, { config: s.portal.config, webhooks: s.portal.webhooks, contextOf: () => { throw new Error('no pages here'); } });
  };
  await app.register(publishingApi, { config: s.portal.config, prefix: base, alsoUnder } as unknown as BackofficeDeps);
  await app.ready();
  const own = await app.inject({ method: 'GET', url: `${base}/openapi.json` });
  assert.deepEqual(own.json(), document, 'the same document from the same routes');

  const registered = routes.filter((r) => r.method !== 'HEAD' && r.url !== `${base}/openapi.json`);
  const operations = Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  assert.equal(operations.length, registered.length, 'one operation per route');
  for (const route of registered) {
    const path = route.url.slice(base.length).replace(/:(\w+)/g, '{$1}');
    const operation = document.paths[path]?.[String(route.method).toLowerCase()];
    const name = `${route.method} ${path}`;
    assert.ok(operation, `${name} is documented`);
    const schema = (route.schema ?? {}) as Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    assert.deepEqual(Object.keys(schema.params?.properties ?? {}), placeholders, `${name} validates each of its path parameters`);
    const parameters = operation.parameters as { name: string; in: string; schema: unknown }[];
    for (const [part, where] of [['params', 'path'], ['querystring', 'query']] as const) {
      const documented = Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema]));
      assert.deepEqual(documented, JSON.parse(JSON.stringify(schema[part]?.properties ?? {})), `${name} ${part}`);
    }
    assert.equal(operation['x-permission'], route.config?.permission, `${name} names the permission its guard checks`);
    if (schema.consumes) continue; // a file, not JSON: below
    const body = (operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content['application/json']?.schema;
    assert.deepEqual(body, schema.body ? JSON.parse(JSON.stringify(schema.body)) : undefined, `${name} body`);
    if (['PUT', 'PATCH'].includes(String(route.method))) assert.ok(schema.body, `${name} validates its body`);
  }

  const op = (path: string, method: string) => document.paths[path][method];
  assert.ok(op('/webhooks', 'post') && op('/webhooks/{id}', 'delete'), 'the webhooks are described with the rest');
  assert.deepEqual(op('/datasets', 'post').requestBody.content['application/json'].schema, JSON.parse(JSON.stringify(NewDatasetBody)));
  assert.deepEqual(op('/datasets/{id}/metadata', 'patch').requestBody.content['application/json'].schema, JSON.parse(JSON.stringify(MetadataBody)));
  assert.deepEqual(op('/datasets/{id}/versions/{number}/readings', 'post').requestBody.content['application/json'].schema, JSON.parse(JSON.stringify(ReadingsBody)));
  assert.deepEqual(op('/datasets/{id}/versions', 'post').parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name), Object.keys(UploadQuery.properties));
  assert.ok(op('/datasets/{id}/versions', 'post').requestBody.content['text/csv'], 'the upload documents the media types it reads');
});
