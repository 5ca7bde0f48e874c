// Numbers as people write them: every notation read from every value, ambiguity decided from the file or reported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksOf } from '../../../src/engine/ingest/report.ts';
import { Invalid } from '../../../src/errors.ts';
import { engineHarness, ingestFixture, type EngineHarness } from '../../helpers/engine.ts';

let h: EngineHarness;
before(async () => {
  h = await engineHarness();
});
after(() => h.close());

let files = 0;
function csv(text: string, name = `numbers-${++files}.csv`): string {
  const path = join(h.dir, name);
  writeFileSync(path, text);
  return path;
}

const fieldReport = (result: Awaited<ReturnType<typeof ingestFixture>>, name: string) => result.report.fields.find((f) => f.name === name)!;

test('reads a Flemish count with thousands dots as integers in a ;-separated file, and says why', async () => {
  const result = await ingestFixture(h, csv('gemeente;aantal\nGent;12.345\nAalst;4.210\nBrugge;987\n'));
  assert.equal(result.types.aantal, 'int');
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12345', '4210', '987']);
  const aantal = fieldReport(result, 'aantal');
  assert.equal(aantal.format, '1.234');
  const [decision] = aantal.decisions;
  assert.equal(decision.code, 'thousands_by_delimiter');
  assert.equal(decision.level, 'info');
  assert.deepEqual(decision.examples[0], { row: 2, value: '12.345', readings: ['12345', '12.345'] });
  assert.equal(checksOf(result.report).length, 0);
});

test('reads thousands dots where other columns write decimals with a comma, even in a ,-separated file', async () => {
  const result = await ingestFixture(h, csv('aantal,bedrag\n12.345,"1,5"\n987,"2,25"\n'));
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12345', '987']);
  assert.deepEqual(result.rows.map((r) => r.bedrag), [1.5, 2.25]);
  assert.equal(fieldReport(result, 'aantal').decisions[0].code, 'thousands_by_decimal_comma');
});

test('a column mixing 1.5 and 12.345 in a ,-separated file reads decimal points and flags 12.345 for a person', async () => {
  const result = await ingestFixture(h, csv('naam,waarde\na,1.5\nb,12.345\nc,3\n'));
  assert.equal(result.types.waarde, 'double');
  assert.deepEqual(result.rows.map((r) => r.waarde), [1.5, 12.345, 3]);
  const decision = fieldReport(result, 'waarde').decisions.find((d) => d.code === 'doubtful')!;
  assert.equal(decision.level, 'check');
  assert.equal(decision.count, 1);
  assert.deepEqual(decision.examples, [{ row: 3, value: '12.345', readings: ['12.345', '12345'] }]);
  assert.deepEqual(checksOf(result.report).map((c) => c.field), ['waarde']);
});

test('an ambiguous column with nothing in the file to settle it stays text and is flagged', async () => {
  const result = await ingestFixture(h, csv('naam,aantal\na,12.345\nb,4.210\nc,987\n'));
  assert.equal(result.types.aantal, 'text');
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12.345', '4.210', '987']);
  const [decision] = fieldReport(result, 'aantal').decisions;
  assert.equal(decision.code, 'ambiguous_text');
  assert.equal(decision.level, 'check');
  assert.deepEqual(decision.formats, ['1234.5', '1.234']);
  assert.deepEqual(decision.examples.map((e) => e.row), [2, 3]);
});

test('an ambiguous column reads as the other columns imply where they show decimal points, flagged', async () => {
  const result = await ingestFixture(h, csv('aantal,bedrag\n12.345,1234.56\n987,17.5\n'));
  assert.equal(result.types.aantal, 'double');
  assert.deepEqual(result.rows.map((r) => r.aantal), [12.345, 987]);
  assert.equal(fieldReport(result, 'aantal').decisions[0].code, 'ambiguous_implied');
  assert.equal(fieldReport(result, 'aantal').decisions[0].level, 'check');
});

test('a value with two thousands dots settles the column without asking', async () => {
  const result = await ingestFixture(h, csv('naam,aantal\na,1.234.567\nb,12.345\nc,5\n'));
  assert.equal(result.types.aantal, 'int');
  assert.deepEqual(result.rows.map((r) => r.aantal), ['1234567', '12345', '5']);
  assert.equal(checksOf(result.report).length, 0);
  assert.equal(fieldReport(result, 'aantal').decisions[0].code, 'notation');
});

