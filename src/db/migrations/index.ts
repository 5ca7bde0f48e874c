// The ordered list of migrations; one set for SQLite and PostgreSQL.
import type { Migration } from 'kysely';
import * as catalog from './0001_catalog.ts';
import * as usage from './0002_usage.ts';
import * as accounts from './0003_accounts.ts';
import * as twoFactor from './0004_two_factor.ts';
import * as publishing from './0006_publishing.ts';
import * as admin from './0007_admin.ts';
import * as privacyRights from './0008_privacy_rights.ts';
import * as privacyCases from './0009_privacy_cases.ts';
import * as privacyOffice from './0010_privacy_office.ts';
import * as retention from './0011_retention.ts';
import * as importReport from './0012_import_report.ts';
import * as attempts from './0013_attempts.ts';
import * as consentsForeignKey from './0014_consents_fk.ts';
import * as breachTitle from './0015_breach_title.ts';
import * as jobsOutbox from './0016_jobs_outbox.ts';
import * as versionChanges from './0017_version_changes.ts';
import * as follow from './0018_follow.ts';
import * as webhooks from './0019_webhooks.ts';
import * as requests from './0020_requests.ts';
import * as discussions from './0021_discussions.ts';
import * as reuses from './0022_reuses.ts';
import * as wishModeration from './0023_wish_moderation.ts';
import * as stats from './0025_stats.ts';
import * as statsVisitor from './0026_stats_visitor.ts';
import * as datasetAttachments from './0027_dataset_attachments.ts';
import * as catalogRevision from './0029_catalog_revision.ts';
import * as statsEventCount from './0030_stats_event_count.ts';

export const migrations: Record<string, Migration> = {
  '0001_catalog': catalog,
  '0002_usage': usage,
  '0003_accounts': accounts,
  '0004_two_factor': twoFactor,
  '0006_publishing': publishing,
  '0007_admin': admin,
  '0008_privacy_rights': privacyRights,
  '0009_privacy_cases': privacyCases,
  '0010_privacy_office': privacyOffice,
  '0011_retention': retention,
  '0012_import_report': importReport,
  '0013_attempts': attempts,
  '0014_consents_fk': consentsForeignKey,
  '0015_breach_title': breachTitle,
  '0016_jobs_outbox': jobsOutbox,
  '0017_version_changes': versionChanges,
  '0018_follow': follow,
  '0019_webhooks': webhooks,
  '0020_requests': requests,
  '0021_discussions': discussions,
  '0022_reuses': reuses,
  '0023_wish_moderation': wishModeration,
  '0025_stats': stats,
  '0026_stats_visitor': statsVisitor,
  '0027_dataset_attachments': datasetAttachments,
  '0029_catalog_revision': catalogRevision,
  '0030_stats_event_count': statsEventCount,
};
