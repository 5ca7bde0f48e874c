// Reads and writes datasets and versions in the relational store.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DatasetAttachmentsTable, DatasetVersionsTable, DatasetsTable } from '../db/schema.ts';
import type { Attachment, Dataset, Version, VersionChanges } from './types.ts';

function toDataset(row: Selectable<DatasetsTable>): Dataset {
  return {
    id: row.id,
    uid: row.uid,
    // Metadata stored before keys existed has none.
    metadata: { key: [], ...JSON.parse(row.metadata) },
    fields: JSON.parse(row.fields),
    visibility: row.visibility as Dataset['visibility'],
    currentVersion: row.current_version,
    recordsCount: Number(row.records_count),
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    dataModifiedAt: row.data_modified_at,
    metadataModifiedAt: row.metadata_modified_at,
    publishedAt: row.published_at,
  };
}

/** The row each dataset was read from, as one text: equal texts, equal datasets. */
const rowsRead = new WeakMap<Dataset, string>();
const rowText = (row: Selectable<DatasetsTable>) => Object.values(row).map((value) => (value === null ? '\u0001' : String(value))).join('\u0000');

function remember(dataset: Dataset, row: Selectable<DatasetsTable>): Dataset {
  rowsRead.set(dataset, rowText(row));
  return dataset;
}

function toVersion(row: Selectable<DatasetVersionsTable>): Version {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    number: Number(row.number),
    blob: row.blob,
    recordsCount: Number(row.records_count),
    bytes: Number(row.bytes),
    sourceName: row.source_name,
    sourceFormat: row.source_format as Version['sourceFormat'],
    fields: JSON.parse(row.fields),
    createdAt: row.created_at,
    publishedAt: row.published_at,
    sourceBlob: row.source_blob,
    readings: row.readings ? JSON.parse(row.readings) : {},
    report: row.report ? JSON.parse(row.report) : null,
    changes: row.changes ? JSON.parse(row.changes) : null,
    comparedTo: row.compared_to === null ? null : Number(row.compared_to),
  };
}

function versionRow(v: Version): DatasetVersionsTable {
  return {
    id: v.id,
    dataset_id: v.datasetId,
    number: v.number,
    blob: v.blob,
    records_count: v.recordsCount,
    bytes: v.bytes,
    source_name: v.sourceName,
    source_format: v.sourceFormat,
    fields: JSON.stringify(v.fields),
    created_at: v.createdAt,
    published_at: v.publishedAt,
    source_blob: v.sourceBlob,
    readings: JSON.stringify(v.readings),
    report: v.report ? JSON.stringify(v.report) : null,
    changes: v.changes ? JSON.stringify(v.changes) : null,
    compared_to: v.comparedTo,
  };
}

function datasetRow(d: Dataset): DatasetsTable {
  return {
    id: d.id,
    uid: d.uid,
    metadata: JSON.stringify(d.metadata),
    fields: JSON.stringify(d.fields),
    visibility: d.visibility,
    current_version: d.currentVersion,
    records_count: d.recordsCount,
    created_at: d.createdAt,
    modified_at: d.modifiedAt,
    data_modified_at: d.dataModifiedAt,
    metadata_modified_at: d.metadataModifiedAt,
    published_at: d.publishedAt,
  };
}

function toAttachment(row: Selectable<DatasetAttachmentsTable>): Attachment {
  return {
    datasetId: row.dataset_id,
    id: row.id,
    title: row.title,
    fileName: row.file_name,
    mimeType: row.mime_type,
    bytes: Number(row.bytes),
    blob: row.blob,
    createdAt: row.created_at,
  };
}

/**
 * Counts a change to `datasets` (migration 0029), in the writer's transaction: first, so that in PostgreSQL the row's
 * lock orders every catalog write the same way and two writers cannot wait on each other.
 */
async function countChange(trx: Kysely<Database>): Promise<void> {
  await trx
    .insertInto('catalog_revision')
    .values({ id: 1, revision: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ revision: eb('catalog_revision.revision', '+', 1) })))
    .execute();
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;

