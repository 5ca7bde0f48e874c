// What the catalog tells the rest of the portal when a dataset changes: a job enqueued in the transaction that makes the
// change, so followers, feeds and webhooks hear of every change exactly when it happened, whichever process made it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueJob } from '../jobs/store.ts';

export interface DatasetEvent {
  type: 'version_published' | 'metadata_updated' | 'dataset_published';
  datasetId: string;
  /** ISO time of the change. */
  at: string;
  /** The version made current. */
  version?: number;
  /** The version that was current before, null when there was none. */
  previousVersion?: number | null;
  /** The metadata keys that changed. */
  keys?: string[];
  /** The dataset became visible to the public with this change (its first publication, or again after being taken back). */
  firstPublication?: boolean;
}

/** The job kind of each event: one handler per kind hands the event to whoever follows datasets. */
const datasetEventKind = (type: DatasetEvent['type']) => `dataset.${type}`;

/** Every kind of dataset event, for the runner's handlers. */
export const datasetEventKinds = (['version_published', 'metadata_updated', 'dataset_published'] as const).map(datasetEventKind);

/** Enqueues the event in the transaction of the change; its key makes it one job, however often it is told. */
export async function tellDatasetEvent(trx: Kysely<Database>, event: DatasetEvent): Promise<void> {
  const what = event.type === 'version_published' ? `v${event.version}` : event.type;
  await enqueueJob(trx, new Date(event.at), { kind: datasetEventKind(event.type), key: `dataset:${event.datasetId}:${what}:${event.at}`, payload: event });
}
