// Issue 13, class 6: quotas count what is served. Every spelling of a path the router serves from the Explore API
// (percent-encoded letters, a trailing slash) draws from the API quota, and the portal's own dataset pages, which run
// records queries for visitors, draw from a daily page budget of their own, with a page in the visitor's language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
let now = new Date('2026-10-05T09:00:00Z');
/** Every test starts on a new day: every counter starts again at 00:00 UTC. */
const nextDay = () => (now = new Date(now.getTime() + 86_400_000));

before(async () => {
  s = await startServer('sqlite', { API_DAILY_QUOTA_ANONYMOUS: '8', API_DAILY_QUOTA_KEY: '4', PAGE_DAILY_QUOTA: '3' }, { clock: () => now });
  await importCities(s.portal);
});
after(() => s.close());

/** A GET with the path exactly as written: fetch() would normalise it first, a hostile client does not. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const records = '/api/explore/v2.1/catalog/datasets/cities/records?limit=1';
/** Spellings the router serves from the records route. */
const variants = [
  '/api/%65xplore/v2.1/catalog/datasets/cities/records?limit=1',
  '/%61pi/explore/v2.1/catalog/datasets/cities/records?limit=1',
  '/api/explor%65/v2.1/catalog/datasets/cities/records?limit=1',
  '/api/explore/v2.1/catalog/%64atasets/cities/records?limit=1',
  '/api/explore/v2.1/catalog/datasets/cities/%72ecords?limit=1',
  '/api/explore/v2.1/catalog/datasets/cities/records/?limit=1',
  '/api/%65%78%70%6c%6f%72%65/v2.1/catalog/datasets/cities/records?limit=1',
];

test('every spelling of an Explore API path the router serves draws from the anonymous quota, and is refused when it is spent', async () => {
  nextDay();
  const plain = await raw(records);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['x-ratelimit-remaining'], '7');
  for (const [i, path] of variants.entries()) {
    const answer = await raw(path);
    assert.equal(answer.status, 200, `${path} is served`);
    assert.equal(answer.headers['x-ratelimit-remaining'], String(6 - i), `${path} is counted`);
  }
  for (const path of [records, ...variants]) {
    const refused = await raw(path);
    assert.equal(refused.status, 429, `${path} is refused once the quota is spent`);
    assert.equal(JSON.parse(refused.text).errorcode, 10005);
  }
});

test('an API key on an encoded path is recognised and counted against the key', async () => {
  nextDay();
  const id = await createAccount(s, 'sleutel@example.org', 'user');
  const { key } = await s.portal.apiKeys.create(id, { name: 'quota' });
  const headers = { authorization: `Apikey ${key}` };
  for (let i = 0; i < 4; i++) {
    const answer = await raw(variants[i], headers);
    assert.equal(answer.status, 200);
    assert.deepEqual([answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']], ['4', String(3 - i)]);
  }
  assert.equal((await raw(variants[4], headers)).status, 429);
  assert.equal((await raw(records)).status, 200, 'the anonymous quota is apart');
});

test('the dataset pages that run records queries draw from a daily page budget per visitor, with a page in their language', async () => {
  nextDay();
  for (const path of ['/datasets/cities/table', '/en/datasets/cities/api', '/datasets/cities/t%61ble']) {
    assert.equal((await raw(path)).status, 200, path);
  }
  const refused = await raw('/datasets/cities/table?page=2');
  assert.equal(refused.status, 429);
  assert.match(String(refused.headers['content-type']), /text\/html/);
  assert.ok(Number(refused.headers['retry-after']) > 0);
  assert.match(refused.text, /U hebt vandaag veel tabellen en grafieken opgevraagd/);
  assert.match(refused.text, /hoogstens 3 keer per dag/);
  assert.match(refused.text, /Vanaf \d{1,2} [a-z]+ \d{4} \d\d:\d\d kan/, 'the reset time in the portal time zone, as a date people read');
  assert.doesNotMatch(refused.text, /\d\d:\d\d UTC/);
  const english = await raw('/en/datasets/cities/t%61ble');
  assert.equal(english.status, 429, 'an encoded path draws from the same budget');
  assert.match(english.text, /You asked for many tables and charts today/);

  assert.equal((await raw('/datasets/cities')).status, 200, 'the information tab runs no records query');
  assert.equal((await raw(records)).status, 200, 'the API quota is apart');
  await createAccount(s, 'lezer@example.org', 'user');
  const reader = await signedIn(s, 'lezer@example.org');
  assert.equal((await reader.get('/datasets/cities/table')).status, 200, 'a signed-in account has a budget of its own');

  nextDay();
  assert.equal((await raw('/datasets/cities/table')).status, 200, 'the budget starts again at 00:00 UTC');
});
