// The relational store's tables as Kysely sees them. Times are ISO-8601 UTC text in both dialects.
import type { Generated } from 'kysely';

export interface DatasetsTable {
  id: string;
  uid: string;
  /** JSON of DatasetMetadata. */
  metadata: string;
  /** JSON of Field[] of the current version, with the publisher's labels and annotations. */
  fields: string;
  visibility: string;
  current_version: string | null;
  records_count: number;
  created_at: string;
  modified_at: string;
  data_modified_at: string | null;
  metadata_modified_at: string;
}

export interface DatasetVersionsTable {
  id: string;
  dataset_id: string;
  number: number;
  blob: string;
  records_count: number;
  bytes: number | string;
  source_name: string;
  source_format: string;
  fields: string;
  created_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  at: string;
  /** Who did it: `system`, `cli`, or later a user id. */
  actor: string;
  verb: string;
  subject_type: string;
  subject_id: string;
  /** JSON with what the verb needs; never personal data beyond the actor. */
  data: string;
}

export interface DatasetUsageTable {
  dataset_id: string;
  /** YYYY-MM-DD in UTC. */
  day: string;
  page_views: number | string;
  api_calls: number | string;
  downloads: number | string;
}

export interface Database {
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  events: EventsTable;
  dataset_usage: DatasetUsageTable;
}
