// Each version's changes against the version current before it: computed once after it is made current, stored with it.
import { existsSync } from 'node:fs';
import { firstVersionChanges, versionChanges } from './diff.ts';
import type { Dataset, Version, VersionChanges } from './types.ts';
import type { CatalogDeps } from './versions.ts';

export function changesOperations(deps: CatalogDeps) {
  const { store, engine, blobs } = deps;
  const log = deps.log ?? (() => undefined);

  /** The version compared to: the one recorded when it was made current, else the newest published before it. */
  async function previousOf(version: Version): Promise<Version | null> {
    if (version.comparedTo !== null) return store.versionByNumber(version.datasetId, version.comparedTo);
    return store.publishedBefore(version.datasetId, version.number);
  }

  async function compute(dataset: Dataset, version: Version): Promise<VersionChanges | null> {
    const path = blobs.pathOf(version.blob);
    // A version whose file is no longer kept has nothing to compare.
    if (!existsSync(path)) return null;
    const key = dataset.metadata.key ?? [];
    const previous = await previousOf(version);
    if (!previous) return firstVersionChanges(engine, { number: version.number, path, fields: version.fields, recordsCount: version.recordsCount }, key);
    const before = blobs.pathOf(previous.blob);
    if (!existsSync(before)) return null;
    return versionChanges(engine, { number: previous.number, path: before, fields: previous.fields }, { number: version.number, path, fields: version.fields }, key);
  }

  const operations = {
    /**
     * What changed in a published version (staged ones have none yet): the stored summary, computed and stored when
     * missing. Idempotent: a summary once stored stays. Null when the dataset or version is unknown, or its files gone.
     */
    async changesOf(datasetId: string, number: number): Promise<VersionChanges | null> {
      const dataset = await store.getDataset(datasetId);
      const version = Number.isSafeInteger(number) ? await store.versionByNumber(datasetId, number) : null;
      if (!dataset || !version || version.publishedAt === null) return null;
      if (version.changes) return version.changes;
      const changes = await compute(dataset, version);
      if (!changes) return null;
      await store.saveVersionChanges(version.id, changes);
      // Another process may have stored its own first: the stored one is the answer.
      return (await store.versionByNumber(datasetId, number))?.changes ?? changes;
    },

    /** Right after a version was made current: a failure is logged and left to changesOf, never the publication's. */
    async afterPublish(datasetId: string, number: number): Promise<void> {
      try {
        await operations.changesOf(datasetId, number);
      } catch (error) {
        log(`Could not compute the changes of ${datasetId} version ${number}; they will be computed when asked for.`, error);
      }
      // The changes are there: followers and webhooks may hear of the version now.
      deps.changed?.();
    },
  };
  return operations;
}
