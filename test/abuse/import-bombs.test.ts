// Issue 13, class 3: imports cannot be bombs. Every hostile file is refused with a precise message and status on the
// publishing API (and one line, exit code 1, on the CLI), the previous version keeps serving, and the server's memory
// stays under DUCKDB_MEMORY_LIMIT + 300 MB however the files are built. Files are generated at test time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { opaal } from '../helpers/cli.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import {
  columnRangeSheet,
  deepArray,
  farRowSheet,
  featureCollection,
  inflatingBomb,
  nestedCollections,
  sharedStringsBomb,
  writeWideCsv,
  writeXlsx,
} from './hostile-files.ts';

const memoryLimitMb = 256;
let s: ServerHarness;
let editor: StaffVisitor;
let dir: string;

before(async () => {
  s = await startServer('sqlite', { DUCKDB_MEMORY_LIMIT: `${memoryLimitMb}MB`, MAX_IMPORT_UNCOMPRESSED_BYTES: String(200 * 1024 * 1024) });
  editor = await signedIn(s, 'editor');
  dir = s.env.config.dataDir;
  // The version that must keep serving: three records.
  const good = join(dir, 'goed.csv');
  writeFileSync(good, 'gemeente;inwoners\nGent;265000\nBrugge;119000\nLeuven;102000\n');
  await s.portal.catalog.importDataset({ datasetId: 'steden', path: good, actor: 'test' });
});
after(() => s.close());

const upload = (path: string, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), name);
  return editor.send('POST', '/api/opaal/v1/datasets/steden/versions?publish=true', { body: form });
};

/** Uploads the file, expects the refusal, and checks that the current version still answers. */
async function refused(path: string, name: string, status: number, message: RegExp): Promise<void> {
  const response = await upload(path, name);
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error, 'import_failed');
  assert.match(body.message, message);
  assert.equal(body.file, name);
  assert.ok(!body.message.includes('\n'), 'one line');
  const records = await json(s.get('/api/explore/v2.1/catalog/datasets/steden/records?limit=0'));
  assert.equal(records.total_count, 3, 'the previous version keeps serving');
}

const file = (name: string) => join(dir, name);

test('XLSX: a shared-string table of 60 million characters in a file of a few hundred kB is refused at the character limit', async () => {
  await writeXlsx(file('strings.xlsx'), sharedStringsBomb(60_000, 1000));
  await refused(file('strings.xlsx'), 'strings.xlsx', 413, /shared strings hold more than 32000000 characters \(MAX_IMPORT_SHARED_STRING_CHARS\)/);
});

test('XLSX: more shared strings than the limit are refused, however short', async () => {
  await writeXlsx(file('many.xlsx'), sharedStringsBomb(1_100_000, 1));
  await refused(file('many.xlsx'), 'many.xlsx', 413, /more than 1000000 strings \(MAX_IMPORT_SHARED_STRINGS\)/);
});

test('XLSX: an entry that inflates past MAX_IMPORT_UNCOMPRESSED_BYTES is refused while it is inflated (its size is not declared)', async () => {
  await writeXlsx(file('zeros.xlsx'), inflatingBomb(300 * 1024 * 1024));
  await refused(file('zeros.xlsx'), 'zeros.xlsx', 413, /more than 209715200 bytes once inflated \(MAX_IMPORT_UNCOMPRESSED_BYTES\)/);
});

test('XLSX: one row a million rows down counts the empty rows before it as cells', async () => {
  await writeXlsx(file('far.xlsx'), farRowSheet(60, 1_000_000));
  await refused(file('far.xlsx'), 'far.xlsx', 413, /more than 50000000 cells.*\(MAX_IMPORT_CELLS\)/);
});

test('XLSX: a column range to column two billion is refused before exceljs makes a column object for each', async () => {
  await writeXlsx(file('cols.xlsx'), columnRangeSheet(2_000_000_000));
  await refused(file('cols.xlsx'), 'cols.xlsx', 413, /column range runs to column 2000000000/);
});

