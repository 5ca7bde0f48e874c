// Test support: representative rows of every table, as an earlier release wrote them, for the upgrade test. A row names
// every column its table has had; at a release point, only the columns that existed then are written.
import { createHash } from 'node:crypto';

export type Row = Record<string, string | number | null>;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** When the old release wrote the rows, and when today's code reads them (an hour later). */
export const writtenAt = '2026-01-05T09:00:00.000Z';
export const readAt = new Date('2026-01-05T10:00:00.000Z');
const at = writtenAt;

/** What a person holds and the database keeps only a digest of, so the test can present it to today's code. */
export const secrets = {
  password: 'Oude sleutel van het archief 2025',
  sessionToken: 'sessie-van-voor-de-upgrade-0123456789abcdef',
  resetToken: 'herstel-link-van-voor-de-upgrade-0123456789',
  apiKey: `opaal_${'sleutel-van-voor-de-upgrade_'.padEnd(43, 'x')}`,
};

export const person = { id: 'u_upgrade', email: 'an.peeters@example.org' };
export const editor = { id: 'u_editor', email: 'redactie@example.org' };
export const publicDataset = 'fietsenstallingen';
export const restrictedDataset = 'meldingen';
export const caseId = 'c_upgrade';

const fields = [{ name: 'naam', label: 'Naam', type: 'text', description: null, annotations: {} }];
const metadata = (title: string) => ({
  title: { nl: title, en: title },
  description: { nl: 'Bewaard van voor de upgrade.' },
  theme: ['TRAN'],
  keyword: { nl: ['fiets'] },
  publisher: { name: 'Stad', uri: null },
  contactPoint: null,
  license: null,
  language: ['nl'],
  temporal: null,
  spatial: [],
  accrualPeriodicity: 'MONTHLY',
  accessRights: 'PUBLIC',
  landingPage: null,
  issued: null,
});
const dataset = (id: string, visibility: string): Row => ({
  id, uid: `da_${id}`, metadata: JSON.stringify(metadata(id)), fields: JSON.stringify(fields), visibility, current_version: `v_${id}`,
  records_count: 3, created_at: at, modified_at: at, data_modified_at: at, metadata_modified_at: at, published_at: at,
});
const version = (datasetId: string): Row => ({
  id: `v_${datasetId}`, dataset_id: datasetId, number: 1, blob: `datasets/${datasetId}/1.parquet`, records_count: 3, bytes: 4096,
  source_name: `${datasetId}.csv`, source_format: 'csv', fields: JSON.stringify(fields), created_at: at, published_at: at,
  source_blob: `sources/${datasetId}/1.csv`, readings: JSON.stringify({ naam: { type: 'text' } }), report: null,
  changes: null, compared_to: null,
});
const user = (id: string, email: string, role: string, totp: boolean): Row => ({
  id, email, first_name: 'An', last_name: 'Peeters', display_name: null,
  password_hash: '$argon2id$v=19$m=19456,t=2,p=1$Pz6oYKdHKN4uZivLn6lf0Q$Y/O/j/JwP+MsDmQ5DutaGlUDQ02WCZuVrawrzLizI6E',
  password_changed_at: at, role, email_verified_at: at, totp_secret: totp ? 'verzegeld-geheim' : null, totp_enabled_at: totp ? at : null,
  totp_last_step: totp ? 58_937_460 : null, created_at: at, last_active_at: at, disabled_at: null,
});
export const statementText = { nl: [{ heading: 'Wie wij zijn', paragraphs: ['De stad.'] }], en: [{ heading: 'Who we are', paragraphs: ['The city.'] }] };

/**
 * The rows, table by table in an order that writes what a row refers to first. Identity columns (`id` of events,
 * consents, the outbox, …) are left to the database, as the release's own code left them, so that today's code can
 * add rows after them.
 */
/** Tables a migration retired, and the migration: their rows are read back where it moved them. */
export const retiredTables: Record<string, string> = { dataset_usage: '0025_stats' };

