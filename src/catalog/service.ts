// The catalog's rules: publishing versions, reading datasets as an audience may see them, deleting.
import { NotFound } from '../errors.ts';
import { recordEvent } from '../events/store.ts';
import { changesOperations } from './changes.ts';
import { checkKey, defaultMetadata, readingsOf, type MetadataInput } from './metadata.ts';
import { refuseUnchecked } from './checks.ts';
import { tellDatasetEvent } from './events.ts';
import { publishingOperations } from './publishing.ts';
import { attachmentOperations } from './attachments.ts';
import { catalogSnapshots, type CatalogSnapshot } from './snapshot.ts';
import type { Dataset, Field, LocalizedText, Version } from './types.ts';
import { checkDatasetId, mergeFields, newUid, versionKeys, withVersionFile, type CatalogDeps } from './versions.ts';

/** Who is looking: restricted datasets exist only for those allowed to see them. */
export interface Audience {
  /** Staff see every restricted dataset. */
  seesRestricted: boolean;
  /** Restricted datasets this person was granted access to. */
  granted?: ReadonlySet<string>;
}

/** Staff see everything; others see published datasets that are public or granted to them. A draft exists for staff only. */
export function mayRead(dataset: Pick<Dataset, 'id' | 'visibility' | 'publishedAt'>, audience: Audience): boolean {
  if (audience.seesRestricted) return true;
  if (dataset.publishedAt === null) return false;
  return dataset.visibility !== 'restricted' || (audience.granted?.has(dataset.id) ?? false);
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
  /** Publish even where the import report asks a person to check a reading (they have seen it). */
  acceptChecks?: boolean;
}

export { checkDatasetId, mergeFields } from './versions.ts';

/** Where a person still appears in a dataset's metadata: its contact point's address or name, or elsewhere in the text. */
export interface ContactMention {
  datasetId: string;
  title: LocalizedText;
  found: ('contact_email' | 'contact_name' | 'metadata')[];
}

const normal = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Every dataset, published or not, whose metadata names the person: the contact point's address or name, or the
 * address anywhere in the metadata (a description, a landing page). Names are compared whole, so "An" finds no "Anna".
 */
function contactMentions(datasets: Dataset[], person: { email: string; name: string | null }): ContactMention[] {
  const email = normal(person.email);
  const name = person.name ? normal(person.name) : '';
  return datasets.flatMap((d) => {
    const contact = d.metadata.contactPoint;
    const found: ContactMention['found'] = [];
    if (email && contact?.email && normal(contact.email) === email) found.push('contact_email');
    if (name && contact?.name && normal(contact.name) === name) found.push('contact_name');
    if (email && found.length === 0 && normal(JSON.stringify(d.metadata)).includes(email)) found.push('metadata');
    return found.length ? [{ datasetId: d.id, title: d.metadata.title, found }] : [];
  });
}

/** An earlier version's fields with the dataset's labels, descriptions and annotations where the field is the same. */
function describedAsDataset(fields: Field[], described: Field[]): Field[] {
  return fields.map((field) => {
    const now = described.find((d) => d.name === field.name && d.type === field.type);
    return now ? { ...field, label: now.label, description: now.description, annotations: { ...now.annotations, ...field.annotations } } : field;
  });
}

export type CatalogService = ReturnType<typeof createCatalogService>;

