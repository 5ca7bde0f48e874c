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

interface NonPersonalColumn {
  personal: false;
  /** Why this column cannot hold personal data, where that is not obvious. */
  note?: string;
}

type Classification = PersonalColumn | NonPersonalColumn;

const no = (note?: string): NonPersonalColumn => ({ personal: false, note });

const pseudonymised = 'The record of what was done stays; who did it is replaced by a pseudonym.';

/** Data of an account, kept while the account lives (and deleted with it). */
const account = (category: CategoryId, erasure: Erasure = 'delete', retention: RetentionId = 'account_data', purpose: PurposeId = 'accounts'): PersonalColumn => ({
  personal: true,
  category,
  purpose,
  retention,
  erasure,
  ...(erasure === 'pseudonymise' ? { reason: pseudonymised } : {}),
});

/** Sign-in security: sessions, second factor, single-use links. */
const security = (category: CategoryId, retention: RetentionId = 'account_data'): PersonalColumn => account(category, 'delete', retention, 'security');

/** What a person follows and what they were told about it: given with consent, deleted with the account. */
const following = (category: CategoryId, retention: RetentionId): PersonalColumn => ({ personal: true, category, purpose: 'notifications', retention, erasure: 'delete' });

/** A question to the department and its thread: kept two years after closing, deleted with the requester's erasure. */
const question = (category: CategoryId, erasure: Erasure = 'delete', retention: RetentionId = 'information_request'): PersonalColumn => ({
  personal: true, category, purpose: 'information_requests', retention, erasure,
});
/** What a person wrote in a discussion, in public, under their public name: an exchange with the portal's other users. */
const posted = (category: CategoryId, erasure: Erasure, retention: RetentionId = 'discussion'): PersonalColumn => ({ personal: true, category, purpose: 'exchanges', retention, erasure });
const keptText =
  'A discussion others answered stays readable: the text stays, published as it was, while its author is pseudonymised (shown as "former user"); a moderator hides a post whose text names the person.';

/** Mail waiting to be sent or recently sent. */
const mail = (category: CategoryId): PersonalColumn => ({ personal: true, category, purpose: 'accounts', retention: 'mail', erasure: 'delete' });

/** A request to the DPO: kept as proof of having handled it (legal obligation), the requester pseudonymised on erasure. */
const privacyCase = (category: CategoryId, erasure: Erasure, reason?: string): PersonalColumn => ({
  personal: true,
  category,
  purpose: 'privacy_requests',
  retention: 'case',
  erasure,
  ...(reason ? { reason } : {}),
});
const caseProof = 'Proof of how a request was handled is a legal obligation (GDPR Art. 5(2), 12); it is kept five years after closing.';
/** The GDPR's own registers: recipients and processors, breaches. */
const register = (category: CategoryId, erasure: Erasure, reason: string, retention: RetentionId = 'breach'): PersonalColumn => ({ personal: true, category, purpose: 'registers', retention, erasure, reason });
/** The account itself: its columns go by the inactivity rule, which the retention sweep applies to this table. */
const accountRow = (columns: Record<string, Classification>): Record<string, Classification> =>
  Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, c.personal ? { ...c, retention: 'account' } : c]));

