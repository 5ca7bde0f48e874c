// Dates as people write them: every form read from a CSV, the forms that trade day and month, invalid dates, and
// dates in an XLSX workbook.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dateParsers } from '../../../src/engine/ingest/dates.ts';
import { parsers } from '../../../src/engine/ingest/parsers.ts';
import { engineHarness, ingestFixture, type EngineHarness } from '../../helpers/engine.ts';

let h: EngineHarness;
before(async () => {
  h = await engineHarness();
});
after(() => h.close());

const parser = (kind: string) => {
  const found = dateParsers.find((p) => p.kind === kind);
  assert.ok(found, `a parser ${kind}`);
  return found;
};
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

let files = 0;
/** A `;`-separated CSV of an id and one column `waarde` holding `values`, imported: that column's type, format and values. */
async function importColumn(values: string[]) {
  const path = join(h.dir, `dates-${++files}.csv`);
  writeFileSync(path, ['id;waarde', ...values.map((v, i) => `${i + 1};${v}`)].join('\n') + '\n');
  const result = await ingestFixture(h, path);
  const field = result.report.fields.find((f) => f.name === 'waarde')!;
  // Date-times as the wall-clock time of the portal's zone, whatever the session's.
  const read = await h.engine.withConnection(async (c) =>
    (
      await c.runAndReadAll(
        field.type === 'datetime'
          ? `SELECT strftime(timezone('Europe/Brussels', waarde), '%Y-%m-%dT%H:%M:%S') AS v FROM read_parquet('${result.tempPath}')`
          : `SELECT CAST(waarde AS VARCHAR) AS v FROM read_parquet('${result.tempPath}')`,
      )
    ).getRowObjectsJson(),
  );
  return { type: result.types.waarde, format: field.format, values: read.map((r) => r.v) };
}

interface FormCase {
  kind: string;
  format: string;
  values: string[];
  expected: string[];
}

const forms: FormCase[] = [
  { kind: 'date_iso', format: 'yyyy-mm-dd', values: ['2024-03-05', '1999-12-31'], expected: ['2024-03-05', '1999-12-31'] },
  {
    kind: 'date_dmy',
    format: 'dd/mm/yyyy',
    values: ['13/04/2024', '3/4/2024', '29/02/2024', '31/12/1999'],
    expected: ['2024-04-13', '2024-04-03', '2024-02-29', '1999-12-31'],
  },
  {
    kind: 'date_mdy',
    format: 'mm/dd/yyyy',
    values: ['04/13/2024', '3/4/2024', '02/29/2024', '12/31/1999'],
    expected: ['2024-04-13', '2024-03-04', '2024-02-29', '1999-12-31'],
  },
  { kind: 'date_dmy_dash', format: 'dd-mm-yyyy', values: ['13-04-2024', '3-4-2024'], expected: ['2024-04-13', '2024-04-03'] },
  { kind: 'date_mdy_dash', format: 'mm-dd-yyyy', values: ['04-13-2024', '3-4-2024'], expected: ['2024-04-13', '2024-03-04'] },
  { kind: 'date_dmy_dot', format: 'dd.mm.yyyy', values: ['13.04.2024', '3.4.2024', '03.04.2024'], expected: ['2024-04-13', '2024-04-03', '2024-04-03'] },
  {
    // The pivot: 00–69 are 2000–2069, 70–99 are 1970–1999.
    kind: 'date_dmy_yy',
    format: 'dd/mm/yy',
    values: ['13/04/24', '3/4/00', '31/12/69', '1/1/70', '31/12/99'],
    expected: ['2024-04-13', '2000-04-03', '2069-12-31', '1970-01-01', '1999-12-31'],
  },
  { kind: 'date_mdy_yy', format: 'mm/dd/yy', values: ['04/13/24', '3/4/69', '12/31/70'], expected: ['2024-04-13', '2069-03-04', '1970-12-31'] },
  { kind: 'date_dmy_dash_yy', format: 'dd-mm-yy', values: ['13-04-24', '03-04-70', '1-2-69'], expected: ['2024-04-13', '1970-04-03', '2069-02-01'] },
  {
    kind: 'date_day_month_name',
    format: 'd mmm yyyy',
    values: [
      '3 januari 2024', '3 jan. 2024', '03 Jan 2024', '14 FEBRUARI 2024', '29 febr. 2024', '1 mrt 2024', '2 maa. 2024',
      '4 maart 2024', '5 mei 2024', '6 juni 2024', '7 juli 2024', '8 augustus 2024', '9 sep 2024', '10 okt. 2024',
      '11 november 2024', '12 dec 2024', '3 January 2024', '4 Sept. 2024', '5 October 2024', '6 mar 2024', '7-dec-2024',
      '8 May 2024',
    ],
    expected: [
      '2024-01-03', '2024-01-03', '2024-01-03', '2024-02-14', '2024-02-29', '2024-03-01', '2024-03-02', '2024-03-04',
      '2024-05-05', '2024-06-06', '2024-07-07', '2024-08-08', '2024-09-09', '2024-10-10', '2024-11-11', '2024-12-12',
      '2024-01-03', '2024-09-04', '2024-10-05', '2024-03-06', '2024-12-07', '2024-05-08',
    ],
  },
  {
    kind: 'date_month_name_day',
    format: 'mmm d, yyyy',
    values: ['January 3, 2024', 'Feb. 29, 2024', 'october 31 2024', 'AUG 1, 1999', 'mei 2, 2024'],
    expected: ['2024-01-03', '2024-02-29', '2024-10-31', '1999-08-01', '2024-05-02'],
  },
  {
    // The first day of the month.
    kind: 'date_month_year',
    format: 'mmm yyyy',
    values: ['jan 2024', 'januari 2024', 'January 2024', 'Mrt. 2024', 'MEI 2024', 'okt-2023', 'Dec. 1999', 'juli 2024'],
    expected: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-03-01', '2024-05-01', '2023-10-01', '1999-12-01', '2024-07-01'],
  },
  {
    kind: 'datetime_dmy',
    format: 'dd/mm/yyyy hh:mm',
    values: ['13/04/2024 08:30', '03/04/2024 17:05:09', '1/2/2024'],
    expected: ['2024-04-13T08:30:00', '2024-04-03T17:05:09', '2024-02-01T00:00:00'],
  },
  {
    kind: 'datetime_mdy',
    format: 'mm/dd/yyyy hh:mm',
    values: ['04/13/2024 08:30', '03/04/2024 17:05:09', '1/2/2024'],
    expected: ['2024-04-13T08:30:00', '2024-03-04T17:05:09', '2024-01-02T00:00:00'],
  },
];

