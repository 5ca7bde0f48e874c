// The publishing API as automation uses it: create, describe, upload raw or multipart, publish, unpublish, delete; errors as {error, message}.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { listEvents } from '../../src/events/store.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor', { firstName: 'Els', lastName: 'Vermeulen' });
});
after(() => s.close());

const base = '/api/opaal/v1';
const sendJson = (method: string, path: string, body: unknown) =>
  editor.send(method, `${base}${path}`, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

test('create, describe, upload, review, publish, replace, unpublish and delete through the API', async () => {
  const created = await sendJson('POST', '/datasets', {
    id: 'premies',
    title: { nl: 'Premies', en: 'Grants' },
    description: 'Toegekende premies per gemeente.',
    theme: ['ECON'],
    contactPoint: { name: 'Cel Data', email: 'data@example.org' },
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), `${base}/datasets/premies`);
  const draft = await created.json();
  assert.equal(draft.state, 'draft');
  assert.equal(draft.current_version, null);
  assert.deepEqual(draft.metadata.title, { nl: 'Premies', en: 'Grants' });
  assert.deepEqual(draft.warnings, []);
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/premies')).status, 404);

  const staged = await editor.send('POST', `${base}/datasets/premies/versions?publish=false`, { body: readFileSync(fixture('csv/semicolon-crlf.csv')), headers: { 'content-type': 'text/csv' } });
  assert.equal(staged.status, 201);
  assert.equal(staged.headers.get('location'), `${base}/datasets/premies/versions/1`);
  const version = await staged.json();
  assert.equal(version.state, 'staged');
  assert.equal(version.source_name, 'upload.csv');
  assert.deepEqual(version.fields.map((f: { name: string; type: string }) => [f.name, f.type]), [['gemeente', 'text'], ['jaar', 'int'], ['bedrag', 'double'], ['percentage', 'double']]);
  assert.deepEqual(version.preview[0], { gemeente: 'Gent', jaar: '2023', bedrag: '3.5', percentage: '12.25' });
  assert.equal(version.dataset.state, 'draft');

  const reviewed = await json(editor.send('GET', `${base}/datasets/premies/versions/1`));
  assert.deepEqual(reviewed.preview, version.preview);

  const published = await editor.send('POST', `${base}/datasets/premies/versions/1/publish`);
  assert.equal(published.status, 200);
  const live = await published.json();
  assert.equal(live.state, 'published');
  assert.equal(live.current_version, 1);
  assert.equal((await json(s.get('/api/explore/v2.1/catalog/datasets/premies/records?limit=0'))).total_count, 4);

  const patched = await sendJson('PATCH', '/datasets/premies/metadata', { keyword: { nl: ['premies'] }, fields: [{ name: 'bedrag', label: 'Bedrag (EUR)', annotations: { unit: ['EUR'] } }] });
  assert.equal(patched.status, 200);
  const afterPatch = await patched.json();
  assert.deepEqual(afterPatch.metadata.keyword, { nl: ['premies'] });
  assert.equal(afterPatch.metadata.description.nl, 'Toegekende premies per gemeente.', 'PATCH keeps what it does not name');
  assert.equal(afterPatch.metadata.fields.find((f: { name: string }) => f.name === 'bedrag').label, 'Bedrag (EUR)');

  // GET metadata → PUT it back: nothing changes (the document round-trips).
  const document = await json(editor.send('GET', `${base}/datasets/premies/metadata`));
  const put = await json(sendJson('PUT', '/datasets/premies/metadata', document));
  assert.deepEqual(put.metadata, document);
  const replaced = await json(sendJson('PUT', '/datasets/premies/metadata', { title: 'Alleen dit' }));
  assert.deepEqual(replaced.metadata.keyword, {}, 'PUT resets what it does not name');
  assert.equal(replaced.metadata.fields.find((f: { name: string }) => f.name === 'bedrag').label, 'Bedrag (EUR)', 'field descriptions are not reset by PUT');

  const form = new FormData();
  form.append('file', new Blob([readFileSync(fixture('json/array.json'))]), 'premies-2025.json');
  const second = await editor.send('POST', `${base}/datasets/premies/versions?publish=true`, { body: form });
  assert.equal(second.status, 201);
  const current = await second.json();
  assert.equal(current.number, 2);
  assert.equal(current.state, 'current');
  assert.equal(current.source_name, 'premies-2025.json');
  assert.equal((await json(s.get('/api/explore/v2.1/catalog/datasets/premies/records?limit=0'))).total_count, 3);

  const third = await editor.send('POST', `${base}/datasets/premies/versions?filename=extra.jsonl`, { body: readFileSync(fixture('json/lines.jsonl')), headers: { 'content-type': 'application/octet-stream' } });
  assert.equal((await third.json()).state, 'staged');
  assert.equal((await editor.send('DELETE', `${base}/datasets/premies/versions/3`)).status, 204);
  const discardedAgain = await editor.send('DELETE', `${base}/datasets/premies/versions/3`);
  assert.equal(discardedAgain.status, 404);
  const cannot = await editor.send('DELETE', `${base}/datasets/premies/versions/1`);
  assert.equal(cannot.status, 409);
  assert.equal((await cannot.json()).reason, 'version_published');

  const listed = await json(editor.send('GET', `${base}/datasets`));
  assert.deepEqual(listed.results.map((d: { dataset_id: string }) => d.dataset_id), ['premies']);
  assert.deepEqual(listed.results[0].versions.map((v: { number: number; state: string }) => [v.number, v.state]), [[2, 'current'], [1, 'published']]);

  assert.equal((await json(editor.send('POST', `${base}/datasets/premies/unpublish`))).state, 'draft');
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/premies')).status, 404);
  assert.equal((await json(editor.send('POST', `${base}/datasets/premies/publish`))).state, 'published');
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/premies')).status, 200);

  assert.equal((await editor.send('DELETE', `${base}/datasets/premies`)).status, 204);
  assert.equal((await editor.send('GET', `${base}/datasets/premies`)).status, 404);
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/premies')).status, 404);

  const events = await listEvents(s.portal.store.db, 'dataset', 'premies');
  assert.ok(events.length >= 10);
  assert.ok(events.every((e) => e.actor === editor.accountId));
});

test('refusals are JSON with the status that fits and a message that says what to fix', async () => {
  await s.portal.catalog.createDataset({ id: 'leeg', input: { metadata: {} }, actor: 'test' });
  const cases: [string, string, unknown, number, string, RegExp][] = [
    ['POST', '/datasets', '{"id": "kapot",', 400, 'invalid', /JSON/],
    ['POST', '/datasets', [], 400, 'invalid', /JSON object/],
    ['POST', '/datasets', { title: 'Geen id' }, 400, 'invalid', /"id"/],
    ['POST', '/datasets', { id: 'Met Spatie' }, 400, 'invalid', /not a valid dataset id/],
    ['POST', '/datasets', { id: 'leeg' }, 409, 'conflict', /exists already/],
    ['POST', '/datasets', { id: 'x', titel: 'typo' }, 400, 'invalid', /Unknown metadata "titel"/],
    ['PATCH', '/datasets/leeg/metadata', { temporal: { start: '31/12/2024' } }, 400, 'invalid', /temporal.start" must be a date/],
    ['PATCH', '/datasets/leeg/metadata', { fields: [{ name: 'a', label: 'A' }] }, 400, 'invalid', /no fields yet/],
    ['PATCH', '/datasets/nergens/metadata', { keyword: ['x'] }, 404, 'not_found', /nergens does not exist/],
    ['POST', '/datasets/leeg/publish', null, 400, 'invalid', /no data yet/],
    ['POST', '/datasets/leeg/versions/1/publish', null, 404, 'not_found', /has no version 1/],
  ];
  for (const [method, path, body, status, error, message] of cases) {
    const response = body === null ? await editor.send(method, `${base}${path}`) : await sendJson(method, path, body);
    const answer = await response.json();
    assert.equal(response.status, status, `${method} ${path} ${JSON.stringify(body)}`);
    assert.equal(answer.error, error, `${method} ${path}`);
    assert.match(answer.message, message, `${method} ${path}`);
  }

  const raw = (path: string, body: BodyInit, type?: string) => editor.send('POST', `${base}/datasets/leeg/versions${path}`, { body, headers: type ? { 'content-type': type } : {} });
  const unknownType = await raw('', 'a,b\n1,2\n', 'application/pdf');
  assert.equal(unknownType.status, 415);
  assert.equal((await unknownType.json()).error, 'unsupported_media_type');
  const malformed = await raw('?filename=ragged.csv', readFileSync(fixture('csv/ragged.csv')), 'text/csv');
  assert.equal(malformed.status, 422);
  const failure = await malformed.json();
  assert.deepEqual(Object.keys(failure), ['error', 'message', 'file', 'line']);
  assert.equal(failure.error, 'import_failed');
  assert.equal(failure.file, 'ragged.csv');
  assert.equal(failure.line, 4);
  assert.match(failure.message, /^ragged\.csv, line 4: /);
  const badFlag = await raw('?publish=ja', 'a,b\n1,2\n', 'text/csv');
  assert.equal(badFlag.status, 400);
  assert.match((await badFlag.json()).message, /"publish" must be true or false/);
  const empty = await raw('', '', 'text/csv');
  assert.equal(empty.status, 400);
  assert.match((await empty.json()).message, /no body/);
  assert.deepEqual(await s.portal.catalog.listVersions('leeg', { seesRestricted: true }, { includeStaged: true }), [], 'nothing was staged');
});

test('the API warns when the contact point names a person, and proposes the functional mailbox', async () => {
  await sendJson('POST', '/datasets', { id: 'hygiene', title: 'Hygiëne' });
  const named = async (email: string) => (await json(sendJson('PATCH', '/datasets/hygiene/metadata', { contactPoint: { email } }))).warnings;
  assert.deepEqual((await named('jan.peeters@gemeente.be')).map((w: { code: string; proposal: string }) => [w.code, w.proposal]), [['personal_contact', 'opendata@example.org']]);
  assert.equal((await named('els.vermeulen.data@gemeente.be')).length, 1, 'names an account holder, whatever else it says');
  assert.equal((await named(`${editor.accountId}@x.org`)).length, 0);
  assert.equal((await named('open.data@gemeente.be')).length, 0);
  assert.equal((await named('opendata@example.org')).length, 0);
  assert.equal((await named('info@gemeente.be')).length, 0);
});
