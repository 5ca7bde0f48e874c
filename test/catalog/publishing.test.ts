// The back office's rules on SQLite and PostgreSQL alike: drafts, staged versions, publish, unpublish, metadata edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { publicAudience, staffAudience } from '../../src/catalog/service.ts';
import { listEvents } from '../../src/events/store.ts';
import { Conflict, ImportFailed, Invalid, NotFound } from '../../src/errors.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

async function withPortal(dialect: (typeof dialects)[number], work: (portal: Portal, dir: string) => Promise<void>) {
  const env = await testEnvironment(dialect);
  let tick = Date.UTC(2026, 2, 1, 9, 0, 0);
  const portal = await openPortal(env.config, { clock: () => new Date((tick += 1000)) });
  try {
    await work(portal, env.dataDir);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

/** Every file under the data directory's blobs and tmp folders. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['blobs', 'tmp']) {
    const walk = (path: string) => {
      if (!existsSync(path)) return;
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(path, entry.name));
        else out.push(join(path, entry.name));
      }
    };
    walk(join(dir, sub));
  }
  return out.filter((f) => !f.includes('/tmp/duckdb'));
}

for (const dialect of dialects) {
  test(`${dialect}: a new dataset is a draft that exists for staff only`, () =>
    withPortal(dialect, async (portal) => {
      const dataset = await portal.catalog.createDataset({ id: 'ontwerp', input: parseMetadataInput({ title: { nl: 'Ontwerp', en: 'Draft' } }), actor: 'u_editor' });
      assert.equal(dataset.publishedAt, null);
      assert.equal(dataset.currentVersion, null);
      assert.deepEqual((await portal.catalog.listDatasets(publicAudience)).map((d) => d.id), []);
      assert.deepEqual((await portal.catalog.listDatasets({ seesRestricted: false, granted: new Set(['ontwerp']) })).map((d) => d.id), [], 'a grant does not show a draft');
      await assert.rejects(portal.catalog.getDataset('ontwerp', publicAudience), NotFound);
      assert.equal((await portal.catalog.getDataset('ontwerp', staffAudience)).metadata.title.en, 'Draft');
      await assert.rejects(portal.catalog.createDataset({ id: 'ontwerp', input: { metadata: {} }, actor: 'u_editor' }), Conflict);
      await assert.rejects(portal.catalog.createDataset({ id: 'Slecht Id', input: { metadata: {} }, actor: 'u_editor' }), Invalid);
      await assert.rejects(portal.catalog.setPublished({ id: 'ontwerp', published: true, actor: 'u_editor' }), (e: unknown) => e instanceof Invalid && e.reason === 'no_current_version');
    }));

  test(`${dialect}: a staged version stays out of sight until it is published, then becomes current`, () =>
    withPortal(dialect, async (portal) => {
      await portal.catalog.importDataset({ datasetId: 'steden', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ fields: [{ name: 'regio', label: 'Regio', description: 'Waar' }] }), actor: 'cli' });
      const before = await portal.catalog.getDataset('steden', publicAudience);
      const staged = await portal.catalog.stageVersion({ datasetId: 'steden', path: fixture('types/all-types.csv'), displayName: 'steden.csv', actor: 'u_editor' });
      assert.equal(staged.number, 2);
      assert.equal(staged.publishedAt, null);
      assert.deepEqual(await portal.catalog.getDataset('steden', publicAudience), before, 'the public dataset did not change');
      assert.deepEqual((await portal.catalog.listVersions('steden', publicAudience)).map((v) => v.number), [1]);
      assert.deepEqual((await portal.catalog.listVersions('steden', publicAudience, { includeStaged: true })).map((v) => v.number), [1], 'only staff see staged versions');
      assert.deepEqual((await portal.catalog.listVersions('steden', staffAudience, { includeStaged: true })).map((v) => v.number), [2, 1]);

      const preview = await portal.catalog.previewVersion('steden', 2, 2);
      assert.deepEqual(preview.version.fields.map((f) => [f.name, f.type]).slice(0, 4), [['naam', 'text'], ['aantal', 'int'], ['bedrag', 'double'], ['actief', 'boolean']]);
      assert.equal(preview.rows.length, 2);
      assert.equal(preview.rows[0][0], 'Gent');
      assert.equal(preview.rows[1][1], '-4');
      assert.equal(preview.rows[0][preview.version.fields.findIndex((f) => f.name === 'locatie')], '51.0543, 3.7174');

      const { dataset } = await portal.catalog.publishVersion({ datasetId: 'steden', number: 2, actor: 'u_editor' });
      assert.equal(dataset.currentVersion, staged.id);
      assert.equal(dataset.recordsCount, 3);
      assert.equal((await portal.catalog.getDataset('steden', publicAudience)).currentVersion, staged.id);
      assert.deepEqual((await portal.catalog.listVersions('steden', publicAudience)).map((v) => v.number), [2, 1]);
      const events = await listEvents(portal.store.db, 'dataset', 'steden');
      assert.deepEqual(events.map((e) => [e.actor, e.verb]), [['cli', 'dataset.version_published'], ['u_editor', 'dataset.version_staged'], ['u_editor', 'dataset.version_published']]);

      // Back to the first version: an earlier version can be made current again.
      await portal.catalog.publishVersion({ datasetId: 'steden', number: 1, actor: 'u_editor' });
      const back = await portal.catalog.getDataset('steden', publicAudience);
      assert.equal(back.recordsCount, 3);
      assert.equal(back.fields.find((f) => f.name === 'regio')?.description, 'Waar', 'descriptions carried over');
    }));

  test(`${dialect}: a failed upload leaves no version and no file; a discarded one leaves nothing either`, () =>
    withPortal(dialect, async (portal, dir) => {
      await portal.catalog.createDataset({ id: 'leeg', input: { metadata: {} }, actor: 'u_editor' });
      await assert.rejects(portal.catalog.stageVersion({ datasetId: 'leeg', path: fixture('csv/ragged.csv'), actor: 'u_editor' }), (e: unknown) => e instanceof ImportFailed && e.line === 4);
      await assert.rejects(portal.catalog.stageVersion({ datasetId: 'nergens', path: fixture('json/lines.jsonl'), actor: 'u_editor' }), NotFound);
      assert.deepEqual(await portal.catalog.listVersions('leeg', staffAudience, { includeStaged: true }), []);
      assert.deepEqual(filesUnder(dir), []);

      const staged = await portal.catalog.stageVersion({ datasetId: 'leeg', path: fixture('json/lines.jsonl'), actor: 'u_editor' });
      assert.deepEqual(filesUnder(dir).map((f) => f.replace(/^.*\./, '')).sort(), ['duckdb', 'jsonl', 'parquet'], 'the version, its DuckDB twin and its source file');
      await portal.catalog.discardVersion({ datasetId: 'leeg', number: staged.number, actor: 'u_editor' });
      assert.deepEqual(filesUnder(dir), []);
      assert.deepEqual(await portal.catalog.listVersions('leeg', staffAudience, { includeStaged: true }), []);
      await assert.rejects(portal.catalog.discardVersion({ datasetId: 'leeg', number: staged.number, actor: 'u_editor' }), NotFound);

      const again = await portal.catalog.stageVersion({ datasetId: 'leeg', path: fixture('json/lines.jsonl'), actor: 'u_editor' });
      await portal.catalog.publishVersion({ datasetId: 'leeg', number: again.number, actor: 'u_editor' });
      await assert.rejects(portal.catalog.discardVersion({ datasetId: 'leeg', number: again.number, actor: 'u_editor' }), (e: unknown) => e instanceof Conflict && e.reason === 'version_published');
      await assert.rejects(portal.catalog.publishVersion({ datasetId: 'leeg', number: 99, actor: 'u_editor' }), NotFound);
    }));

  test(`${dialect}: unpublishing hides a dataset from everyone but staff, publishing shows it again`, () =>
    withPortal(dialect, async (portal) => {
      await portal.catalog.createDataset({ id: 'wissel', input: { metadata: {} }, actor: 'u_editor' });
      const staged = await portal.catalog.stageVersion({ datasetId: 'wissel', path: fixture('json/lines.jsonl'), actor: 'u_editor' });
      await assert.rejects(portal.catalog.getDataset('wissel', publicAudience), NotFound, 'a staged version does not publish the draft');
      const { dataset } = await portal.catalog.publishVersion({ datasetId: 'wissel', number: staged.number, actor: 'u_editor' });
      assert.ok(dataset.publishedAt);
      assert.equal((await portal.catalog.getDataset('wissel', publicAudience)).id, 'wissel');
      await portal.catalog.setPublished({ id: 'wissel', published: false, actor: 'u_editor' });
      await assert.rejects(portal.catalog.getDataset('wissel', publicAudience), NotFound);
      await assert.rejects(portal.catalog.currentVersion('wissel', publicAudience), NotFound);
      assert.deepEqual((await portal.catalog.listDatasets(publicAudience)).map((d) => d.id), []);
      assert.equal((await portal.catalog.currentVersion('wissel', staffAudience)).version?.id, staged.id, 'the data stays');
      await portal.catalog.setPublished({ id: 'wissel', published: true, actor: 'u_editor' });
      assert.deepEqual((await portal.catalog.listDatasets(publicAudience)).map((d) => d.id), ['wissel']);
      const verbs = (await listEvents(portal.store.db, 'dataset', 'wissel')).map((e) => e.verb);
      assert.deepEqual(verbs, ['dataset.created', 'dataset.version_staged', 'dataset.version_published', 'dataset.unpublished', 'dataset.published']);
    }));

  test(`${dialect}: metadata edits change only what is given, keep list fields lists, and log keys, never values`, () =>
    withPortal(dialect, async (portal, dir) => {
      const lists = join(dir, 'lijsten.jsonl');
      writeFileSync(lists, '{"naam": "a", "tags": ["x", "y"]}\n{"naam": "b", "tags": ["z"]}\n');
      await portal.catalog.importDataset({ datasetId: 'meta', path: lists, input: parseMetadataInput({ title: { nl: 'Oud' }, keyword: ['k'] }), actor: 'cli' });
      const patched = await portal.catalog.updateMetadata({
        id: 'meta',
        input: parseMetadataInput({
          title: { nl: 'Nieuw', en: 'New' },
          contactPoint: { name: 'Jan Peeters', email: 'jan.peeters@example.org' },
          visibility: 'restricted',
          fields: [{ name: 'tags', label: 'Labels', description: 'Onderwerpen', annotations: { facet: [] } }, { name: 'naam', annotations: { multivalued: [';'], unit: ['m'] } }],
        }),
        actor: 'u_editor',
      });
      assert.deepEqual(patched.metadata.title, { nl: 'Nieuw', en: 'New' });
      assert.deepEqual(patched.metadata.keyword, { nl: ['k'] }, 'untouched keys stay');
      assert.equal(patched.visibility, 'restricted');
      assert.deepEqual(patched.fields.find((f) => f.name === 'tags'), { name: 'tags', label: 'Labels', type: 'text', description: 'Onderwerpen', annotations: { facet: [], multivalued: [','] } });
      assert.deepEqual(patched.fields.find((f) => f.name === 'naam')?.annotations, { unit: ['m'] }, 'a text field does not become a list by annotation');

      const replaced = await portal.catalog.updateMetadata({ id: 'meta', input: parseMetadataInput({ title: 'Enkel dit' }), actor: 'u_editor', replace: true });
      assert.deepEqual(replaced.metadata.title, { nl: 'Enkel dit' });
      assert.deepEqual(replaced.metadata.keyword, {});
      assert.equal(replaced.metadata.contactPoint, null);
      assert.equal(replaced.visibility, 'restricted', 'visibility is not metadata a PUT resets');

      await assert.rejects(portal.catalog.updateMetadata({ id: 'meta', input: parseMetadataInput({ fields: [{ name: 'geen' }] }), actor: 'u' }), (e: unknown) => e instanceof Invalid && e.reason === 'unknown_field');
      await assert.rejects(portal.catalog.updateMetadata({ id: 'meta', input: parseMetadataInput({ fields: [{ name: 'naam', type: 'int' }] }), actor: 'u' }), (e: unknown) => e instanceof Invalid && e.reason === 'field_type');
      const naam = (await portal.catalog.datasetForStaff('meta')).fields.find((f) => f.name === 'naam')!;
      await assert.rejects(
        portal.catalog.updateMetadata({ id: 'meta', input: parseMetadataInput({ fields: [{ name: 'naam', type: naam.type, format: '1.234' }] }), actor: 'u' }),
        (e: unknown) => e instanceof Invalid && e.reason === 'field_type' && /readings/.test(e.message),
        'a notation is never dropped silently',
      );
      await assert.rejects(portal.catalog.updateMetadata({ id: 'nergens', input: { metadata: {} }, actor: 'u' }), NotFound);
      const unchanged = await portal.catalog.updateMetadata({ id: 'meta', input: parseMetadataInput({ title: 'Enkel dit', visibility: 'restricted' }), actor: 'u_editor' });
      assert.equal(unchanged.metadataModifiedAt, replaced.metadataModifiedAt, 'the same values again change nothing');
      const events = await listEvents(portal.store.db, 'dataset', 'meta');
      assert.equal(events.filter((e) => e.verb === 'dataset.metadata_updated').length, 2);
      const update = events.find((e) => e.verb === 'dataset.metadata_updated')!;
      assert.deepEqual(JSON.parse(update.data), { keys: ['title', 'contactPoint', 'visibility', 'fields'], replace: false });
      assert.ok(events.every((e) => !e.data.includes('Peeters')), 'no personal data in the log');
    }));
}
