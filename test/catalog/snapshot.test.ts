// The catalog's snapshot (src/catalog/snapshot.ts) over a real store: read once per change, by whichever process made it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMetadata } from '../../src/catalog/metadata.ts';
import { catalogSnapshots } from '../../src/catalog/snapshot.ts';
import { createCatalogStore } from '../../src/catalog/store.ts';
import type { Dataset } from '../../src/catalog/types.ts';
import { migrate, openStore } from '../../src/db/index.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

const at = '2026-01-05T09:00:00.000Z';
const dataset = (id: string, title = id): Dataset => ({
  id,
  uid: `da_${id}`,
  metadata: { ...defaultMetadata(id), title: { nl: title } },
  fields: [],
  visibility: 'public',
  currentVersion: null,
  recordsCount: 0,
  // One instant for every change: the change number, not a time, tells them apart.
  createdAt: at,
  modifiedAt: at,
  dataModifiedAt: null,
  metadataModifiedAt: at,
  publishedAt: at,
});

for (const dialect of dialects) {
  test(`${dialect}: reads the datasets once per change, sees another connection's change at once, and a number put back too`, async () => {
    const env = await testEnvironment(dialect);
    // Two connections to one database: this process's and another's.
    const mine = openStore(env.config);
    const theirs = openStore(env.config);
    try {
      await migrate(mine.db);
      const store = createCatalogStore(mine.db);
      const other = createCatalogStore(theirs.db);
      let reads = 0;
      const snapshot = catalogSnapshots({ revision: () => store.revision(), listDatasets: (o) => (reads++, store.listDatasets(o)) });

      await other.transaction((trx) => other.saveDataset(trx, dataset('a'), true));
      await other.transaction((trx) => other.saveDataset(trx, dataset('c'), true));
      const [first, same] = await Promise.all([snapshot(), snapshot()]);
      assert.equal(first, same);
      assert.equal(reads, 1);
      assert.equal(await snapshot(), first);
      assert.equal(reads, 1);

      // Another connection retitles within the same millisecond: the number moves, the time does not.
      await other.transaction((trx) => other.saveDataset(trx, dataset('a', 'Nieuwe titel'), false));
      const second = await snapshot();
      assert.equal(reads, 2);
      assert.deepEqual(second.datasets.map((d) => d.metadata.title.nl), ['Nieuwe titel', 'c']);
      assert.equal(second.revision, first.revision + 1);
      // What did not change is the same object: what was prepared from it still holds.
      assert.equal(second.datasets[1], first.datasets[1]);
      assert.notEqual(second.datasets[0], first.datasets[0]);

      await other.transaction((trx) => other.deleteDataset(trx, 'a'));
      await other.transaction((trx) => other.deleteDataset(trx, 'c'));
      assert.deepEqual((await snapshot()).datasets, []);

      // A database put back to an earlier number (a backup) is read again, not taken for the held one.
      await other.transaction((trx) => other.saveDataset(trx, dataset('b'), true));
      await theirs.db.updateTable('catalog_revision').set({ revision: first.revision }).execute();
      assert.deepEqual((await snapshot()).datasets.map((d) => d.id), ['b']);
    } finally {
      await mine.close();
      await theirs.close();
      await env.cleanup();
    }
  });
}
