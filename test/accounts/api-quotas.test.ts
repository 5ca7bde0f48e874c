// Daily quotas on the Explore API: per key and per anonymous address, with ODS's headers and 429 bodies, reset at 00:00 UTC.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loggerOptions } from '../../src/app.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { visitor } from '../helpers/visitor.ts';

let now = new Date('2026-05-14T21:30:00Z');
const logLines: string[] = [];
let s: ServerHarness;
const api = '/api/explore/v2.1/catalog/datasets';
const strong = 'paard-batterij-nietje-correct';
const nextMidnight = Date.UTC(2026, 4, 15) / 1000;

before(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  s = await startServer('sqlite', { API_DAILY_QUOTA_KEY: '3', API_DAILY_QUOTA_ANONYMOUS: '2' }, { clock: () => now, logger: { ...(loggerOptions('info') as object), stream } });
  await importCities(s.portal);
});
after(() => s.close());

const rate = (response: Response) => ['limit', 'remaining', 'reset'].map((h) => response.headers.get(`x-ratelimit-${h}`));

async function keyOf(email: string): Promise<string> {
  const { account } = await s.portal.accounts.createAccount({ email, role: 'user', actor: 'test' });
  await s.portal.store.db.updateTable('users').set({ email_verified_at: now.toISOString() }).where('id', '=', account.id).execute();
  return (await s.portal.apiKeys.create(account.id, { name: 'quota' })).key;
}

test('anonymous callers share a daily quota per address, counted on every Explore API answer, with the ODS 10005 body', async () => {
  const first = await s.get(`${api}/cities/records?limit=1`);
  assert.equal(first.status, 200);
  assert.deepEqual(rate(first), ['2', '1', String(nextMidnight)]);
  const missing = await s.get(`${api}/nope`);
  assert.equal(missing.status, 404);
  assert.deepEqual(rate(missing), ['2', '0', String(nextMidnight)], 'an error answer counts and carries the headers');
  const over = await s.get(`${api}/cities`);
  assert.equal(over.status, 429);
  assert.deepEqual(rate(over), ['2', '0', String(nextMidnight)]);
  assert.equal(over.headers.get('access-control-allow-origin'), '*', 'a browser client can read the refusal');
  assert.deepEqual(await over.json(), {
    errorcode: 10005,
    reset_time: '2026-05-15T00:00:00Z',
    limit_time_unit: 'day',
    call_limit: 2,
    error: 'You have exceeded the requests limit for anonymous users.',
  });
  assert.equal((await s.get('/-/account/login')).status, 200, 'pages are not counted');
  assert.equal((await s.get('/healthz')).status, 200);
});

test('each key has its own daily quota, apart from the anonymous one, with the ODS 10002 body', async () => {
  const key = await keyOf('quota-a@example.org');
  const headers = { authorization: `Apikey ${key}` };
  for (let i = 2; i >= 0; i--) {
    const response = await s.get(`${api}/cities/records?limit=1`, { headers });
    assert.equal(response.status, 200, 'the anonymous quota is spent, the key has its own');
    assert.deepEqual(rate(response), ['3', String(i), String(nextMidnight)]);
  }
  const over = await s.get(`${api}/cities`, { headers });
  assert.equal(over.status, 429);
  const body = await over.json();
  assert.equal(body.errorcode, 10002);
  assert.equal(body.call_limit, 3);
  assert.equal(body.reset_time, '2026-05-15T00:00:00Z');
  assert.equal(typeof body.error, 'string');
  const other = await s.get(`${api}?apikey=${await keyOf('quota-b@example.org')}`);
  assert.equal(other.status, 200, 'another key counts apart');
  assert.deepEqual(rate(other), ['3', '2', String(nextMidnight)]);
});

test('a signed-in person is counted per account, and every counter starts again at 00:00 UTC', async () => {
  const { link } = await s.portal.accounts.createAccount({ email: 'sessie@example.org', role: 'user', actor: 'test' });
  await s.portal.accounts.resetPassword(new URL(link).pathname.split('/').pop()!, strong, 'set_password');
  const v = visitor(s.url);
  await v.get('/-/account/login');
  await v.post('/-/account/login', { email: 'sessie@example.org', password: strong });
  const signedIn = await s.get(api, { headers: { cookie: v.cookie! } });
  assert.equal(signedIn.status, 200);
  assert.deepEqual(rate(signedIn).slice(0, 2), ['3', '2']);

  now = new Date('2026-05-15T00:00:01Z');
  const fresh = await s.get(api);
  assert.equal(fresh.status, 200, 'a new day');
  assert.deepEqual(rate(fresh), ['2', '1', String(Date.UTC(2026, 4, 16) / 1000)]);
});

test('a preflight is not counted, and no address reaches the log', async () => {
  const preflight = await s.get(`${api}/cities/records`, { method: 'OPTIONS', headers: { origin: 'https://elders.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
  assert.equal(preflight.status, 204);
  const after = await s.get(api);
  assert.equal(after.headers.get('x-ratelimit-remaining'), '0', 'only the earlier call of the day counted');
  const requests = logLines.filter((l) => l.includes('"req"'));
  assert.ok(requests.length > 5);
  assert.ok(requests.every((l) => !l.includes('127.0.0.1')));
});
