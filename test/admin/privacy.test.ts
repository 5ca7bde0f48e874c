// Nothing about a person reaches other people: the public pages and APIs name no account, whatever staff did with it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff-admin.ts';
import { visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
let personId: string;
before(async () => {
  s = await startServer('sqlite');
  await importCities(s.portal);
  const meta = JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'));
  await s.portal.catalog.importDataset({ datasetId: 'geheim', path: fixture('explore/cities.json'), input: parseMetadataInput({ ...meta, visibility: 'restricted' }), actor: 'test' });
  const admin = (await signedIn(s, 'privacy.beheer@example.org', 'admin', { firstName: 'Adelgonde', lastName: 'Xylograaf' })).v;
  const person = await signedIn(s, 'zwanhilde.q@example.org', 'user', { firstName: 'Zwanhilde', lastName: 'Quackenbosch' });
  personId = person.account.id;
  // Staff act on the account in every way the administration allows.
  await admin.get('/-/admin/grants/geheim');
  await admin.post('/-/admin/grants/geheim', { email: 'zwanhilde.q@example.org' });
  await admin.get(`/-/admin/users/${personId}`);
  await admin.post(`/-/admin/users/${personId}/role`, { role: 'editor' });
  await admin.get(`/-/admin/users/${personId}`);
  await admin.post(`/-/admin/users/${personId}/role`, { role: 'user' });
});
after(() => s.close());

const publicPaths = [
  '/', '/index.json', '/datasets', '/datasets.json', '/datasets/cities', '/datasets/cities.json', '/datasets/cities/table', '/-/privacy',
  '/en/', '/en/datasets', '/en/datasets/cities', '/sitemap.xml', '/robots.txt',
  '/api/explore/v2.1/catalog/datasets', '/api/explore/v2.1/catalog/datasets/cities', '/api/explore/v2.1/catalog/datasets/cities/records',
  '/api/explore/v2.1/catalog/datasets/cities/facets', '/api/explore/v2.1/catalog/datasets/cities/exports/csv', '/api/explore/v2.1/catalog/datasets/cities/exports/json',
  '/api/explore/v2.1/catalog/facets', '/api/explore/v2.1/catalog/exports/dcat_ap_vl', '/api/explore/v2.1/catalog/exports/rss', '/api/explore/v2.1/catalog/exports/data.json',
];

test('no public page or API names an account or its staff, to visitors, other users or editors', async () => {
  const viewers = {
    anonymous: visitor(s.url),
    neighbour: (await signedIn(s, 'buur.privacy@example.org', 'user')).v,
    editor: (await signedIn(s, 'redacteur.privacy@example.org', 'editor')).v,
  };
  const traces = /zwanhilde|quackenbosch|adelgonde|xylograaf|privacy\.beheer|buur\.privacy|redacteur\.privacy/i;
  let checked = 0;
  for (const [who, v] of Object.entries(viewers)) {
    for (const path of publicPaths) {
      const response = await v.get(path);
      assert.equal(response.status, 200, `${who} ${path}`);
      const body = await response.text();
      // A viewer's own address may be on their pages (none is today); anybody else's may not.
      const own = { anonymous: '', neighbour: 'buur.privacy@example.org', editor: 'redacteur.privacy@example.org' }[who]!;
      assert.doesNotMatch(own ? body.replaceAll(own, '') : body, traces, `${who} ${path}`);
      assert.ok(!body.includes(personId), `${who} ${path} holds no account id`);
      checked++;
    }
  }
  assert.equal(checked, publicPaths.length * 3);
});

test('the person granted access sees the dataset, and still nothing about who granted it', async () => {
  const v = visitor(s.url);
  await v.get('/-/account/login');
  await v.post('/-/account/login', { email: 'zwanhilde.q@example.org', password: 'paard-batterij-nietje-correct' });
  for (const path of ['/datasets/geheim', '/api/explore/v2.1/catalog/datasets/geheim', '/api/explore/v2.1/catalog/datasets/geheim/records']) {
    const response = await v.get(path);
    assert.equal(response.status, 200, path);
    assert.doesNotMatch(await response.text(), /adelgonde|xylograaf|privacy\.beheer/i, path);
  }
});
