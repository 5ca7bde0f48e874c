// Each source format becomes typed Parquet: fixtures in test/fixtures/{types,json,geojson,xlsx}.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineHarness, ingestFixture, type EngineHarness } from '../../helpers/engine.ts';

let h: EngineHarness;
before(async () => {
  h = await engineHarness();
});
after(() => h.close());

test('infers every ODS field type from CSV text, keeping codes with leading zeros as text', async () => {
  const { types, rows, recordsCount } = await ingestFixture(h, 'types/all-types.csv');
  assert.equal(recordsCount, 3);
  assert.deepEqual(types, {
    naam: 'text',
    aantal: 'int',
    bedrag: 'double',
    actief: 'boolean',
    datum: 'date',
    tijdstip: 'datetime',
    locatie: 'geo_point_2d',
    code: 'text',
    geboortedatum: 'date',
    vorm: 'geo_shape',
  });
  assert.equal(rows[0].aantal, '12');
  assert.equal(rows[1].aantal, '-4');
  assert.equal(rows[2].aantal, null, 'an empty cell is null');
  assert.equal(rows[1].bedrag, 1000);
  assert.deepEqual([rows[0].actief, rows[1].actief, rows[2].actief], [true, false, true]);
  assert.equal(rows[0].datum, '2024-03-05');
  assert.equal(rows[0].geboortedatum, '1990-03-05', 'dd/mm/yyyy is read the Belgian way');
  assert.deepEqual(rows[0].locatie, { lat: 51.0543, lon: 3.7174 });
  assert.deepEqual([rows[0].code, rows[1].code, rows[2].code], ['0412345678', '00123', '9']);
  assert.equal(JSON.parse(String(rows[1].vorm)).type, 'Point');
});

test('keeps the instant of a date-time: an offset as given, none as the portal time zone', async () => {
  const { rows } = await ingestFixture(h, 'types/all-types.csv');
  const instants = await h.engine.all(
    `SELECT epoch_ms(t)::BIGINT AS ms FROM (VALUES ('2024-03-05T08:30:00Z'::TIMESTAMPTZ), ('2023-12-31T23:59:59Z'::TIMESTAMPTZ), ('2023-12-31T23:00:00Z'::TIMESTAMPTZ)) v(t)`,
  );
  const stored = rows.map((r) => String(r.tijdstip));
  // Europe/Brussels is UTC+1 on 1 January: local midnight is 23:00 UTC the day before.
  const parsed = await h.engine.all(
    `SELECT epoch_ms(x::TIMESTAMPTZ)::BIGINT AS ms FROM unnest([${stored.map((s) => `'${s}'`).join(',')}]) t(x)`,
  );
  assert.deepEqual(parsed.map((p) => p.ms), instants.map((i) => i.ms));
});

test('stores a bounding box for each shape, in a technical column', async () => {
  const { rows } = await ingestFixture(h, 'types/all-types.csv');
  assert.deepEqual(rows[0]._bbox_vorm, { xmin: 3.7, ymin: 51, xmax: 3.8, ymax: 51.1 });
  assert.deepEqual(rows[1]._bbox_vorm, { xmin: 4.4, ymin: 51.2, xmax: 4.4, ymax: 51.2 });
  assert.equal(rows[2]._bbox_vorm, null);
});

test('reads decimal commas in a semicolon file and joins a latitude/longitude pair into a geo point', async () => {
  const { types, rows, fields } = await ingestFixture(h, 'types/latlon.csv');
  assert.equal(types.latitude, 'double');
  assert.equal(types.waarde, 'double');
  assert.equal(types.geo_point_2d, 'geo_point_2d');
  assert.equal(fields.at(-1)!.name, 'geo_point_2d');
  assert.equal(rows[0].waarde, 1.5);
  assert.deepEqual(rows[0].geo_point_2d, { lat: 50.8798, lon: 4.7005 });
});

