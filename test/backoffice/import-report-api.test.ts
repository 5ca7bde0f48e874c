// The publishing API and the import report: checks block a blind publish, readings read a version again, types chosen on upload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor');
});
after(() => s.close());

const base = '/api/opaal/v1';
const ambiguous = 'gemeente,aantal\nGent,12.345\nAalst,4.210\nBrugge,987\n';
const sendJson = (method: string, path: string, body: unknown) =>
  editor.send(method, `${base}${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const upload = (id: string, query: string, body = ambiguous) => editor.send('POST', `${base}/datasets/${id}/versions?${query}`, { body, headers: { 'content-type': 'text/csv' } });

test('an upload with a reading to check is staged, not published, and says how to go on', async () => {
  assert.equal((await sendJson('POST', '/datasets', { id: 'aantallen', title: 'Aantallen' })).status, 201);
  const refused = await upload('aantallen', 'publish=true');
  assert.equal(refused.status, 409);
  const body = await refused.json();
  assert.equal(body.reason ?? body.error, 'checks_pending');
  assert.match(body.message, /field "aantal".*Version 1 is staged.*acknowledge_checks=true/s);

  const version = await json(editor.get(`${base}/datasets/aantallen/versions/1`));
  assert.equal(version.state, 'staged');
  assert.equal(version.checks, 1);
  const aantal = version.report.fields.find((f: { name: string }) => f.name === 'aantal');
  assert.equal(aantal.type, 'text');
  assert.equal(aantal.decisions[0].code, 'ambiguous_text');
  assert.deepEqual(aantal.decisions[0].examples[0], { row: 2, value: '12.345', readings: ['12.345', '12345'] });

  const blind = await editor.send('POST', `${base}/datasets/aantallen/versions/1/publish`);
  assert.equal(blind.status, 409);
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/aantallen')).status, 404, 'nothing published');
});

test('readings read the staged version again under its number; then it publishes without a check', async () => {
  const reread = await sendJson('POST', '/datasets/aantallen/versions/1/readings', { fields: [{ name: 'aantal', type: 'int', format: '1.234' }] });
  assert.equal(reread.status, 200);
  const version = await reread.json();
  assert.equal(version.number, 1);
  assert.equal(version.checks, 0);
  assert.deepEqual(version.readings, { aantal: { type: 'int', format: '1.234' } });
  assert.deepEqual(version.preview.map((r: { aantal: string }) => r.aantal), ['12345', '4210', '987']);

  const bad = await sendJson('POST', '/datasets/aantallen/versions/1/readings', { fields: [{ name: 'aantal', type: 'int', format: '12-345' }] });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).message, /"12-345" is not a int notation/);
  const unknown = await sendJson('POST', '/datasets/aantallen/versions/1/readings', { fields: [{ name: 'nergens', type: 'int' }] });
  assert.equal(unknown.status, 400);

  assert.equal((await editor.send('POST', `${base}/datasets/aantallen/versions/1/publish`)).status, 200);
  const records = await json(s.get('/api/explore/v2.1/catalog/datasets/aantallen/records?order_by=aantal'));
  assert.deepEqual(records.results.map((r: { aantal: number }) => r.aantal), [987, 4210, 12345]);

  // A published version stays as it was: reading it again stages a new version.
  const again = await sendJson('POST', '/datasets/aantallen/versions/1/readings', { fields: [{ name: 'aantal', type: 'double' }] });
  assert.equal(again.status, 201);
  assert.equal((await again.json()).number, 2);
});

test('types chosen on upload, and acknowledge_checks to publish as read', async () => {
  const fields = encodeURIComponent(JSON.stringify([{ name: 'aantal', type: 'int', format: '1.234' }]));
  const chosen = await upload('aantallen', `publish=true&fields=${fields}`);
  assert.equal(chosen.status, 201);
  assert.equal((await chosen.json()).checks, 0);

  const acknowledged = await upload('aantallen', 'publish=true&acknowledge_checks=true');
  assert.equal(acknowledged.status, 201);
  const version = await acknowledged.json();
  assert.equal(version.checks, 1);
  assert.equal(version.state, 'current');

  const broken = await upload('aantallen', 'fields=%5Bnot-json');
  assert.equal(broken.status, 400);
});
