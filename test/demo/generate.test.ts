// The demo-catalog generator: reproducible files, in every source format, with metadata the catalog accepts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { normalizeFieldName } from '../../src/engine/ingest/names.ts';
import { parseCsvRecords } from '../../src/engine/ingest/sniff.ts';
import { brusselsDateTime } from '../../scripts/demo/calendar.ts';
import { generateDemo, type WrittenDemoDataset } from '../../scripts/demo/generate.ts';
import { contains, outlines } from '../../scripts/demo/outlines.ts';
import { municipalities, provinces } from '../../scripts/demo/places.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opaal-demo-'));
  dirs.push(dir);
  return dir;
};

let datasets: WrittenDemoDataset[];
before(async () => {
  datasets = await generateDemo(tempDir());
});
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const text = (d: WrittenDemoDataset) => readFileSync(d.file, 'utf8');
const byId = (id: string) => {
  const found = datasets.find((d) => d.id === id);
  assert.ok(found, `no dataset ${id}`);
  return found;
};
const csvs = () => datasets.filter((d) => d.format === 'csv');
const firstLine = (d: WrittenDemoDataset) => text(d).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
const delimiterOf = (d: WrittenDemoDataset) => [';', '\t', ','].find((c) => firstLine(d).includes(c))!;
const geometryTypes = (d: WrittenDemoDataset) =>
  new Set((JSON.parse(text(d)).features as { geometry: { type: string } }[]).map((f) => f.geometry.type));

test('writes the same bytes on every run', async () => {
  const again = await generateDemo(tempDir());
  assert.deepEqual(
    again.map((d) => [d.id, basename(d.file), d.rows]),
    datasets.map((d) => [d.id, basename(d.file), d.rows]),
  );
  assert.deepEqual(again.map((d) => digest(d.file)), datasets.map((d) => digest(d.file)));
  assert.deepEqual(again.map((d) => d.meta), datasets.map((d) => d.meta));
});

test('writes six to ten datasets with valid, unique ids and absolute file paths', () => {
  assert.ok(datasets.length >= 6 && datasets.length <= 10, `${datasets.length} datasets`);
  for (const d of datasets) {
    assert.match(d.id, /^[a-z0-9][a-z0-9_-]{0,99}$/);
    assert.ok(isAbsolute(d.file), d.file);
  }
  assert.equal(new Set(datasets.map((d) => d.id)).size, datasets.length);
});

test('covers every source format, and CSV in the dialects real exports use', () => {
  assert.deepEqual([...new Set(datasets.map((d) => d.format))].sort(), ['csv', 'geojson', 'json', 'jsonl', 'xlsx']);
  assert.ok(csvs().length >= 3);

  const semicolon = csvs().find((d) => delimiterOf(d) === ';');
  assert.ok(semicolon, 'a ;-delimited CSV');
  assert.ok(firstLine(semicolon).length > 0 && text(semicolon).split('\n').slice(0, -1).every((l) => l.endsWith('\r')), 'CRLF throughout');
  assert.match(text(semicolon).split('\r\n')[1], /;\d+,\d$/, 'decimal comma');

  const comma = csvs().find((d) => delimiterOf(d) === ',');
  assert.ok(comma, 'a ,-delimited CSV');
  assert.deepEqual([...readFileSync(comma.file).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');

  assert.ok(csvs().some((d) => delimiterOf(d) === '\t'), 'a tab-delimited CSV');

  for (const d of datasets.filter((d) => d.format === 'json')) assert.ok(Array.isArray(JSON.parse(text(d))));
  for (const d of datasets.filter((d) => d.format === 'jsonl')) {
    for (const line of text(d).trimEnd().split('\n')) assert.equal(typeof JSON.parse(line), 'object');
  }
  for (const d of datasets.filter((d) => d.format === 'xlsx')) {
    assert.deepEqual([...readFileSync(d.file).subarray(0, 2)], [0x50, 0x4b], 'an XLSX file is a ZIP archive');
  }
  const geojson = datasets.filter((d) => d.format === 'geojson');
  assert.ok(geojson.every((d) => extname(d.file) === '.geojson' && JSON.parse(text(d)).type === 'FeatureCollection'));
  assert.ok(geojson.some((d) => [...geometryTypes(d)].every((t) => t === 'Point')), 'a collection of points');
  assert.ok(geojson.some((d) => [...geometryTypes(d)].every((t) => t === 'Polygon' || t === 'MultiPolygon')), 'a collection of shapes');
});

test('writes a CSV of more than 100 000 records, and counts every file\'s records right', () => {
  const big = byId('werkzoekenden-per-gemeente');
  const lines = text(big).split('\r\n').filter((l) => l !== '');
  assert.equal(lines.length - 1, big.rows);
  assert.ok(big.rows > 100_000, `${big.rows} rows`);
  for (const d of csvs()) assert.equal(text(d).split(/\r?\n/).filter((l) => l !== '').length - 1, d.rows, d.id);
  for (const d of datasets.filter((d) => d.format === 'json')) assert.equal(JSON.parse(text(d)).length, d.rows);
  for (const d of datasets.filter((d) => d.format === 'geojson')) assert.equal(JSON.parse(text(d)).features.length, d.rows);
});

test('gives every dataset metadata the catalog accepts, in Dutch and English, one of them restricted', () => {
  for (const d of datasets) {
    const title = d.meta.title as Record<string, string>;
    const description = d.meta.description as Record<string, string>;
    assert.ok(title.nl && title.en, `${d.id} title`);
    assert.ok(description.nl && description.en, `${d.id} description`);
    const parsed = parseMetadataInput(d.meta);
    assert.ok(parsed.fields && parsed.fields.length > 0, `${d.id} describes its fields`);
    assert.ok(parsed.fields.some((f) => f.annotations?.facet), `${d.id} has a facet`);
  }
  assert.deepEqual(datasets.filter((d) => d.meta.visibility === 'restricted').map((d) => d.id), ['premies-toegekend']);
  assert.ok(datasets.filter((d) => d.meta.visibility === 'public').length === datasets.length - 1);
});

async function xlsxHeader(file: string): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) return (row.values as unknown[]).slice(1).map(String);
  }
  return [];
}