/** What a person writes in the portal's exchanges with other users (reuses, data requests): public once shown. */
const exchange = (erasure: Erasure, retention: RetentionId, reason?: string, category: CategoryId = 'messages'): PersonalColumn => ({
  personal: true,
  category,
  purpose: 'exchanges',
  retention,
  erasure,
  ...(reason ? { reason } : {}),
});

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
    source_blob: no(),
    readings: no(),
    report: no('Examples of the dataset\'s own values, as published'),
    published_at: no(),
    changes: no('Counts and example records of the dataset\'s own values, as published'),
    compared_to: no(),
  },
  // Who uploaded an attachment is not kept here: the event log names the actor (pseudonymised on erasure).
  dataset_attachments: {
    dataset_id: no(),
    id: no('Made from the file name'),
    title: no('A title the editor gives the document, as published'),
    file_name: no('Name of the uploaded file, as published'),
    mime_type: no(),
    bytes: no(),
    blob: no(),
    created_at: no(),
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
  // Statistics (src/stats): counts and what was asked, never who asked.
  stats_events: {
    id: no(),
    at: no('The second a page or call was served; no address, user agent, account or key is stored with it'),
    kind: no(),
    page: no('A page type, an API endpoint or an export format; never a URL with its query'),
    dataset_id: no(),
    caller: no('Only whether an API key was used, never which one'),
    term: no('What was searched for in the catalog, without any trace of who searched'),
    results: no(),
    referrer: no('The referring site\'s host only, never its path or query'),
    n: no('How many events alike in every other column the row stands for'),
    visitor: {
      personal: true,
      category: 'visitor_digest',
      purpose: 'statistics',
      retention: 'statistics_visitor',
      erasure: 'keep',
      reason: 'A keyed digest under a random key of one day, which is destroyed within 48 hours: it cannot be found for a person, and is cleared within two days anyway.',
    },
  },
  stats_hourly: { hour: no(), kind: no(), page: no(), dataset_id: no(), caller: no(), count: no('A count per hour') },
  stats_daily: { day: no(), kind: no(), page: no(), dataset_id: no(), caller: no(), count: no('A count per day') },
  stats_daily_visitors: { day: no(), visitors: no('A number of distinct visitors per day; nothing that tells them apart is kept') },
  stats_daily_terms: { day: no(), term: no('A search term at least 5 distinct visitors used that day; rarer terms are counted as "other"'), searches: no(), empty: no() },
  stats_daily_referrers: { day: no(), host: no('A referring site\'s host'), count: no() },
  catalog_revision: { id: no(), revision: no('A count of changes to the catalog') },
  stats_day_keys: { day: no(), secret: no('A random key for one day, destroyed within 48 hours; derived from nothing'), created_at: no() },
  users: accountRow({
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
  }),
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
    revoked_by: { ...account('identifier', 'pseudonymise', 'account_data', 'accountability'), reason: 'A key revoked by an administrator stays marked as such; the administrator is replaced by a pseudonym.' },
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
    granted_by: account('identifier', 'pseudonymise', 'account_data', 'accountability'),
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
    html_body: mail('messages'),
    headers: mail('messages'),
    idempotency_key: no('Names a subscription and a version by their ids'),
    next_attempt_at: no(),
    claimed_by: no('The host and process that claimed the row'),
    claimed_at: no(),
    forget: no(),
  },
  jobs: {
    id: no(),
    kind: no(),
    job_key: no('Names the work by ids of datasets, versions and periods'),
    payload: no('Ids of datasets and versions, dates and field names: jobs name what they work on by id and carry no personal data'),
    status: no(),
    attempts: no(),
    run_after: no(),
    claimed_by: no('The host and process that claimed the job'),
    claimed_at: no(),
    last_error: no('The kind of error only'),
    created_at: no(),
    finished_at: no(),
  },
  recovery_codes: {
    user_id: security('identifier'),
    digest: security('credentials'),
    created_at: security('account_metadata'),
    used_at: security('account_metadata'),
  },
  privacy_cases: {
    id: no(),
    reference: no('A random reference, personal only through the other columns'),
    type: no(),
    status: no(),
    channel: no(),
    requester_email: privacyCase('contact', 'pseudonymise', 'The case stays as proof of having handled the request; the address is replaced by a pseudonym.'),
    user_id: privacyCase('identifier', 'pseudonymise', 'The case stays as proof; the account it was tied to is replaced by the pseudonym.'),
    language: no(),
    message: privacyCase('messages', 'delete'),
    received_at: no(),
    due_at: no(),
    extended_at: no(),
    extension_reason: privacyCase('messages', 'keep', caseProof),
    identity_verified_at: no(),
    identity_method: no('How identity was checked (session, email code, a method the DPO names); never a document'),
    code_digest: privacyCase('credentials', 'delete'),
    code_expires_at: no(),
    code_attempts: no(),
    duplicate_of: no(),
    outcome: privacyCase('messages', 'keep', caseProof),
    closed_at: no(),
  },
  privacy_case_steps: {
    id: no(),
    case_id: no(),
    at: no(),
    actor: { ...privacyCase('identifier', 'pseudonymise', "Who handled a request stays on record; the requester's own account id is replaced by the pseudonym."), retention: 'case_step' },
    kind: no(),
    note: { ...privacyCase('messages', 'keep', caseProof), retention: 'case_step' },
  },
  privacy_statements: {
    version: no(),
    digest: no(),
    text_nl: no('The published statement: names the controller and the DPO function, never a user'),
    text_en: no('The published statement: names the controller and the DPO function, never a user'),
    published_at: no(),
  },
  privacy_recipients: {
    id: no(),
    name: no('The name of an organisation'),
    role: no(),
    purposes: no(),
    categories: no(),
    location: no(),
    contract_ref: no(),
    contact: register('contact', 'delete', 'A contact address at the processor may name a person; it goes when the entry does.', 'recipient'),
    added_at: no(),
    ended_at: no(),
  },
  privacy_breaches: {
    id: no(),
    // A short name; the form asks staff not to name people, but free text is classified as if it could.
    title: register('messages', 'keep', 'Art. 33(5) documentation of a breach is kept whole; the form asks staff not to name people.'),
    aware_at: no(),
    opened_at: no(),
    opened_by: register('identifier', 'pseudonymise', 'The register must show that the breach was recorded (Art. 33(5)); the staff member is replaced by a pseudonym.'),
    nature: no(),
    // The form asks for no personal data, but free text can hold it anyway: classified as if it did.
    description: register('messages', 'keep', 'Art. 33(5) documentation of a breach is kept whole; the form asks staff not to name people.'),
    categories: no(),
    approx_subjects: no(),
    approx_records: no(),
    consequences: register('messages', 'keep', 'Art. 33(5) documentation of a breach is kept whole; the form asks staff not to name people.'),
    measures: register('messages', 'keep', 'Art. 33(5) documentation of a breach is kept whole; the form asks staff not to name people.'),
    risk: no(),
    decision: no(),
    notified_at: no(),
    delay_reason: register('messages', 'keep', 'Art. 33(5) documentation of a breach is kept whole; the form asks staff not to name people.'),
    subjects_informed_at: no(),
    closed_at: no(),
  },
  legal_holds: {
    id: no(),
    object_type: no(),
    object_id: { ...account('identifier', 'pseudonymise', 'legal_hold', 'accountability'), reason: 'A hold on an account names it by id; erasure after the hold replaces the id by the pseudonym.' },
    reason: no('An Art. 17(3) ground from a fixed list'),
    reason_text: { personal: true, category: 'messages', purpose: 'accountability', retention: 'legal_hold', erasure: 'keep', reason: 'The DPO\'s motivation of the hold is the proof the hold was lawful; it stays while the hold record stays.' },
    set_by: account('identifier', 'pseudonymise', 'legal_hold', 'accountability'),
    set_at: no(),
    ends_at: no(),
    ended_at: no(),
    ended_by: account('identifier', 'pseudonymise', 'legal_hold', 'accountability'),
  },
  retention_warnings: {
    user_id: account('identifier'),
    warned_at: account('account_metadata'),
  },
  account_privacy_flags: {
    user_id: account('identifier', 'delete', 'account_data', 'privacy_requests'),
    kind: no('restriction or objection'),
    purpose: no('The purpose objected to, from the vocabulary'),
    set_at: account('account_metadata', 'delete', 'account_data', 'privacy_requests'),
    set_by: { ...account('identifier', 'pseudonymise', 'account_data', 'accountability'), reason: 'Who recorded a flag for someone else (a DPO) stays known only as a pseudonym after that DPO is erased.' },
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
  attempt_counters: {
    key: { personal: true, category: 'attempt_digest', purpose: 'security', retention: 'attempts', erasure: 'delete' },
    attempts: no('A count of attempts in the window'),
    expires_at: no(),
  },
  webhooks: {
    id: no('A random identifier'),
    user_id: account('identifier'),
    dataset_id: no(),
    // A receiver's address can name a person (a home server, a personal domain).
    url: account('endpoint'),
    secret: account('credentials'),
    language: no('The language of the notice mailed when the webhook is disabled'),
    created_at: account('account_metadata'),
    disabled_at: no(),
    disabled_reason: no('failures or owner'),
    failing_attempts: no('A count of failed attempts'),
    last_delivered_at: no(),
  },
  webhook_deliveries: {
    id: no('A random identifier'),
    webhook_id: { personal: true, category: 'identifier', purpose: 'accounts', retention: 'webhook_delivery', erasure: 'delete' },
    event_id: no(),
    event_type: no(),
    dataset_id: no(),
    payload: no('The event: a dataset, its versions and its public links'),
    status: no(),
    attempts: no(),
    next_attempt_at: no(),
    claimed_by: no('A random name of the sending process'),
    claimed_at: no(),
    last_status_code: no(),
    // The start of the receiver's answer: whatever the receiver wrote, classified as if it could name someone.
    last_error: { personal: true, category: 'messages', purpose: 'accounts', retention: 'webhook_delivery', erasure: 'delete' },
    created_at: no(),
    delivered_at: no(),
  },
  // Following (src/follow): by account id only, never an address, so unsubscribing leaves none behind.
  subscriptions: {
    id: no('A random id; the unsubscribe link carries it with a keyed digest'),
    user_id: following('identifier', 'subscription'),
    kind: following('preferences', 'subscription'),
    dataset_id: following('preferences', 'subscription'),
    status: no(),
    confirm_digest: following('credentials', 'subscription'),
    confirm_expires_at: no(),
    consent_id: no('Points at the consents row, which says the rest'),
    created_at: following('account_metadata', 'subscription'),
    confirmed_at: following('account_metadata', 'subscription'),
    ended_at: no(),
    end_reason: no(),
  },
  follow_preferences: {
    user_id: following('identifier', 'account_data'),
    frequency: following('preferences', 'account_data'),
    language: following('preferences', 'account_data'),
    updated_at: following('account_metadata', 'account_data'),
  },
  announcements: {
    id: no(),
    dataset_id: no(),
    title: no('A publisher\'s announcement about a dataset, published as such'),
    body: no('A publisher\'s announcement about a dataset, published as such'),
    author: { ...account('identifier', 'pseudonymise', 'account_data', 'publishing'), reason: 'The announcement stays published; who wrote it is replaced by a pseudonym.' },
    created_at: no(),
  },
  notifications: {
    id: no(),
    key: following('identifier', 'notification'),
    subscription_id: following('identifier', 'notification'),
    user_id: following('identifier', 'notification'),
    kind: no(),
    dataset_id: following('preferences', 'notification'),
    version: no(),
    announcement_id: no(),
    frequency: following('preferences', 'notification'),
    status: no(),
    digest_key: following('identifier', 'notification'),
    created_at: following('account_metadata', 'notification'),
    sent_at: following('account_metadata', 'notification'),
  },
  // Reuses (src/exchanges/reuses): erasing the submitter deletes their pending and rejected reuses with their images;
  // an approved one stays published (it is about datasets, and others link to it) with its author pseudonymised, shown
  // as "former user".
  reuses: {
    id: no('A random identifier'),
    user_id: exchange('pseudonymise', 'reuse', 'An approved reuse stays published; who submitted it is replaced by a pseudonym (pending and rejected ones are deleted).', 'identifier'),
    title: exchange('keep', 'reuse', 'An approved reuse stays published as submitted; pending and rejected ones are deleted with the account.'),
    description: exchange('keep', 'reuse', 'An approved reuse stays published as submitted; pending and rejected ones are deleted with the account.'),
    url: exchange('keep', 'reuse', 'An approved reuse stays published as submitted; pending and rejected ones are deleted with the account.'),
    type: no('application, visualisation, article or research'),
    image_key: no('A random blob key'),
    image_type: no('A media type'),
    status: no(),
    // Staff write it to the submitter: it can say something about them.
    reject_reason: exchange('keep', 'reuse', 'Only rejected reuses have one, and those are deleted with the account.'),
    language: no('The language the decision is mailed in'),
    created_at: exchange('keep', 'reuse', 'When an approved reuse was submitted is part of it; pending and rejected ones are deleted with the account.'),
    decided_at: no(),
    decided_by: exchange('pseudonymise', 'reuse', 'The decision stays; the staff member who took it is replaced by a pseudonym.', 'identifier'),
  },
  reuse_datasets: { reuse_id: no(), dataset_id: no() },
  // Data requests (src/exchanges/wishes): a request is a public statement about data, which others supported; erasing its
  // author pseudonymises it (shown as "former user") so the department keeps the demand and the supporters their
  // support. Comments are deleted with the author: free text in a conversation, which can say anything about them.
  // Votes are deleted (the count goes down with them).
  wishes: {
    id: no('A random identifier'),
    user_id: exchange('pseudonymise', 'data_request', 'The request stays public, with the support others gave it; who asked is replaced by a pseudonym.', 'identifier'),
    title: exchange('keep', 'data_request', 'A request for data stays public with its support; it asks about data, and who asked is pseudonymised.'),
    description: exchange('keep', 'data_request', 'A request for data stays public with its support; it asks about data, and who asked is pseudonymised.'),
    status: no(),
    dataset_id: no(),
    refuse_reason: no('Staff\'s public answer about the data asked for'),
    language: no('The language status changes are mailed in'),
    support: no('A count of votes'),
    created_at: no(),
    status_changed_at: no(),
  },
  wish_votes: {
    wish_id: exchange('delete', 'account_data'),
    user_id: exchange('delete', 'account_data', undefined, 'identifier'),
    language: exchange('delete', 'account_data', undefined, 'preferences'),
    created_at: exchange('delete', 'account_data', undefined, 'account_metadata'),
  },
  wish_comments: {
    id: no('A random identifier'),
    wish_id: no(),
    user_id: exchange('delete', 'account_data', undefined, 'identifier'),
    body: exchange('delete', 'account_data'),
    created_at: exchange('delete', 'account_data', undefined, 'account_metadata'),
    status: no('visible, held or hidden'),
    // The moderator who held back or showed the comment: staff acting, pseudonymised when they are erased.
    moderated_by: exchange('pseudonymise', 'account_data', pseudonymised, 'identifier'),
    moderated_at: no(),
  },
  // Reports of data-request comments: who reported what and why, deleted with the reporter (and with the comment).
  wish_comment_reports: {
    id: no(),
    comment_id: exchange('delete', 'account_data', undefined, 'identifier'),
    reporter_id: exchange('delete', 'account_data', undefined, 'identifier'),
    reason: exchange('delete', 'account_data'),
    created_at: exchange('delete', 'account_data', undefined, 'account_metadata'),
    resolved_at: no(),
  },
  // Information requests (src/exchanges/requests): a question and its thread, deleted two years after closing (an
  // unconfirmed one after 24 hours); erasing the requester deletes their requests with every message and note.
  information_requests: {
    id: no('A random id'),
    reference: no('A random reference'),
    status: no(),
    user_id: question('identifier'),
    name: question('identity'),
    email: question('contact'),
    language: question('preferences'),
    dataset_id: no(),
    subject: question('messages'),
    confirm_digest: question('credentials'),
    access_digest: question('credentials'),
    assignee: { ...question('identifier', 'pseudonymise'), reason: 'The staff member who handled a question; erasing them keeps the question with a pseudonym.' },
    created_at: question('account_metadata'),
    registered_at: no(),
    due_at: no(),
    updated_at: no(),
    closed_at: no(),
  },
  request_messages: {
    id: no(),
    request_id: no(),
    kind: no(),
    author: { ...question('identifier', 'pseudonymise', 'request_message'), reason: 'A staff answer stays in the requester\'s thread; who wrote it is replaced by a pseudonym. A requester\'s own messages go with their request.' },
    body: question('messages', 'delete', 'request_message'),
    created_at: no(),
  },
  canned_answers: {
    id: no(),
    title: no('A saved answer staff wrote for many requesters'),
    body: no('A saved answer staff wrote for many requesters'),
    created_by: { ...account('identifier', 'pseudonymise', 'account_data', 'information_requests'), reason: pseudonymised },
    created_at: no(),
  },
  // Discussions (src/exchanges/discussions): by account id only; the page shows the public name, never an address.
  discussion_threads: {
    id: no(),
    dataset_id: no(),
    // A title is what a person wrote in public: kept with the thread when they are erased (see discussion_posts.body).
    title: { ...posted('messages', 'keep'), reason: keptText },
    author_id: { ...posted('identifier', 'pseudonymise'), reason: 'The thread stays readable; its author is shown as "former user".' },
    locked_at: no(),
    locked_by: { ...posted('identifier', 'pseudonymise'), reason: pseudonymised },
    created_at: no(),
    last_post_at: no(),
  },
  discussion_posts: {
    id: no(),
    thread_id: no(),
    author_id: { ...posted('identifier', 'pseudonymise'), reason: 'The post stays readable; its author is shown as "former user".' },
    body: { ...posted('messages', 'keep'), reason: keptText },
    publisher: no(),
    status: no(),
    language: no('The language of the page, not a trait of the person'),
    moderated_by: { ...posted('identifier', 'pseudonymise'), reason: pseudonymised },
    moderated_at: no(),
    created_at: no(),
  },
  discussion_reports: {
    id: no(),
    post_id: posted('identifier', 'delete', 'account_data'),
    reporter_id: posted('identifier', 'delete', 'account_data'),
    reason: posted('messages', 'delete', 'account_data'),
    created_at: posted('account_metadata', 'delete', 'account_data'),
    resolved_at: no(),
  },
  kysely_migration: { name: no(), timestamp: no() },
  kysely_migration_lock: { id: no(), is_locked: no() },
};