for (const form of forms) {
  test(`reads ${form.format} (${form.kind}) from a CSV as its ISO values`, async () => {
    assert.equal(parser(form.kind).format, form.format);
    const column = await importColumn(form.values);
    assert.deepEqual(
      { type: column.type, format: column.format },
      { type: form.kind.startsWith('datetime') ? 'datetime' : 'date', format: form.format },
    );
    assert.deepEqual(column.values, form.expected);
  });
}

test('a date that is not in the calendar, or a word that is no month, keeps the column text as written', async () => {
  const columns = [
    ['13/04/2024', '31/02/2024'],
    ['04/13/2024', '04/31/2024'],
    ['13-04-2024', '30-02-2023'],
    ['13.04.2024', '29.02.2023'],
    ['13/04/24', '29/02/23'],
    ['13-04-24', '32-01-24'],
    ['13/04/2024 08:30', '13/04/2024 25:00'],
    ['3 januari 2024', '30 februari 2024'],
    ['3 jan 2024', '31 apr. 2024'],
    ['January 3, 2024', 'February 30, 2024'],
    ['jan 2024', 'foo 2024'],
    ['3 januari 2024', '3 januari. 2024'],
  ];
  for (const values of columns) {
    const column = await importColumn(values);
    assert.equal(column.type, 'text', `${values.join(', ')} is no column of dates`);
    assert.deepEqual(column.values, values);
  }
});

test('day and month trading places: both forms read a column with no day above 12, each in its own way', async () => {
  const pairs = [
    { one: 'date_dmy', other: 'date_mdy', values: ['03/04/2024', '1/2/2023', '12/11/2024'] },
    { one: 'date_dmy_dash', other: 'date_mdy_dash', values: ['03-04-2024', '1-2-2023'] },
    { one: 'date_dmy_yy', other: 'date_mdy_yy', values: ['03/04/24', '1/2/99'] },
    { one: 'datetime_dmy', other: 'datetime_mdy', values: ['03/04/2024 08:30', '1/2/2023'] },
  ];
  for (const { one, other, values } of pairs) {
    const [a, b] = [parser(one), parser(other)];
    assert.deepEqual([a.rivals, b.rivals], [[other], [one]], `${one} and ${other} name each other`);
    const rows = await h.engine.all(
      `SELECT ${a.accepts('v')} AS a, ${b.accepts('v')} AS b, CAST(${a.cast('v')} AS VARCHAR) = CAST(${b.cast('v')} AS VARCHAR) AS same ` +
        `FROM (VALUES ${values.map((v) => `(${sqlText(v)})`).join(', ')}) t(v)`,
    );
    assert.deepEqual(
      rows.map((r) => [r.a, r.b, r.same]),
      values.map(() => [true, true, false]),
      `${one} and ${other} both accept ${values.join(', ')}, reading them differently`,
    );
  }
  const only = await h.engine.all(
    `SELECT v, ${parser('date_dmy').accepts('v')} AS dmy, ${parser('date_mdy').accepts('v')} AS mdy FROM (VALUES ('13/04/2024'), ('04/13/2024')) t(v)`,
  );
  assert.deepEqual(
    only.map((r) => [r.v, r.dmy, r.mdy]),
    [
      ['13/04/2024', true, false],
      ['04/13/2024', false, true],
    ],
  );
});

