// The back office as an editor uses it, without JavaScript: create, describe, upload, review, publish, unpublish, replace, delete.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { staffAudience } from '../../src/catalog/service.ts';
import { listEvents } from '../../src/events/store.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor');
});
after(() => s.close());

const hostileTitle = 'Steden <script>alert(1)</script>';
const hostileDescription = 'Beschrijving <img src=x onerror=alert(2)> & meer';
const hostileLabel = 'Naam <b onmouseover=alert(3)>';

/** The page's HTML holds none of the hostile markup as markup. */
function assertEscaped(page: string, where: string) {
  for (const raw of ['<script>alert(1)', '<img src=x', '<b onmouseover']) assert.ok(!page.includes(raw), `${where} shows ${raw} unescaped`);
}

/** Sends a multipart upload as the no-JS form does: the CSRF field first, then the file. */
async function upload(v: StaffVisitor, id: string, name: string, body: BlobPart, path = `/-/admin/datasets/${id}/versions`) {
  const form = new FormData();
  form.append('_csrf', v.csrf);
  form.append('file', new Blob([body]), name);
  return fetch(`${s.url}${path}`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
}

/** The whole metadata form, as the page would post it, with some values changed. */
async function metadataForm(id: string, changes: Record<string, string | string[]>) {
  const dataset = await s.portal.catalog.getDataset(id, staffAudience);
  const body = new URLSearchParams({ _csrf: editor.csrf, title_nl: dataset.metadata.title.nl ?? '', title_en: dataset.metadata.title.en ?? '', access_rights: 'PUBLIC', visibility: dataset.visibility });
  dataset.fields.forEach((f, i) => {
    body.set(`field_${i}_name`, f.name);
    for (const [language, text] of Object.entries(typeof f.label === 'string' ? { nl: f.label } : f.label)) body.set(`field_${i}_label_${language}`, text ?? '');
  });
  for (const [key, value] of Object.entries(changes)) {
    body.delete(key);
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return editor.send('POST', `/-/admin/datasets/${id}/metadata`, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const publicCount = async () => (await json(s.get('/api/explore/v2.1/catalog/datasets'))).total_count;

test('an editor creates a draft, describes it, uploads and reviews a file, publishes, unpublishes, replaces and deletes it', async () => {
  const list = await editor.get('/-/admin/datasets');
  assert.equal(list.status, 200);
  assert.match(editor.lastPage, /Datasets beheren/);

  const created = await editor.post('/-/admin/datasets', { id: 'steden', title_nl: hostileTitle, title_en: 'Cities' });
  assert.equal(created.status, 303);
  assert.equal(created.headers.get('location'), '/-/admin/datasets/steden?done=created');
  await editor.get('/-/admin/datasets/steden?done=created');
  assert.match(editor.lastPage, /aangemaakt als concept/);
  assertEscaped(editor.lastPage, 'the dataset page');
  assert.match(editor.lastPage, /Steden &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.equal((await s.get('/datasets/steden')).status, 404, 'a draft does not exist for the public');
  assert.equal(await publicCount(), 0);

  const saved = await metadataForm('steden', {
    description_nl: hostileDescription,
    keyword_nl: 'bevolking, steden',
    theme: ['SOCI', 'REGI'],
    publisher_name: 'Stad <Gent>',
    contact_name: 'Dienst Data',
    contact_email: 'opendata@example.org',
    license_title: 'CC BY 4.0',
    license_url: 'https://creativecommons.org/licenses/by/4.0/',
    temporal_start: '2020-01-01',
    frequency: 'ANNUAL',
    landing_page: 'https://example.org/steden',
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), '/-/admin/datasets/steden/metadata?done=saved');
  await editor.get('/-/admin/datasets/steden/metadata?done=saved');
  assert.match(editor.lastPage, /De metadata is opgeslagen/);
  assert.doesNotMatch(editor.lastPage, /lijkt van een persoon/, 'a functional mailbox raises no warning');
  assertEscaped(editor.lastPage, 'the metadata form');
  assert.match(editor.lastPage, /Beschrijving &lt;img src=x onerror=alert\(2\)&gt; &amp; meer<\/textarea>/);

  const uploaded = await upload(editor, 'steden', 'steden.csv', readFileSync(fixture('types/all-types.csv')));
  assert.equal(uploaded.status, 303);
  assert.equal(uploaded.headers.get('location'), '/-/admin/datasets/steden/versions/1');
  const preview = await editor.get('/-/admin/datasets/steden/versions/1');
  assert.equal(preview.status, 200);
  const types = Object.fromEntries([...editor.lastPage.matchAll(/<th scope="row"><code>([a-z_]+)<\/code><\/th><td>[^<]*<\/td><td data-type="([a-z_0-9]+)"/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual(types, { naam: 'text', aantal: 'int', bedrag: 'double', actief: 'boolean', datum: 'date', tijdstip: 'datetime', locatie: 'geo_point_2d', code: 'text', geboortedatum: 'date', vorm: 'geo_shape' });
  assert.match(editor.lastPage, /<td>Gent<\/td><td>12<\/td><td>3.5<\/td>/, 'the first rows');
  assert.match(editor.lastPage, /Deze versie en de dataset publiceren/);
  assert.equal((await s.get('/datasets/steden')).status, 404, 'a staged version publishes nothing');

  assert.equal((await editor.post('/-/admin/datasets/steden/versions/1/publish', {})).status, 303);
  assert.equal(await publicCount(), 1);
  const page = await s.get('/datasets/steden');
  assert.equal(page.status, 200);
  const publicHtml = await page.text();
  assertEscaped(publicHtml, 'the public page');
  assert.match(publicHtml, /Beschrijving &lt;img src=x onerror=alert\(2\)&gt; &amp; meer/);
  const records = await json(s.get('/api/explore/v2.1/catalog/datasets/steden/records?limit=0'));
  assert.equal(records.total_count, 3);

  // Field labels and annotations, now that the dataset has fields.
  const fields = (await s.portal.catalog.getDataset('steden', staffAudience)).fields;
  const naam = fields.findIndex((f) => f.name === 'naam');
  const bedrag = fields.findIndex((f) => f.name === 'bedrag');
  assert.equal((await metadataForm('steden', { [`field_${naam}_label_nl`]: hostileLabel, [`field_${naam}_facet`]: 'yes', [`field_${bedrag}_unit`]: 'EUR', [`field_${bedrag}_description_nl`]: 'In euro' })).status, 303);
  const described = await json(s.get('/api/explore/v2.1/catalog/datasets/steden'));
  const wire = Object.fromEntries(described.fields.map((f: { name: string }) => [f.name, f]));
  assert.equal(wire.naam.label, hostileLabel);
  assert.deepEqual(wire.naam.annotations, { facet: [] });
  assert.deepEqual(wire.bedrag.annotations, { unit: ['EUR'] });
  assert.equal(wire.bedrag.description, 'In euro');
  for (const path of ['/-/admin/datasets', '/-/admin/datasets/steden', '/-/admin/datasets/steden/metadata', '/-/admin/datasets/steden/versions/1']) {
    await editor.get(path);
    assertEscaped(editor.lastPage, path);
  }
  assertEscaped(await (await s.get('/datasets/steden/table')).text(), 'the public table');

  // Unpublishing asks for its tick on the server too: without it, a 400 that says so, and the dataset stays public.
  const unticked = await editor.post('/-/admin/datasets/steden/unpublish', {});
  assert.equal(unticked.status, 400);
  assert.match(editor.lastPage, /Vink eerst het vakje aan om te bevestigen; er is niets gewijzigd\./);
  assert.equal((await s.get('/datasets/steden')).status, 200);
  assert.equal((await editor.post('/-/admin/datasets/steden/unpublish', { confirm: 'yes' })).status, 303);
  assert.equal((await s.get('/datasets/steden')).status, 404);
  assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/steden/records')).status, 404);
  assert.equal(await publicCount(), 0);
  assert.ok(!(await (await s.get('/sitemap.xml')).text()).includes('/datasets/steden'));
  assert.equal((await editor.get('/datasets/steden')).status, 200, 'staff still see it');
  assert.equal((await editor.post('/-/admin/datasets/steden/publish', {})).status, 303);
  assert.equal((await s.get('/datasets/steden')).status, 200);

  const second = await upload(editor, 'steden', 'gemeenten.csv', readFileSync(fixture('csv/semicolon-crlf.csv')));
  assert.equal(second.headers.get('location'), '/-/admin/datasets/steden/versions/2');
  await editor.get('/-/admin/datasets/steden/versions/2');
  assert.match(editor.lastPage, /nieuw veld/);
  assert.match(editor.lastPage, /Niet meer in deze versie: naam, aantal/);
  assert.equal((await json(s.get('/api/explore/v2.1/catalog/datasets/steden/records?limit=0'))).total_count, 3, 'the public keeps version 1 meanwhile');
  await editor.get('/-/admin/datasets/steden');
  assert.match(editor.lastPage, /wacht op publicatie/);
  assert.equal((await editor.post('/-/admin/datasets/steden/versions/2/publish', {})).status, 303);
  const now = await json(s.get('/api/explore/v2.1/catalog/datasets/steden/records?limit=1'));
  assert.ok('gemeente' in now.results[0], 'version 2 serves');

  const { path: file } = await s.portal.catalog.currentVersion('steden', staffAudience);
  await editor.get('/-/admin/datasets/steden/delete');
  assert.match(editor.lastPage, /zijn 2 versies/);
  const wrong = await editor.post('/-/admin/datasets/steden/delete', { confirm: 'iets anders' });
  assert.equal(wrong.status, 400);
  assert.match(editor.lastPage, /niets verwijderd/);
  assert.equal((await s.get('/datasets/steden')).status, 200);
  const gone = await editor.post('/-/admin/datasets/steden/delete', { confirm: 'steden' });
  assert.equal(gone.headers.get('location'), '/-/admin/datasets?done=deleted');
  assert.equal((await s.get('/datasets/steden')).status, 404);
  assert.equal((await editor.get('/-/admin/datasets/steden')).status, 404);
  assert.ok(!existsSync(file!));

  const events = await listEvents(s.portal.store.db, 'dataset', 'steden');
  assert.deepEqual(events.map((e) => e.verb), [
    'dataset.created', 'dataset.metadata_updated', 'dataset.version_staged', 'dataset.version_published', 'dataset.metadata_updated',
    'dataset.unpublished', 'dataset.published', 'dataset.version_staged', 'dataset.version_published', 'dataset.deleted',
  ]);
  assert.ok(events.every((e) => e.actor === editor.accountId), 'every staff action names its actor');
  assert.ok(events.every((e) => !e.data.includes('opendata@') && !e.data.includes('Dienst')), 'no contact details in the log');
});

test('the back office speaks English under /en', async () => {
  await s.portal.catalog.createDataset({ id: 'engels', input: { metadata: { title: { nl: 'Engels', en: 'English' } } }, actor: 'test' });
  const page = await editor.get('/en/-/admin/datasets/engels');
  assert.equal(page.status, 200);
  assert.match(editor.lastPage, /<h1>English<\/h1>/);
  assert.match(editor.lastPage, /Upload a new version/);
  assert.match(editor.lastPage, /action="\/en\/-\/admin\/datasets\/engels\/versions"/);
  const saved = await editor.send('POST', '/en/-/admin/datasets/engels/publish', { body: new URLSearchParams({ _csrf: editor.csrf }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(saved.status, 400, 'a draft without data cannot be published');
  assert.match(await saved.text(), /has no data yet: upload a version and publish that/);
});

test('the account page leads editors to the back office, and nobody else', async () => {
  await editor.get('/-/account');
  assert.match(editor.lastPage, /href="\/-\/admin\/datasets"/);
  const user = await signedIn(s, 'user');
  await user.get('/-/account');
  assert.doesNotMatch(user.lastPage, /\/-\/admin\/datasets/);
});