export function createCatalogService(deps: CatalogDeps) {
  const { store, blobs, clock } = deps;
  const changes = changesOperations(deps);
  const publishing = publishingOperations(deps, changes.afterPublish);

  async function visible(id: string, audience: Audience): Promise<Dataset> {
    const dataset = await store.getDataset(id);
    if (!dataset || !mayRead(dataset, audience)) {
      throw new NotFound(`The requested dataset ${id} does not exist.`);
    }
    return dataset;
  }

  const snapshot = catalogSnapshots(store);
  const publicLists = new WeakMap<CatalogSnapshot, Dataset[]>();

  /**
   * The datasets the audience sees, with the snapshot they come from (what explore/catalog-table.ts builds its table
   * of). A new array each time (the caller may sort it); the datasets in it are the snapshot's, shared.
   */
  async function visibleCatalog(audience: Audience): Promise<{ snapshot: CatalogSnapshot; datasets: Dataset[] }> {
    const current = await snapshot();
    if (audience.seesRestricted) return { snapshot: current, datasets: [...current.datasets] };
    if (audience.granted?.size) return { snapshot: current, datasets: current.datasets.filter((d) => mayRead(d, audience)) };
    // The public's list, the one most asked for, is filtered once per snapshot.
    let seen = publicLists.get(current);
    if (!seen) {
      seen = current.datasets.filter((d) => mayRead(d, publicAudience));
      publicLists.set(current, seen);
    }
    return { snapshot: current, datasets: [...seen] };
  }

  async function listDatasets(audience: Audience): Promise<Dataset[]> {
    return (await visibleCatalog(audience)).datasets;
  }

  async function publishedVersion(dataset: Dataset, number: number): Promise<Version> {
    const version = Number.isSafeInteger(number) && number > 0 ? await store.versionByNumber(dataset.id, number) : null;
    if (!version || version.publishedAt === null) throw new NotFound(`The requested dataset ${dataset.id} has no version ${number}.`, 'no_version');
    return version;
  }

  return {
    getDataset: visible,

    listDatasets,

    visibleCatalog,

    /** The versions that were made current, newest first; staged ones too when asked (the back office). */
    async listVersions(id: string, audience: Audience, options: { includeStaged?: boolean } = {}): Promise<Version[]> {
      await visible(id, audience);
      return store.listVersions(id, { includeStaged: options.includeStaged && audience.seesRestricted });
    },

    /**
     * The Parquet file of the dataset's current version, for the records engine to read; with `number`, that published
     * version's (an earlier one), with its own fields described as the dataset describes them.
     */
    async currentVersion(id: string, audience: Audience, number?: number): Promise<{ dataset: Dataset; version: Version | null; path: string | null }> {
      const dataset = await visible(id, audience);
      if (number !== undefined) {
        const version = await publishedVersion(dataset, number);
        return { dataset: { ...dataset, fields: describedAsDataset(version.fields, dataset.fields), recordsCount: version.recordsCount }, version, path: blobs.pathOf(version.blob) };
      }
      if (!dataset.currentVersion) return { dataset, version: null, path: null };
      const version = await store.getVersion(dataset.currentVersion);
      return { dataset, version, path: version ? blobs.pathOf(version.blob) : null };
    },

    /** The versions made current most recently among the datasets the audience sees, newest first. */
    async recentVersions(audience: Audience, limit: number): Promise<Version[]> {
      const datasets = await listDatasets(audience);
      return store.recentVersions(datasets.map((d) => d.id), limit);
    },

    /** A version that was made current, for whoever may read the dataset; a staged one does not exist for them. */
    async publishedVersion(id: string, number: number, audience: Audience): Promise<{ dataset: Dataset; version: Version }> {
      const dataset = await visible(id, audience);
      return { dataset, version: await publishedVersion(dataset, number) };
    },

    /**
     * Reads the file into a new version and makes it current in one transaction.
     * A failure anywhere leaves the previous version current and no file behind.
     */
    async importDataset(request: ImportRequest): Promise<{ dataset: Dataset; version: Version }> {
      checkDatasetId(request.datasetId);
      const input = request.input ?? { metadata: {} };
      const readings = readingsOf(input.fields);
      const imported = await withVersionFile(deps, { datasetId: request.datasetId, path: request.path, displayName: request.displayName, readings }, (file) =>
        store.transaction(async (trx) => {
          // Published at once: a reading no value settles must have been seen by the person importing.
          if (!request.acceptChecks) refuseUnchecked(file.ingested.report);
          const now = clock().toISOString();
          const existing = await store.getDataset(request.datasetId, trx);
          const fields = mergeFields(file.ingested.fields, existing?.fields ?? [], input.fields);
          if (input.metadata.key) checkKey(input.metadata.key, fields);
          const previous = existing?.currentVersion ? await store.getVersion(existing.currentVersion, trx) : null;
          const number = await store.nextVersionNumber(trx, request.datasetId);
          const metadataChanged = Object.keys(input.metadata).length > 0 || input.visibility !== undefined;
          const dataset: Dataset = {
            id: request.datasetId,
            uid: existing?.uid ?? newUid(),
            metadata: { ...(existing?.metadata ?? defaultMetadata(request.datasetId)), ...input.metadata },
            fields,
            visibility: input.visibility ?? existing?.visibility ?? 'public',
            currentVersion: file.versionId,
            recordsCount: file.ingested.recordsCount,
            createdAt: existing?.createdAt ?? now,
            modifiedAt: now,
            dataModifiedAt: now,
            metadataModifiedAt: !existing || metadataChanged ? now : existing.metadataModifiedAt,
            // An import publishes a new dataset at once; a draft made in the back office stays a draft.
            publishedAt: existing ? existing.publishedAt : now,
          };
          const version: Version = {
            id: file.versionId,
            datasetId: dataset.id,
            number,
            blob: file.key,
            recordsCount: file.ingested.recordsCount,
            bytes: file.bytes,
            sourceName: request.displayName ?? request.path.split('/').pop()!,
            sourceFormat: file.ingested.format,
            fields,
            createdAt: now,
            publishedAt: now,
            sourceBlob: file.sourceKey,
            readings,
            report: file.ingested.report,
            changes: null,
            comparedTo: previous?.number ?? null,
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
          await tellDatasetEvent(trx, {
            type: 'version_published',
            datasetId: dataset.id,
            at: now,
            version: number,
            previousVersion: previous?.number ?? null,
            firstPublication: !existing?.publishedAt && dataset.publishedAt !== null,
            ...(existing && metadataChanged ? { keys: Object.keys(input.metadata) } : {}),
          });
          return { dataset, version };
        }),
      );
      // After the commit, so that a slow or failed comparison never holds or undoes the publication.
      await changes.afterPublish(imported.dataset.id, imported.version.number);
      return { dataset: imported.dataset, version: (await store.getVersion(imported.version.id)) ?? imported.version };
    },

    /** What changed in a published version against the one current before it (src/catalog/changes.ts). */
    changesOf: changes.changesOf,

    /** For the privacy office: where a person's address or name is still published in the datasets' metadata. */
    async mentionsOf(person: { email: string; name: string | null }): Promise<ContactMention[]> {
      return contactMentions(await store.listDatasets({}), person);
    },

    async deleteDataset(id: string, actor: string): Promise<void> {
      checkDatasetId(id);
      const removed = await store.transaction(async (trx) => {
        const existing = await store.getDataset(id, trx);
        if (!existing) throw new NotFound(`The requested dataset ${id} does not exist.`);
        const blobsOf = await store.deleteDataset(trx, id);
        await recordEvent(trx, clock(), { actor, verb: 'dataset.deleted', subjectType: 'dataset', subjectId: id });
        return blobsOf;
      });
      // Files go after the rows: a crash in between leaves an orphan file, never a row without its file.
      await Promise.all([...removed.versions.flatMap(versionKeys), ...removed.attachments].map((key) => blobs.remove(key)));
    },

    /** The attachments of these datasets, by dataset: only call with datasets the caller may see (listDatasets). */
    attachmentsOf: (datasets: Dataset[]) => store.attachmentsOf(datasets.map((d) => d.id)),

    ...publishing,
    ...attachmentOperations(deps, visible),
  };
}
