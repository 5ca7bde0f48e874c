// The catalog model: a dataset's DCAT-AP metadata, its field schema and its versions.
import type { ImportReport } from '../engine/ingest/report.ts';
import type { KeysExactly, Language, Messages } from '../i18n/index.ts';

/** Text in each portal language; nl is the default and the one always expected. */
export type LocalizedText = Partial<Record<Language, string>>;
export type LocalizedList = Partial<Record<Language, string[]>>;

// A field's type and annotations are ODSQL's too: they are declared there, where the compiler reads them.
import type { Field } from '../odsql/fields.ts';
export { fieldTypes } from '../odsql/fields.ts';
export type { Annotations, Field, FieldText, FieldType } from '../odsql/fields.ts';

// How a field is read and the formats a source may have are the import's: declared by the engine, which reads files.
import type { FieldReading, SourceFormat } from '../engine/ingest/types.ts';
export { sourceFormats, type FieldReading, type SourceFormat } from '../engine/ingest/types.ts';


export const visibilities = ['public', 'restricted'] as const;
export type Visibility = (typeof visibilities)[number];

/** EU access-right vocabulary (http://publications.europa.eu/resource/authority/access-right/…). */
export const accessRightsValues = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const;
type AccessRights = (typeof accessRightsValues)[number];

/** EU frequency vocabulary (http://publications.europa.eu/resource/authority/frequency/…). */
export const frequencies = [
  'CONT',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'BIANNUAL',
  'ANNUAL',
  'IRREG',
  'NEVER',
  'UNKNOWN',
] as const;
type Frequency = (typeof frequencies)[number];

/** EU data themes (http://publications.europa.eu/resource/authority/data-theme/…). */
export const themes = [
  'AGRI',
  'ECON',
  'EDUC',
  'ENER',
  'ENVI',
  'GOVE',
  'HEAL',
  'INTR',
  'JUST',
  'REGI',
  'SOCI',
  'TECH',
  'TRAN',
] as const;
export type Theme = (typeof themes)[number];

// The catalogs name every theme, and no other.
true satisfies KeysExactly<Messages['themes'], Theme>;

export interface Agent {
  name: string;
  /** An IRI for the organisation, e.g. its OVO code or KBO number IRI. */
  uri: string | null;
}

export interface ContactPoint {
  name: string | null;
  email: string | null;
  url: string | null;
}

interface Temporal {
  start: string | null;
  end: string | null;
}

/** What a publisher says about a dataset; the system keeps created/modified and the versions. */
export interface DatasetMetadata {
  title: LocalizedText;
  description: LocalizedText;
  theme: Theme[];
  keyword: LocalizedList;
  publisher: Agent | null;
  contactPoint: ContactPoint | null;
  license: { title: string; url: string | null } | null;
  language: string[];
  temporal: Temporal | null;
  spatial: string[];
  accrualPeriodicity: Frequency | null;
  accessRights: AccessRights;
  landingPage: string | null;
  issued: string | null;
  /** The fields that name a record (`["nis_code", "maand"]`): a record whose key stays and whose values differ is changed. */
  key: string[];
}

export interface Dataset {
  id: string;
  /** Stable, ODS-style uid (`da_…`) that survives no rename because ids do not change. */
  uid: string;
  metadata: DatasetMetadata;
  fields: Field[];
  visibility: Visibility;
  currentVersion: string | null;
  recordsCount: number;
  createdAt: string;
  /** Last change of data or metadata. */
  modifiedAt: string;
  dataModifiedAt: string | null;
  metadataModifiedAt: string;
  /** When the dataset was published; null while it is a draft, which only staff see. */
  publishedAt: string | null;
}

export interface Version {
  id: string;
  datasetId: string;
  /** 1, 2, 3 … per dataset. */
  number: number;
  /** Blob key of the Parquet file. */
  blob: string;
  recordsCount: number;
  bytes: number;
  sourceName: string;
  sourceFormat: SourceFormat;
  fields: Field[];
  createdAt: string;
  /** When the version was first made current; null while it is staged for review before publishing. */
  publishedAt: string | null;
  /** Blob key of the file the version was read from, to read it again with other types; null before sources were kept. */
  sourceBlob: string | null;
  /** The readings a person chose, by field name; the other fields' types were inferred. */
  readings: Record<string, FieldReading>;
  /** What the import read and decided; null for versions imported before reports. */
  report: ImportReport | null;
  /** What changed against the version current before it; null until computed (changesOf computes it). */
  changes: VersionChanges | null;
  /** The number of the version it was compared to when made current; null for the first, or not yet known. */
  comparedTo: number | null;
}

/** What changed in a version against the one current before it (the first version: everything added). */
export type VersionChanges = {
  comparedTo: number | null;
  added: number;
  removed: number;
  /** Records whose key stayed and whose values differ; null without a key (records are compared by content). */
  changed: number | null;
  fields_added: string[];
  fields_removed: string[];
  fields_retyped: { name: string; from: string; to: string }[];
  examples: { added: Record<string, unknown>[]; removed: Record<string, unknown>[]; changed: { before: Record<string, unknown>; after: Record<string, unknown> }[] };
};

export const datasetIdPattern = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** A file an editor attached to a dataset (src/catalog/attachments.ts). */
export interface Attachment {
  datasetId: string;
  /** Unique within the dataset, made from the file name: the download address ends with it. */
  id: string;
  title: string;
  /** The uploaded file's name, made safe: what a download is saved as. */
  fileName: string;
  mimeType: string;
  bytes: number;
  blob: string;
  createdAt: string;
}
