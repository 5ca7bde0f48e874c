// Exports for spreadsheets over a live server: the CSV for Excel with Belgian or Dutch settings (decimal=comma)
// beside the unchanged ODS CSV, and the XLSX export's typed cells, headers and sheet name, read back with exceljs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type ExcelJS from 'exceljs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { sheetName } from '../../src/explore/export-files.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

/** Its id is longer than Excel's 31-character sheet names. */
const ledger = 'kasboek-van-de-stad-gent-per-maand-2024';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  const path = join(s.env.config.dataDir, 'kasboek.json');
  // Written by hand: JSON.stringify would round the 18-digit int (the longest an int field takes).
  writeFileSync(path, `[
    {"post": "Gent; centrum", "bedrag": 1234.5, "aantal": 1200, "datum": "2024-03-15", "tijd": "2024-03-15T10:30:00Z", "betaald": true},
    {"post": "De \\"Zwaan\\"", "bedrag": -0.25, "aantal": 7, "datum": "1850-06-01", "tijd": "2023-12-31T23:30:00Z", "betaald": false},
    {"post": "Aalst", "bedrag": 3, "aantal": 123456789012345678, "datum": null, "tijd": null, "betaald": null}
  ]`);
  await s.portal.catalog.importDataset({
    datasetId: ledger,
    path,
    input: parseMetadataInput({
      title: { nl: 'Kasboek', en: 'Ledger' },
      fields: [
        { name: 'post', label: 'Post' },
        { name: 'bedrag', label: 'Bedrag (EUR)' },
        { name: 'aantal', label: 'Aantal' },
        { name: 'datum', label: 'Datum' },
        { name: 'tijd', label: 'Tijdstip' },
        { name: 'betaald', label: 'Betaald' },
      ],
    }),
    actor: 'test',
  });
});
after(() => s.close());

async function exported(dataset: string, format: string, query: Record<string, string> = {}) {
  const response = await s.get(`/api/explore/v2.1/catalog/datasets/${dataset}/exports/${format}?${new URLSearchParams(query)}`);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

test('the fixture has the types the exports are about', async () => {
  const dataset = await (await s.get(`/api/explore/v2.1/catalog/datasets/${ledger}`)).json() as { fields: { name: string; type: string }[] };
  assert.deepEqual(Object.fromEntries(dataset.fields.map((f) => [f.name, f.type])), {
    post: 'text', bedrag: 'double', aantal: 'int', datum: 'date', tijd: 'datetime', betaald: 'boolean',
  });
});

test('the API CSV stays Opendatasoft\'s by default: semicolons, a BOM and decimal points', async () => {
  const { response, body } = await exported(ledger, 'csv', { select: 'post,bedrag,aantal', order_by: 'aantal' });
  assert.equal(response.status, 200);
  assert.equal(body.toString('utf8'), '\uFEFFpost;bedrag;aantal\n"De ""Zwaan""";-0.25;7\n"Gent; centrum";1234.5;1200\nAalst;3.0;123456789012345678\n');
  const point = await exported(ledger, 'csv', { select: 'bedrag', order_by: 'aantal', decimal: 'point', with_bom: 'false' });
  assert.equal(point.body.toString('utf8'), 'bedrag\n-0.25\n1234.5\n3.0\n');
});

test('decimal=comma writes the CSV for Excel with Belgian settings: decimal commas in doubles, ints, dates and text as before', async () => {
  const query = { order_by: 'aantal', decimal: 'comma', use_labels: 'true', timezone: 'Europe/Brussels' };
  const { response, body } = await exported(ledger, 'csv', query);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  assert.equal(body.toString('utf8'), [
    '\uFEFFPost;Bedrag (EUR);Aantal;Datum;Tijdstip;Betaald',
    '"De ""Zwaan""";-0,25;7;1850-06-01;2024-01-01T00:30:00+01:00;false',
    '"Gent; centrum";1234,5;1200;2024-03-15;2024-03-15T11:30:00+01:00;true',
    'Aalst;3,0;123456789012345678;;;',
    '',
  ].join('\n'));
  // Points and lists keep their own punctuation; a comma delimiter quotes the doubles that now hold one.
  const cities = await exported('cities', 'csv', { select: 'name,area_km2,location,tags', where: 'name="Marseille"', decimal: 'comma', with_bom: 'false' });
  assert.equal(cities.body.toString('utf8'), 'name;area_km2;location;tags\nMarseille;240,6;43.2965, 5.3698;port,tourism\n');
  const commas = await exported('cities', 'csv', { select: 'name,population,area_km2', where: 'name="Marseille"', decimal: 'comma', delimiter: ',', with_bom: 'false' });
  assert.equal(commas.body.toString('utf8'), 'name,population,area_km2\nMarseille,870000,"240,6"\n');
  // Aggregates are numbers too.
  const grouped = await exported('cities', 'csv', { select: 'country,avg(area_km2) as area', group_by: 'country', where: 'country="ES"', decimal: 'comma', with_bom: 'false' });
  assert.match(grouped.body.toString('utf8'), /^country;area\nES;\d+,\d+\n$/);
});

test('a bad decimal value is a 400 in the ODS shape, before anything is streamed', async () => {
  const { response, body } = await exported(ledger, 'csv', { decimal: ',' });
  assert.equal(response.status, 400);
  assert.deepEqual(JSON.parse(body.toString()), {
    error_code: 'InvalidRESTParameterError',
    message: 'Invalid value for decimal API parameter: , was found but one of point, comma is expected.',
  });
});

async function workbookOf(body: Buffer) {
  const Excel = (await import('exceljs')).default;
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(body as never);
  return workbook;
}

const cells = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);

