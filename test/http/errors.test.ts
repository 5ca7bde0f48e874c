// The one error handler: the same error answers with the same status everywhere, in the shape of its route family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { Conflict, Forbidden, Invalid, NotFound, TooMany } from '../../src/errors.ts';
import { EngineBusy } from '../../src/engine/pool.ts';
import { installErrorHandler, pageErrors } from '../../src/http/errors.ts';

/** An app with the one handler and a route in each family that throws what it is told. */
async function appThrowing(error: () => Error): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandler(app, {
    notFound: (_request, e) => `<h1>niet gevonden</h1>${e?.message ?? ''}`,
    failed: (_request, e) => `<h1>verzoek niet bruikbaar</h1>${e.message}`,
    serverError: (request) => `<h1>fout</h1>${request.id}`,
  });
  for (const path of ['/datasets/x', '/datasets/x.json', '/api/opaal/v1/x', '/api/explore/v2.1/x']) app.get(path, async () => { throw error(); });
  app.post('/api/opaal/v1/body', async (request) => request.body);
  await app.register(async (area) => {
    pageErrors(area, { cacheControl: 'no-store', page: (_request, e) => `<h1>beheer</h1>${e.message}`, hidden: (request) => request.headers['x-outsider'] === '1' });
    area.get('/-/admin/x', async () => { throw error(); });
  });
  return app;
}

test('an Invalid is 400 on a page, in a JSON API, a .json twin and the Explore API, each in its own shape', async () => {
  const app = await appThrowing(() => new Invalid('Geen goede waarde.', 'dataset_id'));
  const page = await app.inject('/datasets/x');
  assert.equal(page.statusCode, 400);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.body, /verzoek niet bruikbaar.*Geen goede waarde/);
  for (const path of ['/api/opaal/v1/x', '/datasets/x.json']) {
    const api = await app.inject(path);
    assert.equal(api.statusCode, 400, path);
    assert.deepEqual(api.json(), { error: 'invalid', message: 'Geen goede waarde.', reason: 'dataset_id' }, path);
  }
  const explore = await app.inject('/api/explore/v2.1/x');
  assert.equal(explore.statusCode, 400);
  assert.deepEqual(explore.json(), { error_code: 'InvalidRESTParameterError', message: 'Geen goede waarde.' });
  const staff = await app.inject('/-/admin/x');
  assert.equal(staff.statusCode, 400);
  assert.equal(staff.headers['cache-control'], 'no-store');
  assert.match(staff.body, /beheer.*Geen goede waarde/, 'an area with its own error page shows it');
  const hidden = await app.inject({ url: '/-/admin/x', headers: { 'x-outsider': '1' } });
  assert.equal(hidden.statusCode, 404, 'a hidden area answers any error as a path that does not exist');
  assert.equal(hidden.body, '<h1>niet gevonden</h1>');
});

test('one status per kind of error outside the Explore API: 403, 404, 409, 429, and 503 with Retry-After for a busy engine', async () => {
  const cases: [() => Error, number][] = [
    [() => new Forbidden('Nee.'), 403], [() => new NotFound('Weg.'), 404], [() => new Conflict('Al gedaan.'), 409],
    [() => new TooMany('Te vaak.'), 429], [() => new EngineBusy(7), 503],
  ];
  for (const [error, status] of cases) {
    const app = await appThrowing(error);
    for (const path of ['/datasets/x', '/api/opaal/v1/x', '/datasets/x.json', '/-/admin/x']) {
      const response = await app.inject(path);
      assert.equal(response.statusCode, status, `${error().name} ${path}`);
      if (status === 503) assert.equal(response.headers['retry-after'], '7');
    }
  }
  // Opendatasoft's statuses stay the Explore API's contract: a refusal is 401 there.
  assert.equal((await (await appThrowing(() => new Forbidden('Nee.'))).inject('/api/explore/v2.1/x')).statusCode, 401);
});

test('a bug is a 500 with the request id on a page, a plain internal error in the APIs', async () => {
  const app = await appThrowing(() => new Error('secret detail'));
  const page = await app.inject('/datasets/x');
  assert.equal(page.statusCode, 500);
  assert.match(page.body, /<h1>fout<\/h1>req-/);
  assert.deepEqual((await app.inject('/api/opaal/v1/x')).json(), { error: 'internal', message: 'An internal error occurred.' });
  assert.deepEqual((await app.inject('/api/explore/v2.1/x')).json(), { error_code: 'InternalServerError', message: 'An internal error occurred.' });
});

test("Fastify's own refusals keep their status with a clear message", async () => {
  const app = await appThrowing(() => new Error('unused'));
  const badJson = await app.inject({ method: 'POST', url: '/api/opaal/v1/body', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
  assert.equal(badJson.statusCode, 400);
  assert.equal(badJson.json().error, 'invalid');
  assert.match(badJson.json().message, /JSON/);
  const unknownType = await app.inject({ method: 'POST', url: '/api/opaal/v1/body', headers: { 'content-type': 'application/x-unknown' }, payload: 'x' });
  assert.equal(unknownType.statusCode, 415);
  assert.equal(unknownType.json().error, 'unsupported_media_type');
});
