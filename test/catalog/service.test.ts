// Publishing versions on SQLite and PostgreSQL alike: the catalog's rules over a real store and engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { publicAudience, staffAudience } from '../../src/catalog/service.ts';
import { twinOf } from '../../src/engine/tables.ts';
import { listEvents } from '../../src/events/store.ts';
import { ImportFailed, Invalid, NotFound } from '../../src/errors.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

async function withPortal(dialect: (typeof dialects)[number], work: (portal: Portal, dir: string) => Promise<void>) {
  const env = await testEnvironment(dialect);
  let tick = Date.UTC(2025, 0, 15, 9, 0, 0);
  const portal = await openPortal(env.config, { clock: () => new Date((tick += 1000)) });
  try {
    await work(portal, env.dataDir);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

async function countRecords(portal: Portal, id: string): Promise<number> {
  const { path } = await portal.catalog.currentVersion(id, staffAudience);
  const [row] = await portal.engine.all(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`);
  return Number(row.n);
}

for (const dialect of dialects) {
  test(`${dialect}: publishes a first version with the given metadata and field descriptions`, () =>
    withPortal(dialect, async (portal) => {
      const input = parseMetadataInput({
        title: { nl: 'Trajecten', en: 'Trajectories' },
        keyword: ['werk'],
        theme: ['soci'],
        fields: [{ name: 'regio', description: 'Provincie of stad', annotations: { facet: [] } }],
      });
      const { dataset, version } = await portal.catalog.importDataset({
        datasetId: 'trajecten',
        path: fixture('json/lines.jsonl'),
        input,
        actor: 'cli',
      });
      assert.equal(version.number, 1);
      assert.equal(dataset.currentVersion, version.id);
      assert.equal(dataset.recordsCount, 3);
      assert.match(dataset.uid, /^da_[0-9a-f]{10}$/);
      const stored = await portal.catalog.getDataset('trajecten', publicAudience);
      assert.deepEqual(stored.metadata.title, { nl: 'Trajecten', en: 'Trajectories' });
      assert.deepEqual(stored.metadata.keyword, { nl: ['werk'] });
      assert.deepEqual(stored.metadata.theme, ['SOCI']);
      assert.deepEqual(stored.fields.find((f) => f.name === 'regio'), {
        name: 'regio',
        label: 'regio',
        type: 'text',
        description: 'Provincie of stad',
        annotations: { facet: [] },
      });
      assert.equal(await countRecords(portal, 'trajecten'), 3);
      const events = await listEvents(portal.store.db, 'dataset', 'trajecten');
      assert.deepEqual(events.map((e) => [e.actor, e.verb]), [['cli', 'dataset.version_published']]);
    }));

  test(`${dialect}: a new version becomes current and keeps the publisher's field descriptions`, () =>
    withPortal(dialect, async (portal, dir) => {
      const input = parseMetadataInput({ fields: [{ name: 'regio', label: 'Regio', description: 'Waar' }] });
      const first = await portal.catalog.importDataset({ datasetId: 't', path: fixture('json/lines.jsonl'), input, actor: 'cli' });
      const more = join(dir, 'more.jsonl');
      writeFileSync(more, '{"jaar": 2024, "trajecten": 1800, "regio": "Leuven"}\n{"jaar": 2025, "trajecten": 1900, "regio": "Gent"}\n');
      const second = await portal.catalog.importDataset({ datasetId: 't', path: more, actor: 'cli' });
      assert.equal(second.version.number, 2);
      const dataset = await portal.catalog.getDataset('t', publicAudience);
      assert.equal(dataset.currentVersion, second.version.id);
      assert.equal(dataset.recordsCount, 2);
      assert.equal(dataset.createdAt, first.dataset.createdAt);
      assert.equal(dataset.metadataModifiedAt, first.dataset.metadataModifiedAt, 'no metadata changed');
      assert.ok(dataset.dataModifiedAt! > first.dataset.dataModifiedAt!);
      assert.deepEqual(dataset.fields.find((f) => f.name === 'regio')?.description, 'Waar');
      assert.deepEqual(dataset.fields.find((f) => f.name === 'regio')?.label, 'Regio');
      const versions = await portal.catalog.listVersions('t', publicAudience);
      assert.deepEqual(versions.map((v) => [v.number, v.recordsCount]), [[2, 2], [1, 3]]);
      assert.equal(await countRecords(portal, 't'), 2);
    }));

  test(`${dialect}: keeps serving the old version when an import fails`, () =>
    withPortal(dialect, async (portal) => {
      await portal.catalog.importDataset({ datasetId: 'steden', path: fixture('types/all-types.csv'), actor: 'cli' });
      const before = await portal.catalog.getDataset('steden', publicAudience);
      await assert.rejects(
        portal.catalog.importDataset({ datasetId: 'steden', path: fixture('csv/ragged.csv'), actor: 'cli' }),
        (error: unknown) => error instanceof ImportFailed && error.line === 4,
      );
      await assert.rejects(
        portal.catalog.importDataset({
          datasetId: 'steden',
          path: fixture('json/lines.jsonl'),
          input: parseMetadataInput({ fields: [{ name: 'no_such_field', label: 'x' }] }),
          actor: 'cli',
        }),
        (error: unknown) => error instanceof Invalid && /no_such_field/.test(error.message),
      );
      const after = await portal.catalog.getDataset('steden', publicAudience);
      assert.deepEqual(after, before);
      assert.equal(await countRecords(portal, 'steden'), 3);
      assert.equal((await portal.catalog.listVersions('steden', publicAudience)).length, 1);
    }));

  test(`${dialect}: a restricted dataset does not exist for the public`, () =>
    withPortal(dialect, async (portal) => {
      await portal.catalog.importDataset({
        datasetId: 'intern',
        path: fixture('json/lines.jsonl'),
        input: parseMetadataInput({ visibility: 'restricted' }),
        actor: 'cli',
      });
      await portal.catalog.importDataset({ datasetId: 'open', path: fixture('json/lines.jsonl'), actor: 'cli' });
      assert.deepEqual((await portal.catalog.listDatasets(publicAudience)).map((d) => d.id), ['open']);
      assert.deepEqual((await portal.catalog.listDatasets(staffAudience)).map((d) => d.id), ['intern', 'open']);
      await assert.rejects(portal.catalog.getDataset('intern', publicAudience), NotFound);
      await assert.rejects(portal.catalog.currentVersion('intern', publicAudience), NotFound);
    }));

  test(`${dialect}: deleting a dataset removes its rows and its files`, () =>
    withPortal(dialect, async (portal) => {
      await portal.catalog.importDataset({ datasetId: 'weg', path: fixture('json/lines.jsonl'), actor: 'cli' });
      const { path } = await portal.catalog.currentVersion('weg', staffAudience);
      assert.ok(existsSync(path!));
      assert.ok(existsSync(twinOf(path!)));
      await portal.catalog.deleteDataset('weg', 'cli');
      assert.ok(!existsSync(path!));
      assert.ok(!existsSync(twinOf(path!)));
      await assert.rejects(portal.catalog.getDataset('weg', staffAudience), NotFound);
      await assert.rejects(portal.catalog.deleteDataset('weg', 'cli'), NotFound);
      const events = await listEvents(portal.store.db, 'dataset', 'weg');
      assert.deepEqual(events.map((e) => e.verb), ['dataset.version_published', 'dataset.deleted']);
    }));
}

test('refuses a dataset id that is not lowercase letters, digits, - and _', async () => {
  await withPortal('sqlite', async (portal) => {
    for (const id of ['Hoofdletters', '-begin', 'met spatie', 'a'.repeat(101), '../etc']) {
      await assert.rejects(
        portal.catalog.importDataset({ datasetId: id, path: fixture('json/lines.jsonl'), actor: 'cli' }),
        (error: unknown) => error instanceof Invalid && error.message.includes('not a valid dataset id'),
      );
    }
  });
});

test('refuses metadata with an unknown key or a bad value, naming it', () => {
  assert.throws(() => parseMetadataInput({ titel: 'x' }), /Unknown metadata "titel"/);
  assert.throws(() => parseMetadataInput({ theme: ['SPORT'] }), /Metadata "theme\[0\]" must be one of AGRI/);
  assert.throws(() => parseMetadataInput({ contactPoint: { name: 'x' } }), /contactPoint" must be given with an email or a url/);
  assert.throws(() => parseMetadataInput({ temporal: { start: '31/12/2024' } }), /temporal.start" must be a date/);
  assert.throws(() => parseMetadataInput({ title: { fr: 'x' } }), /title.fr" must be in one of nl, en/);
  assert.throws(() => parseMetadataInput([]), /must be a JSON object/);
  assert.deepEqual(parseMetadataInput({ title: 'Alleen Nederlands' }).metadata.title, { nl: 'Alleen Nederlands' });
});
