// The catalog kept per change (catalog/snapshot.ts, explore/catalog-table.ts): a change by another portal on the same
// database is seen by the next request, and each audience still sees only what it may.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMetadata, parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { Dataset } from '../../src/catalog/types.ts';
import { createCatalogTables } from '../../src/explore/catalog-table.ts';
import { publicAudience, staffAudience } from '../../src/catalog/service.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { engineHarness, fixture } from '../helpers/engine.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';
import { dialects } from '../helpers/stores.ts';

const api = '/api/explore/v2.1/catalog';
const ids = (body: { results: { dataset_id: string }[] }) => body.results.map((r) => r.dataset_id);
const where = (text: string) => encodeURIComponent(text);

for (const dialect of dialects) {
  describe(`the catalog kept per change, on ${dialect}`, () => {
    let s: ServerHarness;
    // A second portal on the same database and data directory: another process, as `opaal serve` twice or a CLI import.
    let other: Portal;

    before(async () => {
      s = await startServer(dialect);
      other = await openPortal(s.env.config);
      await s.portal.catalog.importDataset({
        datasetId: 'fietsen',
        path: fixture('json/lines.jsonl'),
        input: parseMetadataInput({ title: { nl: 'Fietsen tellingen', en: 'Bicycle counts' }, theme: ['TRAN'], keyword: { nl: ['fiets'] } }),
        actor: 'test',
      });
      await s.portal.catalog.importDataset({
        datasetId: 'geheim',
        path: fixture('json/lines.jsonl'),
        input: parseMetadataInput({ title: { nl: 'Geheime tellingen' }, theme: ['TRAN'], visibility: 'restricted' }),
        actor: 'test',
      });
    });
    after(async () => {
      await other.close();
      await s.close();
    });

    test("another portal's new dataset, retitling and deletion are seen by the next request", async () => {
      // Warm every cache first: the list, the engine's table, the page's prepared words.
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('theme = "TRAN"')}`))), ['fietsen']);
      assert.equal((await json(s.get('/datasets.json?q=tellingen'))).total_count, 1);

      await other.catalog.importDataset({
        datasetId: 'water',
        path: fixture('json/lines.jsonl'),
        input: parseMetadataInput({ title: { nl: 'Waterstanden tellingen' }, theme: ['TRAN'] }),
        actor: 'test',
      });
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('theme = "TRAN"')}&order_by=dataset_id`))), ['fietsen', 'water']);
      assert.deepEqual(ids(await json(s.get(`${api}/datasets`))), ['fietsen', 'water']);
      assert.equal((await json(s.get('/datasets.json?q=tellingen'))).total_count, 2);
      const facets = await json(s.get(`${api}/facets?facet=theme`));
      assert.deepEqual(facets.facets[0].facets.map((f: { name: string; count: number }) => [f.name, f.count]), [['TRAN', 2]]);

      await other.catalog.updateMetadata({ id: 'water', input: parseMetadataInput({ title: { nl: 'Peilmetingen' } }), actor: 'test' });
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('search("peilmetingen")')}`))), ['water']);
      assert.equal((await json(s.get('/datasets.json?q=tellingen'))).total_count, 1);

      await other.catalog.deleteDataset('water', 'test');
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('search("peilmetingen")')}`))), []);
      assert.equal((await json(s.get(`${api}/datasets`))).total_count, 1);
    });

    test("another portal's draft is staff's only, and a withdrawn publication leaves the public's catalog at once", async () => {
      await other.catalog.createDataset({ id: 'ontwerp', input: parseMetadataInput({ title: { nl: 'Ontwerp' }, theme: ['ECON'] }), actor: 'test' });
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('theme = "ECON"')}`))), []);
      assert.equal((await s.portal.catalog.listDatasets(staffAudience)).some((d) => d.id === 'ontwerp'), true);
      await other.catalog.deleteDataset('ontwerp', 'test');
      assert.equal((await s.portal.catalog.listDatasets(staffAudience)).some((d) => d.id === 'ontwerp'), false);

      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('search("fietsen")')}`))), ['fietsen']);
      await other.catalog.setPublished({ id: 'fietsen', published: false, actor: 'test' });
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('search("fietsen")')}`))), []);
      assert.equal((await json(s.get('/datasets.json?q=fietsen'))).total_count, 0);
      await other.catalog.setPublished({ id: 'fietsen', published: true, actor: 'test' });
      assert.deepEqual(ids(await json(s.get(`${api}/datasets?where=${where('search("fietsen")')}`))), ['fietsen']);
    });

    test('ODSQL, facets and exports over the catalog show each audience what it may see', async () => {
      const { snapshot } = await s.portal.catalog.visibleCatalog(staffAudience);
      const query = { where: ['theme = "TRAN"'], refine: [], exclude: [], limit: 10, offset: 0, lang: 'nl', timezone: 'UTC', orderBy: 'dataset_id' };
      const seen = async (audience: typeof publicAudience) => (await s.portal.records.catalog(snapshot, audience, 'nl', query)).rows.map((r) => r.dataset_id);
      assert.deepEqual(await seen(publicAudience), ['fietsen']);
      assert.deepEqual(await seen(staffAudience), ['fietsen', 'geheim']);
      assert.deepEqual(await seen({ seesRestricted: false, granted: new Set(['geheim']) }), ['fietsen', 'geheim']);
      assert.deepEqual(await seen({ seesRestricted: false, granted: new Set(['andere']) }), ['fietsen']);

      const facetParams = { facets: [{ name: 'theme', disjunctive: false, sort: '-count' as const, limit: 10 }], where: [], refine: [], exclude: [], lang: 'nl', timezone: 'UTC' };
      const themeCount = async (audience: typeof publicAudience) => (await s.portal.records.catalogFacets(snapshot, audience, 'nl', facetParams)).facets[0].facets[0]?.count;
      assert.equal(await themeCount(publicAudience), 1);
      assert.equal(await themeCount(staffAudience), 2);

      const csv = await (await s.get(`${api}/exports/csv?select=dataset_id`)).text();
      assert.deepEqual(csv.trim().split('\n').slice(1), ['fietsen']);
    });
  });
}

describe('the catalog page at many values', () => {
  let s: ServerHarness;
  const keywords = Array.from({ length: 300 }, (_, i) => `trefwoord-${String(i).padStart(3, '0')}`);
  before(async () => {
    s = await startServer();
    await s.portal.catalog.importDataset({
      datasetId: 'veel',
      path: fixture('json/lines.jsonl'),
      input: parseMetadataInput({ title: { nl: 'Veel trefwoorden' }, keyword: { nl: keywords } }),
      actor: 'test',
    });
  });
  after(() => s.close());

  test('lists all 300 values of a facet, on the page shown in full and in its JSON twin', async () => {
    const twin = await json(s.get('/datasets.json'));
    assert.equal(twin.facets.keyword.length, 300);
    const page = await (await s.get('/datasets?facet=keyword')).text();
    for (const keyword of [keywords[0], keywords[149], keywords[299]]) assert.match(page, new RegExp(`keyword=${keyword}`));
    assert.equal([...page.matchAll(/[?&;]keyword=trefwoord-\d{3}/g)].length, 300);
  });
});

describe('catalog tables in use', () => {
  test('a replaced table stays while a query holds it and is dropped once released', async () => {
    const harness = await engineHarness();
    try {
      const tables = createCatalogTables(harness.engine, { keep: 1 });
      const at = '2026-01-05T09:00:00.000Z';
      const dataset = (id: string): Dataset => ({
        id, uid: `da_${id}`, metadata: { ...defaultMetadata(id) }, fields: [], visibility: 'public', currentVersion: null, recordsCount: 0,
        createdAt: at, modifiedAt: at, dataModifiedAt: null, metadataModifiedAt: at, publishedAt: at,
      });
      const names = async () => (await harness.engine.all(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'catalog_%' ORDER BY 1`)).map((r) => r.table_name);
      const count = async (from: string) => Number((await harness.engine.all(`SELECT count(*) AS n FROM ${from}`))[0].n);

      const old = await tables.lease({ revision: 1, datasets: [dataset('a')] }, 'nl');
      const fresh = await tables.lease({ revision: 2, datasets: [dataset('a'), dataset('b')] }, 'nl');
      assert.deepEqual(await names(), ['catalog_0', 'catalog_1']);
      assert.equal(await count(old.from(publicAudience)), 1);
      assert.equal(await count(fresh.from(publicAudience)), 2);
      old.release();
      for (let i = 0; i < 50 && (await names()).length > 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(await names(), ['catalog_1']);
      fresh.release();
      assert.deepEqual(await names(), ['catalog_1'], 'the newest stays for the next query');
    } finally {
      await harness.close();
    }
  });
});
