// Versions as the public sees them, on SQLite and PostgreSQL: the version page and its twin, version= on the Explore
// API, downloads of an earlier version, the Atom feeds, and key fields refused where they name no field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { formValuesOf } from '../../src/backoffice/form.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { dialects } from '../helpers/stores.ts';

const csv = (dir: string, name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

/** Ten municipalities; version 2: 3 added, 2 removed, 1 changed, a new field; version 3 staged. */
async function seed(s: ServerHarness) {
  const dir = s.env.dataDir;
  const rows = Array.from({ length: 10 }, (_, i) => [`${11000 + i}`, '2026-01', `${100 + i}`]);
  const kept = rows.slice(2).map((r) => [...r, 'ja']);
  kept[0][2] = '999';
  const added = [['21001', '2026-01', '1', 'nee'], ['21002', '2026-01', '2', 'nee'], ['11000', '2026-02', '3', 'nee']];
  const title = { nl: 'Werk & "zoeken" <2026>', en: 'Jobs & "search" <2026>' };
  await s.portal.catalog.importDataset({ datasetId: 'werk', path: csv(dir, 'v1.csv', ['nis_code;maand;aantal', ...rows.map((r) => r.join(';'))]), input: parseMetadataInput({ title, key: ['nis_code', 'maand'] }), actor: 'cli' });
  await s.portal.catalog.importDataset({ datasetId: 'werk', path: csv(dir, 'v2.csv', ['nis_code;maand;aantal;actief', ...[...kept, ...added].map((r) => r.join(';'))]), actor: 'cli' });
  await s.portal.catalog.stageVersion({ datasetId: 'werk', path: csv(dir, 'v3.csv', ['nis_code;maand;aantal', '1;2026-03;1']), actor: 'u_editor' });
  await s.portal.catalog.importDataset({ datasetId: 'geheim', path: csv(dir, 'g1.csv', ['a,b', '1,2']), input: parseMetadataInput({ title: 'Geheime lijst', visibility: 'restricted' }), actor: 'cli' });
  await s.portal.catalog.importDataset({ datasetId: 'geheim', path: csv(dir, 'g2.csv', ['a,b', '1,3']), actor: 'cli' });
}

/** Parses an Atom document strictly: a well-formedness error throws. Returns the elements' names and texts in order. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element = { name: `{${tag.uri}}${tag.local}`, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])), text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    if (open.length) open[open.length - 1].text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return elements;
}

const atom = (local: string) => `{http://www.w3.org/2005/Atom}${local}`;

for (const dialect of dialects) {
  test(`${dialect}: versions on the pages, the Explore API, the downloads and the feeds`, async (t) => {
    const s = await startServer(dialect);
    try {
      await seed(s);

      await t.test('the version page says what changed, with examples, in both languages', async () => {
        const page = await s.get('/datasets/werk/versions/2');
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /3 records toegevoegd/);
        assert.match(html, /2 records verwijderd/);
        assert.match(html, /1 record gewijzigd/);
        assert.match(html, /1 veld toegevoegd \(actief\)/);
        assert.match(html, /<table class="examples">/);
        assert.match(html, /<td class="changed">999<span class="visually-hidden"> \(gewijzigd\)<\/span><\/td>/, 'the changed record after, its changed value marked');
        assert.match(html, /href="\/api\/explore\/v2.1\/catalog\/datasets\/werk\/exports\/csv\?version=2"/);
        assert.match(html, /<link rel="alternate" type="application\/atom\+xml" href="\/datasets\/werk\/feed.atom"/);
        assert.match(html, /<link rel="alternate" type="application\/json" href="\/datasets\/werk\/versions\/2.json"/);
        assert.doesNotMatch(html, /De huidige versie is/, 'the current version needs no pointer to itself');
        const older = await (await s.get('/datasets/werk/versions/1')).text();
        assert.match(older, /De huidige versie is <a href="\/datasets\/werk\/versions\/2">versie 2<\/a>/, 'an older version says which one is current');
        const english = await (await s.get('/en/datasets/werk/versions/2')).text();
        assert.match(english, /3 records added/);
        assert.match(english, /1 record changed/);
        assert.match(english, /href="\/en\/datasets\/werk\/feed.atom"/);
      });

      await t.test('the JSON twin has the number, date, count and changes', async () => {
        const twin = await json(s.get('/datasets/werk/versions/2.json'));
        assert.equal(twin.number, 2);
        assert.equal(twin.records_count, 11);
        assert.match(twin.published_at, /^\d{4}-\d\d-\d\dT/);
        assert.deepEqual(twin.changes, { added: 3, removed: 2, changed: 1, fields_added: ['actief'], fields_removed: [], fields_retyped: [] });
        assert.equal(twin.compared_to, 1);
        const first = await json(s.get('/datasets/werk/versions/1.json'));
        assert.equal(first.changes.added, 10);
        assert.equal(first.compared_to, null);
      });

      await t.test('a staged or unknown version is not found; a restricted dataset\'s versions are hidden', async () => {
        for (const path of ['/datasets/werk/versions/3', '/datasets/werk/versions/3.json', '/datasets/werk/versions/9', '/datasets/werk/versions/x', '/datasets/geheim/versions/1', '/datasets/geheim/versions/1.json', '/datasets/geheim/feed.atom']) {
          assert.equal((await s.get(path)).status, 404, path);
        }
        const editor = await signedIn(s, 'editor');
        assert.equal((await editor.get('/datasets/geheim/versions/2')).status, 200, 'staff see it');
        assert.equal((await editor.get('/datasets/werk/versions/3')).status, 404, 'a staged version has no public page, whoever asks');
      });

      await t.test('the information tab lists the versions with links and their changes', async () => {
        const html = await (await s.get('/datasets/werk')).text();
        assert.match(html, /<a href="\/datasets\/werk\/versions\/2"[^>]*>2<\/a>/);
        assert.match(html, /3 records toegevoegd, 2 records verwijderd, 1 record gewijzigd, 1 veld toegevoegd \(actief\)/);
        assert.doesNotMatch(html, /versions\/3"/, 'no staged version');
      });

      await t.test('version= reads an earlier published version on the records API; an unknown one is a 404 in the ODS shape', async () => {
        const api = '/api/explore/v2.1/catalog/datasets/werk';
        assert.equal((await json(s.get(`${api}/records?limit=0`))).total_count, 11);
        assert.equal((await json(s.get(`${api}/records?limit=0&version=1`))).total_count, 10);
        const removed = await json(s.get(`${api}/records?where=nis_code%3D11001&version=1`));
        assert.equal(removed.total_count, 1, 'a record the current version no longer has');
        assert.equal((await json(s.get(`${api}/records?where=nis_code%3D11001`))).total_count, 0);
        const refused = await s.get(`${api}/records?version=1&select=actief`);
        assert.equal(refused.status, 400, 'version 1 has no field actief');
        const facets = await json(s.get(`${api}/facets?facet=maand&version=1`));
        assert.deepEqual(facets.facets[0].facets.map((f: { name: string }) => f.name), ['2026-01']);
        for (const version of ['9', '3']) {
          const missing = await s.get(`${api}/records?version=${version}`);
          assert.equal(missing.status, 404, `version ${version}`);
          assert.equal((await missing.json()).error_code, 'NotFoundResource');
        }
        const bad = await s.get(`${api}/records?version=twee`);
        assert.equal(bad.status, 400);
        assert.equal((await bad.json()).error_code, 'InvalidRESTParameterError');
        assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/geheim/records?version=1')).status, 404);
      });

      await t.test('an earlier version downloads as CSV and Parquet', async () => {
        const download = await s.get('/api/explore/v2.1/catalog/datasets/werk/exports/csv?version=1');
        assert.equal(download.status, 200);
        assert.match(download.headers.get('content-disposition') ?? '', /filename="werk-v1.csv"/);
        const lines = (await download.text()).trim().split('\n');
        assert.equal(lines.length, 11);
        assert.match(lines[0], /nis_code/);
        assert.doesNotMatch(lines[0], /actief/);
        assert.ok(lines.some((l) => l.startsWith('11001;')), 'a record only version 1 has');
        const parquet = await s.get('/api/explore/v2.1/catalog/datasets/werk/exports/parquet?version=1');
        assert.equal(parquet.status, 200);
        assert.equal(Buffer.from(await parquet.arrayBuffer()).subarray(0, 4).toString(), 'PAR1');
        assert.equal((await s.get('/api/explore/v2.1/catalog/datasets/werk/exports/csv?version=3')).status, 404);
      });

      await t.test('the dataset\'s Atom feed is valid XML with its versions and changes, escaped', async () => {
        const response = await s.get('/datasets/werk/feed.atom');
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/);
        const xml = await response.text();
        const elements = parseXml(xml);
        assert.equal(elements[0].name, atom('feed'));
        const top = (local: string) => elements.find((e) => e.name === atom(local))!;
        assert.match(top('title').text, /^Werk & "zoeken" <2026>: nieuwe versies$/, 'the title escaped and read back');
        assert.match(top('id').text, /^http/);
        assert.match(top('updated').text, /^\d{4}-\d\d-\d\dT/);
        const entries = elements.filter((e) => e.name === atom('entry'));
        assert.equal(entries.length, 2, 'the two published versions, not the staged one');
        const titles = elements.filter((e) => e.name === atom('title')).map((e) => e.text);
        assert.ok(titles.includes('Werk & "zoeken" <2026>: versie 2'));
        const summaries = elements.filter((e) => e.name === atom('summary')).map((e) => e.text);
        assert.ok(summaries.some((text) => /3 records toegevoegd, 2 records verwijderd, 1 record gewijzigd/.test(text)));
        const ids = elements.filter((e) => e.name === atom('id')).map((e) => e.text);
        assert.equal(new Set(ids).size, ids.length, 'ids are unique');
        const english = parseXml(await (await s.get('/en/datasets/werk/feed.atom')).text());
        assert.ok(english.some((e) => e.name === atom('summary') && /3 records added/.test(e.text)));
        assert.deepEqual(english.filter((e) => e.name === atom('entry')).length, 2);
      });

      await t.test('the catalog\'s feed has new datasets and versions the public may see, linked from the catalog page', async () => {
        const xml = await (await s.get('/catalog/feed.atom')).text();
        const elements = parseXml(xml);
        const titles = elements.filter((e) => e.name === atom('title')).map((e) => e.text);
        assert.ok(titles.includes('Nieuwe dataset: Werk & "zoeken" <2026>'));
        assert.ok(titles.includes('Werk & "zoeken" <2026>: versie 2'));
        assert.ok(!titles.some((title) => /Geheime|geheim/.test(title)), 'no restricted dataset');
        assert.doesNotMatch(xml, /geheim/);
        const catalog = await (await s.get('/datasets')).text();
        assert.match(catalog, /<link rel="alternate" type="application\/atom\+xml" href="\/catalog\/feed.atom"/);
      });

      await t.test('key fields naming no field are refused by the API and the form', async () => {
        const editor = await signedIn(s, 'editor');
        const patch = (body: unknown) => editor.send('PATCH', '/api/opaal/v1/datasets/werk/metadata', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        const unknown = await patch({ key: ['nis_code', 'gemeente'] });
        assert.equal(unknown.status, 400);
        assert.match((await unknown.json()).message, /"gemeente".*nis_code, maand, aantal, actief/);
        assert.equal((await patch({ key: 'nis_code' })).status, 400, 'not a list');
        const saved = await patch({ key: ['nis_code'] });
        assert.equal(saved.status, 200);
        assert.deepEqual((await saved.json()).metadata.key, ['nis_code']);

        await editor.get('/-/admin/datasets/werk/metadata');
        assert.match(editor.lastPage, /<label for="key">Sleutelvelden<\/label>/);
        const values = { ...formValuesOf(await s.portal.catalog.getDataset('werk', staffAudience)), key: 'nis_code, gemeente' };
        const body = new URLSearchParams({ _csrf: editor.csrf });
        for (const [name, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value ?? '']) body.append(name, v);
        const refused = await editor.send('POST', '/-/admin/datasets/werk/metadata', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(refused.status, 400);
        assert.match(await refused.text(), /Kies sleutelvelden uit de velden van de dataset/);
        assert.deepEqual((await s.portal.catalog.getDataset('werk', staffAudience)).metadata.key, ['nis_code'], 'nothing saved');
        body.set('key', 'nis_code, maand');
        assert.equal((await editor.send('POST', '/-/admin/datasets/werk/metadata', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 303);
        assert.deepEqual((await s.portal.catalog.getDataset('werk', staffAudience)).metadata.key, ['nis_code', 'maand']);
      });
    } finally {
      await s.close();
    }
  });
}
