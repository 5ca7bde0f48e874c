// What every way of adding a version shares: the id rule, carrying field descriptions over, and ingesting to a blob safely.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, link } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BlobStore } from '../blobs/index.ts';
import type { Clock } from '../clock.ts';
import type { Engine } from '../engine/duckdb.ts';
import { ingestFile, type IngestResult } from '../engine/ingest/index.ts';
import type { ImportLimits } from '../engine/ingest/limits.ts';
import { twinOf } from '../engine/tables.ts';
import { Conflict, Invalid } from '../errors.ts';
import { checkAnnotationsFit, type FieldOverride } from './metadata.ts';
import type { CatalogStore } from './store.ts';
import { datasetIdPattern, type Field, type FieldReading } from './types.ts';

export interface CatalogDeps {
  store: CatalogStore;
  engine: Engine;
  blobs: BlobStore;
  clock: Clock;
  maxImportBytes?: number;
  importLimits?: ImportLimits;
  /** Where a failure that must not fail the request is told (a version's changes not computed); nowhere when left out. */
  log?: (message: string, error: unknown) => void;
  /** Told after a change that enqueued a dataset event committed (the job runner looks at once). */
  changed?: () => void;
}

export function checkDatasetId(id: string): void {
  if (!datasetIdPattern.test(id)) {
    throw new Invalid(
      `"${id}" is not a valid dataset id: use 1 to 100 lowercase letters, digits, "-" or "_", starting with a letter or digit.`,
      'dataset_id',
    );
  }
}

/** Carries the publisher's labels, descriptions and annotations over to the new version's fields. */
export function mergeFields(inferred: Field[], previous: Field[], overrides: FieldOverride[] = []): Field[] {
  const known = new Set(inferred.map((f) => f.name));
  const unknown = overrides.find((o) => !known.has(o.name));
  if (unknown) {
    throw new Invalid(`Metadata "fields" names "${unknown.name}", which the file does not have; its fields are: ${[...known].join(', ')}.`);
  }
  return inferred.map((field) => {
    const before = previous.find((p) => p.name === field.name);
    const override = overrides.find((o) => o.name === field.name);
    if (override?.annotations) checkAnnotationsFit(field, override.annotations);
    return {
      ...field,
      label: override?.label ?? before?.label ?? field.label,
      description: override?.description !== undefined ? override.description : (before?.description ?? null),
      // What the data's form implies (multivalued) stays, whatever the publisher's annotations say.
      annotations: { ...(override?.annotations ?? before?.annotations ?? {}), ...field.annotations },
    };
  });
}

export function newUid(): string {
  return `da_${randomBytes(5).toString('hex')}`;
}

/** The files of a version: its Parquet file, its DuckDB twin and, where one was kept, its source. */
export function versionKeys(version: { blob: string; sourceBlob: string | null }): string[] {
  return [version.blob, twinOf(version.blob), ...(version.sourceBlob ? [version.sourceBlob] : [])];
}

interface VersionFile {
  ingested: IngestResult;
  versionId: string;
  /** Blob key of the committed Parquet file. */
  key: string;
  bytes: number;
  /** Blob key of the kept source file, or null when the caller keeps its own (a staged version read again). */
  sourceKey: string | null;
}

/** A copy of the source under the blob store's temp area: a hard link where the file system allows, else a copy. */
async function keptCopy(path: string, target: string): Promise<void> {
  try {
    await link(path, target);
  } catch {
    await copyFile(path, target);
  }
}

/**
 * Ingests the file into a committed blob, then lets `record` write the rows. A failure in either
 * removes the file, so no blob is left without its row and no row without its blob.
 */
export async function withVersionFile<T>(
  deps: CatalogDeps,
  request: { datasetId: string; path: string; displayName?: string; readings?: Record<string, FieldReading>; keepSource?: boolean },
  record: (file: VersionFile) => Promise<T>,
): Promise<T> {
  const ingested = await ingestFile(deps.engine, deps.blobs, request.path, {
    displayName: request.displayName,
    maxBytes: deps.maxImportBytes,
    limits: deps.importLimits,
    readings: request.readings,
  });
  const versionId = randomUUID();
  const key = `datasets/${request.datasetId}/${versionId}.parquet`;
  const twinKey = twinOf(key);
  // The file as uploaded stays beside the version, so a person can have it read again with other types.
  const sourceKey = request.keepSource === false ? null : `datasets/${request.datasetId}/${versionId}.source${extname(request.displayName ?? request.path).toLowerCase()}`;
  let committed = false;
  try {
    if (sourceKey) {
      const temp = deps.blobs.tempPath('.source');
      try {
        await keptCopy(request.path, temp);
      } catch (error) {
        await deps.blobs.discard(temp);
        throw error;
      }
      await deps.blobs.commit(temp, sourceKey);
    }
    // The twin first: whoever sees the version's Parquet file finds its twin beside it.
    await deps.blobs.commit(ingested.twinPath, twinKey);
    const bytes = await deps.blobs.commit(ingested.tempPath, key);
    committed = true;
    return await record({ ingested, versionId, key, bytes, sourceKey });
  } catch (error) {
    await deps.blobs.remove(twinKey);
    if (sourceKey) await deps.blobs.remove(sourceKey);
    if (committed) await deps.blobs.remove(key);
    else await Promise.all([deps.blobs.discard(ingested.tempPath), deps.blobs.discard(ingested.twinPath)]);
    if (/unique|duplicate key/i.test((error as Error).message)) {
      throw new Conflict(`Another version of ${request.datasetId} was added at the same moment; upload it again.`, 'concurrent_version');
    }
    throw error;
  }
}
