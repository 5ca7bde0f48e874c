// The official @opendatasoft/api-client drives a live Opaal: catalog, records, group_by, facets, errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

// The client's package is a UMD bundle: named ESM imports fail, require works.
const require = createRequire(import.meta.url);
const { ApiClient, fromCatalog, field, string, NotFoundError, UserError } = require('@opendatasoft/api-client');

let s: ServerHarness;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
  client = new ApiClient({ domain: s.url, hideDeprecatedWarning: true });
});
after(() => s.close());

test('lists the catalog and one dataset', async () => {
  const catalog = await client.get(fromCatalog().datasets().limit(5));
  assert.equal(catalog.total_count, 1);
  assert.equal(catalog.results[0].dataset_id, 'cities');
  const dataset = await client.get(fromCatalog().dataset('cities').itself());
  assert.equal(dataset.metas.default.records_count, 10);
});

test('filters, sorts and pages records', async () => {
  const records = await client.get(
    fromCatalog().dataset('cities').records().select('name, population').where(`${field('country')} = ${string('DE')}`).orderBy('population desc').limit(2),
  );
  assert.equal(records.total_count, 3);
  assert.deepEqual(records.results, [
    { name: 'Berlin', population: 3645000 },
    { name: 'Hamburg', population: 1841000 },
  ]);
});

test('groups records', async () => {
  const grouped = await client.get(fromCatalog().dataset('cities').records().select('count(*) as n').groupBy('country').orderBy('country'));
  assert.deepEqual(grouped.results, [
    { country: 'DE', n: 3 },
    { country: 'ES', n: 2 },
    { country: 'FR', n: 5 },
  ]);
});

test('refines and excludes', async () => {
  const records = await client.get(
    fromCatalog().dataset('cities').records().select('name').refine('country:FR').exclude('region:Bretagne').orderBy('name'),
  );
  assert.deepEqual(records.results.map((r: { name: string }) => r.name), ['Lyon', 'Marseille', 'Nantes', 'Paris']);
});

test('reads facets', async () => {
  const facets = await client.get(fromCatalog().dataset('cities').facets().facet('country'));
  assert.equal(facets.facets[0].name, 'country');
  assert.deepEqual(facets.facets[0].facets[0], { name: 'FR', value: 'FR', count: 5, state: 'displayed' });
});

test('maps a 404 to NotFoundError and a bad query to UserError with the ODS body', async () => {
  await assert.rejects(client.get(fromCatalog().dataset('nope').records()), (e: unknown) => e instanceof NotFoundError);
  await assert.rejects(client.get(fromCatalog().dataset('cities').records().where('population >')), (e: { response: Response; details: { error_code: string } }) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.response.status, 400);
    assert.equal(e.details.error_code, 'ODSQLError');
    return true;
  });
});
