// The back office forms' schemas: a field too long, or a body that is no form, shows the form's page again with a message and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listEvents } from '../../src/events/store.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor');
  await s.portal.catalog.createDataset({ id: 'blijft', input: { metadata: { title: { nl: 'Blijft' } } }, actor: 'test' });
});
after(() => s.close());

const form = (path: string, fields: Record<string, string>) =>
  editor.send('POST', path, { body: new URLSearchParams({ _csrf: editor.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('a field past its length is refused on the form\'s own page, in the page\'s language, and nothing changes', async () => {
  const events = (await listEvents(s.portal.store.db, 'dataset', 'blijft')).length;
  const cases: [string, Record<string, string>, RegExp][] = [
    ['/-/admin/datasets', { id: 'x'.repeat(1001), title_nl: 'Te lang' }, /Het veld „id” is te lang/],
    ['/en/-/admin/datasets', { id: 'nieuw', title_nl: 'y'.repeat(10_001) }, /The field “title_nl” is too long/],
    ['/-/admin/datasets/blijft/delete', { confirm: 'z'.repeat(1001) }, /Het veld „confirm” is te lang/],
    ['/-/admin/datasets/blijft/metadata', { title_nl: 'w'.repeat(10_001) }, /Het veld „title_nl” is te lang/],
    ['/-/admin/datasets/blijft/versions/1/publish', { acknowledge: '1'.repeat(11) }, /Het veld „acknowledge” is te lang/],
  ];
  for (const [path, fields, message] of cases) {
    const response = await form(path, fields);
    assert.equal(response.status, 400, path);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/, path);
    assert.match(await response.text(), message, path);
  }
  assert.equal((await s.portal.catalog.listDatasets({ seesRestricted: true })).length, 1, 'no dataset created');
  assert.equal((await s.portal.catalog.datasetForStaff('blijft')).metadata.title.nl, 'Blijft');
  assert.equal((await listEvents(s.portal.store.db, 'dataset', 'blijft')).length, events, 'no event written');
});

test('a JSON body posted to a form is refused with the form\'s page, not a server error', async () => {
  const response = await editor.send('POST', '/-/admin/datasets', { body: JSON.stringify({ id: 5, title_nl: ['a'] }), headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 400);
  assert.match(await response.text(), /Het veld „id” is te lang of heeft een waarde die dit formulier niet aanvaardt/);
  assert.equal((await s.portal.catalog.listDatasets({ seesRestricted: true })).length, 1);
});

test('the permission is checked before the form: a stranger is sent to sign in whatever the form holds', async () => {
  const response = await s.get('/-/admin/datasets', { method: 'POST', body: new URLSearchParams({ id: 'x'.repeat(1001) }), headers: { origin: s.url }, redirect: 'manual' });
  assert.equal(response.status, 303);
  assert.match(response.headers.get('location') ?? '', /\/-\/account\/login$/);
});
