// The one owner of each table: only that module's folder under src/ writes SQL against it (test/table-ownership.test.ts).
import type { Database } from './schema.ts';

/** The top-level module folders under src/ that own tables. */
type TableOwner = 'accounts' | 'admin' | 'catalog' | 'events' | 'exchanges' | 'follow' | 'jobs' | 'mail' | 'privacy' | 'stats' | 'webhooks';

/** Keyed by the schema's tables, so a table added to `Database` without an owner does not compile. */
export const tableOwners: Record<keyof Database, TableOwner> = {
  users: 'accounts',
  sessions: 'accounts',
  account_tokens: 'accounts',
  recovery_codes: 'accounts',
  api_keys: 'accounts',
  attempt_counters: 'accounts',
  // Given when a person registers; the privacy office withdraws and reports them, through the accounts store.
  consents: 'accounts',
  dataset_grants: 'admin',
  datasets: 'catalog',
  dataset_versions: 'catalog',
  events: 'events',
  mail_outbox: 'mail',
  jobs: 'jobs',
  stats_events: 'stats',
  stats_hourly: 'stats',
  stats_daily: 'stats',
  stats_daily_visitors: 'stats',
  stats_daily_terms: 'stats',
  stats_daily_referrers: 'stats',
  stats_day_keys: 'stats',
  privacy_cases: 'privacy',
  privacy_case_steps: 'privacy',
  privacy_statements: 'privacy',
  privacy_recipients: 'privacy',
  privacy_breaches: 'privacy',
  legal_holds: 'privacy',
  retention_warnings: 'privacy',
  account_privacy_flags: 'privacy',
  access_archives: 'privacy',
  erasure_ledger: 'privacy',
  webhooks: 'webhooks',
  webhook_deliveries: 'webhooks',
  subscriptions: 'follow',
  follow_preferences: 'follow',
  announcements: 'follow',
  notifications: 'follow',
  reuses: 'exchanges',
  reuse_datasets: 'exchanges',
  wishes: 'exchanges',
  wish_votes: 'exchanges',
  wish_comments: 'exchanges',
  wish_comment_reports: 'exchanges',
  information_requests: 'exchanges',
  request_messages: 'exchanges',
  canned_answers: 'exchanges',
  discussion_threads: 'exchanges',
  discussion_posts: 'exchanges',
  discussion_reports: 'exchanges',
};

