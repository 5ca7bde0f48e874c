// Bad uploads: malformed, oversized, empty, unknown format or id — a precise message, never a 500, nothing half-written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffAudience } from '../../src/catalog/service.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

const limit = 20_000;
let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite', { MAX_IMPORT_BYTES: String(limit) });
  await importCities(s.portal);
  editor = await signedIn(s, 'editor');
});
after(() => s.close());

function upload(v: StaffVisitor, name: string, body: BlobPart, id = 'cities', prefix = '') {
  const form = new FormData();
  form.append('_csrf', v.csrf);
  form.append('file', new Blob([body]), name);
  return fetch(`${s.url}${prefix}/-/admin/datasets/${id}/versions`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
}

/** Files under the data directory's blobs and tmp folders (DuckDB's spill folder aside). */
function files(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'duckdb') walk(join(dir, entry.name));
      } else out.push(join(dir, entry.name));
    }
  };
  walk(join(s.env.dataDir, 'blobs'));
  walk(join(s.env.dataDir, 'tmp'));
  return out.sort();
}

/** The state that a refused upload must leave exactly as it was. */
async function state() {
  return {
    files: files(),
    versions: (await s.portal.catalog.listVersions('cities', staffAudience, { includeStaged: true })).map((v) => v.number),
    served: (await json(s.get('/api/explore/v2.1/catalog/datasets/cities/records?limit=0'))).total_count,
  };
}

const oversized = 'naam,waarde\n' + Array.from({ length: 2000 }, (_, i) => `rij-${i},${i}`).join('\n') + '\n';

test('each bad upload through the page gets its own message and leaves the current version serving', async () => {
  const before = await state();
  assert.ok(Buffer.byteLength(oversized) > limit);
  const cases: [string, BlobPart, number, RegExp][] = [
    ['ragged.csv', readFileSync(fixture('csv/ragged.csv')), 422, /kon niet worden ingelezen[\s\S]*ragged\.csv, regel 4: Verwacht: 3 waarden \(zoals in de kolomnamen\), gevonden: 4\./],
    ['groot.csv', oversized, 413, /groter dan 20 kB/],
    ['leeg.csv', '', 422, /leeg\.csv: Het bestand is leeg\./],
    ['alleen-kop.csv', readFileSync(fixture('csv/header-only.csv')), 422, /Het bestand heeft kolomnamen maar geen records\./],
    ['rapport.pdf', readFileSync(fixture('other/report.pdf')).subarray(0, 5000), 422, /Het formaat „\.pdf” kennen we niet/],
    ['werkboek.xlsx', readFileSync(fixture('xlsx/not-a-workbook.xlsx')), 422, /Dit is geen leesbare XLSX-werkmap\./],
    ['kapot.json', readFileSync(fixture('json/malformed-array.json')), 422, /kapot\.json(, regel \d+)?: Dit is geen geldige JSON\./],
    ['', 'x', 400, /Kies een bestand om te uploaden/],
  ];
  for (const [name, body, status, message] of cases) {
    const response = await upload(editor, name, body);
    assert.equal(response.status, status, name);
    const page = await response.text();
    assert.match(page, message, name);
    assert.match(page, /<form method="post" action="\/-\/admin\/datasets\/cities\/versions" enctype="multipart\/form-data"/, 'the upload form is there to try again');
    assert.deepEqual(await state(), before, `${name} left something behind`);
    assert.doesNotMatch(page, /line \d|the file is|unknown format|not a readable|malformed JSON/, `${name}: not the engine's English`);
  }
  // The same refusals on the English pages, in English; the publishing API keeps the engine's sentence.
  const english: [string, BlobPart, RegExp][] = [
    ['ragged.csv', readFileSync(fixture('csv/ragged.csv')), /The file could not be read[\s\S]*ragged\.csv, line 4: Expected 3 values \(as in the column names\), found 4\./],
    ['leeg.csv', '', /leeg\.csv: The file is empty\./],
    ['rapport.pdf', readFileSync(fixture('other/report.pdf')).subarray(0, 5000), /The format “\.pdf” is unknown/],
  ];
  for (const [name, body, message] of english) {
    const response = await upload(editor, name, body, 'cities', '/en');
    assert.equal(response.status, 422, name);
    assert.match(await response.text(), message, name);
  }
  assert.deepEqual(await state(), before);
});

