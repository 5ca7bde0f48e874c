// Who sees what: every role against every public route and API endpoint; a restricted dataset leaks through none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../src/accounts/types.ts';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import type { ServerHarness } from '../helpers/server.ts';
import type { Visitor } from '../helpers/visitor.ts';
import { startPortal } from '../web/helpers.ts';

let s: ServerHarness;
const as: Record<string, Visitor | null> = {};
const restricted = 'geheim';

before(async () => {
  s = await startPortal();
  as.anonymous = null;
  for (const role of ['user', 'editor', 'dpo', 'admin'] as Role[]) {
    await createAccount(s, `${role}@example.org`, role);
    as[role] = await signedIn(s, `${role}@example.org`);
  }
  const granted = await createAccount(s, 'granted@example.org', 'user');
  await s.portal.store.db.insertInto('dataset_grants').values({ dataset_id: restricted, user_id: granted, granted_by: 'test', granted_at: new Date().toISOString() }).execute();
  as.granted = await signedIn(s, 'granted@example.org');
});
after(() => s.close());

/** Who may read the restricted dataset: staff who publish, and the person granted access. */
const readers = new Set(['editor', 'admin', 'granted']);

const get = (who: string, path: string) =>
  fetch(`${s.url}${path}`, { headers: as[who]?.cookie ? { cookie: as[who]!.cookie! } : {}, redirect: 'manual' });
const text = async (who: string, path: string) => (await get(who, path)).text();

const perDataset = (id: string) => [
  `/api/explore/v2.1/catalog/datasets/${id}`,
  `/api/explore/v2.1/catalog/datasets/${id}/records`,
  `/api/explore/v2.1/catalog/datasets/${id}/facets`,
  `/api/explore/v2.1/catalog/datasets/${id}/exports/csv`,
  `/api/explore/v2.1/catalog/datasets/${id}/attachments`,
  `/datasets/${id}`,
  `/datasets/${id}/table`,
  `/datasets/${id}/chart`,
  `/datasets/${id}/export`,
  `/datasets/${id}/api`,
  `/datasets/${id}.json`,
];

for (const who of ['anonymous', 'user', 'granted', 'editor', 'dpo', 'admin']) {
  test(`${who}: the restricted dataset exists exactly when it should, on every route`, async () => {
    const expected = readers.has(who) ? 200 : 404;
    for (const path of perDataset(restricted)) assert.equal((await get(who, path)).status, expected, `${who} ${path}`);
    for (const path of perDataset('werkloosheid')) assert.equal((await get(who, path)).status, 200, `${who} ${path}`);
  });

  test(`${who}: catalog counts, facets, search and exports agree with what they may see`, async () => {
    const sees = readers.has(who);
    const catalog = JSON.parse(await text(who, '/api/explore/v2.1/catalog/datasets?limit=100'));
    assert.equal(catalog.total_count, sees ? 3 : 2, `${who} catalog count`);
    assert.equal(catalog.results.some((d: { dataset_id: string }) => d.dataset_id === restricted), sees);
    const facets = await text(who, '/api/explore/v2.1/catalog/facets');
    const themeCount = JSON.parse(facets).facets.find((f: { name: string }) => f.name === 'theme').facets.find((v: { name: string }) => v.name === 'ECON')?.count;
    assert.equal(themeCount, sees ? 2 : 1, `${who} facet count`);
    for (const format of ['csv', 'json', 'rss', 'dcat']) {
      assert.equal((await text(who, `/api/explore/v2.1/catalog/exports/${format}`)).includes(restricted), sees, `${who} catalog export ${format}`);
    }
    const search = JSON.parse(await text(who, '/datasets.json?q=geheime'));
    assert.equal(search.total_count, sees ? 1 : 0, `${who} page search`);
    assert.equal((await text(who, '/datasets')).includes(restricted), sees, `${who} catalog page`);
  });

  test(`${who}: a record of the restricted dataset is not reachable by id, and the sitemap never lists it`, async () => {
    const id = (await s.portal.engine.all(`SELECT _recordid FROM read_parquet('${(await s.portal.catalog.currentVersion(restricted, { seesRestricted: true })).path}') LIMIT 1`))[0]._recordid as string;
    assert.equal((await get(who, `/api/explore/v2.1/catalog/datasets/${restricted}/records/${id}`)).status, readers.has(who) ? 200 : 404);
    assert.doesNotMatch(await text(who, '/sitemap.xml'), new RegExp(restricted));
  });
}

test('the account page is for the signed-in person only; anonymous visitors are sent to sign in', async () => {
  assert.equal((await get('anonymous', '/-/account')).status, 303);
  for (const who of ['user', 'editor', 'dpo', 'admin']) {
    const page = await text(who, '/-/account');
    assert.match(page, new RegExp(`${who}@example.org`), who);
    for (const other of ['user', 'editor', 'dpo', 'admin'].filter((o) => o !== who)) assert.doesNotMatch(page, new RegExp(`${other}@example.org`), `${who} sees ${other}`);
  }
});

test('no public page or API answer names an account holder', async () => {
  for (const path of ['/', '/datasets', '/datasets/werkloosheid', '/api/explore/v2.1/catalog/datasets', '/api/explore/v2.1/catalog/exports/dcat', '/sitemap.xml']) {
    const body = await text('anonymous', path);
    assert.doesNotMatch(body, /(user|editor|dpo|admin|granted)@example\.org/, path);
  }
});
