// What the catalog tells others about a dataset when it changes: the payload of the jobs it enqueues (issue 16 contract).
export type DatasetEvent = {
  type: 'version_published' | 'metadata_updated' | 'dataset_published';
  datasetId: string;
  at: string /* ISO */;
  version?: number /* the version made current */;
  previousVersion?: number | null;
  keys?: string[];
  firstPublication?: boolean;
};
