// The demo catalog seeded through the real import path: every field type, one large and one restricted dataset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { staffAudience, publicAudience } from '../../src/catalog/service.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { testEnvironment, type TestEnvironment } from '../helpers/stores.ts';

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
  const enterprises = datasets.find((d) => d.id === 'sociale-economie-ondernemingen')!;
  assert.equal(enterprises.fields.find((f) => f.name === 'ondernemingsnummer')!.type, 'text', 'numbers with a leading zero stay text');
  const jobseekers = datasets.find((d) => d.id === 'werkzoekenden-per-gemeente')!;
  assert.equal(jobseekers.fields.find((f) => f.name === 'nis_code')!.type, 'text', 'the metadata declares the code text');
  // The count is a stock, so charts average it over the months; English pages get English labels.
  const count = jobseekers.fields.find((f) => f.name === 'aantal_werkzoekenden')!;
  assert.deepEqual(count.annotations.aggregation, ['avg']);
  assert.deepEqual(count.label, { nl: 'Aantal werkzoekenden', en: 'Unemployed jobseekers' });
  // Its records are named by month, municipality, gender and age group: a new version says which ones changed.
  assert.deepEqual(jobseekers.metadata.key, ['referentiedatum', 'nis_code', 'geslacht', 'leeftijdsgroep']);
  const keyed = await portal.engine.all(
    `SELECT count(*) AS n, count(DISTINCT (referentiedatum, nis_code, geslacht, leeftijdsgroep)) AS keys FROM read_parquet('${portal.blobs.pathOf((await portal.catalog.currentVersion(jobseekers.id, staffAudience)).version!.blob)}')`,
  );
  assert.equal(Number(keyed[0].keys), Number(keyed[0].n), 'the key identifies one record each');
  const vacancies = datasets.find((d) => d.fields.some((f) => f.name === 'ontvangen_vacatures'))!;
  assert.deepEqual(vacancies.fields.find((f) => f.name === 'ontvangen_vacatures')!.annotations.aggregation, ['sum'], 'a flow adds up');
  assert.deepEqual(vacancies.fields.find((f) => f.name === 'openstaande_vacatures')!.annotations.aggregation, ['avg'], 'a stock does not');
  for (const d of datasets) {
    assert.ok(d.metadata.title.nl && d.metadata.title.en && d.metadata.description.nl && d.metadata.description.en, d.id);
  }
  assert.equal((await portal.catalog.listDatasets(publicAudience)).length, datasets.length - 1, 'one draft is restricted');
  assert.deepEqual(await seedDemo(portal), [], 'a catalog with datasets is left alone');
});
