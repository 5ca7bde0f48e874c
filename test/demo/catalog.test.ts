// The demo catalog: deterministic files in every format that import into every field type.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { staffAudience, publicAudience } from '../../src/catalog/service.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { tempDir, testEnvironment, type TestEnvironment } from '../helpers/stores.ts';

let env: TestEnvironment;
let portal: Portal;
before(async () => {
  env = await testEnvironment('sqlite');
  portal = await openPortal(env.config);
});
after(async () => {
  await portal.close();
  await env.cleanup();
});

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('writes the same bytes on every run, in every source format', async () => {
  const [a, b] = [tempDir(), tempDir()];
  try {
    const first = await generateDemo(a.path);
    const second = await generateDemo(b.path);
    assert.ok(first.length >= 6 && first.length <= 10);
    assert.deepEqual(first.map((d) => digest(d.file)), second.map((d) => digest(d.file)));
    assert.deepEqual([...new Set(first.map((d) => extname(d.file)))].sort(), ['.csv', '.geojson', '.json', '.jsonl', '.tsv', '.xlsx']);
  } finally {
    a.remove();
    b.remove();
  }
});

test('seeds an empty catalog with datasets covering every field type, once', async () => {
  const ids = await seedDemo(portal);
  assert.ok(ids.length >= 6);
  const datasets = await portal.catalog.listDatasets(staffAudience);
  const types = new Set(datasets.flatMap((d) => d.fields.map((f) => f.type)));
  for (const type of ['text', 'int', 'double', 'boolean', 'date', 'datetime', 'geo_point_2d', 'geo_shape']) {
    assert.ok(types.has(type as never), `no demo field of type ${type}`);
  }
  assert.ok(datasets.some((d) => d.recordsCount > 100_000), 'one dataset has over 100,000 records');
  assert.ok(datasets.some((d) => d.fields.some((f) => f.annotations.multivalued)), 'one dataset has a multivalued field');
  const leadingZeros = datasets.find((d) => d.id === 'vacatures-per-sector')!.fields.find((f) => f.name === 'nace_code')!;
  assert.equal(leadingZeros.type, 'text');
  for (const d of datasets) {
    assert.ok(d.metadata.title.nl && d.metadata.title.en && d.metadata.description.nl && d.metadata.description.en, d.id);
  }
  assert.equal((await portal.catalog.listDatasets(publicAudience)).length, datasets.length - 1, 'one draft is restricted');
  assert.deepEqual(await seedDemo(portal), [], 'a catalog with datasets is left alone');
});
