// No third parties, no tracking (privacy statement; GDPR Art. 25, Belgian Art. 10/2 WVG): in real Chromium, every page
// the portal serves — found in its route table, so a new page is covered the day it is added — sets no cookie but the
// strictly necessary session cookie, stores nothing in the browser, and asks no host but the portal's own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed.ts';
import { createAccount, signedIn, testPassword } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { foreignRequests, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
let datasetIds: string[];
let userId: string;
let caseId: string;
let breachId: string;
let archiveFile: string;
const sessionCookie = 'opaal_session';

before(async () => {
  s = await startServer();
  datasetIds = await seedDemo(s.portal);
  userId = await createAccount(s, 'gebruiker@example.org', 'user');
  for (const role of ['admin', 'dpo', 'editor'] as const) await createAccount(s, `${role}@example.org`, role);
  const request = await s.portal.privacyCases.submit({ type: 'access', message: 'Welke gegevens hebt u over mij?', email: 'gebruiker@example.org', lang: 'nl' }, { id: userId, email: 'gebruiker@example.org' });
  caseId = (await s.portal.privacyCases.complete(request.id, 'Zie de bijlage.', 'test')).id;
  breachId = (await s.portal.breaches.open('test', { title: 'Portal down', awareAt: s.portal.clock().toISOString(), nature: ['A'], description: 'Portal down for ten minutes.', categories: [] })).id;
  archiveFile = `${await s.portal.rights.prepareArchive(userId, 'nl')}.html`;
  await s.portal.statements.current(); // the statement's first version is published on first use
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

/** Every GET route in Fastify's route tree. */
function getRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const column = line.indexOf('── ');
    if (column < 0) continue;
    const match = /^(.*) \(([^)]*)\)$/.exec(line.slice(column + 3));
    stack.length = (column - 1) / 4;
    stack.push(match ? match[1] : line.slice(column + 3));
    if (match && match[2].split(', ').includes('GET')) routes.push(stack.join(''));
  }
  return routes;
}

/** Routes that are not pages a person opens: the API (its own tests check it sets nothing), files and probes. */
const notPages = [/^(\/en)?\/api\//, /\/-\/static\//, /^\/(healthz|readyz|robots\.txt|sitemap\.xml)$/, /\.(json|csv|xml|pdf|geojson|txt)$/];

/**
 * A sample for each route parameter. A new parameter fails the test until it has one here, so no page type is left
 * unvisited. Tokens are made up: their pages answer "this link is not valid", a page like any other.
 */
function samples(route: string): string[] {
  const values: Record<string, () => string[]> = {
    ':datasetId': () => [datasetIds[0]],
    ':tab': () => ['table', 'chart', 'map', 'export', 'api'],
    ':token': () => ['t_0000000000000000'],
    ':number': () => ['1'],
    // One dataset of points and one of shapes: every tab of each kind, not every dataset.
    ':id': () =>
      route.includes('/users/') ? [userId] : /\/(cases|request)\//.test(route) ? [caseId] : route.includes('/breaches/') ? [breachId] : [datasetIds[0], 'provincies-vlaanderen'],
    ':kind': () => ['reply'],
    ':n': () => ['1'],
    // A thread that does not exist: its page is the ordinary "not found", a page like any other.
    ':thread': () => ['d_0000000000'],
    // The user's own archive: a page for its owner, a 404 for anyone else.
    ':file': () => [archiveFile],
  };
  let paths = [route];
  for (const param of route.match(/:[A-Za-z]+/g) ?? []) {
    const value = values[param];
    assert.ok(value, `no sample value for ${param} in ${route}: add one, so that page type is checked`);
    paths = paths.flatMap((p) => value().map((v) => p.replace(param, v)));
  }
  return paths;
}

function pagePaths(): string[] {
  return getRoutes(s.app)
    .filter((route) => !notPages.some((pattern) => pattern.test(route)))
    .flatMap(samples);
}

/** Opens each page and returns what it left behind: cookies, browser storage, requests to other hosts. */
async function visit(context: BrowserContext, paths: string[]): Promise<{ foreign: string[]; stored: string[]; statuses: number[]; status: (path: string) => number }> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const stored: string[] = [];
  const statuses: number[] = [];
  try {
    for (const path of paths) {
      const response = await page.goto(`${s.url}${path}`);
      statuses.push(response?.status() ?? 0);
      await page.waitForLoadState('networkidle');
      const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
      stored.push(...keys.map((k) => `${path}: ${k}`));
    }
  } finally {
    await page.close();
  }
  return { foreign: foreignRequests(requests, s.url), stored, statuses, status: (path) => statuses[paths.indexOf(path)] };
}

test('the route table yields every page type, in both languages', () => {
  assert.ok(datasetIds.includes('provincies-vlaanderen'), 'the demo has a dataset of shapes');
  const paths = pagePaths();
  for (const expected of ['/', '/datasets', `/datasets/${datasetIds[0]}/map`, '/-/privacy', '/-/account/login', '/-/admin/users', '/en/datasets']) {
    assert.ok(paths.includes(expected), `${expected} among ${paths.length} pages`);
  }
});

test('a visitor gets no cookie and no browser storage, and no page asks another host', async () => {
  const context = await b.newContext();
  try {
    const paths = pagePaths();
    const { foreign, stored, statuses } = await visit(context, paths);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(stored, []);
    assert.deepEqual(foreign, []);
    assert.ok(statuses.every((status) => status < 500), `no page failed: ${statuses.join(' ')}`);
  } finally {
    await context.close();
  }
});

test('signing in sets the session cookie alone: HttpOnly, SameSite=Lax, for the whole site', async () => {
  const context = await b.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${s.url}/-/account/login`);
    await page.fill('input[name=email]', 'gebruiker@example.org');
    await page.fill('input[name=password]', testPassword);
    await Promise.all([page.waitForURL(/\/-\/account$/), page.click('form button[type=submit]')]);
    const cookies = await context.cookies();
    assert.deepEqual(cookies.map((c) => c.name), [sessionCookie]);
    assert.equal(cookies[0].httpOnly, true);
    assert.equal(cookies[0].sameSite, 'Lax');
    assert.equal(cookies[0].path, '/');
    assert.equal(cookies[0].expires, -1, 'a session cookie, gone with the browser: the server decides how long a session lives');
  } finally {
    await context.close();
  }
});

/** A page each role sees only signed in, to show the session was really used. */
const ownPage: Record<string, string> = {
  'gebruiker@example.org': '/-/account/privacy',
  'admin@example.org': '/-/admin/users',
  'dpo@example.org': '/-/privacy-office/register',
  'editor@example.org': '/-/admin/datasets',
};

for (const [email, own] of Object.entries(ownPage)) {
  test(`signed in as ${email.split('@')[0]}, every page leaves the session cookie as the only cookie and asks no other host`, async () => {
    const v = await signedIn(s, email);
    const token = v.cookie!.slice(`${sessionCookie}=`.length);
    const context = await b.newContext();
    try {
      await context.addCookies([{ name: sessionCookie, value: token, url: s.url, httpOnly: true, sameSite: 'Lax' }]);
      const { foreign, stored, statuses, status } = await visit(context, pagePaths().filter((path) => !path.startsWith('/en/')));
      assert.equal(status(own), 200, `${own} is open to ${email}`);
      assert.deepEqual((await context.cookies()).map((c) => c.name), [sessionCookie]);
      assert.deepEqual(stored, []);
      assert.deepEqual(foreign, []);
      assert.ok(statuses.every((status) => status < 500), `no page failed: ${statuses.join(' ')}`);
    } finally {
      await context.close();
    }
  });
}
