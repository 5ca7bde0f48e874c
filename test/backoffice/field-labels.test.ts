// Field labels and descriptions in both languages, end to end: the publishing API takes them, the field editor shows and
// saves them, the Explore API answers in the asked `lang`, and the pages in their own language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formValuesOf } from '../../src/backoffice/form.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

const base = '/api/opaal/v1';
const sendJson = (method: string, path: string, body: unknown) =>
  editor.send(method, `${base}${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

const labels = {
  fields: [
    { name: 'gemeente', label: { nl: 'Gemeente', en: 'Municipality' }, annotations: { facet: [] } },
    { name: 'bedrag', label: { nl: 'Toegekend bedrag', en: 'Amount granted' }, description: { nl: 'In euro, afgerond', en: 'In euros, rounded' } },
    { name: 'jaar', label: { nl: 'Premiejaar' } },
  ],
};

before(async () => {
  s = await startServer('sqlite');
  editor = await signedIn(s, 'editor');
  assert.equal((await sendJson('POST', '/datasets', { id: 'premies', title: { nl: 'Premies', en: 'Grants' } })).status, 201);
  const staged = await editor.send('POST', `${base}/datasets/premies/versions?publish=false`, { body: readFileSync(fixture('csv/semicolon-crlf.csv')), headers: { 'content-type': 'text/csv' } });
  assert.equal(staged.status, 201);
  assert.equal((await editor.send('POST', `${base}/datasets/premies/versions/1/publish`)).status, 200);
});
after(() => s.close());

const wireFields = async (query = '') => {
  const dataset = await json(s.get(`/api/explore/v2.1/catalog/datasets/premies${query}`));
  return Object.fromEntries(dataset.fields.map((f: { name: string; label: string; description: string | null }) => [f.name, f]));
};

test('the publishing API takes labels per language, gives them back as stored, and PUT takes them back unchanged', async () => {
  const patched = await sendJson('PATCH', '/datasets/premies/metadata', labels);
  assert.equal(patched.status, 200);
  const document = await json(editor.send('GET', `${base}/datasets/premies/metadata`));
  const byName = Object.fromEntries(document.fields.map((f: { name: string }) => [f.name, f]));
  assert.deepEqual(byName.bedrag.label, { nl: 'Toegekend bedrag', en: 'Amount granted' });
  assert.deepEqual(byName.bedrag.description, { nl: 'In euro, afgerond', en: 'In euros, rounded' });
  assert.deepEqual(byName.jaar.label, { nl: 'Premiejaar' });
  assert.equal(byName.percentage.label, 'Percentage', 'a label from the file stays one text');

  const put = await sendJson('PUT', '/datasets/premies/metadata', document);
  assert.equal(put.status, 200);
  assert.deepEqual(await json(editor.send('GET', `${base}/datasets/premies/metadata`)), document);
});

test('a malformed label is a 400 naming the field and the key, and changes nothing', async () => {
  const before = await json(editor.send('GET', `${base}/datasets/premies/metadata`));
  const cases: [unknown, string][] = [
    [{ nl: 'Jaar', de: 'Jahr' }, 'Unknown metadata "fields[0].label.de"; known are: nl, en.'],
    [{ nl: '' }, 'Metadata "fields[0].label.nl" must not be empty.'],
    [{}, 'Metadata "fields[0].label" must have at least one of: nl, en.'],
    ['', 'Metadata "fields[0].label" must not be empty.'],
    [5, 'Metadata "fields[0].label" must be a string or an object.'],
    [{ en: 'x'.repeat(301) }, 'Metadata "fields[0].label.en" must be at most 300 characters.'],
  ];
  for (const [label, message] of cases) {
    const response = await sendJson('PATCH', '/datasets/premies/metadata', { fields: [{ name: 'jaar', label }] });
    assert.equal(response.status, 400, JSON.stringify(label));
    assert.deepEqual(await response.json(), { error: 'invalid', message }, JSON.stringify(label));
  }
  // Past the schema, the model's own reading (which --meta files go through) names the field too.
  const blank = await sendJson('PATCH', '/datasets/premies/metadata', { fields: [{ name: 'jaar', label: { en: '   ' } }] });
  assert.equal(blank.status, 400);
  assert.match((await blank.json()).message, /"fields\[0\]\.label\.en" \(field "jaar"\) must be a text, not empty/);
  assert.deepEqual(await json(editor.send('GET', `${base}/datasets/premies/metadata`)), before);
});

test('the Explore API keeps label a string: the asked lang, else the portal’s default language', async () => {
  const english = await wireFields('?lang=en');
  assert.equal(english.bedrag.label, 'Amount granted');
  assert.equal(english.bedrag.description, 'In euros, rounded');
  assert.equal(english.jaar.label, 'Premiejaar', 'no English label: the Dutch one');
  const dutch = await wireFields();
  assert.equal(dutch.bedrag.label, 'Toegekend bedrag');
  assert.equal(dutch.bedrag.description, 'In euro, afgerond');
  assert.equal((await wireFields('?lang=fr')).bedrag.label, 'Toegekend bedrag', 'another ODS language: the default');

  const csv = async (lang: string) => (await (await s.get(`/api/explore/v2.1/catalog/datasets/premies/exports/csv?use_labels=true&lang=${lang}`)).text()).split(/\r?\n/)[0];
  assert.equal(await csv('en'), 'Municipality;Premiejaar;Amount granted;Percentage');
  assert.equal(await csv('nl'), 'Gemeente;Premiejaar;Toegekend bedrag;Percentage');
});

test('pages show the labels of their language: table headers, facets, the info tab, the chart form', async () => {
  const page = async (path: string) => {
    const response = await s.get(path);
    assert.equal(response.status, 200, path);
    return response.text();
  };
  const head = (html: string) => html.match(/<thead>[\s\S]*?<\/thead>/)![0];
  const dutchTable = await page('/datasets/premies/table');
  const englishTable = await page('/en/datasets/premies/table');
  assert.match(head(dutchTable), /Toegekend bedrag/);
  assert.doesNotMatch(head(dutchTable), /Amount granted/);
  assert.match(head(englishTable), /Amount granted/);
  assert.match(head(englishTable), /Municipality/);
  assert.match(head(englishTable), /Premiejaar/, 'no English label: the Dutch one');
  assert.doesNotMatch(head(englishTable), /Toegekend bedrag/);
  assert.match(englishTable, /<h3 id="facet-gemeente">Municipality<\/h3>|id="facet-gemeente"[^>]*>Municipality</, 'the facet');
  assert.match(dutchTable, /id="facet-gemeente"[^>]*>Gemeente</);

  const englishInfo = await page('/en/datasets/premies');
  assert.match(englishInfo, /<th scope="row">Amount granted<\/th><td><code>bedrag<\/code><\/td><td>[^<]*<\/td><td>In euros, rounded<\/td>/);
  assert.match(await page('/datasets/premies'), /<th scope="row">Toegekend bedrag<\/th><td><code>bedrag<\/code><\/td><td>[^<]*<\/td><td>In euro, afgerond<\/td>/);

  const englishChart = await page('/en/datasets/premies/chart');
  assert.match(englishChart, /<option value="gemeente"[^>]*>Municipality<\/option>/);
  assert.match(await page('/datasets/premies/chart'), /<option value="gemeente"[^>]*>Gemeente<\/option>/);
  assert.match(await page('/en/datasets/premies/api'), /<code>bedrag<\/code>[^]*?<span class="field-label">Amount granted<\/span>/);
});

test('the field editor has an input per language, and saving the form unchanged keeps every label', async () => {
  const dataset = await s.portal.catalog.getDataset('premies', staffAudience);
  const i = dataset.fields.findIndex((f) => f.name === 'bedrag');
  await editor.get('/-/admin/datasets/premies/metadata');
  const page = editor.lastPage;
  assert.match(page, new RegExp(`<label for="field_${i}_label_nl">Label \\(Nederlands\\)</label>`));
  assert.match(page, new RegExp(`<label for="field_${i}_label_en">Label \\(Engels\\)</label>`));
  assert.match(page, new RegExp(`value="Amount granted"[^>]*id="field_${i}_label_en"|id="field_${i}_label_en"[^>]*value="Amount granted"`));
  assert.match(page, new RegExp(`id="field_${i}_description_en"[^>]*>In euros, rounded</textarea>`));
  await editor.get('/en/-/admin/datasets/premies/metadata');
  assert.match(editor.lastPage, new RegExp(`<label for="field_${i}_label_nl">Label \\(Dutch\\)</label>`));
  assert.match(editor.lastPage, new RegExp(`<label for="field_${i}_label_en">Label \\(English\\)</label>`));

  const post = async (changes: Record<string, string>) => {
    const values = { ...formValuesOf(await s.portal.catalog.getDataset('premies', staffAudience)), ...changes };
    const body = new URLSearchParams({ _csrf: editor.csrf });
    for (const [key, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value ?? '']) body.append(key, v);
    return editor.send('POST', '/-/admin/datasets/premies/metadata', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };
  const fieldsBefore = dataset.fields;
  assert.equal((await post({})).status, 303);
  assert.deepEqual((await s.portal.catalog.getDataset('premies', staffAudience)).fields, fieldsBefore, 'the form as shown changes nothing');

  assert.equal((await post({ [`field_${i}_label_en`]: 'Amount', [`field_${i}_description_en`]: '' })).status, 303);
  const bedrag = (await s.portal.catalog.getDataset('premies', staffAudience)).fields[i];
  assert.deepEqual(bedrag.label, { nl: 'Toegekend bedrag', en: 'Amount' });
  assert.deepEqual(bedrag.description, { nl: 'In euro, afgerond' }, 'an emptied language is left out');
  assert.equal((await wireFields('?lang=en')).bedrag.description, 'In euro, afgerond');

  const long = await post({ [`field_${i}_label_en`]: 'x'.repeat(301) });
  assert.equal(long.status, 400);
  assert.match(await long.text(), /Controleer de velden: een label heeft hoogstens 300 tekens/);
  assert.deepEqual((await s.portal.catalog.getDataset('premies', staffAudience)).fields[i].label, { nl: 'Toegekend bedrag', en: 'Amount' }, 'nothing saved');
});
