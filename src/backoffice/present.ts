// The publishing API's view of datasets and versions (the JSON twin of the back office pages).
import { checksOf } from '../engine/ingest/report.ts';
import type { VersionPreview } from '../catalog/publishing.ts';
import type { Dataset, Version } from '../catalog/types.ts';
import type { ContactWarning } from './hygiene.ts';

type VersionState = 'current' | 'staged' | 'published';

export function versionState(dataset: Dataset, version: Version): VersionState {
  if (dataset.currentVersion === version.id) return 'current';
  return version.publishedAt === null ? 'staged' : 'published';
}

function presentVersion(dataset: Dataset, version: Version) {
  return {
    number: version.number,
    state: versionState(dataset, version),
    records_count: version.recordsCount,
    bytes: version.bytes,
    source_name: version.sourceName,
    source_format: version.sourceFormat,
    created_at: version.createdAt,
    published_at: version.publishedAt,
    fields: version.fields,
    /** The readings a person chose, by field; the other types were inferred. */
    readings: version.readings,
    /** How many decisions of the report a person must look at before publishing (acknowledge_checks=true). */
    checks: checksOf(version.report).length,
    report: version.report,
    /** What changed against the version current before it (null while staged, or not yet computed). */
    changes: version.changes,
  };
}

export function presentPreview(dataset: Dataset, preview: VersionPreview) {
  return {
    ...presentVersion(dataset, preview.version),
    preview: preview.rows.map((row) => Object.fromEntries(preview.version.fields.map((f, i) => [f.name, row[i]]))),
  };
}

/** The metadata as a document in the catalog model: what GET returns, PUT takes back unchanged. */
export function metadataDocument(dataset: Dataset) {
  return {
    ...dataset.metadata,
    visibility: dataset.visibility,
    fields: dataset.fields.map((f) => ({ name: f.name, label: f.label, description: f.description, annotations: f.annotations })),
  };
}

function presentWarning(warning: ContactWarning) {
  return {
    code: 'personal_contact',
    message: `The contact point ${warning.email} looks like a person's address; metadata is harvested by other portals, where it cannot be erased. Use a functional mailbox such as ${warning.proposal}.`,
    proposal: warning.proposal,
  };
}

export function presentDataset(dataset: Dataset, versions: Version[], warning: ContactWarning | null) {
  return {
    dataset_id: dataset.id,
    uid: dataset.uid,
    state: dataset.publishedAt ? 'published' : 'draft',
    visibility: dataset.visibility,
    published_at: dataset.publishedAt,
    created_at: dataset.createdAt,
    modified_at: dataset.modifiedAt,
    data_modified_at: dataset.dataModifiedAt,
    metadata_modified_at: dataset.metadataModifiedAt,
    records_count: dataset.recordsCount,
    current_version: versions.find((v) => v.id === dataset.currentVersion)?.number ?? null,
    metadata: metadataDocument(dataset),
    versions: versions.map((v) => presentVersion(dataset, v)),
    warnings: warning ? [presentWarning(warning)] : [],
    links: {
      page: `/datasets/${dataset.id}`,
      back_office: `/-/admin/datasets/${dataset.id}`,
      explore: `/api/explore/v2.1/catalog/datasets/${dataset.id}`,
    },
  };
}
