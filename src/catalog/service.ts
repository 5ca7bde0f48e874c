// The catalog's rules: publishing versions, reading datasets as an audience may see them, deleting.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/index.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Engine } from '../engine/duckdb.ts';
import { ingestFile } from '../engine/ingest/index.ts';
import { twinOf } from '../engine/tables.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { recordEvent } from '../events/store.ts';
import { defaultMetadata, type FieldOverride, type MetadataInput } from './metadata.ts';
import type { CatalogStore } from './store.ts';
import { datasetIdPattern, type Dataset, type Field, type Version } from './types.ts';

/** Who is looking: restricted datasets exist only for those allowed to see them. */
export interface Audience {
  /** Staff see every restricted dataset. */
  seesRestricted: boolean;
  /** Restricted datasets this person was granted access to. */
  granted?: ReadonlySet<string>;
}

export function mayRead(dataset: Pick<Dataset, 'id' | 'visibility'>, audience: Audience): boolean {
  return dataset.visibility !== 'restricted' || audience.seesRestricted || (audience.granted?.has(dataset.id) ?? false);
}

export const publicAudience: Audience = { seesRestricted: false };
export const staffAudience: Audience = { seesRestricted: true };

export interface ImportRequest {
  datasetId: string;
  path: string;
  /** The name the publisher knows the file by, for messages. */
  displayName?: string;
  input?: MetadataInput;
  actor: string;
}

export function checkDatasetId(id: string): void {
  if (!datasetIdPattern.test(id)) {
    throw new Invalid(
      `"${id}" is not a valid dataset id: use 1 to 100 lowercase letters, digits, "-" or "_", starting with a letter or digit.`,
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
    return {
      ...field,
      label: override?.label ?? before?.label ?? field.label,
      description: override?.description !== undefined ? override.description : (before?.description ?? null),
      // What the data's form implies (multivalued) stays, whatever the publisher's annotations say.
      annotations: { ...(override?.annotations ?? before?.annotations ?? {}), ...field.annotations },
    };
  });
}

function newUid(): string {
  return `da_${randomBytes(5).toString('hex')}`;
}

export type CatalogService = ReturnType<typeof createCatalogService>;

export function createCatalogService(deps: {
  store: CatalogStore;
  db: Kysely<Database>;
  engine: Engine;
  blobs: BlobStore;
  clock: Clock;
  maxImportBytes?: number;
}) {
  const { store, db, engine, blobs, clock } = deps;

  async function visible(id: string, audience: Audience): Promise<Dataset> {
    const dataset = await store.getDataset(id);
    if (!dataset || !mayRead(dataset, audience)) {
      throw new NotFound(`The requested dataset ${id} does not exist.`);
    }
    return dataset;
  }

  return {
    getDataset: visible,

    async listDatasets(audience: Audience): Promise<Dataset[]> {
      if (audience.seesRestricted) return store.listDatasets({});
      if (!audience.granted?.size) return store.listDatasets({ visibility: 'public' });
      return (await store.listDatasets({})).filter((d) => mayRead(d, audience));
    },

    async listVersions(id: string, audience: Audience): Promise<Version[]> {
      await visible(id, audience);
      return store.listVersions(id);
    },

    /** The Parquet file of the dataset's current version, for the records engine to read. */
    async currentVersion(id: string, audience: Audience): Promise<{ dataset: Dataset; version: Version | null; path: string | null }> {
      const dataset = await visible(id, audience);
      if (!dataset.currentVersion) return { dataset, version: null, path: null };
      const version = await store.getVersion(dataset.currentVersion);
      return { dataset, version, path: version ? blobs.pathOf(version.blob) : null };
    },

    /**
     * Reads the file into a new version and makes it current in one transaction.
     * A failure anywhere leaves the previous version current and no file behind.
     */
    async importDataset(request: ImportRequest): Promise<{ dataset: Dataset; version: Version }> {
      checkDatasetId(request.datasetId);
      const input = request.input ?? { metadata: {} };
      const typeOverrides = Object.fromEntries(
        (input.fields ?? []).filter((f) => f.type).map((f) => [f.name, f.type!]),
      );
      const ingested = await ingestFile(engine, blobs, request.path, {
        displayName: request.displayName,
        maxBytes: deps.maxImportBytes,
        typeOverrides,
      });
      const versionId = randomUUID();
      const key = `datasets/${request.datasetId}/${versionId}.parquet`;
      const twinKey = twinOf(key);
      let committed = false;
      try {
        // The twin first: whoever sees the version's Parquet file finds its twin beside it.
        await blobs.commit(ingested.twinPath, twinKey);
        const bytes = await blobs.commit(ingested.tempPath, key);
        committed = true;
        const result = await db.transaction().execute(async (trx) => {
          const now = clock().toISOString();
          const existing = await store.getDataset(request.datasetId, trx);
          const fields = mergeFields(ingested.fields, existing?.fields ?? [], input.fields);
          const number = await store.nextVersionNumber(trx, request.datasetId);
          const metadataChanged = Object.keys(input.metadata).length > 0 || input.visibility !== undefined;
          const dataset: Dataset = {
            id: request.datasetId,
            uid: existing?.uid ?? newUid(),
            metadata: { ...(existing?.metadata ?? defaultMetadata(request.datasetId)), ...input.metadata },
            fields,
            visibility: input.visibility ?? existing?.visibility ?? 'public',
            currentVersion: versionId,
            recordsCount: ingested.recordsCount,
            createdAt: existing?.createdAt ?? now,
            modifiedAt: now,
            dataModifiedAt: now,
            metadataModifiedAt: !existing || metadataChanged ? now : existing.metadataModifiedAt,
          };
          const version: Version = {
            id: versionId,
            datasetId: dataset.id,
            number,
            blob: key,
            recordsCount: ingested.recordsCount,
            bytes,
            sourceName: request.displayName ?? request.path.split('/').pop()!,
            sourceFormat: ingested.format,
            fields,
            createdAt: now,
          };
          await store.saveDataset(trx, dataset, !existing);
          await store.insertVersion(trx, version);
          await recordEvent(trx, clock(), {
            actor: request.actor,
            verb: 'dataset.version_published',
            subjectType: 'dataset',
            subjectId: dataset.id,
            data: { version: number, records: version.recordsCount, format: version.sourceFormat },
          });
          return { dataset, version };
        });
        return result;
      } catch (error) {
        await blobs.remove(twinKey);
        if (committed) await blobs.remove(key);
        else await Promise.all([blobs.discard(ingested.tempPath), blobs.discard(ingested.twinPath)]);
        if (/unique|duplicate key/i.test((error as Error).message)) {
          throw new Conflict(`Another import of ${request.datasetId} was published at the same moment; import again.`);
        }
        throw error;
      }
    },

    async deleteDataset(id: string, actor: string): Promise<void> {
      checkDatasetId(id);
      const keys = await db.transaction().execute(async (trx) => {
        const existing = await store.getDataset(id, trx);
        if (!existing) throw new NotFound(`The requested dataset ${id} does not exist.`);
        const removed = await store.deleteDataset(trx, id);
        await recordEvent(trx, clock(), { actor, verb: 'dataset.deleted', subjectType: 'dataset', subjectId: id });
        return removed;
      });
      // Files go after the rows: a crash in between leaves an orphan file, never a row without its file.
      await Promise.all(keys.flatMap((k) => [blobs.remove(k), blobs.remove(twinOf(k))]));
    },
  };
}
