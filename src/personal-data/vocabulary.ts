// The words the personal-data map is written in: purposes (each with its own legal basis), data categories and
// retention rules. The statement, the register, the access archive and the retention sweep all read them from here,
// so a rule is stated once; their wording in each language is in the catalogs (`privacyTerms`).
import type { KeysExactly, Messages } from '../i18n/index.ts';

/** GDPR Art. 6(1) grounds a public body may use. Legitimate interests (f) is left out: Art. 6(1) last sentence. */
export const legalBases = {
  consent: { article: 'Art. 6(1)(a)' },
  contract: { article: 'Art. 6(1)(b)' },
  legal_obligation: { article: 'Art. 6(1)(c)' },
  public_task: { article: 'Art. 6(1)(e)' },
} as const;
export type LegalBasis = keyof typeof legalBases;

interface Purpose {
  /** The basis when the operator configures none (PRIVACY_BASIS_<PURPOSE>). */
  defaultBasis: LegalBasis;
}

/** What personal data is processed for. Each purpose has its own legal basis, never consent for everything. */
export const purposes = {
  accounts: { defaultBasis: 'public_task' },
  security: { defaultBasis: 'legal_obligation' },
  publishing: { defaultBasis: 'public_task' },
  accountability: { defaultBasis: 'legal_obligation' },
  privacy_requests: { defaultBasis: 'legal_obligation' },
  registers: { defaultBasis: 'legal_obligation' },
  // Mail about followed datasets and the newsletter: only to whoever asked and confirmed (double opt-in).
  notifications: { defaultBasis: 'consent' },
  // Answering questions about the data and the department (information requests, src/exchanges/requests).
  information_requests: { defaultBasis: 'public_task' },
  // What people write to and for each other in the portal: discussions on datasets, reuses, data requests with their
  // support and comments (src/exchanges/{discussions,reuses,wishes}), and the moderation of it.
  exchanges: { defaultBasis: 'public_task' },
  // Counting how the portal is used, to improve it (src/stats): a day's keyed hash of address and browser, nothing else.
  statistics: { defaultBasis: 'public_task' },
} as const satisfies Record<string, Purpose>;
export type PurposeId = keyof typeof purposes;

/** Kinds of personal data, as the statement and the register name them. */
export const categories = [
  'identity',
  'contact',
  'credentials',
  'account_metadata',
  'identifier',
  'preferences',
  'messages',
  'contact_point',
  'attempt_digest',
  'endpoint',
  'visitor_digest',
] as const;
export type CategoryId = (typeof categories)[number];

export interface RetentionRule {
  /**
   * What starts the clock, as `table.column`: the module that owns that table brings the retention sweep's step for
   * the rule (`retentionSteps` in the registry; src/privacy/retention runs them). Null where the data has no deadline of its own.
   */
  trigger: string | null;
  /** ISO-8601 duration after the trigger; null with no own deadline. The statement promises five years at most. */
  period: string | null;
  /**
   * For a rule without a trigger: the table whose rows take these with them when they go (by erasure or a cascade),
   * so the data lives exactly as long as its owner, whose own rule the sweep applies.
   */
  livesWith?: string;
}

export const retentionRules = {
  account: {
    trigger: 'users.last_active_at',
    period: 'P5Y',
  },
  account_data: {
    trigger: null,
    period: null,
    livesWith: 'users',
  },
  session: {
    trigger: 'sessions.expires_at',
    period: 'PT0S',
  },
  link: {
    // The grace day counts from use as well as from expiry.
    trigger: 'account_tokens.expires_at',
    period: 'P1D',
  },
  mail: {
    // A mail that could not be delivered counts from when it was written.
    trigger: 'mail_outbox.sent_at',
    period: 'P30D',
  },
  audit: {
    trigger: 'events.at',
    period: 'P5Y',
  },
  consent_proof: {
    // Only proofs no longer tied to an account (erased, pseudonymised) expire; an account's own proofs live with it.
    trigger: 'consents.given_at',
    period: 'P5Y',
  },
  case: {
    trigger: 'privacy_cases.closed_at',
    period: 'P5Y',
  },
  case_step: {
    // A step can be written after the case closed (the requester's erasure): it goes with its case, not before or after.
    trigger: null,
    period: null,
    livesWith: 'privacy_cases',
  },
  recipient: {
    trigger: 'privacy_recipients.ended_at',
    period: 'P5Y',
  },
  breach: {
    trigger: 'privacy_breaches.closed_at',
    period: 'P5Y',
  },
  archive: {
    trigger: 'access_archives.expires_at',
    period: 'PT0S',
  },
  published: {
    trigger: null,
    period: null,
    livesWith: 'datasets',
  },
  attempts: {
    trigger: 'attempt_counters.expires_at',
    period: 'PT0S',
  },
  legal_hold: {
    trigger: 'legal_holds.ends_at',
    period: 'P5Y',
  },
  webhook_delivery: {
    // A delivery still being sent is never swept; the rest go a month after the event, delivered or not.
    trigger: 'webhook_deliveries.created_at',
    period: 'P30D',
  },
  subscription: {
    // An ended (or never confirmed) subscription: kept a month as the trace of the unsubscribe, then gone.
    trigger: 'subscriptions.ended_at',
    period: 'P30D',
  },
  notification: {
    // A notification mailed (or withheld): kept as long as the mail itself (mail_outbox), so "was I told?" has an answer.
    trigger: 'notifications.sent_at',
    period: 'P30D',
  },
  information_request: {
    // A question and its thread: kept two years after it was closed, then deleted with its messages.
    trigger: 'information_requests.closed_at',
    period: 'P2Y',
  },
  unconfirmed_request: {
    // A visitor's question whose address was never confirmed: nothing of it is kept after 24 hours.
    trigger: 'information_requests.created_at',
    period: 'PT24H',
  },
  request_message: {
    // The messages of a question (staff notes included) go with it.
    trigger: null,
    period: null,
    livesWith: 'information_requests',
  },
  discussion: {
    // A discussion has no deadline of its own: it stays with the dataset's page. What ties it to a person goes with the
    // account (erasure, by request or after five years unused): the author is pseudonymised, the text others answered stays.
    trigger: null,
    period: null,
    livesWith: 'discussion_threads',
  },
  reuse: {
    // An approved reuse stays published; a pending or rejected one is deleted with its submitter's account.
    trigger: null,
    period: null,
    livesWith: 'reuses',
  },
  data_request: {
    // A data request stays public with the support others gave it; who asked is pseudonymised with their account.
    trigger: null,
    period: null,
    livesWith: 'wishes',
  },
  statistics_visitor: {
    // The day's visitor hash is cleared when its day is rolled up (shortly after midnight), two days after at the latest.
    trigger: 'stats_events.at',
    period: 'P2D',
  },
} as const satisfies Record<string, RetentionRule>;
export type RetentionId = keyof typeof retentionRules;

// The catalogs word every legal basis, purpose, category and retention rule, and nothing else.
true satisfies KeysExactly<Messages['privacyTerms']['legalBases'], LegalBasis>;
true satisfies KeysExactly<Messages['privacyTerms']['purposes'], PurposeId>;
true satisfies KeysExactly<Messages['privacyTerms']['categories'], CategoryId>;
true satisfies KeysExactly<Messages['privacyTerms']['retention'], RetentionId>;
