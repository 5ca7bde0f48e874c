// The personal-data map: every column of the relational store, classified as personal or not.
// It is the single source the access archive, erasure, the retention sweep, the statement and the register read.
import type { CategoryId, PurposeId, RetentionId } from './vocabulary.ts';

export type Erasure = 'delete' | 'pseudonymise' | 'keep';

export interface PersonalColumn {
  personal: true;
  category: CategoryId;
  purpose: PurposeId;
  retention: RetentionId;
  /** What erasing the person does to this column. */
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

const pseudonymised = 'The record of what was done stays; who did it is replaced by a pseudonym.';

/** Data of an account, kept while the account lives. */
const account = (category: CategoryId, erasure: Erasure = 'delete', retention: RetentionId = 'account', purpose: PurposeId = 'accounts'): PersonalColumn => ({
  personal: true,
  category,
  purpose,
  retention,
  erasure,
  ...(erasure === 'pseudonymise' ? { reason: pseudonymised } : {}),
});

/** Sign-in security: sessions, second factor, single-use links. */
const security = (category: CategoryId, retention: RetentionId = 'account'): PersonalColumn => account(category, 'delete', retention, 'security');

/** Mail waiting to be sent or recently sent. */
const mail = (category: CategoryId): PersonalColumn => ({ personal: true, category, purpose: 'accounts', retention: 'mail', erasure: 'delete' });

export const personalDataMap: Record<string, Record<string, Classification>> = {
  datasets: {
    id: no(),
    uid: no(),
    metadata: {
      personal: true,
      category: 'contact_point',
      purpose: 'publishing',
      retention: 'published',
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
    actor: account('identifier', 'pseudonymise', 'audit', 'accountability'),
    verb: no(),
    subject_type: no(),
    subject_id: { ...account('identifier', 'pseudonymise', 'audit', 'accountability'), reason: 'Events about an account (subject_type user) name it by id; erasure replaces the id by the pseudonym.' },
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
    email: account('contact'),
    first_name: account('identity'),
    last_name: account('identity'),
    display_name: account('identity'),
    password_hash: security('credentials'),
    password_changed_at: security('account_metadata'),
    role: no(),
    email_verified_at: account('account_metadata'),
    totp_secret: security('credentials'),
    totp_enabled_at: security('account_metadata'),
    totp_last_step: security('account_metadata'),
    created_at: account('account_metadata'),
    last_active_at: account('account_metadata'),
    disabled_at: account('account_metadata'),
  },
  sessions: {
    id: security('credentials', 'session'),
    user_id: security('identifier', 'session'),
    stage: no(),
    created_at: security('account_metadata', 'session'),
    last_seen_at: security('account_metadata', 'session'),
    expires_at: no(),
    failed_codes: no('A count of wrong second-factor codes, not the codes'),
  },
  account_tokens: {
    id: security('credentials', 'link'),
    user_id: security('identifier', 'link'),
    purpose: no(),
    new_email: security('contact', 'link'),
    created_at: no(),
    expires_at: no(),
    used_at: no(),
  },
  api_keys: {
    id: no(),
    user_id: account('identifier'),
    name: account('account_metadata'),
    prefix: account('credentials'),
    digest: account('credentials'),
    created_at: account('account_metadata'),
    expires_at: no(),
    last_used_at: account('account_metadata'),
    revoked_at: no(),
    revoked_by: { ...account('identifier', 'pseudonymise', 'account', 'accountability'), reason: 'A key revoked by an administrator stays marked as such; the administrator is replaced by a pseudonym.' },
  },
  consents: {
    id: no(),
    user_id: { ...account('identifier', 'pseudonymise', 'consent_proof', 'accountability'), reason: 'Proof that consent was given stays, without saying by whom.' },
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
    user_id: account('identifier'),
    granted_by: account('identifier', 'pseudonymise', 'account', 'accountability'),
    granted_at: no(),
  },
  mail_outbox: {
    id: no(),
    to_address: mail('contact'),
    template: no(),
    subject: no('Subjects come from templates and hold no personal data'),
    text_body: mail('messages'),
    status: no(),
    attempts: no(),
    last_error: no('Transport errors; the address is not repeated in them'),
    created_at: no(),
    sent_at: no(),
  },
  recovery_codes: {
    user_id: security('identifier'),
    digest: security('credentials'),
    created_at: security('account_metadata'),
    used_at: security('account_metadata'),
  },
  account_privacy_flags: {
    user_id: account('identifier', 'delete', 'account', 'privacy_requests'),
    kind: no('restriction or objection'),
    purpose: no('The purpose objected to, from the vocabulary'),
    set_at: account('account_metadata', 'delete', 'account', 'privacy_requests'),
    set_by: { ...account('identifier', 'pseudonymise', 'account', 'accountability'), reason: 'Who recorded a flag for someone else (a DPO) stays known only as a pseudonym after that DPO is erased.' },
  },
  access_archives: {
    id: no('The random name of the archive files and of the download link'),
    user_id: account('identifier', 'delete', 'archive', 'privacy_requests'),
    created_at: account('account_metadata', 'delete', 'archive', 'privacy_requests'),
    expires_at: no(),
  },
  erasure_ledger: {
    id: no(),
    at: no(),
    subject_digest: no('A keyed digest (HMAC with the portal key) of an erased id: it recognises a restored row, it names nobody'),
    by: no('self, dpo or retention'),
    reference: no('A DPO case reference'),
  },
  kysely_migration: { name: no(), timestamp: no() },
  kysely_migration_lock: { id: no(), is_locked: no() },
};