test('reads every supported notation, with units kept as the field unit', async () => {
  const result = await ingestFixture(
    h,
    csv(
      [
        'dot_comma;comma_dot;space_comma;narrow;apostrophe;euro;percent;minus;decimal_comma',
        '1.234,5;"1,234.5";1 234,5;1\u202f234,5;1\'234.5;€ 1.234,50;12 %;-1.234;0,5',
        '12,25;"12,345,678.9";12 345 678,5;7\u202f000;12\'345\'678.25;€ 7,00;7,5 %;-12;1234,75',
      ].join('\n') + '\n',
    ),
  );
  assert.deepEqual(result.types, {
    dot_comma: 'double',
    comma_dot: 'double',
    space_comma: 'double',
    narrow: 'double',
    apostrophe: 'double',
    euro: 'double',
    percent: 'double',
    minus: 'int',
    decimal_comma: 'double',
  });
  const column = (name: string) => result.rows.map((r) => r[name]);
  assert.deepEqual(column('dot_comma'), [1234.5, 12.25]);
  assert.deepEqual(column('comma_dot'), [1234.5, 12345678.9]);
  assert.deepEqual(column('space_comma'), [1234.5, 12345678.5]);
  assert.deepEqual(column('narrow'), [1234.5, 7000]);
  assert.deepEqual(column('apostrophe'), [1234.5, 12345678.25]);
  assert.deepEqual(column('euro'), [1234.5, 7]);
  assert.deepEqual(column('percent'), [12, 7.5]);
  assert.deepEqual(column('minus'), ['-1234', '-12']);
  assert.deepEqual(column('decimal_comma'), [0.5, 1234.75]);
  const fields = Object.fromEntries(result.fields.map((f) => [f.name, f]));
  assert.deepEqual(fields.euro.annotations.unit, ['€']);
  assert.deepEqual(fields.percent.annotations.unit, ['%']);
  assert.equal(fieldReport(result, 'euro').unit, '€');
  assert.ok(fieldReport(result, 'euro').decisions.some((d) => d.code === 'unit'));
  assert.equal(checksOf(result.report).length, 0);
});

test('values with different units, or a unit on text, stay text as written', async () => {
  const result = await ingestFixture(h, csv('prijs;code\n€ 12;A12 %\n$ 14;B7 %\n'));
  assert.equal(result.types.prijs, 'text');
  assert.deepEqual(result.rows.map((r) => r.prijs), ['€ 12', '$ 14']);
  assert.equal(result.types.code, 'text');
});

test('1,234 in a ;-separated file is a decimal comma, said in the report', async () => {
  const result = await ingestFixture(h, csv('naam;gewicht\na;1,234\nb;2,500\n'));
  assert.deepEqual(result.rows.map((r) => r.gewicht), [1.234, 2.5]);
  assert.equal(fieldReport(result, 'gewicht').decisions[0].code, 'decimal_comma_by_delimiter');
  assert.equal(checksOf(result.report).length, 0);
});

test('a person’s reading settles an ambiguous column: int in the 1.234 notation', async () => {
  const path = csv('naam,aantal\na,12.345\nb,4.210\nc,987\n');
  const result = await ingestFixture(h, path, { readings: { aantal: { type: 'int', format: '1.234' } } });
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12345', '4210', '987']);
  assert.equal(checksOf(result.report).length, 0);
  assert.equal(fieldReport(result, 'aantal').decisions[0].code, 'chosen');
  const asDecimal = await ingestFixture(h, path, { readings: { aantal: { type: 'double' } } });
  assert.deepEqual(asDecimal.rows.map((r) => r.aantal), [12.345, 4.21, 987]);
});

test('values that do not fit a chosen type are left empty and counted with their lines, never turned into something else', async () => {
  const result = await ingestFixture(h, csv('naam;aantal\na;12\nb;n/a\nc;7\nd;geen\n'), { readings: { aantal: { type: 'int' } } });
  assert.equal(result.types.aantal, 'int');
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12', null, '7', null]);
  const aantal = fieldReport(result, 'aantal');
  assert.equal(aantal.unreadable, 2);
  const decision = aantal.decisions.find((d) => d.code === 'unreadable')!;
  assert.equal(decision.level, 'check');
  assert.deepEqual(decision.examples.map((e) => [e.row, e.value]), [[3, 'n/a'], [5, 'geen']]);
});

