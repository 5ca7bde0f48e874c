// The back office's rules: drafts, metadata edits, staged versions reviewed before they go live, publish and unpublish.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { recordEvent } from '../events/store.ts';
import { identifier, literal } from '../engine/sql.ts';
import { checkAnnotationsFit, checkKey, defaultMetadata, type FieldOverride, type MetadataInput } from './metadata.ts';
import type { Dataset, Field, FieldReading, Version } from './types.ts';
import { refuseUnchecked } from './checks.ts';
import { tellDatasetEvent } from './events.ts';
import { checkDatasetId, mergeFields, newUid, versionKeys, withVersionFile, type CatalogDeps } from './versions.ts';

/** A staged version's first rows, each value as text, in the order of its fields. */
export interface VersionPreview {
  version: Version;
  rows: (string | null)[][];
}

const noSuchDataset = (id: string) => new NotFound(`The requested dataset ${id} does not exist.`, 'no_dataset');

/** The publisher's changes to the fields' labels, descriptions and annotations; the type and lists follow the data. */
function applyFieldOverrides(fields: Field[], overrides: FieldOverride[]): Field[] {
  if (overrides.length > 0 && fields.length === 0) {
    throw new Invalid('The dataset has no fields yet: upload a version first, then describe its fields.', 'no_fields');
  }
  for (const override of overrides) {
    const field = fields.find((f) => f.name === override.name);
    if (!field) throw new Invalid(`There is no field "${override.name}"; the fields are: ${fields.map((f) => f.name).join(', ')}.`, 'unknown_field');
    if (override.annotations) checkAnnotationsFit(field, override.annotations);
    if ((override.type !== undefined && override.type !== field.type) || override.format !== undefined) {
      throw new Invalid(
        `The type of "${field.name}" follows from the data: read a version again with the type chosen (POST …/versions/{n}/readings, or the version's page), or give "type" and "format" with a new version.`,
        'field_type',
      );
    }
  }
  return fields.map((field) => {
    const override = overrides.find((o) => o.name === field.name);
    if (!override) return field;
    const { multivalued: _ignored, ...annotations } = override.annotations ?? field.annotations;
    return {
      ...field,
      label: override.label ?? field.label,
      description: override.description !== undefined ? override.description : field.description,
      // Whether a field holds lists is how its values are stored, not a matter of description.
      annotations: { ...annotations, ...(field.annotations.multivalued ? { multivalued: field.annotations.multivalued } : {}) },
    };
  });
}

