// Who gets what from the administration: every admin route × anonymous, user, editor, DPO, admin and a half-signed-in admin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountOf } from '../../src/accounts/auth.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { activeAccount, signedIn, strongPassword } from '../helpers/staff-admin.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let people: Record<'anonymous' | 'user' | 'editor' | 'dpo' | 'admin' | 'halfway', Visitor>;
let victimId: string;

before(async () => {
  s = await startServer('sqlite');
  const meta = JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'));
  await s.portal.catalog.importDataset({ datasetId: 'geheim', path: fixture('explore/cities.json'), input: parseMetadataInput({ ...meta, visibility: 'restricted' }), actor: 'test' });
  victimId = (await activeAccount(s, 'doelwit@example.org', 'user')).id;
  await s.portal.store.db.insertInto('api_keys').values({
    id: 'k_1', user_id: victimId, name: 'Script', prefix: 'opaal_x', digest: 'c'.repeat(64), created_at: '2026-01-01T00:00:00Z', expires_at: '2999-01-01T00:00:00Z',
    last_used_at: null, revoked_at: null, revoked_by: null,
  }).execute();
  await activeAccount(s, 'halfweg@example.org', 'admin');
  const halfway = visitor(s.url);
  await halfway.get('/-/account/login');
  assert.equal((await halfway.post('/-/account/login', { email: 'halfweg@example.org', password: strongPassword })).headers.get('location'), '/-/account/two-factor');
  people = {
    anonymous: visitor(s.url),
    user: (await signedIn(s, 'gebruiker@example.org', 'user')).v,
    editor: (await signedIn(s, 'redacteur@example.org', 'editor')).v,
    dpo: (await signedIn(s, 'fg@example.org', 'dpo')).v,
    admin: (await signedIn(s, 'beheerder@example.org', 'admin')).v,
    halfway,
  };
});
after(() => s.close());

/** Every route Fastify knows, from its route tree. */
function registeredRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const column = line.indexOf('── ');
    if (column < 0) continue;
    const depth = (column - 1) / 4;
    const match = /^(.*) \(([^)]*)\)$/.exec(line.slice(column + 3));
    const segment = match ? match[1] : line.slice(column + 3);
    stack.length = depth;
    stack.push(segment);
    if (match) for (const method of match[2].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

type Kind = 'page' | 'json' | 'form';
interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** The route pattern it exercises. */
  pattern: string;
  kind: Kind;
  /** Who may: audit routes are open to the DPO too. */
  dpo: boolean;
  body?: Record<string, string>;
}

function routesIn(prefix: string): Route[] {
  const r = (method: Route['method'], pattern: string, kind: Kind, dpo = false, body?: Record<string, string>): Route => ({
    method, pattern: `${prefix}${pattern}`, kind, dpo, body,
    path: `${prefix}${pattern.replace(':id', victimId).replace(':keyId', 'k_1').replace(':datasetId', 'geheim')}${kind === 'json' && pattern.includes(':') ? '.json' : ''}`,
  });
  return [
    r('GET', '/-/admin', 'page', true),
    r('GET', '/-/admin/users', 'page'),
    r('GET', '/-/admin/users.json', 'json'),
    r('GET', '/-/admin/users/:id', 'page'),
    r('GET', '/-/admin/users/:id', 'json'),
    r('POST', '/-/admin/users/:id/role', 'form', false, { role: 'admin' }),
    r('POST', '/-/admin/users/:id/disable', 'form'),
    r('POST', '/-/admin/users/:id/enable', 'form'),
    r('POST', '/-/admin/users/:id/keys/:keyId/revoke', 'form'),
    r('GET', '/-/admin/grants', 'page'),
    r('GET', '/-/admin/grants.json', 'json'),
    r('GET', '/-/admin/grants/:datasetId', 'page'),
    r('GET', '/-/admin/grants/:datasetId', 'json'),
    r('POST', '/-/admin/grants/:datasetId', 'form', false, { email: 'gebruiker@example.org' }),
    r('POST', '/-/admin/grants/:datasetId/revoke', 'form', false, { user_id: victimId }),
    r('GET', '/-/admin/delivery', 'page'),
    r('GET', '/-/admin/delivery.json', 'json'),
    r('POST', '/-/admin/delivery/mail/:id/retry', 'form'),
    r('GET', '/-/admin/audit', 'page', true),
    r('GET', '/-/admin/audit.json', 'json', true),
  ];
}
/** Built once the fixtures exist: the paths hold their ids. */
const allRoutes = () => [...routesIn(''), ...routesIn('/en')];