test('CSV: a header of more than MAX_IMPORT_COLUMNS columns is refused from the header', async () => {
  writeWideCsv(file('breed.csv'), 1001, 2);
  await refused(file('breed.csv'), 'breed.csv', 413, /the file has 1001 columns; the most this portal imports is 1000 \(MAX_IMPORT_COLUMNS\)/);
});

test('GeoJSON: the rules of ODSQL geometry literals, and a nesting limit', async () => {
  const cases: [string, string, number, RegExp][] = [
    ['open-ring', '{"type":"Polygon","coordinates":[[[4,50],[5,50],[5,51],[4,50.5]]]}', 422, /feature 1: Ring 1 of the polygon is not closed/],
    ['short-ring', '{"type":"Polygon","coordinates":[[[4,50],[5,50],[4,50]]]}', 422, /feature 1: Ring 1 of the polygon has 3 points; a ring needs at least four/],
    ['out-of-range', '{"type":"Point","coordinates":[50.85,400]}', 422, /feature 1: The position \(50.85 400\) is outside longitude ±180 and latitude ±90/],
    ['strings', '{"type":"LineString","coordinates":[["4.3","50.8"],["4.4","50.9"]]}', 422, /feature 1: The coordinates of a GeoJSON LineString must be a list of positions of numbers/],
    ['deep-collections', nestedCollections(40), 413, /nest deeper than 32 levels/],
    ['deep-coordinates', `{"type":"Polygon","coordinates":${deepArray(100_000)}}`, 413, /nest deeper than 32 levels/],
  ];
  for (const [name, geometry, status, message] of cases) {
    writeFileSync(file(`${name}.geojson`), featureCollection(geometry));
    await refused(file(`${name}.geojson`), `${name}.geojson`, status, message);
  }
});

test('JSON and JSON lines: a nesting limit, with the line', async () => {
  writeFileSync(file('deep.json'), `[{"a": 1},\n{"a": ${deepArray(200_000)}}]`);
  await refused(file('deep.json'), 'deep.json', 413, /^deep\.json, line 2: arrays and objects nest deeper than 32 levels/);
  writeFileSync(file('deep.jsonl'), `{"a": 1}\n{"a": 2}\n{"a": ${deepArray(200_000)}}\n`);
  await refused(file('deep.jsonl'), 'deep.jsonl', 413, /^deep\.jsonl, line 3: arrays and objects nest deeper/);
});

test('a sound GeoJSON and XLSX still import, and become the current version', async () => {
  writeFileSync(file('punten.geojson'), featureCollection('{"type":"Polygon","coordinates":[[[4,50],[5,50],[5,51],[4,50]]]}'));
  const geo = await upload(file('punten.geojson'), 'punten.geojson');
  assert.equal(geo.status, 201, await geo.clone().text());
  assert.equal((await geo.json()).records_count, 1);
  await writeXlsx(file('goed.xlsx'), {});
  const sheet = await upload(file('goed.xlsx'), 'goed.xlsx');
  assert.equal(sheet.status, 201, await sheet.clone().text());
  assert.deepEqual((await json(s.get('/api/explore/v2.1/catalog/datasets/steden/records'))).results, [{ naam: 'Gent' }]);
});

test('the CLI refuses a bomb in one line with exit code 1, without a stack trace', async () => {
  const result = await opaal(['import', file('strings.xlsx'), '--dataset', 'cli', '--data', join(dir, 'cli-data')]);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^opaal import: strings\.xlsx: the workbook is too large to import: its shared strings hold more than 32000000 characters/);
});

test(`the server survived every file above with its memory under DUCKDB_MEMORY_LIMIT + 300 MB`, async () => {
  assert.equal((await s.get('/readyz')).status, 200);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  assert.ok(peakMb < memoryLimitMb + 300, `peak RSS ${Math.round(peakMb)} MB`);
});