/** `afterPublish`: what follows a version made current, after the commit (its changes computed; changes.ts). */
export function publishingOperations(deps: CatalogDeps, afterPublish: (datasetId: string, number: number) => Promise<void>) {
  const { store, engine, blobs, clock } = deps;

  async function existing(id: string, trx?: Kysely<Database>): Promise<Dataset> {
    checkDatasetId(id);
    const dataset = await store.getDataset(id, trx);
    if (!dataset) throw noSuchDataset(id);
    return dataset;
  }

  async function versionOf(datasetId: string, number: number, trx?: Kysely<Database>): Promise<Version> {
    await existing(datasetId, trx);
    const version = Number.isSafeInteger(number) ? await store.versionByNumber(datasetId, number, trx) : null;
    if (!version) throw new NotFound(`Dataset ${datasetId} has no version ${number}.`, 'no_version');
    return version;
  }

  const operations = {
    /** Any dataset by id, whatever its state: the back office's view. */
    datasetForStaff: existing,
    versionForStaff: (datasetId: string, number: number) => versionOf(datasetId, number),

    /** A new dataset without data: a draft, seen only by staff until a version is published. */
    async createDataset(request: { id: string; input: MetadataInput; actor: string }): Promise<Dataset> {
      checkDatasetId(request.id);
      if (request.input.fields?.length) throw new Invalid('A new dataset has no fields yet: describe them after the first upload.', 'no_fields');
      if (request.input.metadata.key?.length) checkKey(request.input.metadata.key, []);
      return store.transaction(async (trx) => {
        if (await store.getDataset(request.id, trx)) throw new Conflict(`A dataset ${request.id} exists already; choose another id.`, 'dataset_exists');
        const now = clock().toISOString();
        const dataset: Dataset = {
          id: request.id,
          uid: newUid(),
          metadata: { ...defaultMetadata(request.id), ...request.input.metadata },
          fields: [],
          visibility: request.input.visibility ?? 'public',
          currentVersion: null,
          recordsCount: 0,
          createdAt: now,
          modifiedAt: now,
          dataModifiedAt: null,
          metadataModifiedAt: now,
          publishedAt: null,
        };
        await store.saveDataset(trx, dataset, true);
        await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.created', subjectType: 'dataset', subjectId: dataset.id });
        return dataset;
      });
    },

    /**
     * Changes metadata, visibility and field descriptions. `replace` (PUT) resets every metadata key
     * not given to its default; otherwise (PATCH) only the given keys change. Fields not named keep theirs.
     */
    async updateMetadata(request: { id: string; input: MetadataInput; actor: string; replace?: boolean }): Promise<Dataset> {
      const updated = await store.transaction(async (trx) => {
        const before = await existing(request.id, trx);
        const { input } = request;
        const now = clock().toISOString();
        const metadata = { ...(request.replace ? defaultMetadata(before.id) : before.metadata), ...input.metadata };
        if (input.metadata.key) checkKey(input.metadata.key, before.fields);
        if (!metadata.title.nl && !metadata.title.en) throw new Invalid('A dataset needs a title.', 'title_required');
        const dataset: Dataset = {
          ...before,
          metadata,
          visibility: input.visibility ?? before.visibility,
          fields: applyFieldOverrides(before.fields, input.fields ?? []),
          modifiedAt: now,
          metadataModifiedAt: now,
        };
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        const keys = [
          ...(Object.keys(metadata) as (keyof typeof metadata)[]).filter((k) => !same(metadata[k], before.metadata[k])),
          ...(dataset.visibility !== before.visibility ? ['visibility'] : []),
          ...(!same(dataset.fields, before.fields) ? ['fields'] : []),
        ];
        // A form sent again unchanged changes nothing, not even the modification date.
        if (keys.length === 0) return before;
        await store.saveDataset(trx, dataset, false);
        // The keys that changed, never their values: a contact point may name a person.
        await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.metadata_updated', subjectType: 'dataset', subjectId: dataset.id, data: { keys, replace: request.replace === true } });
        // Followers hear of a change to what the public sees; a draft has no followers yet.
        if (dataset.publishedAt !== null) await tellDatasetEvent(trx, { type: 'metadata_updated', datasetId: dataset.id, at: now, keys });
        return dataset;
      });
      deps.changed?.();
      return updated;
    },

    /**
     * Reads the file into a new version that is not current: the public keeps the current one until
     * the staged version is published. A failure leaves nothing behind.
     */
    async stageVersion(request: { datasetId: string; path: string; displayName?: string; actor: string; readings?: Record<string, FieldReading> }): Promise<Version> {
      const dataset = await existing(request.datasetId);
      const readings = request.readings ?? {};
      return withVersionFile(deps, { ...request, readings }, (file) =>
        store.transaction(async (trx) => {
          const now = clock().toISOString();
          const version: Version = {
            id: file.versionId,
            datasetId: dataset.id,
            number: await store.nextVersionNumber(trx, dataset.id),
            blob: file.key,
            recordsCount: file.ingested.recordsCount,
            bytes: file.bytes,
            sourceName: request.displayName ?? request.path.split('/').pop()!,
            sourceFormat: file.ingested.format,
            fields: mergeFields(file.ingested.fields, dataset.fields),
            createdAt: now,
            publishedAt: null,
            sourceBlob: file.sourceKey,
            readings,
            report: file.ingested.report,
            changes: null,
            comparedTo: null,
          };
          if (!(await store.getDataset(dataset.id, trx))) throw noSuchDataset(dataset.id);
          await store.insertVersion(trx, version);
          await recordEvent(trx, clock(), {
            actor: request.actor,
            verb: 'dataset.version_staged',
            subjectType: 'dataset',
            subjectId: dataset.id,
            data: { version: version.number, records: version.recordsCount, format: version.sourceFormat },
          });
          return version;
        }),
      );
    },

    /**
     * Reads the version's source file again with the readings a person chose (merged over the version's own), so the
     * types follow. A staged version is replaced under its number; a published one stays as history and the reading
     * becomes a new staged version. Values that do not fit a chosen type are counted in the new report.
     */
    async rereadVersion(request: { datasetId: string; number: number; readings: Record<string, FieldReading>; actor: string; replace?: boolean }): Promise<Version> {
      const version = await versionOf(request.datasetId, request.number);
      if (!version.sourceBlob) {
        throw new Conflict(`Version ${version.number} of ${request.datasetId} was imported before Opaal kept source files; upload the file again to choose its types.`, 'no_source');
      }
      const unknown = Object.keys(request.readings).find((name) => !version.fields.some((f) => f.name === name));
      if (unknown) throw new Invalid(`There is no field "${unknown}"; the fields are: ${version.fields.map((f) => f.name).join(', ')}.`, 'unknown_field');
      // `replace`: the readings are the whole choice (a form that lists every field); otherwise they add to the version's.
      const readings = request.replace ? request.readings : { ...version.readings, ...request.readings };
      const source = blobs.pathOf(version.sourceBlob);
      if (version.publishedAt !== null) {
        return operations.stageVersion({ datasetId: request.datasetId, path: source, displayName: version.sourceName, actor: request.actor, readings });
      }
      const dataset = await existing(request.datasetId);
      const replaced = await withVersionFile(deps, { datasetId: dataset.id, path: source, displayName: version.sourceName, readings, keepSource: false }, (file) =>
        store.transaction(async (trx) => {
          const current = await versionOf(request.datasetId, request.number, trx);
          if (current.publishedAt !== null || current.blob !== version.blob) {
            throw new Conflict(`Version ${version.number} of ${request.datasetId} changed meanwhile; look at it again.`, 'version_changed');
          }
          const next: Version = {
            ...current,
            blob: file.key,
            recordsCount: file.ingested.recordsCount,
            bytes: file.bytes,
            fields: mergeFields(file.ingested.fields, dataset.fields),
            readings,
            report: file.ingested.report,
          };
          await store.replaceVersionData(trx, next);
          await recordEvent(trx, clock(), {
            actor: request.actor,
            verb: 'dataset.version_reread',
            subjectType: 'dataset',
            subjectId: dataset.id,
            data: { version: next.number, records: next.recordsCount, fields: Object.keys(request.readings) },
          });
          return next;
        }),
      );
      // The source stays: it is still this version's.
      await Promise.all(versionKeys({ blob: version.blob, sourceBlob: null }).map((key) => blobs.remove(key)));
      return replaced;
    },

    /**
     * Makes the version current and the dataset published: what the public sees from now on. A version whose report
     * asks a person to check a reading needs `acknowledgeChecks`: the person says they looked.
     */
    async publishVersion(request: { datasetId: string; number: number; actor: string; acknowledgeChecks?: boolean }): Promise<{ dataset: Dataset; version: Version }> {
      const published = await store.transaction(async (trx) => {
        const before = await existing(request.datasetId, trx);
        const version = await versionOf(request.datasetId, request.number, trx);
        if (!request.acknowledgeChecks && version.publishedAt === null) refuseUnchecked(version.report);
        const now = clock().toISOString();
        const dataset: Dataset = {
          ...before,
          // The dataset's descriptions win; a field it lacks (an older version made current again) keeps the version's.
          fields: mergeFields(version.fields, [...before.fields, ...version.fields.filter((f) => !before.fields.some((b) => b.name === f.name))]),
          currentVersion: version.id,
          recordsCount: version.recordsCount,
          modifiedAt: now,
          dataModifiedAt: now,
          publishedAt: before.publishedAt ?? now,
        };
        await store.saveDataset(trx, dataset, false);
        // The version current until now is what this one is compared to (the first time it is made current).
        const previous = before.currentVersion && before.currentVersion !== version.id ? await store.getVersion(before.currentVersion, trx) : null;
        await store.markVersionPublished(trx, version.id, now, previous?.number ?? null);
        await recordEvent(trx, clock(), {
          actor: request.actor,
          verb: 'dataset.version_published',
          subjectType: 'dataset',
          subjectId: dataset.id,
          data: { version: version.number, records: version.recordsCount, format: version.sourceFormat, wasDraft: before.publishedAt === null },
        });
        if (before.currentVersion !== version.id || before.publishedAt === null) {
          await tellDatasetEvent(trx, { type: 'version_published', datasetId: dataset.id, at: now, version: version.number, previousVersion: previous?.number ?? null, firstPublication: before.publishedAt === null });
        }
        return { dataset, version: { ...version, publishedAt: version.publishedAt ?? now } };
      });
      await afterPublish(published.dataset.id, published.version.number);
      return { dataset: published.dataset, version: (await store.getVersion(published.version.id)) ?? published.version };
    },

    /** Throws away a staged version and its file; a version that was ever published stays as history. */
    async discardVersion(request: { datasetId: string; number: number; actor: string }): Promise<void> {
      const discarded = await store.transaction(async (trx) => {
        const version = await versionOf(request.datasetId, request.number, trx);
        if (version.publishedAt !== null) {
          throw new Conflict(`Version ${version.number} of ${request.datasetId} was published; only a staged version can be discarded.`, 'version_published');
        }
        await store.deleteVersion(trx, version.id);
        await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.version_discarded', subjectType: 'dataset', subjectId: request.datasetId, data: { version: version.number } });
        return version;
      });
      await Promise.all(versionKeys(discarded).map((key) => blobs.remove(key)));
    },

    /** Publishes (`true`) or takes back to a draft (`false`) a dataset with its current version. */
    async setPublished(request: { id: string; published: boolean; actor: string }): Promise<Dataset> {
      const updated = await store.transaction(async (trx) => {
        const before = await existing(request.id, trx);
        if (request.published && !before.currentVersion) {
          throw new Invalid(`Dataset ${request.id} has no data yet: upload a version and publish that.`, 'no_current_version');
        }
        if (request.published === (before.publishedAt !== null)) return before;
        const now = clock().toISOString();
        const dataset: Dataset = { ...before, publishedAt: request.published ? now : null, modifiedAt: now };
        await store.saveDataset(trx, dataset, false);
        await recordEvent(trx, clock(), { actor: request.actor, verb: request.published ? 'dataset.published' : 'dataset.unpublished', subjectType: 'dataset', subjectId: dataset.id });
        if (request.published) await tellDatasetEvent(trx, { type: 'dataset_published', datasetId: dataset.id, at: now, firstPublication: true });
        return dataset;
      });
      deps.changed?.();
      return updated;
    },

    /** The first rows of any version, as text, to check a staged upload before it goes live. */
    async previewVersion(datasetId: string, number: number, limit = 10): Promise<VersionPreview> {
      const version = await versionOf(datasetId, number);
      const columns = version.fields.map((f) => {
        const column = identifier(f.name);
        const text = f.type === 'geo_point_2d' ? `concat(CAST(${column}.lat AS VARCHAR), ', ', CAST(${column}.lon AS VARCHAR))` : `CAST(${column} AS VARCHAR)`;
        return `CASE WHEN ${column} IS NULL THEN NULL ELSE left(${text}, 200) END AS ${identifier(`c_${f.name}`)}`;
      });
      const rows = await engine.all(`SELECT ${columns.join(', ')} FROM read_parquet(${literal(blobs.pathOf(version.blob))}) LIMIT ${Math.max(1, Math.min(limit, 100))}`);
      return { version, rows: rows.map((row) => version.fields.map((f) => (row[`c_${f.name}`] === null ? null : String(row[`c_${f.name}`])))) };
    },
  };
  return operations;
}
