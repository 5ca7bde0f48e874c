// The one error hierarchy of the domain: thrown where a problem is found, mapped once at the edge.

type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'forbidden'
  | 'conflict'
  | 'too_many'
  | 'import_failed'
  | 'config';

/**
 * Why a domain error was raised: a stable key, so pages can say it in the visitor's language. Grouped by the pages
 * whose catalog map words them (`errors` of that section); src/web/reasons.ts checks that each map words exactly its
 * group, so a raised reason without a text, or a text for a reason nobody raises, fails typecheck.
 */
export type Reason =
  | AccountReason
  | AdminReason
  | ApiKeyReason
  | BackofficeReason
  | LegalHoldReason
  | PrivacyRightsReason
  | PrivacyOfficeReason
  | PrivacyCaseReason
  | TwoFactorReason
  | WebhookReason
  | FollowReason
  | ReuseReason
  | WishReason
  | StatsReason
  | RequestReason
  | DiscussionReason
  | AttachmentReason
  | UnwordedReason;

/** Worded on sign-in, registration, profile and password pages (`account.errors`). */
export type AccountReason =
  | 'sign_in_failed'
  | 'too_many_attempts'
  | 'too_many_mails'
  | 'name_invalid'
  | 'email_invalid'
  | 'accept_statement'
  | 'link_invalid'
  | 'wrong_password'
  | 'same_email'
  | 'email_taken'
  | 'password_too_short'
  | 'password_too_long'
  | 'password_common'
  | 'password_weak'
  | 'csrf';

/** Worded on the administration pages (`admin.errors`). */
export type AdminReason =
  | 'last_admin'
  | 'self_disable'
  | 'role_invalid'
  | 'no_such_account'
  | 'already_granted'
  | 'not_restricted'
  | 'no_such_key'
  | 'no_such_grant'
  | 'mail_not_failed';

/** Worded on the API-key pages (`apiKeys.errors`). */
export type ApiKeyReason =
  | 'api_key_name'
  | 'api_key_days'
  | 'api_key_limit'
  | 'api_key_unknown';

/** Worded on the webhooks page (`webhooks.errors`). */
export type WebhookReason =
  | 'webhook_url'
  | 'webhook_url_private'
  | 'webhook_dataset'
  | 'webhook_limit'
  | 'webhook_unknown';

/** Worded on the publishing pages (`backoffice.errors`). */
export type BackofficeReason =
  | 'dataset_id'
  | 'dataset_exists'
  | 'title_required'
  | 'no_current_version'
  | 'version_published'
  | 'concurrent_version'
  | 'no_fields'
  | 'unknown_field'
  | 'field_type'
  | 'field_format'
  | 'aggregation_field'
  | 'checks_pending'
  | 'no_source'
  | 'version_changed'
  | 'confirm_required'
  | 'csrf';

/** Worded on the dataset's attachments in the back office (`attachments.errors`). */
export type AttachmentReason = 'attachment_type' | 'attachment_empty' | 'attachment_content' | 'attachment_title';

/** Worded on the legal-hold pages (`holds.errors`). */
export type LegalHoldReason =
  | 'hold_subject'
  | 'hold_no_case'
  | 'hold_reason'
  | 'hold_reason_text'
  | 'hold_ends_on'
  | 'hold_ends_past'
  | 'hold_ends_far'
  | 'hold_no_account'
  | 'hold_unknown'
  | 'hold_ended';

/** Worded on the self-service rights pages (`privacyRights.errors`). */
export type PrivacyRightsReason =
  | 'last_admin'
  | 'wrong_password'
  | 'not_withdrawable'
  | 'purpose_unknown'
  | 'consent_unknown';

/** Worded on the privacy office: recipients, breaches, statement (`privacy.errors`). */
export type PrivacyOfficeReason =
  | 'recipient_name'
  | 'recipient_role'
  | 'recipient_purposes'
  | 'recipient_categories'
  | 'recipient_location'
  | 'recipient_too_long'
  | 'recipient_unknown'
  | 'recipient_ended'
  | 'breach_aware_at'
  | 'breach_aware_future'
  | 'breach_nature'
  | 'breach_title'
  | 'breach_description'
  | 'breach_categories'
  | 'breach_count'
  | 'breach_risk'
  | 'breach_decision'
  | 'breach_decision_without_risk'
  | 'breach_must_notify'
  | 'breach_notified_without_decision'
  | 'breach_notified_future'
  | 'breach_notified_early'
  | 'breach_delay_reason'
  | 'breach_delay_reason_required'
  | 'breach_informed_future'
  | 'breach_consequences'
  | 'breach_measures'
  | 'breach_closed'
  | 'breach_close_undecided'
  | 'breach_close_not_notified'
  | 'breach_close_not_informed'
  | 'breach_time'
  | 'breach_unknown'
  | 'statement_version'
  | 'statement_changed';

