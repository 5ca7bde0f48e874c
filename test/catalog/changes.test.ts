// What changed per version, on SQLite and PostgreSQL: counted by key or by content, stored with the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { Invalid } from '../../src/errors.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
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

const csv = (dir: string, name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

/** Ten municipalities by month; the second version: 3 added, 2 removed, 1 changed, a new field. */
function keyedVersions(dir: string) {
  const rows = Array.from({ length: 10 }, (_, i) => [`${11000 + i}`, '2026-01', `${100 + i}`]);
  const first = csv(dir, 'v1.csv', ['nis_code;maand;aantal', ...rows.map((r) => r.join(';'))]);
  const kept = rows.slice(2).map((r) => [...r, 'ja']);
  kept[0][2] = '999';
  const added = [['21001', '2026-01', '1', 'nee'], ['21002', '2026-01', '2', 'nee'], ['11000', '2026-02', '3', 'nee']];
  const second = csv(dir, 'v2.csv', ['nis_code;maand;aantal;actief', ...[...kept, ...added].map((r) => r.join(';'))]);
  return { first, second };
}

for (const dialect of dialects) {
  test(`${dialect}: a keyed version counts 3 added, 2 removed, 1 changed and one new field, stored with it`, () =>
    withPortal(dialect, async (portal, dir) => {
      const { first, second } = keyedVersions(dir);
      const one = await portal.catalog.importDataset({ datasetId: 'werk', path: first, input: parseMetadataInput({ key: ['nis_code', 'maand'] }), actor: 'cli' });
      assert.deepEqual(one.dataset.metadata.key, ['nis_code', 'maand']);
      assert.equal(one.version.changes?.added, 10, 'the first version: every record added');
      assert.equal(one.version.changes?.comparedTo, null);
      assert.equal(one.version.changes?.changed, 0);
      const two = await portal.catalog.importDataset({ datasetId: 'werk', path: second, actor: 'cli' });
      const changes = two.version.changes!;
      assert.equal(changes.comparedTo, 1);
      assert.equal(changes.added, 3);
      assert.equal(changes.removed, 2);
      assert.equal(changes.changed, 1);
      assert.deepEqual(changes.fields_added, ['actief']);
      assert.deepEqual(changes.fields_removed, []);
      assert.deepEqual(changes.fields_retyped, []);
      assert.equal(changes.examples.added.length, 3);
      assert.equal(changes.examples.removed.length, 2);
      assert.equal(changes.examples.changed.length, 1);
      assert.equal(Number(changes.examples.changed[0].before.aantal), 102);
      assert.equal(Number(changes.examples.changed[0].after.aantal), 999);
      // Stored: a second ask reads the same, and the version's row carries it.
      assert.deepEqual(await portal.catalog.changesOf('werk', 2), changes);
      const [latest] = await portal.catalog.listVersions('werk', staffAudience);
      assert.equal(latest.changes?.changed, 1);
      assert.equal(latest.comparedTo, 1);
      assert.equal(await portal.catalog.changesOf('werk', 3), null, 'no such version');
    }));

  test(`${dialect}: without a key, records are compared by content as multisets (duplicates count)`, () =>
    withPortal(dialect, async (portal, dir) => {
      const first = csv(dir, 'a.csv', ['naam,stad', 'An,Gent', 'An,Gent', 'Bo,Luik', 'Cas,Brugge']);
      const second = csv(dir, 'b.csv', ['naam,stad', 'An,Gent', 'Bo,Luik', 'Bo,Luik', 'Bo,Luik', 'Dirk,Aalst']);
      await portal.catalog.importDataset({ datasetId: 'mensen', path: first, actor: 'cli' });
      await portal.catalog.importDataset({ datasetId: 'mensen', path: second, actor: 'cli' });
      const changes = (await portal.catalog.changesOf('mensen', 2))!;
      // One An,Gent and Cas,Brugge went; two more Bo,Luik and Dirk,Aalst came.
      assert.equal(changes.removed, 2);
      assert.equal(changes.added, 3);
      assert.equal(changes.changed, null);
      assert.deepEqual(changes.examples.changed, []);
      assert.ok(changes.examples.removed.some((r) => r.naam === 'Cas'));
    }));

  test(`${dialect}: records are compared by their values, not by how the file wrote them`, () =>
    withPortal(dialect, async (portal, dir) => {
      await portal.catalog.importDataset({ datasetId: 'bedragen', path: csv(dir, 'a.csv', ['naam,bedrag', 'An,1.50', 'Bo,2.25']), actor: 'cli' });
      await portal.catalog.importDataset({ datasetId: 'bedragen', path: csv(dir, 'b.csv', ['naam,bedrag', 'An,1.5', 'Bo,2.25', 'Cas,3']), actor: 'cli' });
      const changes = (await portal.catalog.changesOf('bedragen', 2))!;
      assert.deepEqual(changes.fields_retyped, []);
      assert.deepEqual([changes.added, changes.removed], [1, 0], 'only Cas is new: 1.50 and 1.5 are one amount');
    }));

  test(`${dialect}: a field whose type changed is retyped; a removed one removed`, () =>
    withPortal(dialect, async (portal, dir) => {
      await portal.catalog.importDataset({ datasetId: 'meting', path: csv(dir, 'a.csv', ['id,waarde,oud', '1,10,x', '2,20,y']), actor: 'cli' });
      await portal.catalog.importDataset({ datasetId: 'meting', path: csv(dir, 'b.csv', ['id,waarde', '1,tien', '2,20']), actor: 'cli' });
      const changes = (await portal.catalog.changesOf('meting', 2))!;
      assert.deepEqual(changes.fields_retyped, [{ name: 'waarde', from: 'int', to: 'text' }]);
      assert.deepEqual(changes.fields_removed, ['oud']);
      // Compared by text over the fields both have: 1,10 became 1,tien; 2,20 stayed.
      assert.equal(changes.added, 1);
      assert.equal(changes.removed, 1);
    }));

  test(`${dialect}: a staged version published in the back office is compared to the version current before`, () =>
    withPortal(dialect, async (portal, dir) => {
      const { first, second } = keyedVersions(dir);
      await portal.catalog.importDataset({ datasetId: 'werk', path: first, input: parseMetadataInput({ key: ['nis_code', 'maand'] }), actor: 'cli' });
      const staged = await portal.catalog.stageVersion({ datasetId: 'werk', path: second, actor: 'u_editor' });
      assert.equal(await portal.catalog.changesOf('werk', staged.number), null, 'a staged version has no changes yet');
      const { version } = await portal.catalog.publishVersion({ datasetId: 'werk', number: staged.number, actor: 'u_editor' });
      assert.deepEqual([version.changes?.added, version.changes?.removed, version.changes?.changed, version.comparedTo], [3, 2, 1, 1]);
    }));

  test(`${dialect}: a comparison that fails leaves the publication done and the changes to be computed later`, () =>
    withPortal(dialect, async (portal, dir) => {
      const { first, second } = keyedVersions(dir);
      await portal.catalog.importDataset({ datasetId: 'werk', path: first, input: parseMetadataInput({ key: ['nis_code', 'maand'] }), actor: 'cli' });
      const [one] = await portal.catalog.listVersions('werk', staffAudience);
      const path = portal.blobs.pathOf(one.blob);
      const kept = readFileSync(path);
      writeFileSync(path, 'geen parquet');
      // The server's logger, as `opaal serve` hands it over.
      const logged: { entry: object; message: string }[] = [];
      portal.logTo((entry, message) => logged.push({ entry, message }));
      const two = await portal.catalog.importDataset({ datasetId: 'werk', path: second, actor: 'cli' });
      assert.equal(two.version.changes, null);
      assert.equal((await portal.catalog.getDataset('werk', staffAudience)).currentVersion, two.version.id, 'published all the same');
      assert.equal(logged.length, 1, 'the failure is logged');
      assert.match(logged[0].message, /Could not compute the changes of werk version 2/);
      assert.doesNotMatch(JSON.stringify(logged[0].entry), /geen parquet/, 'the error\'s kind, not its text');
      writeFileSync(path, kept);
      const later = await portal.catalog.changesOf('werk', 2);
      assert.deepEqual([later?.added, later?.removed, later?.changed, later?.comparedTo], [3, 2, 1, 1], 'computed when asked');
    }));

  test(`${dialect}: a key naming no field of the data is refused`, () =>
    withPortal(dialect, async (portal, dir) => {
      const { first } = keyedVersions(dir);
      await assert.rejects(
        portal.catalog.importDataset({ datasetId: 'werk', path: first, input: parseMetadataInput({ key: ['nis', 'maand'] }), actor: 'cli' }),
        (e: unknown) => e instanceof Invalid && e.reason === 'unknown_field' && /"nis".*nis_code, maand, aantal/.test(e.message),
      );
      await portal.catalog.importDataset({ datasetId: 'werk', path: first, actor: 'cli' });
      await assert.rejects(portal.catalog.updateMetadata({ id: 'werk', input: parseMetadataInput({ key: ['maand', 'jaar'] }), actor: 'u' }), /"jaar"/);
      const updated = await portal.catalog.updateMetadata({ id: 'werk', input: parseMetadataInput({ key: ['nis_code', 'maand'] }), actor: 'u' });
      assert.deepEqual(updated.metadata.key, ['nis_code', 'maand']);
      assert.throws(() => parseMetadataInput({ key: 'nis_code' }), /"key" must be a list of strings/);
      assert.throws(() => parseMetadataInput({ key: ['a', 'a'] }), /different field names/);
      await assert.rejects(portal.catalog.createDataset({ id: 'leeg', input: parseMetadataInput({ key: ['a'] }), actor: 'u' }), (e: unknown) => e instanceof Invalid && e.reason === 'no_fields');
    }));
}