test('an upload larger than the limit is refused from its declared length, before it is read', async () => {
  const before = await state();
  const response = await editor.send('POST', '/api/opaal/v1/datasets/cities/versions', { body: oversized + oversized, headers: { 'content-type': 'text/csv' } });
  assert.equal(response.status, 413);
  assert.deepEqual(await response.json(), { error: 'too_large', message: `The file is larger than ${limit} bytes, the largest this portal accepts; nothing was stored.` });
  const page = await upload(editor, 'heel-groot.csv', oversized.repeat(5));
  assert.equal(page.status, 413);
  assert.match(await page.text(), /groter dan 20 kB/);
  // Sent in chunks, so no length is declared: counted while it streams.
  const chunked = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(oversized));
      controller.enqueue(new TextEncoder().encode(oversized));
      controller.close();
    },
  });
  const streamed = await fetch(`${s.url}/api/opaal/v1/datasets/cities/versions`, {
    method: 'POST', body: chunked, duplex: 'half',
    headers: { cookie: editor.cookie!, origin: s.url, 'x-csrf-token': editor.csrf, 'content-type': 'text/csv' },
  } as RequestInit);
  assert.equal(streamed.status, 413);
  assert.equal((await streamed.json()).error, 'too_large');
  assert.deepEqual(await state(), before);
});

test('an unknown dataset or version is a 404, on pages and in the API', async () => {
  const before = await state();
  assert.equal((await upload(editor, 'steden.csv', readFileSync(fixture('types/all-types.csv')), 'nergens')).status, 404);
  assert.equal((await editor.get('/-/admin/datasets/nergens')).status, 404);
  assert.equal((await editor.get('/-/admin/datasets/cities/versions/99')).status, 404);
  assert.equal((await editor.get('/-/admin/datasets/cities/versions/twee')).status, 404);
  assert.equal((await editor.get('/-/admin/datasets/Niet%20Geldig')).status, 400);
  assert.equal((await editor.post('/-/admin/datasets/cities/versions/99/publish', { _csrf: editor.csrf })).status, 404);
  const api = await editor.send('POST', '/api/opaal/v1/datasets/nergens/versions', { body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
  assert.equal(api.status, 404);
  assert.deepEqual(await api.json(), { error: 'not_found', message: 'The requested dataset nergens does not exist.', reason: 'no_dataset' });
  assert.deepEqual(await state(), before);
});

test('a refused multipart upload (no permission) is read to its end, and stores nothing', async () => {
  const before = await state();
  const user = await signedIn(s, 'user');
  const response = await upload(user, 'steden.csv', readFileSync(fixture('types/all-types.csv')));
  assert.equal(response.status, 404);
  const anonymous = new FormData();
  anonymous.append('file', new Blob([oversized]), 'groot.csv');
  const redirected = await fetch(`${s.url}/-/admin/datasets/cities/versions`, { method: 'POST', body: anonymous, headers: { origin: s.url }, redirect: 'manual' });
  assert.equal(redirected.status, 303);
  assert.deepEqual(await state(), before);
  assert.equal((await editor.get('/-/admin/datasets/cities')).status, 200, 'the server still answers');
});

test('a good upload after the bad ones is staged as the next version', async () => {
  const response = await upload(editor, 'steden.csv', readFileSync(fixture('types/all-types.csv')));
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/-/admin/datasets/cities/versions/2');
  assert.deepEqual(files().filter((f) => f.startsWith(join(s.env.dataDir, 'tmp'))), [], 'no temp file stays');
  assert.equal(files().filter((f) => f.endsWith('.parquet')).length, 2, 'the two versions\' Parquet files');
  assert.equal(files().filter((f) => f.endsWith('.duckdb')).length, 2, 'and their DuckDB twins');
});