async function headerNames(d: WrittenDemoDataset): Promise<string[]> {
  const labels =
    d.format === 'csv'
      ? firstLine(d).split(delimiterOf(d))
      : d.format === 'json'
        ? Object.keys(JSON.parse(text(d))[0])
        : d.format === 'jsonl'
          ? Object.keys(JSON.parse(text(d).split('\n')[0]))
          : d.format === 'geojson'
            ? Object.keys(JSON.parse(text(d)).features[0].properties)
            : await xlsxHeader(d.file);
  return labels.map(normalizeFieldName);
}

test('names in the metadata\'s field notes match the file\'s normalised headers', async () => {
  for (const d of datasets) {
    const names = await headerNames(d);
    for (const field of d.meta.fields as { name: string }[]) assert.ok(names.includes(field.name), `${d.id}: ${field.name} not in ${names}`);
  }
  assert.ok((await headerNames(byId('opleidingsaanbod'))).includes('prijs'), 'Prijs (€) → prijs');
});

test('keeps codes with leading zeros, and writes enterprise numbers with valid check digits', () => {
  const column = (d: WrittenDemoDataset, label: string) => {
    const [header, ...rows] = parseCsvRecords(text(d).replace(/^\uFEFF/, ''), delimiterOf(d), Infinity).records;
    const index = header.indexOf(label);
    return rows.map((r) => r[index]);
  };
  const numbers = column(byId('opleidingsaanbod'), 'Ondernemingsnummer aanbieder');
  assert.ok(numbers.some((n) => n.startsWith('0')));
  for (const n of numbers) {
    assert.match(n, /^[01]\d{9}$/);
    assert.equal(97 - (Number(n.slice(0, 8)) % 97), Number(n.slice(8)), n);
  }
});

test('writes date-times with Brussels offsets that follow summer time', () => {
  assert.equal(brusselsDateTime('2024-03-05', 9, 30), '2024-03-05T09:30:00+01:00');
  assert.equal(brusselsDateTime('2024-07-01', 23, 59), '2024-07-01T23:59:00+02:00');
  assert.equal(brusselsDateTime('2024-03-31', 1, 0), '2024-03-31T01:00:00+01:00');
  assert.equal(brusselsDateTime('2024-03-31', 3, 0), '2024-03-31T03:00:00+02:00');
  assert.equal(brusselsDateTime('2024-10-27', 4, 0), '2024-10-27T04:00:00+01:00');
  const deadlines = text(byId('opleidingsaanbod')).match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/g) ?? [];
  assert.ok(deadlines.some((t) => t.endsWith('+01:00')) && deadlines.some((t) => t.endsWith('+02:00')));
});

test('places every municipality in its own province, and every point in Flanders', () => {
  assert.equal(municipalities.length, 300);
  assert.equal(new Set(municipalities.map((m) => m.nis)).size, 300);
  for (const m of municipalities) {
    const home = provinces.filter((p) => contains(outlines[p.name], m.lon, m.lat)).map((p) => p.name);
    assert.deepEqual(home, [m.province.name], `${m.name} (${m.lat}, ${m.lon})`);
  }
  const inFlanders = (lat: number, lon: number) => lat >= 50.7 && lat <= 51.5 && lon >= 2.5 && lon <= 5.9;
  const points: [number, number][] = [
    ...(JSON.parse(text(byId('sociale-economie-ondernemingen'))) as { latitude: number; longitude: number }[]).map(
      (r): [number, number] => [r.latitude, r.longitude],
    ),
    ...(JSON.parse(text(byId('dienstencheque-kantoren'))).features as { geometry: { coordinates: [number, number] } }[]).map(
      (f): [number, number] => [f.geometry.coordinates[1], f.geometry.coordinates[0]],
    ),
    ...[...text(byId('opleidingsaanbod')).matchAll(/"(\d+\.\d+), (\d+\.\d+)"/g)].map((m): [number, number] => [Number(m[1]), Number(m[2])]),
  ];
  assert.ok(points.length > 1000);
  for (const [lat, lon] of points) assert.ok(inFlanders(lat, lon), `${lat}, ${lon}`);
});