/** Worded on privacy requests, public form and console (`privacyCases.errors`). */
export type PrivacyCaseReason =
  | 'case_type'
  | 'email'
  | 'message'
  | 'too_long'
  | 'code_wrong'
  | 'code_spent'
  | 'too_many_requests'
  | 'too_many_codes'
  | 'already_verified'
  | 'case_not_found'
  | 'identity_unverified'
  | 'case_closed'
  | 'no_account'
  | 'actions_unavailable'
  | 'already_extended'
  | 'extension_late'
  | 'extension_months'
  | 'reason'
  | 'answer'
  | 'method'
  | 'verified_day'
  | 'channel'
  | 'received_day'
  | 'action'
  | 'confirm_required';

/** Worded on the follow pages: buttons, confirmation and unsubscribe links, announcements (`follow.errors`). */
export type FollowReason =
  | 'follow_link_invalid'
  | 'unsubscribe_invalid'
  | 'unsubscribe_used'
  | 'follow_frequency'
  | 'follow_unknown'
  | 'announcement_title'
  | 'announcement_body';

/** Worded on the reuse pages: the submit form and moderation (`reuses.errors`). */
export type ReuseReason =
  | 'reuse_title'
  | 'reuse_description'
  | 'reuse_url'
  | 'reuse_type'
  | 'reuse_datasets'
  | 'reuse_too_long'
  | 'reuse_too_many'
  | 'reuse_reason'
  | 'reuse_decided'
  | 'reuse_unknown';

/** Worded on the data request pages (`wishes.errors`). */
export type WishReason =
  | 'wish_title'
  | 'wish_description'
  | 'wish_comment'
  | 'wish_too_long'
  | 'wish_too_many'
  | 'wish_status'
  | 'wish_dataset'
  | 'wish_reason'
  | 'wish_unknown'
  | 'wish_comment_unknown'
  | 'wish_report_reason';
/** Worded on the statistics dashboards (`stats.errors`). */
export type StatsReason = 'stats_day' | 'stats_range' | 'stats_dataset';
/** Worded on the information request pages and the inbox (`requests.errors`). */
export type RequestReason =
  | 'request_subject'
  | 'request_message'
  | 'request_too_long'
  | 'request_name'
  | 'request_email'
  | 'request_link_invalid'
  | 'request_not_found'
  | 'request_status'
  | 'request_assignee'
  | 'request_closed'
  | 'request_spam'
  | 'request_too_many'
  | 'canned_title';
/** Worded on the discussion pages (`discussions.errors`). */
export type DiscussionReason =
  | 'discussion_title'
  | 'discussion_body'
  | 'discussion_too_long'
  | 'discussion_locked'
  | 'discussion_too_many'
  | 'discussion_reason'
  | 'discussion_unknown';

/** Worded on the second-factor pages (`twoFactor.errors`). */
export type TwoFactorReason =
  | 'code_invalid'
  | 'too_many_codes'
  | 'two_factor_required'
  | 'two_factor_on'
  | 'two_factor_off'
  | 'two_factor_not_started';

/**
 * Reasons no map words: the API reports them in its JSON `reason` (or picks the status by them), and a page answers
 * with its own text (`noFile`, `tooLarge`) or the error's message.
 */
type UnwordedReason = 'permission' | 'media_type' | 'fields' | 'too_large' | 'no_file' | 'no_dataset' | 'no_version' | 'legal_hold' | 'form_field';

/**
 * The one status rule: each code's HTTP status, on pages, in the JSON APIs and in the `.json` twins alike
 * (the Explore API alone keeps Opendatasoft's statuses, src/explore/errors.ts). Whatever the caller sent
 * that cannot be used is 400, whether a query parameter, a form field or a JSON body; 422 is kept for a
 * file that arrived whole but cannot be read as a dataset (ImportFailed), 413 for one past a limit.
 */