test('one value with a day above 12 settles a column: day first or month first', async () => {
  const dayFirst = await importColumn(['03/04/2024', '13/04/2024', '05/06/2024']);
  assert.deepEqual(dayFirst, { type: 'date', format: 'dd/mm/yyyy', values: ['2024-04-03', '2024-04-13', '2024-06-05'] });
  const monthFirst = await importColumn(['03/04/2024', '04/13/2024', '05/06/2024']);
  assert.deepEqual(monthFirst, { type: 'date', format: 'mm/dd/yyyy', values: ['2024-03-04', '2024-04-13', '2024-05-06'] });
  const mixed = await importColumn(['13/04/2024', '04/13/2024']);
  assert.equal(mixed.type, 'text', 'a column with a value of each is neither');
});

test('no value is read as two different days by two forms, unless they are rivals', async () => {
  // Values of every form, and of forms close to them.
  const values = [
    ...forms.flatMap((f) => f.values),
    '03/04/2024', '03-04-2024', '03.04.2024', '03/04/24', '03-04-24', '3/4/2024 10:00', '12/11/10', '01-02-03', '2024-03-04',
    '2024-03-04T10:00', '3 4 2024', '3/4', '12.345', '1.234.567', '10-12', 'mei 24', '24 mei', 'maart 3, 2024', '3-mei 2024',
  ];
  const list = parsers.filter((p) => p.type === 'date' || p.type === 'datetime');
  assert.deepEqual(
    dateParsers.map((p) => p.kind),
    list.map((p) => p.kind),
    'every date form is in the parsers table, in this order',
  );
  const cells = list.flatMap((p, k) => [
    `${p.accepts('v')} AS a${k}`,
    `CASE WHEN ${p.accepts('v')} THEN strftime(CAST(${p.cast('v')} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S') END AS r${k}`,
  ]);
  const rows = await h.engine.all(`SELECT v, ${cells.join(', ')} FROM (VALUES ${values.map((v) => `(${sqlText(v)})`).join(', ')}) t(v)`);
  for (const row of rows) {
    const accepting = list.map((p, k) => ({ p, accepts: row[`a${k}`] === true, reads: row[`r${k}`] })).filter((x) => x.accepts);
    if (accepting.length === 0) continue;
    const [first, ...others] = accepting;
    for (const other of others) {
      if (other.reads === first.reads) continue;
      // A rival of the first reads the value as the other does: a column of it is reported as ambiguous anyway.
      const covered = accepting.some((x) => first.p.rivals?.includes(x.p.kind) && x.reads === other.reads);
      assert.ok(covered, `${row.v}: ${first.p.kind} reads ${first.reads}, ${other.p.kind} ${other.reads}, and they are no rivals`);
    }
  }
});

/** An XLSX of one sheet: a header row, then rows of cells with the given values and number formats. */
async function writeWorkbook(path: string, columns: { name: string; cells: { value: ExcelJS.CellValue; numFmt?: string }[] }[], date1904 = false) {
  const workbook = new ExcelJS.Workbook();
  if (date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(columns.map((c) => c.name));
  const height = Math.max(...columns.map((c) => c.cells.length));
  for (let r = 0; r < height; r++) {
    const row = sheet.addRow(columns.map((c) => c.cells[r]?.value ?? null));
    columns.forEach((c, i) => {
      const numFmt = c.cells[r]?.numFmt;
      if (numFmt) row.getCell(i + 1).numFmt = numFmt;
    });
  }
  await workbook.xlsx.writeFile(path);
}

/** Rows of an imported workbook, date-times as the portal's wall-clock time. */
async function importWorkbook(path: string) {
  const result = await ingestFixture(h, path);
  const rows = await h.engine.withConnection(async (c) =>
    (
      await c.runAndReadAll(
        `SELECT * REPLACE (strftime(timezone('Europe/Brussels', met_tijd), '%Y-%m-%dT%H:%M:%S') AS met_tijd) FROM read_parquet('${result.tempPath}')`,
      )
    ).getRowObjectsJson(),
  );
  return { types: result.types, rows };
}

const utc = (y: number, m: number, d: number, hh = 0, mm = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm));

