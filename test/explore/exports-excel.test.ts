// Exports for spreadsheets over a live server: the CSV for Excel with Belgian or Dutch settings (decimal=comma)
// beside the unchanged ODS CSV.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

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
