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

/** Account data: what the privacy statement names (names, email, identifiers, password, API keys). */
const account = (category: string, erasure: Erasure, retention = 'Until the account is deleted; an account inactive for five years is deleted'): PersonalColumn => ({
  personal: true,
  category,
  purpose: 'Providing a portal account: sign-in, API keys, notifications and exchanges',
  legalBasis: 'Public task (GDPR Art. 6(1)(e)): making open data available for re-use',
  retention,
  erasure,
  ...(erasure === 'pseudonymise' ? { reason: 'The record of what staff did stays; who did it is replaced by a pseudonym.' } : {}),
});

/** Mail waiting to be sent or recently sent. */
const mail = (category: string): PersonalColumn => ({
  personal: true,
  category,
  purpose: 'Sending the messages an account needs (verification, reset, notifications)',
  legalBasis: 'Public task (GDPR Art. 6(1)(e))',
  retention: 'Deleted 30 days after sending',
  erasure: 'delete',
});

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
    published_at: no(),
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
    published_at: no(),
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
  users: {
    id: no('A random identifier; personal only through the other columns, which erasure removes'),
    email: account('Email address of the account holder', 'delete'),
    first_name: account('Name of the account holder', 'delete'),
    last_name: account('Name of the account holder', 'delete'),
    display_name: account('Name chosen for exchanges', 'delete'),
    password_hash: account('Password (argon2id hash)', 'delete'),
    password_changed_at: account('Account security metadata', 'delete'),
    role: no(),
    email_verified_at: account('Account security metadata', 'delete'),
    totp_secret: account('Second-factor secret (encrypted)', 'delete'),
    totp_enabled_at: account('Account security metadata', 'delete'),
    totp_last_step: account('Account security metadata (time of the last second-factor code)', 'delete'),
    created_at: account('Account metadata', 'delete'),
    last_active_at: account('Account metadata; drives the five-year inactivity rule', 'delete'),
    disabled_at: account('Account metadata', 'delete'),
  },
  sessions: {
    id: account('Session token digest', 'delete', 'Until sign-out or expiry (hours)'),
    user_id: account('Account identifier', 'delete', 'Until sign-out or expiry (hours)'),
    stage: no(),
    created_at: account('Login metadata', 'delete', 'Until sign-out or expiry (hours)'),
    last_seen_at: account('Login metadata', 'delete', 'Until sign-out or expiry (hours)'),
    expires_at: no(),
    failed_codes: no('A count of wrong second-factor codes, not the codes'),
  },
  account_tokens: {
    id: account('Single-use link digest', 'delete', 'Until used or expired, at most 7 days'),
    user_id: account('Account identifier', 'delete', 'Until used or expired, at most 7 days'),
    purpose: no(),
    new_email: account('Email address (an asked-for change)', 'delete', 'Until used or expired, at most 7 days'),
    created_at: no(),
    expires_at: no(),
    used_at: no(),
  },
  api_keys: {
    id: no(),
    user_id: account('Account identifier', 'delete'),
    name: account('API key name chosen by the user', 'delete'),
    prefix: account('API key prefix', 'delete'),
    digest: account('API key digest', 'delete'),
    created_at: account('API key metadata', 'delete'),
    expires_at: no(),
    last_used_at: account('API key metadata', 'delete'),
    revoked_at: no(),
    revoked_by: account('Identifier of the admin who revoked the key', 'delete'),
  },
  consents: {
    id: no(),
    user_id: {
      personal: true,
      category: 'Identifier linked to a consent or acceptance record',
      purpose: 'Demonstrating which privacy statement a person accepted and which consents they gave (Art. 7(1))',
      legalBasis: 'Legal obligation (GDPR Art. 6(1)(c), accountability Art. 5(2))',
      retention: 'While the account exists; after erasure only as long as needed to demonstrate lawfulness',
      erasure: 'pseudonymise',
      reason: 'Proof that consent was given stays, without saying by whom.',
    },
    purpose: no(),
    statement_version: no(),
    statement_digest: no(),
    method: no(),
    language: no(),
    given_at: no(),
    withdrawn_at: no(),
  },
  dataset_grants: {
    dataset_id: no(),
    user_id: account('Identifier with access to a restricted dataset', 'delete'),
    granted_by: account('Identifier of the staff member who granted access', 'pseudonymise'),
    granted_at: no(),
  },
  mail_outbox: {
    id: no(),
    to_address: mail('Email address of the recipient'),
    template: no(),
    subject: no('Subjects come from templates and hold no personal data'),
    text_body: mail('Message text (names, single-use links)'),
    status: no(),
    attempts: no(),
    last_error: no('Transport errors; the address is not repeated in them'),
    created_at: no(),
    sent_at: no(),
  },
  recovery_codes: {
    user_id: account('Account identifier', 'delete'),
    digest: account('Second-factor recovery code digest', 'delete'),
    created_at: account('Account security metadata', 'delete'),
    used_at: account('Account security metadata (when a recovery code was used to sign in)', 'delete'),
  },
  kysely_migration: { name: no(), timestamp: no() },
  kysely_migration_lock: { id: no(), is_locked: no() },
};