test('dates in an XLSX come through as ISO dates and date-times, whatever their number format; plain numbers stay numbers', async () => {
  const path = join(h.dir, 'dates.xlsx');
  await writeWorkbook(path, [
    { name: 'dmy', cells: [{ value: utc(2024, 3, 5), numFmt: 'dd/mm/yyyy' }, { value: utc(1999, 12, 31), numFmt: 'dd/mm/yyyy' }] },
    { name: 'kort', cells: [{ value: utc(2024, 12, 31), numFmt: 'd-mmm-yy' }, { value: utc(2024, 1, 2), numFmt: 'd-mmm-yy' }] },
    { name: 'met_tijd', cells: [{ value: utc(2024, 3, 5, 8, 30), numFmt: 'yyyy-mm-dd hh:mm' }, { value: utc(2024, 3, 6, 23, 59), numFmt: 'yyyy-mm-dd hh:mm' }] },
    // A number typed into a cell formatted as a date: Excel's serial of 1 January 2024.
    { name: 'serieel', cells: [{ value: 45292, numFmt: 'dd/mm/yyyy' }, { value: 45293.0, numFmt: 'yyyy-mm-dd' }] },
    { name: 'getal', cells: [{ value: 45292 }, { value: 12 }] },
    // A formula's result shown as a date: exceljs gives the number.
    { name: 'formule', cells: [{ value: { formula: 'D2+1', result: 45293 }, numFmt: 'dd/mm/yyyy' }, { value: { formula: 'D3+1', result: 45294 }, numFmt: 'dd/mm/yyyy' }] },
    { name: 'formule_getal', cells: [{ value: { formula: 'E3*2', result: 24 } }, { value: { formula: 'E3*3', result: 36 } }] },
    // A time of day is no date: not 30 December 1899.
    { name: 'uur', cells: [{ value: utc(1899, 12, 30, 8, 30), numFmt: 'hh:mm' }, { value: utc(1899, 12, 30, 17, 0), numFmt: 'hh:mm' }] },
  ]);
  const { types, rows } = await importWorkbook(path);
  assert.deepEqual(types, {
    dmy: 'date',
    kort: 'date',
    met_tijd: 'datetime',
    serieel: 'date',
    getal: 'int',
    formule: 'date',
    formule_getal: 'int',
    uur: 'text',
  });
  assert.deepEqual(
    rows.map((r) => [r.dmy, r.kort, r.met_tijd, r.serieel, r.getal, r.formule, r.formule_getal, r.uur]),
    [
      ['2024-03-05', '2024-12-31', '2024-03-05T08:30:00', '2024-01-01', '45292', '2024-01-02', '24', '08:30:00'],
      ['1999-12-31', '2024-01-02', '2024-03-06T23:59:00', '2024-01-02', '12', '2024-01-03', '36', '17:00:00'],
    ],
  );
});

test('a workbook of the 1904 date system gives the same dates', async () => {
  const path = join(h.dir, 'dates-1904.xlsx');
  await writeWorkbook(
    path,
    [
      { name: 'datum', cells: [{ value: utc(2024, 3, 5), numFmt: 'dd/mm/yyyy' }, { value: utc(1999, 12, 31), numFmt: 'dd/mm/yyyy' }] },
      { name: 'met_tijd', cells: [{ value: utc(2024, 3, 5, 8, 30), numFmt: 'yyyy-mm-dd hh:mm' }, { value: utc(2024, 3, 6, 23, 59), numFmt: 'yyyy-mm-dd hh:mm' }] },
      // Serials count from 1 January 1904: 43830 is 1 January 2024.
      { name: 'serieel', cells: [{ value: 43830, numFmt: 'dd/mm/yyyy' }, { value: { formula: 'C2+1', result: 43831 }, numFmt: 'dd/mm/yyyy' }] },
      { name: 'uur', cells: [{ value: 0.5, numFmt: 'hh:mm' }, { value: 0.75, numFmt: 'hh:mm' }] },
    ],
    true,
  );
  const { types, rows } = await importWorkbook(path);
  assert.deepEqual(types, { datum: 'date', met_tijd: 'datetime', serieel: 'date', uur: 'text' });
  assert.deepEqual(
    rows.map((r) => [r.datum, r.met_tijd, r.serieel, r.uur]),
    [
      ['2024-03-05', '2024-03-05T08:30:00', '2024-01-01', '12:00:00'],
      ['1999-12-31', '2024-03-06T23:59:00', '2024-01-02', '18:00:00'],
    ],
  );
});
