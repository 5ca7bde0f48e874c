// The catalog kept per change (catalog/snapshot.ts, explore/catalog-table.ts): a change by another portal on the same
// database is seen by the next request, and each audience still sees only what it may.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMetadata, parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { Dataset } from '../../src/catalog/types.ts';
import { createCatalogTables } from '../../src/explore/catalog-table.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
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
      const [oldName, freshName] = await names();
      assert.equal((await names()).length, 2);
      assert.equal(await count(old.from(publicAudience)), 1);
      assert.equal(await count(fresh.from(publicAudience)), 2);
      old.release();
      for (let i = 0; i < 50 && (await names()).length > 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(await names(), [freshName]);
      assert.notEqual(oldName, freshName);
      fresh.release();
      assert.deepEqual(await names(), [freshName], 'the newest stays for the next query');
    } finally {
      await harness.close();
    }
  });
});

test('a table made from the one before holds the same rows, in the same order, as one read whole', async () => {
  const harness = await engineHarness();
  try {
    const statements: string[] = [];
    // The engine as the tables see it, writing down each statement they run.
    const engine = {
      withConnection: <T>(work: (c: DuckDBConnection) => Promise<T>) =>
        harness.engine.withConnection((c) => work(new Proxy(c, {
          get(target, name) {
            if (name === 'run') return (sql: string) => (statements.push(sql), target.run(sql));
            const value = Reflect.get(target, name);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }))),
    };
    const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T09:00:00.000Z`;
    const dataset = (id: string, title: string, day: number, visibility: Dataset['visibility'] = 'public'): Dataset => ({
      id, uid: `da_${id}`, metadata: { ...defaultMetadata(id), title: { nl: title }, theme: ['TRAN'], keyword: { nl: [title] } }, fields: [], visibility,
      currentVersion: null, recordsCount: day, createdAt: at(day), modifiedAt: at(day), dataModifiedAt: null, metadataModifiedAt: at(day), publishedAt: at(day),
    });
    const first = Array.from({ length: 20 }, (_, i) => dataset(`d${String(i * 2).padStart(2, '0')}`, `Titel ${i}`, i + 1));
    // One retitled and made restricted, one gone, one new between two others; the rest the same objects.
    const second = [...first.slice(0, 3), dataset(first[3].id, 'Andere titel', 25, 'restricted'), ...first.slice(4, 9), ...first.slice(10)];
    second.splice(6, 0, dataset('d11', 'Nieuw', 26));
    const metas = new Map([['d04', { reuse_count: 2, download_count: 0, api_call_count: 0, popularity_score: 1.5 }]]);

    const rows = async (lease: { from: (a: typeof staffAudience) => string }) => JSON.stringify(await harness.engine.all(`SELECT * FROM ${lease.from(staffAudience)}`), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    const stepwise = createCatalogTables(engine);
    (await stepwise.lease({ revision: 1, datasets: first }, 'nl', metas)).release();
    const made = await stepwise.lease({ revision: 2, datasets: second }, 'nl', metas);
    assert.match(statements.at(-1)!, /UNION ALL/, 'the second table is made from the first');
    const whole = await createCatalogTables(harness.engine).lease({ revision: 2, datasets: second }, 'nl', metas);
    assert.equal(await rows(made), await rows(whole));
    assert.deepEqual((await harness.engine.all(`SELECT dataset_id FROM ${made.from(publicAudience)}`)).map((r) => r.dataset_id), second.filter((d) => d.visibility === 'public').map((d) => d.id));
  } finally {
    await harness.close();
  }
});
