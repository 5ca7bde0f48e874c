// The catalog as of its latest change, kept in memory: every dataset is read once per change, not once per request.
import type { CatalogStore } from './store.ts';
import type { Dataset } from './types.ts';

export interface CatalogSnapshot {
  /** The change it is as of (the store's `revision`). Caches built from it key them by the snapshot itself. */
  revision: number;
  /** Every dataset, drafts and restricted ones too, in the store's order (by id). Shared: read, never change. */
  datasets: readonly Dataset[];
}

/**
 * The latest snapshot. Each call reads the change number (one row) first, so a change made by any process sharing the
 * database is seen by the next call; the rows are read after it, so a change in between makes a snapshot newer than
 * its number says, never older, and the next call reads again. Calls that find the same number share one read. Any
 * other number than the held one reads again, a lower one too (a database put back from a backup).
 */
export function catalogSnapshots(store: Pick<CatalogStore, 'revision' | 'listDatasets'>): () => Promise<CatalogSnapshot> {
  let held: CatalogSnapshot | null = null;
  let loading: { revision: number; snapshot: Promise<CatalogSnapshot> } | null = null;

  return async function current() {
    const revision = await store.revision();
    if (held?.revision === revision) return held;
    if (loading?.revision !== revision) {
      // The datasets that did not change stay the same objects: what pages prepared from them (web/search.ts) holds.
      const snapshot = store.listDatasets({ reuse: held?.datasets }).then((datasets): CatalogSnapshot => ({ revision, datasets }));
      const entry = { revision, snapshot };
      loading = entry;
      snapshot.then(
        (loaded) => {
          // A slower read of an older number may end last: the next call then reads again.
          held = loaded;
        },
        () => undefined,
      ).finally(() => {
        if (loading === entry) loading = null;
      });
    }
    return loading.snapshot;
  };
}
