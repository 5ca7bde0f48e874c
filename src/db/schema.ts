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
  /** When the dataset was (last) published; null while it is a draft that only staff see. */
  published_at: string | null;
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
  /** When the version was first made current; null while it is staged for review. */
  published_at: string | null;
  /** Blob key of the file the version was read from; null before sources were kept. */
  source_blob: string | null;
  /** JSON: the readings (type, format) a person chose per field. */
  readings: string | null;
  /** JSON: the import report. */
  report: string | null;
  /** JSON: what changed against the version current before (VersionChanges); null until computed. */
  changes: string | null;
  /** The number of the version this one was compared to; null for the first one, or not yet known. */
  compared_to: number | null;
}

/** A file an editor attached to a dataset (documentation, methodology); the file is the blob `blob`. */
export interface DatasetAttachmentsTable {
  dataset_id: string;
  /** Unique within the dataset; the download address ends with it. */
  id: string;
  title: string;
  /** The uploaded file's name, made safe: the name a download is saved under. */
  file_name: string;
  /** From the allow-list by the file's extension, confirmed by its first bytes; never the uploader's word. */
  mime_type: string;
  bytes: number | string;
  blob: string;
  created_at: string;
}

interface EventsTable {
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

/** Raw statistics events (src/stats): kept at most seven days; never an address, user agent, account or key. */
interface StatsEventsTable {
  id: Generated<number>;
  at: string;
  /** view | api | export | search */
  kind: string;
  /** The page type (view), the endpoint (api), the format (export); '' for a search. */
  page: string;
  /** '' when the event is about no dataset. */
  dataset_id: string;
  /** 'key' | 'anonymous' for api and export; '' otherwise. */
  caller: string;
  term: string | null;
  results: number | null;
  /** The referring site's host. */
  referrer: string | null;
  /** The day's keyed hash of address and user agent (0026); null once the day is rolled up, or for Sec-GPC / DNT. */
  visitor: string | null;
  /** How many events alike in every other column this row stands for (0030): a collector writes a second's alike events as one row. */
  n: number;
}

/** Counts per UTC hour (`YYYY-MM-DDTHH`): views, API calls, exports. */
interface StatsHourlyTable {
  hour: string;
  kind: string;
  page: string;
  dataset_id: string;
  caller: string;
  count: number | string;
}

/** Counts per day in the portal's time zone (`YYYY-MM-DD`), kept as long as the portal. */
interface StatsDailyTable {
  day: string;
  kind: string;
  page: string;
  dataset_id: string;
  caller: string;
  count: number | string;
}

interface StatsDailyVisitorsTable {
  day: string;
  visitors: number | string;
}

/** '' is every term fewer than 5 distinct visitors used that day ("other"). */
interface StatsDailyTermsTable {
  day: string;
  term: string;
  searches: number | string;
  empty: number | string;
}

interface StatsDailyReferrersTable {
  day: string;
  host: string;
  count: number | string;
}

/** The day's random key for visitor hashes, deleted within 48 hours. */
/** One row (id 1): the number of changes made to `datasets` (migration 0029). */
interface CatalogRevisionTable {
  id: number;
  revision: number;
}

interface StatsDayKeysTable {
  day: string;
  secret: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  first_name: string;
  last_name: string;
  /** What other users see in exchanges; initials when null. */
  display_name: string | null;
  /** argon2id; null until the person sets one (an account made on the command line). */
  password_hash: string | null;
  password_changed_at: string | null;
  role: string;
  email_verified_at: string | null;
  /** The TOTP shared secret, encrypted with the portal's key. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The 30-second step of the last TOTP code accepted: a code is good once (no replay). */
  totp_last_step: number | null;
  created_at: string;
  last_active_at: string;
  disabled_at: string | null;
}

interface SessionsTable {
  /** SHA-256 of the cookie's token: the token itself is never stored. */
  id: string;
  user_id: string;
  /** `password` after the password when a second factor is still due, `complete` after it. */
  stage: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end; idle expiry is computed from last_seen_at. */
  expires_at: string;
  /** Wrong second-factor codes given in this session; it ends after a few. */
  failed_codes: Generated<number>;
}

interface RecoveryCodesTable {
  user_id: string;
  /** SHA-256 of a single-use recovery code: the code itself is shown once and never stored. */
  digest: string;
  created_at: string;
  used_at: string | null;
}

interface AccountTokensTable {
  /** SHA-256 of the link's token. */
  id: string;
  user_id: string;
  purpose: string;
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** The key's first characters, shown to recognise it; not enough to use it. */
  prefix: string;
  /** SHA-256 of the whole key. */
  digest: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

interface ConsentsTable {
  id: Generated<number>;
  user_id: string;
  purpose: string;
  statement_version: string;
  /** SHA-256 of the exact statement text shown. */
  statement_digest: string;
  method: string;
  language: string;
  given_at: string;
  withdrawn_at: string | null;
}

interface DatasetGrantsTable {
  dataset_id: string;
  user_id: string;
  granted_by: string;
  granted_at: string;
}

interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  template: string;
  subject: string;
  text_body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  html_body: string | null;
  /** JSON object of extra headers (List-Unsubscribe, …). */
  headers: string | null;
  idempotency_key: string | null;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  /** 1: clear the address and the text once delivered. */
  forget: Generated<number>;
}

interface JobsTable {
  id: Generated<number>;
  kind: string;
  job_key: string;
  /** JSON. */
  payload: string;
  /** pending | running | done | failed */
  status: string;
  attempts: Generated<number>;
  run_after: string;
  claimed_by: string | null;
  claimed_at: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface PrivacyCasesTable {
  id: string;
  /** What the requester and the DPO quote, e.g. `PRV-2026-7K3Q9M`. */
  reference: string;
  type: string;
  /** identity_unverified → open → in_progress → completed | refused | cancelled. */
  status: string;
  /** How the request arrived: portal, email, post, staff. */
  channel: string;
  requester_email: string;
  user_id: string | null;
  language: string;
  message: string | null;
  received_at: string;
  /** The calendar day (YYYY-MM-DD, portal time zone) by which the answer is due. */
  due_at: string;
  extended_at: string | null;
  extension_reason: string | null;
  identity_verified_at: string | null;
  /** session, email_code, or the method the DPO recorded; never a copy of a document. */
  identity_method: string | null;
  /** SHA-256 of the one-time code mailed to the requester; null once used or spent. */
  code_digest: string | null;
  code_expires_at: string | null;
  code_attempts: Generated<number>;
  /** An earlier open case of the same address; flagged only, it proves nothing about identity. */
  duplicate_of: string | null;
  /** What was done, or why it was refused or cancelled. */
  outcome: string | null;
  closed_at: string | null;
}

interface PrivacyCaseStepsTable {
  id: Generated<number>;
  case_id: string;
  at: string;
  /** An account id, `requester` or `system`. */
  actor: string;
  kind: string;
  note: string | null;
}

export interface LegalHoldsTable {
  id: string;
  /** What is held: `user` (an account id), `case` (a privacy case id), … */
  object_type: string;
  object_id: string;
  /** The GDPR Art. 17(3) ground: legal_claims, public_archiving, legal_obligation. */
  reason: string;
  reason_text: string;
  set_by: string;
  set_at: string;
  /** The hold stops applying at this time (a review date): holds never last unnoticed. */
  ends_at: string;
  /** Ended early by the DPO. */
  ended_at: string | null;
  ended_by: string | null;
}

interface RetentionWarningsTable {
  user_id: string;
  /** When the inactivity warning was sent; it counts only while the account stayed inactive since. */
  warned_at: string;
}

interface AccountPrivacyFlagsTable {
  user_id: string;
  /** `restriction` (Art. 18) or `objection` (Art. 21). */
  kind: string;
  /** The purpose objected to; '' for a restriction. */
  purpose: string;
  set_at: string;
  /** `self`, or the id of the DPO who recorded it. */
  set_by: string;
}

interface AccessArchivesTable {
  /** The random name of the files under <data>/archives and of the download link. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

interface ErasureLedgerTable {
  id: Generated<number>;
  at: string;
  /** HMAC of the erased account's id with the portal's key: recognises the id, never reveals it. */
  subject_digest: string;
  /** `self`, `dpo` or `retention`. */
  by: string;
  /** A DPO case reference, never personal data. */
  reference: string | null;
}

export interface Database {
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  dataset_attachments: DatasetAttachmentsTable;
  events: EventsTable;
  stats_events: StatsEventsTable;
  stats_hourly: StatsHourlyTable;
  stats_daily: StatsDailyTable;
  stats_daily_visitors: StatsDailyVisitorsTable;
  stats_daily_terms: StatsDailyTermsTable;
  stats_daily_referrers: StatsDailyReferrersTable;
  stats_day_keys: StatsDayKeysTable;
  catalog_revision: CatalogRevisionTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  api_keys: ApiKeysTable;
  consents: ConsentsTable;
  dataset_grants: DatasetGrantsTable;
  mail_outbox: MailOutboxTable;
  jobs: JobsTable;
  recovery_codes: RecoveryCodesTable;
  privacy_cases: PrivacyCasesTable;
  privacy_case_steps: PrivacyCaseStepsTable;
  privacy_statements: PrivacyStatementsTable;
  privacy_recipients: PrivacyRecipientsTable;
  privacy_breaches: PrivacyBreachesTable;
  legal_holds: LegalHoldsTable;
  retention_warnings: RetentionWarningsTable;
  account_privacy_flags: AccountPrivacyFlagsTable;
  access_archives: AccessArchivesTable;
  erasure_ledger: ErasureLedgerTable;
  attempt_counters: AttemptCountersTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  subscriptions: SubscriptionsTable;
  follow_preferences: FollowPreferencesTable;
  announcements: AnnouncementsTable;
  notifications: NotificationsTable;
  reuses: ReusesTable;
  reuse_datasets: ReuseDatasetsTable;
  wishes: WishesTable;
  wish_votes: WishVotesTable;
  wish_comments: WishCommentsTable;
  wish_comment_reports: WishCommentReportsTable;
  information_requests: InformationRequestsTable;
  request_messages: RequestMessagesTable;
  canned_answers: CannedAnswersTable;
  discussion_threads: DiscussionThreadsTable;
  discussion_posts: DiscussionPostsTable;
  discussion_reports: DiscussionReportsTable;
}

/** A person following a dataset, the catalog or the newsletter (src/follow): by account id, never by address. */
export interface SubscriptionsTable {
  id: string;
  user_id: string;
  /** dataset | catalog | newsletter */
  kind: string;
  /** The dataset followed; '' for the catalog and the newsletter. */
  dataset_id: string;
  /** pending (until its confirmation link is followed) | confirmed | ended */
  status: string;
  /** SHA-256 of the confirmation link's token; null once used. */
  confirm_digest: string | null;
  confirm_expires_at: string | null;
  /** The consents row given when the link was followed. */
  consent_id: number | null;
  created_at: string;
  confirmed_at: string | null;
  ended_at: string | null;
  /** unfollowed | one_click | consent_withdrawn | unconfirmed */
  end_reason: string | null;
}

interface FollowPreferencesTable {
  user_id: string;
  /** instant | daily | weekly */
  frequency: string;
  /** The language of the person's notification mails. */
  language: string;
  updated_at: string;
}

interface AnnouncementsTable {
  id: string;
  /** null: a portal announcement, to the newsletter's subscribers. */
  dataset_id: string | null;
  title: string;
  body: string;
  /** The publisher's account id. */
  author: string;
  created_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  /** The idempotency key: one row per subscription and event. */
  key: string;
  subscription_id: string;
  user_id: string;
  /** version | metadata | new_dataset | announcement */
  kind: string;
  dataset_id: string;
  version: number | null;
  announcement_id: string | null;
  /** instant | daily | weekly */
  frequency: string;
  /** pending | sending (claimed; sent_at says since when) | sent | withheld */
  status: string;
  /** The digest that took the row (digest:{user}:{period}), or the run that is sending an instant one. */
  digest_key: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A limit's counter within its window (src/accounts/attempts.ts). */
interface AttemptCountersTable {
  /** Keyed digest of what is counted: never an address or an id as such. */
  key: string;
  attempts: number;
  expires_at: string;
}

export interface PrivacyStatementsTable {
  version: number;
  /** SHA-256 of the Dutch and English text together. */
  digest: string;
  /** JSON of the statement's sections as published, per language. */
  text_nl: string;
  text_en: string;
  published_at: string;
}

export interface PrivacyRecipientsTable {
  id: string;
  name: string;
  /** processor | recipient */
  role: string;
  /** JSON array of purpose ids. */
  purposes: string;
  /** JSON array of category ids. */
  categories: string;
  location: string;
  contract_ref: string | null;
  contact: string | null;
  added_at: string;
  ended_at: string | null;
}

export interface PrivacyBreachesTable {
  id: string;
  /** What staff call the breach; rows from before 0015 got their day and nature. */
  title: string;
  aware_at: string;
  opened_at: string;
  opened_by: string;
  /** Letters C, I, A: confidentiality, integrity, availability. */
  nature: string;
  description: string;
  /** JSON array of category ids. */
  categories: string;
  approx_subjects: number | null;
  approx_records: number | null;
  consequences: string;
  measures: string;
  risk: string | null;
  decision: string | null;
  notified_at: string | null;
  delay_reason: string | null;
  subjects_informed_at: string | null;
  closed_at: string | null;
}

/** A URL a person registered to receive dataset events (src/webhooks). */
export interface WebhooksTable {
  id: string;
  user_id: string;
  /** Null: every dataset the owner may see. */
  dataset_id: string | null;
  url: string;
  /** The signing secret, sealed under the portal key (secret-box). */
  secret: string;
  language: string;
  created_at: string;
  disabled_at: string | null;
  /** `failures` or `owner`. */
  disabled_reason: string | null;
  failing_attempts: Generated<number>;
  last_delivered_at: string | null;
}

/** One event for one webhook: claimed by a sender, retried with backoff, unique per webhook and event. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  dataset_id: string;
  payload: string;
  /** pending, sending, delivered or failed. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A reuse of datasets a person submitted (src/exchanges/reuses): shown once staff approved it. */
export interface ReusesTable {
  id: string;
  /** The submitter's account id, or a pseudonym once erased. */
  user_id: string;
  title: string;
  description: string;
  url: string;
  /** application, visualisation, article or research. */
  type: string;
  image_key: string | null;
  image_type: string | null;
  /** pending, approved or rejected. */
  status: string;
  reject_reason: string | null;
  language: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

interface ReuseDatasetsTable {
  reuse_id: string;
  dataset_id: string;
}

/** A public request for data not yet published (src/exchanges/wishes). */
export interface WishesTable {
  id: string;
  user_id: string;
  title: string;
  description: string;
  /** open, under_study, planned, published or refused. */
  status: string;
  dataset_id: string | null;
  refuse_reason: string | null;
  language: string;
  support: Generated<number>;
  created_at: string;
  status_changed_at: string | null;
}

/** One person's support of a data request: one each. */
interface WishVotesTable {
  wish_id: string;
  user_id: string;
  language: string;
  created_at: string;
}

interface WishCommentsTable {
  id: string;
  wish_id: string;
  user_id: string;
  body: string;
  created_at: string;
  /** visible | held (likely spam, until a moderator releases it) | hidden (by a moderator) */
  status: string;
  moderated_by: string | null;
  moderated_at: string | null;
}

/** A signed-in person's report of a data-request comment, until a moderator deals with it. */
interface WishCommentReportsTable {
  id: Generated<number>;
  comment_id: string;
  reporter_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

/** A question to the department (src/exchanges/requests): a signed-in person's, or a visitor's once confirmed. */
export interface InformationRequestsTable {
  id: string;
  /** VRG-2026-XXXXXX; null until registered. */
  reference: string | null;
  /** unconfirmed | new | in_progress | waiting | answered | closed */
  status: string;
  user_id: string | null;
  name: string | null;
  email: string | null;
  language: string;
  dataset_id: string | null;
  subject: string;
  /** SHA-256 of the confirmation link's token. */
  confirm_digest: string | null;
  /** SHA-256 of the thread link's token (a visitor's capability). */
  access_digest: string | null;
  assignee: string | null;
  created_at: string;
  registered_at: string | null;
  due_at: string | null;
  updated_at: string;
  closed_at: string | null;
}

/** One message of a request's thread; `note` is staff's internal note. */
export interface RequestMessagesTable {
  id: Generated<number>;
  request_id: string;
  /** requester | staff | note */
  kind: string;
  author: string | null;
  /** null once erased. */
  body: string | null;
  created_at: string;
}

/** A saved answer staff can insert in a reply. */
export interface CannedAnswersTable {
  id: string;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
}

/** A discussion on a dataset (src/exchanges/discussions): its author by account id (a pseudonym once erased). */
export interface DiscussionThreadsTable {
  id: string;
  dataset_id: string;
  title: string;
  author_id: string;
  locked_at: string | null;
  locked_by: string | null;
  created_at: string;
  last_post_at: string;
}

export interface DiscussionPostsTable {
  id: string;
  thread_id: string;
  author_id: string;
  /** Markdown, rendered through the allow-list sanitizer (src/web/markdown.ts). */
  body: string;
  /** 1: the publisher's answer (staff who may publish the dataset). */
  publisher: number;
  /** visible | held (likely spam) | hidden (by a moderator) */
  status: string;
  /** The language of the page it was written on, for the author's mails. */
  language: string;
  moderated_by: string | null;
  moderated_at: string | null;
  created_at: string;
}

interface DiscussionReportsTable {
  id: Generated<number>;
  post_id: string;
  reporter_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}
