// The personal-data map: every column of the relational store, classified as personal or not.
// It is the single source the access export, erasure, retention sweep and register will be driven by.

export type Erasure = 'delete' | 'pseudonymise' | 'keep';

export interface PersonalColumn {
  personal: true;
  category: string;
  purpose: string;
  legalBasis: string;
  /** How long it is kept, in words the register shows; the privacy statement promises five years at most. */
  retention: string;
  erasure: Erasure;
  /** Why, where erasure keeps the data (legal hold) or pseudonymises it. */
  reason?: string;
}

export interface NonPersonalColumn {
  personal: false;
  /** Why this column cannot hold personal data, where that is not obvious. */
  note?: string;
}

export type Classification = PersonalColumn | NonPersonalColumn;

const no = (note?: string): NonPersonalColumn => ({ personal: false, note });

export const personalDataMap: Record<string, Record<string, Classification>> = {
  datasets: {
    id: no(),
    uid: no(),
    metadata: {
      personal: true,
      category: 'Contact details (name, email) of a dataset contact point, where a person rather than a team mailbox is named',
      purpose: 'Publishing dataset metadata with a contact point, as DCAT-AP requires',
      legalBasis: 'Public task (GDPR Art. 6(1)(e))',
      retention: 'While the dataset is published',
      erasure: 'pseudonymise',
      reason: 'The dataset stays published; the person is replaced by the department contact point.',
    },
    fields: no('Field names, labels and descriptions of the schema'),
    visibility: no(),
    current_version: no(),
    records_count: no(),
    created_at: no(),
    modified_at: no(),
    data_modified_at: no(),
    metadata_modified_at: no(),
  },
  dataset_versions: {
    id: no(),
    dataset_id: no(),
    number: no(),
    blob: no(),
    records_count: no(),
    bytes: no(),
    source_name: no('Name of the imported file'),
    source_format: no(),
    fields: no(),
    created_at: no(),
  },
  events: {
    id: no(),
    at: no(),
    actor: {
      personal: true,
      category: 'Identifier of the account that acted',
      purpose: 'Audit trail of publishing and of requests handled by the privacy office',
      legalBasis: 'Public task (GDPR Art. 6(1)(e)) and accountability (Art. 5(2))',
      retention: 'Five years after the event',
      erasure: 'pseudonymise',
      reason: 'The trail of what was done stays; who did it is replaced by a pseudonym.',
    },
    verb: no(),
    subject_type: no(),
    subject_id: no('Ids of datasets and other subjects; a person is the subject only through the actor column'),
    data: no('By contract of recordEvent: details of the verb, never personal data'),
  },
  dataset_usage: {
    dataset_id: no(),
    day: no(),
    page_views: no('A count per dataset and day; no address, identifier or time of a visit'),
    api_calls: no(),
    downloads: no(),
  },
  kysely_migration: { name: no(), timestamp: no() },
  kysely_migration_lock: { id: no(), is_locked: no() },
};