const statusOfCode = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_failed: 422,
  too_many: 429,
  config: 500,
} as const satisfies Record<ErrorCode, number>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** A stable key for what went wrong, so pages can say it in the visitor's language. */
  readonly reason: string | undefined;
  /** The HTTP status this error answers with; subclasses that differ from their code's say so. */
  readonly status: number;
  /** Seconds after which a retry has a fair chance, sent as Retry-After; set by the busy errors. */
  readonly retryAfter?: number;
  constructor(code: ErrorCode, message: string, reason?: Reason, status: number = statusOfCode[code]) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.status = status;
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message: string, reason?: Reason) {
    super('not_found', message, reason);
  }
}

export class Invalid extends DomainError {
  constructor(message: string, reason?: Reason) {
    super('invalid', message, reason);
  }
}

/** A request body past the portal's size limit (413): sound, maybe, but too big; reason `too_large`. */
export class TooLarge extends DomainError {
  constructor(message: string) {
    super('invalid', message, 'too_large', 413);
  }
}

/** A body in a format the route does not read (415); reason `media_type`. */
export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('invalid', message, 'media_type', 415);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string, reason?: Reason) {
    super('forbidden', message, reason);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, reason?: Reason) {
    super('conflict', message, reason);
  }
}

/** A form field its route's schema refused (too long, not text): the page shows the form again and names `field`. */
export class FormFieldInvalid extends Invalid {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message, 'form_field');
    this.field = field;
  }
}

export class TooMany extends DomainError {
  constructor(message: string, reason?: Reason) {
    super('too_many', message, reason);
  }
}

/**
 * Why a file could not be imported, as a stable code and its values, so the back office says it in the editor's
 * language (`importReport.failures`, checked against these codes in src/web/reasons.ts); the `reason` sentence stays
 * the English of the CLI and the publishing API.
 */
export type ImportWords =
  | { code: 'unknown_format'; extension: string; supported: string }
  | { code: 'xls' }
  | { code: 'not_xlsx' }
  | { code: 'unreadable' }
  | { code: 'empty' }
  | { code: 'too_big'; bytes: number; limit: number }
  | { code: 'no_records' }
  | { code: 'disk_full' }
  | { code: 'out_of_memory' }
  | { code: 'too_many_columns'; columns: number; limit: number }
  | { code: 'workbook_too_large' }
  | { code: 'too_many_cells'; limit: number }
  | { code: 'no_header' }
  | { code: 'utf16' }
  | { code: 'binary' }
  | { code: 'bad_sep'; sep: string }
  | { code: 'open_quote' }
  | { code: 'first_record_long' }
  | { code: 'line_too_long' }
  | { code: 'column_count'; expected: number; found: number }
  | { code: 'not_utf8' }
  | { code: 'not_windows_1252' }
  /** A row the engine could not read, for a reason Opaal does not know by name. */
  | { code: 'bad_row' }
  | { code: 'too_deep'; levels: number }
  | { code: 'not_json' }
  | { code: 'not_object'; record: number }
  | { code: 'no_collection' }
  | { code: 'no_features' }
  | { code: 'not_feature'; feature: number }
  | { code: 'feature_too_large'; feature: number; limit: number }
  | { code: 'geometry_type'; feature: number; type: string }
  | { code: 'bad_geometry'; feature: number }
  | { code: 'empty_first_row' }
  | { code: 'beyond_columns'; width: number };

/** An import that could not become a version; `line` is 1-based in the source file when known. */
export class ImportFailed extends DomainError {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;
  readonly words: ImportWords;
  constructor(file: string, reason: string, words: ImportWords, line?: number) {
    super('import_failed', `${file}${line !== undefined ? `, line ${line}` : ''}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.words = words;
  }
}

/** An import past one of the portal's limits (size once inflated, columns, cells, nesting): the file may be sound, but too big. */
export class ImportTooLarge extends ImportFailed {
  override readonly status: number = 413;
}

/** A setting with a bad value: start-up stops with this one line. */
export class ConfigError extends DomainError {
  constructor(message: string) {
    super('config', message);
  }
}