test('gives every record a content hash as id, stable across imports of the same content', async () => {
  const first = await ingestFixture(h, 'types/all-types.csv');
  const second = await ingestFixture(h, 'types/all-types.csv');
  const ids = first.rows.map((r) => r._recordid);
  assert.equal(new Set(ids).size, 3);
  for (const id of ids) assert.match(String(id), /^[0-9a-f]{40}$/);
  assert.deepEqual(second.rows.map((r) => r._recordid), ids);
});

test('reads a JSON array of objects, with keys that appear late and values of every kind', async () => {
  const { types, rows, fields } = await ingestFixture(h, 'json/array.json');
  assert.deepEqual(
    fields.map((f) => [f.name, f.label]),
    [
      ['naam', 'naam'],
      ['aantal', 'aantal'],
      ['bedrag', 'bedrag'],
      ['actief', 'actief'],
      ['datum', 'datum'],
      ['tijdstip', 'tijdstip'],
      ['locatie', 'locatie'],
      ['extra', 'extra'],
      ['nieuwe_sleutel', 'Nieuwe sleutel'],
    ],
  );
  assert.equal(types.aantal, 'int');
  assert.equal(types.bedrag, 'double');
  assert.equal(types.actief, 'boolean');
  assert.equal(types.datum, 'date');
  assert.equal(types.tijdstip, 'datetime');
  assert.equal(types.locatie, 'geo_point_2d');
  assert.equal(types.extra, 'json_blob');
  assert.deepEqual(rows[0].locatie, { lat: 51.0543, lon: 3.7174 });
  assert.deepEqual(JSON.parse(String(rows[0].extra)), { a: [1, 2] });
  assert.equal(rows[2].aantal, null);
  assert.equal(rows[2].nieuwe_sleutel, 'laat');
});

test('reads JSON lines', async () => {
  const { types, recordsCount, rows } = await ingestFixture(h, 'json/lines.jsonl');
  assert.equal(recordsCount, 3);
  assert.deepEqual(types, { jaar: 'int', trajecten: 'int', regio: 'text' });
  assert.equal(rows[2].regio, 'Brugge');
});

test('reads GeoJSON points into a geo_point_2d field', async () => {
  const { types, rows } = await ingestFixture(h, 'geojson/points.geojson');
  assert.deepEqual(types, { naam: 'text', werknemers: 'int', geo_point_2d: 'geo_point_2d' });
  assert.deepEqual(rows[0].geo_point_2d, { lat: 51.0543, lon: 3.7174 });
});

test('reads GeoJSON shapes into a geo_shape field with a representative point and a bounding box', async () => {
  const { types, rows } = await ingestFixture(h, 'geojson/shapes.geojson');
  assert.deepEqual(types, { provincie: 'text', nis: 'text', geo_shape: 'geo_shape', geo_point_2d: 'geo_point_2d' });
  assert.equal(JSON.parse(String(rows[0].geo_shape)).type, 'Polygon');
  assert.deepEqual(rows[0].geo_point_2d, { lat: 51.5, lon: 4.5 });
  assert.deepEqual(rows[1]._bbox_geo_shape, { xmin: 2, ymin: 49, xmax: 7, ymax: 51 });
});

test('reads the first sheet of an XLSX workbook with its dates, numbers, formulas and rich text', async () => {
  const { types, rows } = await ingestFixture(h, 'xlsx/premies.xlsx');
  assert.deepEqual(types, {
    jaar: 'int',
    premie: 'text',
    bedrag: 'double',
    toegekend_op: 'date',
    ondernemingsnummer: 'text',
    digitaal: 'boolean',
  });
  assert.equal(rows.length, 3);
  assert.equal(rows[0].toegekend_op, '2022-03-01');
  assert.equal(rows[2].premie, 'Tewerkstellingspremie');
  assert.equal(rows[2].bedrag, 2501);
  assert.equal(rows[0].ondernemingsnummer, '0412345678');
});

test('a field declared text stays text even where its values look like numbers', async () => {
  const { types, rows } = await ingestFixture(h, 'json/lines.jsonl', { readings: { jaar: { type: 'text' } } });
  assert.equal(types.jaar, 'text');
  assert.equal(rows[0].jaar, '2021');
});