export const upgradeRows: [table: string, rows: Row[]][] = [
  ['datasets', [dataset(publicDataset, 'public'), dataset(restrictedDataset, 'restricted')]],
  ['dataset_versions', [version(publicDataset), version(restrictedDataset)]],
  ['dataset_attachments', [
    { dataset_id: publicDataset, id: 'methodologie_pdf', title: 'Methodologie van de telling', file_name: 'methodologie.pdf', mime_type: 'application/pdf', bytes: 48213, blob: `attachments/${publicDataset}/0123456789abcdef01234567.pdf`, created_at: at },
    { dataset_id: restrictedDataset, id: 'nota_md', title: 'Interne nota', file_name: 'nota.md', mime_type: 'text/markdown; charset=utf-8', bytes: 120, blob: `attachments/${restrictedDataset}/89abcdef0123456789abcdef.md`, created_at: at },
  ]],
  ['catalog_revision', [{ id: 1, revision: 7 }]],
  ['events', [{ at, actor: 'cli', verb: 'dataset.imported', subject_type: 'dataset', subject_id: publicDataset, data: JSON.stringify({ version: 1 }) }]],
  ['users', [user(person.id, person.email, 'user', false), user(editor.id, editor.email, 'editor', true)]],
  ['sessions', [{ id: sha(secrets.sessionToken), user_id: person.id, stage: 'complete', created_at: at, last_seen_at: '2026-01-05T09:59:30.000Z', expires_at: '2026-01-05T21:00:00.000Z', failed_codes: 0 }]],
  ['account_tokens', [{ id: sha(secrets.resetToken), user_id: person.id, purpose: 'reset_password', new_email: null, created_at: '2026-01-05T09:45:00.000Z', expires_at: '2026-01-05T10:45:00.000Z', used_at: null }]],
  ['api_keys', [{ id: 'k_upgrade', user_id: person.id, name: 'Dashboard', prefix: secrets.apiKey.slice(0, 10), digest: sha(secrets.apiKey), created_at: at, expires_at: '2026-04-05T09:00:00.000Z', last_used_at: null, revoked_at: null, revoked_by: null }]],
  ['consents', [{ user_id: person.id, purpose: 'privacy_statement', statement_version: '1', statement_digest: sha('verklaring 1'), method: 'registration', language: 'nl', given_at: at, withdrawn_at: null }]],
  ['dataset_grants', [{ dataset_id: restrictedDataset, user_id: person.id, granted_by: editor.id, granted_at: at }]],
  ['mail_outbox', [{ to_address: person.email, template: 'accounts.verify', subject: 'Bevestig je adres', text_body: 'Dag An, bevestig je adres.', status: 'pending', attempts: 0, last_error: null, created_at: at, sent_at: null, html_body: null, headers: null, idempotency_key: null, next_attempt_at: at, claimed_by: null, claimed_at: null, forget: 0 }]],
  ['recovery_codes', [{ user_id: editor.id, digest: sha('herstelcode-1'), created_at: at, used_at: null }, { user_id: editor.id, digest: sha('herstelcode-2'), created_at: at, used_at: null }]],
  ['account_privacy_flags', [{ user_id: person.id, kind: 'objection', purpose: 'publishing', set_at: at, set_by: 'self' }]],
  ['access_archives', [{ id: sha('archief'), user_id: person.id, created_at: at, expires_at: '2026-01-12T09:00:00.000Z' }]],
  ['erasure_ledger', [{ at, subject_digest: sha('gewist account'), by: 'self', reference: null }]],
  ['privacy_cases', [{
    id: caseId, reference: 'PRV-2026-UPGR01', type: 'access', status: 'open', channel: 'portal', requester_email: person.email, user_id: person.id,
    language: 'nl', message: 'Welke gegevens hebben jullie?', received_at: at, due_at: '2026-02-05', extended_at: null, extension_reason: null,
    identity_verified_at: at, identity_method: 'session', code_digest: null, code_expires_at: null, code_attempts: 0, duplicate_of: null,
    outcome: null, closed_at: null,
  }]],
  ['privacy_case_steps', [{ case_id: caseId, at, actor: person.id, kind: 'submitted', note: null }]],
  ['privacy_statements', [{ version: 1, digest: sha('verklaring 1'), text_nl: JSON.stringify(statementText.nl), text_en: JSON.stringify(statementText.en), published_at: at }]],
  ['privacy_recipients', [{ id: 'r_upgrade', name: 'Posthuis BV', role: 'processor', purposes: JSON.stringify(['accounts']), categories: JSON.stringify(['contact']), location: 'EU', contract_ref: 'VWO-2025-1', contact: null, added_at: at, ended_at: null }]],
  ['privacy_breaches', [{
    id: 'b_upgrade', title: 'Open ledenlijst', aware_at: at, opened_at: at, opened_by: editor.id, nature: 'C', description: 'Een lijst lag open.', categories: JSON.stringify(['contact']),
    approx_subjects: 10, approx_records: 12, consequences: 'Weinig.', measures: 'Dichtgezet.', risk: 'risk', decision: null, notified_at: null,
    delay_reason: null, subjects_informed_at: null, closed_at: null,
  }]],
  ['legal_holds', [{ id: 'h_upgrade', object_type: 'user', object_id: person.id, reason: 'legal_claims', reason_text: 'Lopend geschil.', set_by: editor.id, set_at: at, ends_at: '2026-07-01T00:00:00.000Z', ended_at: null, ended_by: null }]],
  ['retention_warnings', [{ user_id: person.id, warned_at: at }]],
  ['attempt_counters', [{ key: sha('teller'), attempts: 2, expires_at: '2026-01-05T10:15:00.000Z' }]],
  // Retired by 0025_stats: its counts move into stats_daily (a check in test/db/upgrade.test.ts reads them there).
  ['dataset_usage', [{ dataset_id: publicDataset, day: '2026-01-04', page_views: 7, api_calls: 3, downloads: 1 }]],
  ['stats_events', [{ at, kind: 'search', page: '', dataset_id: '', caller: '', term: 'fiets', results: 2, referrer: 'www.vlaanderen.be', visitor: 'c'.repeat(64), n: 1 }]],
  ['stats_hourly', [{ hour: '2026-01-05T08', kind: 'view', page: 'dataset', dataset_id: publicDataset, caller: '', count: 4 }]],
  ['stats_daily', [{ day: '2026-01-05', kind: 'api', page: 'records', dataset_id: publicDataset, caller: 'key', count: 5 }]],
  ['stats_daily_visitors', [{ day: '2026-01-04', visitors: 12 }]],
  ['stats_daily_terms', [{ day: '2026-01-04', term: 'fiets', searches: 6, empty: 0 }, { day: '2026-01-04', term: '', searches: 3, empty: 1 }]],
  ['stats_daily_referrers', [{ day: '2026-01-04', host: 'www.vlaanderen.be', count: 2 }]],
  ['stats_day_keys', [{ day: '2026-01-05', secret: 'a'.repeat(64), created_at: at }]],
  ['jobs', [{ kind: 'dataset.version_published', job_key: `dataset:${publicDataset}:v1:${at}`, payload: JSON.stringify({ type: 'version_published', datasetId: publicDataset, at, version: 1, previousVersion: null, firstPublication: true }), status: 'pending', attempts: 0, run_after: at, claimed_by: null, claimed_at: null, last_error: null, created_at: at, finished_at: null }]],
  ['webhooks', [{
    id: 'wh_upgrade', user_id: person.id, dataset_id: publicDataset, url: 'https://hooks.example.org/opaal', secret: 'v1.verzegeld-geheim', language: 'nl',
    created_at: at, disabled_at: null, disabled_reason: null, failing_attempts: 0, last_delivered_at: at,
  }]],
  ['webhook_deliveries', [{
    id: 'whd_upgrade', webhook_id: 'wh_upgrade', event_id: 'evt_upgrade', event_type: 'dataset.version_published', dataset_id: publicDataset,
    payload: JSON.stringify({ id: 'evt_upgrade', type: 'dataset.version_published' }), status: 'delivered', attempts: 1, next_attempt_at: at,
    claimed_by: null, claimed_at: null, last_status_code: 204, last_error: null, created_at: at, delivered_at: at,
  }]],
  ['subscriptions', [{
    id: 's_upgrade', user_id: person.id, kind: 'dataset', dataset_id: publicDataset, status: 'confirmed', confirm_digest: null, confirm_expires_at: null,
    consent_id: null, created_at: at, confirmed_at: at, ended_at: null, end_reason: null,
  }]],
  ['follow_preferences', [{ user_id: person.id, frequency: 'daily', language: 'nl', updated_at: at }]],
  ['announcements', [{ id: 'an_upgrade', dataset_id: publicDataset, title: 'Nieuwe stallingen', body: 'Er komen er drie bij.', author: editor.id, created_at: at }]],
  ['notifications', [{
    key: `sub:s_upgrade:v:${publicDataset}:1`, subscription_id: 's_upgrade', user_id: person.id, kind: 'version', dataset_id: publicDataset, version: 1,
    announcement_id: null, frequency: 'daily', status: 'pending', digest_key: null, created_at: at, sent_at: null,
  }]],
  ['reuses', [{
    id: 'ru_upgrade', user_id: person.id, title: 'Fietskaart', description: 'Een **kaart** van de stallingen.', url: 'https://kaart.example.org/', type: 'application',
    image_key: null, image_type: null, status: 'approved', reject_reason: null, language: 'nl', created_at: at, decided_at: at, decided_by: editor.id,
  }]],
  ['reuse_datasets', [{ reuse_id: 'ru_upgrade', dataset_id: publicDataset }]],
  ['wishes', [{
    id: 'wi_upgrade', user_id: person.id, title: 'Bomen in de stad', description: 'Waar staan ze?', status: 'open', dataset_id: null, refuse_reason: null,
    language: 'nl', support: 1, created_at: at, status_changed_at: null,
  }]],
  ['wish_votes', [{ wish_id: 'wi_upgrade', user_id: editor.id, language: 'en', created_at: at }]],
  ['wish_comments', [
    { id: 'wc_upgrade', wish_id: 'wi_upgrade', user_id: editor.id, body: 'Goed idee.', created_at: at, status: 'visible', moderated_by: null, moderated_at: null },
    { id: 'wc_upgrade2', wish_id: 'wi_upgrade', user_id: person.id, body: 'Zie https://a.example.org https://b.example.org https://c.example.org', created_at: at, status: 'held', moderated_by: null, moderated_at: null },
  ]],
  ['wish_comment_reports', [{ comment_id: 'wc_upgrade', reporter_id: person.id, reason: 'Niet ter zake', created_at: at, resolved_at: null }]],
  ['information_requests', [{
    id: 'req_upgrade', reference: 'VRG-2026-UPGR23', status: 'answered', user_id: person.id, name: null, email: null, language: 'nl', dataset_id: publicDataset,
    subject: 'Hoe vaak wordt dit bijgewerkt?', confirm_digest: null, access_digest: null, assignee: editor.id, created_at: at, registered_at: at,
    due_at: '2026-02-02', updated_at: at, closed_at: null,
  }]],
  ['request_messages', [
    { request_id: 'req_upgrade', kind: 'requester', author: person.id, body: 'Hoe vaak wordt dit bijgewerkt?', created_at: at },
    { request_id: 'req_upgrade', kind: 'staff', author: editor.id, body: 'Elke maand.', created_at: at },
  ]],
  ['canned_answers', [{ id: 'ca_upgrade', title: 'Bijwerking', body: 'De dataset wordt elke maand bijgewerkt.', created_by: editor.id, created_at: at }]],
  ['discussion_threads', [{ id: 'd_upgrade', dataset_id: publicDataset, title: 'Waar staat stalling 3?', author_id: person.id, locked_at: null, locked_by: null, created_at: at, last_post_at: at }]],
  ['discussion_posts', [
    { id: 'p_upgrade1', thread_id: 'd_upgrade', author_id: person.id, body: 'Ik vind stalling 3 niet op de kaart.', publisher: 0, status: 'visible', language: 'nl', moderated_by: null, moderated_at: null, created_at: at },
    { id: 'p_upgrade2', thread_id: 'd_upgrade', author_id: editor.id, body: 'Die komt er in maart bij.', publisher: 1, status: 'visible', language: 'nl', moderated_by: null, moderated_at: null, created_at: at },
  ]],
  ['discussion_reports', [{ post_id: 'p_upgrade2', reporter_id: person.id, reason: 'Klopt niet', created_at: at, resolved_at: null }]],
];