export function createCatalogStore(db: Kysely<Database>) {
  return {
    /** Runs `work` in one transaction; the store's writes and the event log's take its `trx`. */
    transaction: <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> => db.transaction().execute(work),

    async getDataset(id: string, trx: Kysely<Database> = db): Promise<Dataset | null> {
      const row = await trx.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDataset(row) : null;
    },

    /** The number of changes made to the catalog's datasets so far, by any process: what caches of the catalog are keyed by. */
    async revision(): Promise<number> {
      const row = await db.selectFrom('catalog_revision').select('revision').where('id', '=', 1).executeTakeFirst();
      return Number(row?.revision ?? 0);
    },

    /**
     * `publicOnly`: published and public, what anyone may see. `reuse`: datasets read before; one whose row is the same
     * is returned as that very object, so what was computed from it (catalog/snapshot.ts) still holds.
     */
    async listDatasets(options: { publicOnly?: boolean; reuse?: readonly Dataset[] } = {}): Promise<Dataset[]> {
      let query = db.selectFrom('datasets').selectAll().orderBy('id');
      if (options.publicOnly) query = query.where('visibility', '=', 'public').where('published_at', 'is not', null);
      const before = new Map((options.reuse ?? []).map((d) => [d.id, d]));
      return (await query.execute()).map((row) => {
        const seen = before.get(row.id);
        const same = seen && rowsRead.get(seen) === rowText(row);
        return same ? seen : remember(toDataset(row), row);
      });
    },

    /** Newest first; staged versions only when asked for. */
    async listVersions(datasetId: string, options: { includeStaged?: boolean } = {}): Promise<Version[]> {
      let query = db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId);
      if (!options.includeStaged) query = query.where('published_at', 'is not', null);
      return (await query.orderBy('number', 'desc').execute()).map(toVersion);
    },

    async getVersion(id: string, trx: Kysely<Database> = db): Promise<Version | null> {
      const row = await trx.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    async versionByNumber(datasetId: string, number: number, trx: Kysely<Database> = db): Promise<Version | null> {
      const row = await trx
        .selectFrom('dataset_versions')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('number', '=', number)
        .executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    /** The first time a version is made current: when, and the number of the version current before it. */
    async markVersionPublished(trx: Kysely<Database>, id: string, at: string, comparedTo: number | null): Promise<void> {
      await trx.updateTable('dataset_versions').set({ published_at: at, compared_to: comparedTo }).where('id', '=', id).where('published_at', 'is', null).execute();
    },

    /** Stores a version's changes once: a second computation (another process) leaves the first. */
    async saveVersionChanges(id: string, changes: VersionChanges): Promise<void> {
      await db
        .updateTable('dataset_versions')
        .set({ changes: JSON.stringify(changes), compared_to: changes.comparedTo })
        .where('id', '=', id)
        .where('changes', 'is', null)
        .execute();
    },

    /** The versions of these datasets made current most recently, newest first (the catalog's feed). */
    async recentVersions(datasetIds: string[], limit: number): Promise<Version[]> {
      if (datasetIds.length === 0) return [];
      const rows = await db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('dataset_id', 'in', datasetIds)
        .where('published_at', 'is not', null)
        .orderBy('published_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toVersion);
    },

    /** The number of the newest published version before `number`: what a version not known to be compared to is compared to. */
    async publishedBefore(datasetId: string, number: number): Promise<Version | null> {
      const row = await db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('number', '<', number)
        .where('published_at', 'is not', null)
        .orderBy('number', 'desc')
        .executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    async deleteVersion(trx: Kysely<Database>, id: string): Promise<void> {
      await trx.deleteFrom('dataset_versions').where('id', '=', id).execute();
    },

    async nextVersionNumber(trx: Transaction<Database>, datasetId: string): Promise<number> {
      const row = await trx
        .selectFrom('dataset_versions')
        .select((eb) => eb.fn.max('number').as('max'))
        .where('dataset_id', '=', datasetId)
        .executeTakeFirst();
      return Number(row?.max ?? 0) + 1;
    },

    async saveDataset(trx: Kysely<Database>, dataset: Dataset, isNew: boolean): Promise<void> {
      const row = datasetRow(dataset);
      await countChange(trx);
      if (isNew) await trx.insertInto('datasets').values(row).execute();
      else await trx.updateTable('datasets').set(row).where('id', '=', dataset.id).execute();
    },

    async insertVersion(trx: Kysely<Database>, version: Version): Promise<void> {
      await trx.insertInto('dataset_versions').values(versionRow(version)).execute();
    },

    /** A staged version read again from its source: new files, fields and report under the same number. */
    async replaceVersionData(trx: Kysely<Database>, version: Version): Promise<void> {
      const { blob, records_count, bytes, fields, readings, report } = versionRow(version);
      await trx
        .updateTable('dataset_versions')
        .set({ blob, records_count, bytes, fields, readings, report })
        .where('id', '=', version.id)
        .where('published_at', 'is', null)
        .execute();
    },

    /** A dataset's attachments, oldest first. */
    async listAttachments(datasetId: string, trx: Kysely<Database> = db): Promise<Attachment[]> {
      const rows = await trx.selectFrom('dataset_attachments').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toAttachment);
    },

    /** The attachments of these datasets, by dataset (the catalog's listing). */
    async attachmentsOf(datasetIds: string[]): Promise<Map<string, Attachment[]>> {
      const byDataset = new Map<string, Attachment[]>();
      if (datasetIds.length === 0) return byDataset;
      const rows = await db.selectFrom('dataset_attachments').selectAll().where('dataset_id', 'in', datasetIds).orderBy('created_at').orderBy('id').execute();
      for (const row of rows) byDataset.set(row.dataset_id, [...(byDataset.get(row.dataset_id) ?? []), toAttachment(row)]);
      return byDataset;
    },

    async getAttachment(datasetId: string, id: string, trx: Kysely<Database> = db): Promise<Attachment | null> {
      const row = await trx.selectFrom('dataset_attachments').selectAll().where('dataset_id', '=', datasetId).where('id', '=', id).executeTakeFirst();
      return row ? toAttachment(row) : null;
    },

    async insertAttachment(trx: Kysely<Database>, a: Attachment): Promise<void> {
      await trx
        .insertInto('dataset_attachments')
        .values({ dataset_id: a.datasetId, id: a.id, title: a.title, file_name: a.fileName, mime_type: a.mimeType, bytes: a.bytes, blob: a.blob, created_at: a.createdAt })
        .execute();
    },

    async retitleAttachment(trx: Kysely<Database>, datasetId: string, id: string, title: string): Promise<void> {
      await trx.updateTable('dataset_attachments').set({ title }).where('dataset_id', '=', datasetId).where('id', '=', id).execute();
    },

    async deleteAttachment(trx: Kysely<Database>, datasetId: string, id: string): Promise<void> {
      await trx.deleteFrom('dataset_attachments').where('dataset_id', '=', datasetId).where('id', '=', id).execute();
    },

    /** Deletes the dataset, its versions and attachments; returns the blob keys (Parquet files, sources, attachments) that no row points to any more. */
    async deleteDataset(trx: Kysely<Database>, id: string): Promise<{ versions: { blob: string; sourceBlob: string | null }[]; attachments: string[] }> {
      await countChange(trx);
      const blobs = await trx.selectFrom('dataset_versions').select(['blob', 'source_blob']).where('dataset_id', '=', id).execute();
      const attachments = await trx.selectFrom('dataset_attachments').select('blob').where('dataset_id', '=', id).execute();
      await trx.deleteFrom('dataset_attachments').where('dataset_id', '=', id).execute();
      await trx.deleteFrom('dataset_versions').where('dataset_id', '=', id).execute();
      await trx.deleteFrom('datasets').where('id', '=', id).execute();
      return { versions: blobs.map((b) => ({ blob: b.blob, sourceBlob: b.source_blob })), attachments: attachments.map((a) => a.blob) };
    },
  };
}