test('looks past the first 20,000 rows: a late text value makes text, a late-starting column gets its type', async () => {
  const lines = ['code,waarde,later'];
  for (let i = 0; i < 25_000; i++) {
    lines.push(`${i < 24_000 ? i : `X${i}`},${i},${i < 21_000 ? '' : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`}`);
  }
  const path = join(h.dir, 'late-surprise.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const { types, rows } = await ingestFixture(h, path);
  assert.deepEqual(types, { code: 'text', waarde: 'int', later: 'date' });
  assert.equal(rows[24999].code, 'X24999');
  assert.equal(rows[21000].later, '2024-01-01');
});

test('trims spaces around values as DuckDB trim() does, also no-break and other Unicode spaces, and leaves the rest', async () => {
  const nbsp = '\u00a0';
  const ideographic = '\u3000';
  const lines = [
    'naam;aantal;datum',
    `  Gent ;  12 ; 2024-03-05 `,
    `${nbsp}Liège${nbsp};${ideographic}7${ideographic};2024-03-06`,
    `Sint-Niklaas;8;2024-03-07`,
    `\tTab\t; ${nbsp} ;2024-03-08`,
    `"  ";9;  `,
    `Élodie  Dupont;10;2024-03-09`,
  ];
  const path = join(h.dir, 'spaces.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const { types, rows } = await ingestFixture(h, path);
  assert.deepEqual(types, { naam: 'text', aantal: 'int', datum: 'date' }, 'spaces around a number or a date do not make it text');
  assert.deepEqual(
    rows.map((r) => r.naam),
    ['Gent', 'Liège', 'Sint-Niklaas', '\tTab\t', null, 'Élodie  Dupont'],
    'a tab is no space separator; spaces inside a value stay; a value of spaces is no value',
  );
  assert.deepEqual(rows.map((r) => r.aantal), ['12', '7', '8', null, '9', '10']);
  assert.deepEqual(rows.map((r) => r.datum), ['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', null, '2024-03-09']);
});

test('reads a JSON list of plain values as a multivalued text field, an empty or null list as no value', async () => {
  const { fields, rows } = await ingestFixture(h, 'explore/cities.json');
  const tags = fields.find((f) => f.name === 'tags')!;
  assert.deepEqual([tags.type, tags.annotations], ['text', { multivalued: [','] }]);
  assert.deepEqual(rows[0].tags, ['capital', 'tourism']);
  assert.equal(rows[3].tags, null);
});

test('an XLSX workbook gives the first tab a person sees, not the first sheet file: tabs moved, a hidden first tab', async () => {
  const { default: Excel } = await import('exceljs');
  const write = async (name: string, build: (workbook: InstanceType<typeof Excel.Workbook>) => void) => {
    const workbook = new Excel.Workbook();
    build(workbook);
    const path = join(h.dir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  };
  const moved = await write('tabs-moved.xlsx', (workbook) => {
    const later = workbook.addWorksheet('Toelichting');
    later.addRow(['uitleg']);
    later.addRow(['geen data']);
    const data = workbook.addWorksheet('Data');
    data.addRow(['gemeente', 'aantal']);
    data.addRow(['Gent', 12]);
    // The second sheet file is the first tab (exceljs orders tabs by orderNo, which its typings leave out).
    (data as unknown as { orderNo: number }).orderNo = 0;
    (later as unknown as { orderNo: number }).orderNo = 1;
  });
  const first = await ingestFixture(h, moved);
  assert.deepEqual(first.fields.map((f) => f.name), ['gemeente', 'aantal']);
  assert.deepEqual(first.rows.map((r) => r.aantal), ['12']);

  const hidden = await write('tab-hidden.xlsx', (workbook) => {
    const notes = workbook.addWorksheet('Verborgen', { state: 'hidden' });
    notes.addRow(['intern']);
    notes.addRow(['x']);
    const data = workbook.addWorksheet('Data');
    data.addRow(['gemeente', 'aantal']);
    data.addRow(['Aalst', 7]);
  });
  const visible = await ingestFixture(h, hidden);
  assert.deepEqual(visible.fields.map((f) => f.name), ['gemeente', 'aantal']);
});
