// The one guard: the same refusal rules for a staff page, its .json twin and the JSON API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff-admin.ts';
import { visitor } from '../helpers/visitor.ts';

let s: ServerHarness;
before(async () => { s = await startServer('sqlite'); });
after(() => s.close());

test('without the permission: a page is the plain 404, a twin a 404 body, the API a 403; nobody signed in: sign-in, 404, 401', async () => {
  const user = (await signedIn(s, 'gewoon@example.org', 'user')).v;
  const plain404 = await (await user.get('/-/bestaat-niet')).text();
  for (const page of ['/-/privacy-office', '/-/privacy-office/holds', '/-/admin/users', '/-/admin/datasets']) {
    const response = await user.get(page);
    assert.equal(response.status, 404, page);
    assert.equal((await response.text()).replaceAll(page, ''), plain404.replaceAll('/-/bestaat-niet', ''), `${page} reads as a path that does not exist`);
  }
  for (const twin of ['/-/admin/users.json', '/-/privacy-office/holds.json', '/-/privacy-office/register.json']) {
    const response = await user.get(twin);
    assert.equal(response.status, 404, twin);
    assert.equal((await response.json()).error, 'not_found', twin);
  }
  const api = await user.get('/api/opaal/v1/datasets');
  assert.equal(api.status, 403);
  assert.equal((await api.json()).error, 'forbidden');

  const anonymous = visitor(s.url);
  const page = await anonymous.get('/en/-/privacy-office/register');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/en/-/account/login');
  assert.equal((await anonymous.get('/-/privacy-office/register.json')).status, 404);
  const refused = await anonymous.get('/api/opaal/v1/datasets');
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('www-authenticate'), 'Apikey');
});