test('a notation that does not exist for the type is refused, naming the ones that do', async () => {
  await assert.rejects(
    ingestFixture(h, csv('naam;aantal\na;12\n'), { readings: { aantal: { type: 'int', format: '12-345' } } }),
    (error: unknown) => error instanceof Invalid && /"12-345" is not a int notation.*1\.234/.test(error.message),
  );
});

test('finds the settling value past the sample: 20,000 ambiguous values, then 1.5', async () => {
  const lines = ['naam,waarde'];
  for (let i = 0; i < 20_500; i++) lines.push(`r${i},${i === 20_400 ? '1.5' : `${(i % 900) + 100}.${String(i % 1000).padStart(3, '0')}`}`);
  const result = await ingestFixture(h, csv(`${lines.join('\n')}\n`));
  assert.equal(result.types.waarde, 'double');
  const decision = fieldReport(result, 'waarde').decisions.find((d) => d.code === 'doubtful')!;
  assert.equal(decision.count, 20_499);
  assert.equal(decision.examples[0].row, 2);
});

test("Excel's sep=; first line names the delimiter and is not the header; lines in the report count it", async () => {
  const result = await ingestFixture(h, csv('sep=;\r\ngemeente;aantal\r\nGent;12.345\r\nAalst;987\r\n'));
  assert.deepEqual(result.fields.map((f) => f.name), ['gemeente', 'aantal']);
  assert.deepEqual(result.rows.map((r) => r.aantal), ['12345', '987']);
  assert.equal(fieldReport(result, 'aantal').decisions[0].examples[0].row, 3);
});

test('a sep= line naming a delimiter Opaal does not read is refused with the reason', async () => {
  await assert.rejects(ingestFixture(h, csv('sep=#\na#b\n1#2\n')), (error: unknown) => error instanceof Error && /sep=#/.test(error.message));
});

test('2.500 beside 1,250 reads both ways (1.234,5 or 1,234.5): text and a check, unless the file is ;-separated', async () => {
  const comma = await ingestFixture(h, csv('naam,waarde\na,2.500\nb,"1,250"\n'));
  assert.equal(comma.types.waarde, 'text');
  assert.equal(fieldReport(comma, 'waarde').decisions[0].code, 'ambiguous_text');
  assert.deepEqual(fieldReport(comma, 'waarde').decisions[0].formats, ['1.234,5', '1,234.5']);
  const semicolon = await ingestFixture(h, csv('naam;waarde\na;2.500\nb;1,250\n'));
  assert.deepEqual(semicolon.rows.map((r) => r.waarde), [2500, 1.25]);
  assert.equal(fieldReport(semicolon, 'waarde').decisions[0].code, 'decimal_comma_by_delimiter');
});

test('numbers an XLSX stores as numbers are read as they are, whatever the text columns beside them show', async () => {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('data');
  sheet.addRow(['gemeente', 'aantal', 'bedrag']);
  sheet.addRow(['Gent', 12.345, '1,5']);
  sheet.addRow(['Aalst', 987, '2,25']);
  const path = join(h.dir, `stored-${++files}.xlsx`);
  await workbook.xlsx.writeFile(path);
  const result = await ingestFixture(h, path);
  assert.equal(result.types.aantal, 'double');
  assert.deepEqual(result.rows.map((r) => r.aantal), [12.345, 987]);
  assert.deepEqual(fieldReport(result, 'aantal').decisions, [], 'a number cell holds no notation to decide');
  assert.deepEqual(result.rows.map((r) => r.bedrag), [1.5, 2.25]);
});

test('a column of numbers with a few other values stays text, and the report names the values that kept it so', async () => {
  const lines = ['gemeente;aantal'];
  for (let i = 0; i < 40; i++) lines.push(`g${i};${i === 7 || i === 30 ? '<5' : 100 + i}`);
  const result = await ingestFixture(h, csv(`${lines.join('\n')}\n`));
  assert.equal(result.types.aantal, 'text');
  assert.equal(result.rows[0].aantal, '100', 'kept as written');
  const [decision] = fieldReport(result, 'aantal').decisions;
  assert.equal(decision.code, 'nearly');
  assert.equal(decision.count, 2);
  assert.deepEqual(decision.formats, ['1234']);
  assert.deepEqual(decision.examples.map((e) => [e.row, e.value]), [[9, '<5'], [32, '<5']]);
});