async function call(v: Visitor, route: Route): Promise<Response> {
  if (route.method === 'GET') return v.get(route.path);
  // The form's own CSRF token, as a page of the portal would give it (visitors without a session need none).
  await v.get(route.path.startsWith('/en') ? '/en/-/account' : '/-/account');
  return v.post(route.path, route.body ?? {});
}

test('the table covers every admin route the server has', () => {
  const tested = new Set(allRoutes().map((r) => `${r.method} ${r.pattern}`));
  // The publishing back office (/-/admin/datasets) has its own permission tests in test/backoffice.
  const admin = registeredRoutes(s.app).filter((r) => r.includes('/-/admin') && !r.includes('/-/admin/datasets'));
  assert.ok(admin.length >= 30);
  assert.deepEqual(admin.filter((r) => !tested.has(r)), []);
});

test('nobody but staff with the permission learns that an admin route exists', async () => {
  const withoutToken = (page: string) => page.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"');
  /**
   * What this visitor gets for a path that does not exist, with the path left out: the path itself only, not a longer path
   * it begins (an editor's header links /-/admin/datasets, which must stay as it is for /-/admin).
   */
  const escaped = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const only = (path: string) => new RegExp(`${escaped(path)}(?![\\w/-])`, 'g');
  const without = (page: string, path: string) => withoutToken(page).replace(only(path), '').replace(only(path.replace(/^\/en/, '')), '');
  const notFoundPage = async (v: Visitor, lang: string) => without(await (await v.get(`${lang}/-/admin/nope`)).text(), `${lang}/-/admin/nope`);
  for (const route of allRoutes()) {
    for (const [who, v] of Object.entries(people)) {
      if (who === 'admin' && route.method === 'POST') continue; // what admins' forms do is tested with the forms
      const allowed = who === 'admin' || (who === 'dpo' && route.dpo);
      const response = await call(v, route);
      const label = `${who} ${route.method} ${route.path}`;
      if (allowed) {
        assert.equal(response.status, 200, label);
        continue;
      }
      if (route.kind === 'json') {
        assert.equal(response.status, 404, label);
        assert.equal((await response.json()).error, 'not_found', label);
      } else if (who === 'anonymous' || who === 'halfway') {
        assert.equal(response.status, route.kind === 'form' && who === 'halfway' ? 404 : 303, label);
        if (response.status === 303) {
          const lang = route.path.startsWith('/en') ? '/en' : '';
          assert.equal(response.headers.get('location'), `${lang}/-/account/${who === 'halfway' ? 'two-factor' : 'login'}`, label);
        }
      } else {
        assert.equal(response.status, 404, label);
        const body = without(await response.text(), route.path);
        assert.equal(body, await notFoundPage(v, route.path.startsWith('/en') ? '/en' : ''), `${label}: the very page of a path that does not exist`);
      }
    }
  }
  const victim = await s.portal.accounts.getAccount(victimId);
  assert.deepEqual([victim.role, victim.disabledAt], ['user', null], 'no refused form changed anything');
  assert.equal((await s.portal.store.db.selectFrom('api_keys').select('revoked_at').executeTakeFirstOrThrow()).revoked_at, null);
  assert.equal((await s.portal.store.db.selectFrom('dataset_grants').selectAll().execute()).length, 0);
  assert.equal((await s.portal.store.db.selectFrom('events').selectAll().where('verb', 'in', ['account.role_changed', 'account.disabled', 'account.key_revoked']).execute()).length, 0);
});

test('the header links to the administration only for those who may open it', async () => {
  for (const [who, v] of Object.entries(people)) {
    await v.get('/datasets');
    assert.equal(/href="\/-\/admin"/.test(v.lastPage), who === 'admin' || who === 'dpo', who);
  }
});

test('an account disabled between requests acts as nobody, also through an API key', () => {
  const base = { id: 'u_x', email: 'x@example.org', firstName: 'X', lastName: 'Y', displayName: null, role: 'admin' as const, emailVerifiedAt: null, hasPassword: true, passwordChangedAt: null, totpEnabledAt: null, createdAt: '', lastActiveAt: '' };
  const request = (disabledAt: string | null) => ({ keyAccount: { ...base, disabledAt }, session: null }) as unknown as FastifyRequest;
  assert.equal(accountOf(request(null))?.id, 'u_x');
  assert.equal(accountOf(request('2026-01-01T00:00:00Z')), null);
});
