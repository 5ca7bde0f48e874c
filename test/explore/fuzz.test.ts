// Random and half-valid ODSQL against a live server: every answer is a 200 or a 4xx in the ODS shape, never a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  await importCities(s.portal);
});
after(() => s.close());

const pieces = [
  'name', 'population', 'census_date', 'updated_at', 'capital', 'location', 'tags', 'country', 'area_km2', 'nosuch',
  '=', '!=', '<', '>=', 'and', 'or', 'not', 'in', 'is', 'null', 'true', '(', ')', '[', ']', '..', ',', '*', '+', '/', '-',
  '"FR"', "'x'", '"', '3', '1.5', "date'2021'", "date'nope'", "geom'POINT(2 48)'", '10km', 'count(*)', 'sum(', 'avg(population)',
  'year(', 'date_format(updated_at, \'yyyy\')', 'search("a")', 'within_distance(location, ', 'range(population, 10)', 'as', 'asc', 'desc', '`',
  "geom'POLYGON((2 48, 3 48, 3 49, 2 48))'", "geom'POLYGON((1 2))'", "geom'LINESTRING(2 48, 3'", 'geom\'{"type":"Point"}\'', "geom'POINT(200 100)'",
  'intersects(location, ', 'within(location, ', 'disjoint(name, ', 'in_bbox(location, ', 'distance(location, ', 'envelope(location)', 'bbox(location)',
];
const odsqlish = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 9 }).map((p) => p.join(' '));
const text = fc.oneof(odsqlish, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

test('no combination of clauses makes the records endpoint fail with a 500', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ where: text, select: text, group_by: text, order_by: text, refine: text }, { requiredKeys: [] }),
      async (params) => {
        const query = new URLSearchParams(params as Record<string, string>);
        const response = await s.get(`/api/explore/v2.1/catalog/datasets/cities/records?${query}`);
        const body = (await response.json()) as { error_code?: string; message?: string };
        assert.ok(response.status < 500, `${response.status} for ${query}: ${JSON.stringify(body)}`);
        if (response.status >= 400) assert.ok(body.error_code && body.message, `${query}`);
      },
    ),
    { numRuns: 300 },
  );
});