test('XLSX writes typed cells: numbers with number formats, real dates and date-times in the request\'s time zone, booleans', async () => {
  const { response, body } = await exported(ledger, 'xlsx', { order_by: 'aantal', timezone: 'Europe/Brussels' });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-disposition'), `attachment; filename="${ledger}.xlsx"`);
  const workbook = await workbookOf(body);
  assert.equal(workbook.worksheets.length, 1);
  const sheet = workbook.worksheets[0];
  assert.equal(sheet.name, ledger.slice(0, 31), 'the dataset id, cut to Excel\'s 31 characters');
  assert.deepEqual(cells(sheet, 1), ['Post', 'Bedrag (EUR)', 'Aantal', 'Datum', 'Tijdstip', 'Betaald'], 'labels by default');
  assert.equal(sheet.getCell('A1').font?.bold, true);
  assert.equal(sheet.views[0]?.state, 'frozen');
  assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1, 'the header row is frozen');

  const [post, bedrag, aantal, datum, tijd, betaald] = [1, 2, 3, 4, 5, 6].map((c) => sheet.getRow(3).getCell(c));
  assert.equal(post.value, 'Gent; centrum');
  assert.equal(bedrag.value, 1234.5);
  assert.equal(bedrag.numFmt, '#,##0.##########');
  assert.equal(aantal.value, 1200);
  assert.equal(aantal.numFmt, '0');
  assert.ok(datum.value instanceof Date, 'a date cell');
  assert.equal((datum.value as Date).toISOString(), '2024-03-15T00:00:00.000Z');
  assert.equal(datum.numFmt, 'yyyy-mm-dd');
  assert.ok(tijd.value instanceof Date, 'a date-time cell');
  // 10:30 UTC is 11:30 in Brussels: Excel has no zones, the cell holds the wall clock.
  assert.equal((tijd.value as Date).toISOString(), '2024-03-15T11:30:00.000Z');
  assert.equal(tijd.numFmt, 'yyyy-mm-dd hh:mm:ss');
  assert.equal(betaald.value, true);

  const second = sheet.getRow(2);
  assert.equal(second.getCell(1).value, 'De "Zwaan"');
  assert.equal(second.getCell(2).value, -0.25);
  assert.equal(second.getCell(4).value, '1850-06-01', 'before 1 March 1900 Excel has no date: text');
  assert.equal((second.getCell(5).value as Date).toISOString(), '2024-01-01T00:30:00.000Z');
  assert.equal(second.getCell(6).value, false);

  const third = sheet.getRow(4);
  assert.equal(third.getCell(2).value, 3);
  assert.equal(third.getCell(2).numFmt, '#,##0', 'a whole double shows no trailing decimal separator');
  assert.equal(third.getCell(3).value, '123456789012345678', 'an int past 15 digits stays exact as text');
  assert.equal(third.getCell(4).value, null);
  assert.equal(sheet.rowCount, 4);
});

test('XLSX headers are names with use_labels=false; geo, lists and JSON stay text; the catalog\'s sheet is "catalog"', async () => {
  const names = await workbookOf((await exported(ledger, 'xlsx', { use_labels: 'false', limit: '1' })).body);
  assert.deepEqual(cells(names.worksheets[0], 1), ['post', 'bedrag', 'aantal', 'datum', 'tijd', 'betaald']);
  const cities = await workbookOf((await exported('cities', 'xlsx', { select: 'name,location,tags,updated_at', where: 'name="Paris"' })).body);
  const sheet = cities.worksheets[0];
  assert.equal(sheet.name, 'cities');
  assert.deepEqual(cells(sheet, 1), ['Name', 'location', 'Tags', 'updated_at']);
  const [name, location, tags, updated] = cells(sheet, 2);
  assert.equal(name, 'Paris');
  assert.equal(location, '{"lon":2.3522,"lat":48.8566}');
  assert.equal(tags, '["capital","tourism"]');
  assert.equal((updated as Date).toISOString(), '2024-03-15T10:30:00.000Z', 'UTC without a timezone');
  const catalog = await workbookOf(Buffer.from(await (await s.get('/api/explore/v2.1/catalog/exports/xlsx?select=dataset_id,records_count&order_by=dataset_id')).arrayBuffer()));
  assert.equal(catalog.worksheets[0].name, 'catalog');
  assert.deepEqual([2, 3].map((r) => cells(catalog.worksheets[0], r)), [['cities', 10], [ledger, 3]]);
});

test('sheet names are cut to 31 characters and lose what Excel forbids', () => {
  assert.equal(sheetName('a:b\\c/d?e*f[g]h'), 'a_b_c_d_e_f_g_h');
  assert.equal(sheetName('x'.repeat(40)), 'x'.repeat(31));
  assert.equal(sheetName("'quoted'"), 'quoted');
  assert.equal(sheetName('History'), 'export');
  assert.equal(sheetName(''), 'export');
});
