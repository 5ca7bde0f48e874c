// What the catalog tells the rest of the portal when a dataset changes: enqueued as a job in the transaction of the change.
export type DatasetEvent = { type: 'version_published' | 'metadata_updated' | 'dataset_published'; datasetId: string;
    at: string /* ISO */; version?: number /* the version made current */; previousVersion?: number | null; keys?: string[]; firstPublication?: boolean }
