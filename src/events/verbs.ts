// Every verb the event log records: the audit log turns each into a sentence from the catalogs (`admin.verbs`).
export const eventVerbs = [
  'account.created', 'account.disabled', 'account.email_changed', 'account.enabled', 'account.erased', 'account.key_revoked',
  'account.password_changed', 'account.password_reset', 'account.profile_updated', 'account.recovery_code_used',
  'account.recovery_codes_regenerated', 'account.registered', 'account.role_changed', 'account.signed_out_everywhere',
  'account.two_factor_disabled', 'account.two_factor_enabled', 'account.verified',
  'announcement.posted',
  'api_key.created', 'api_key.revoked', 'api_key.revoked_by_admin',
  'dataset.attachment_added', 'dataset.attachment_removed', 'dataset.attachment_retitled', 'dataset.created', 'dataset.deleted', 'dataset.metadata_updated', 'dataset.published', 'dataset.unpublished',
  'dataset.version_discarded', 'dataset.version_published', 'dataset.version_reread', 'dataset.version_staged',
  'dataset_grant.added', 'dataset_grant.removed',
  'discussion.post_hidden', 'discussion.post_released', 'discussion.post_restored', 'discussion.thread_locked', 'discussion.thread_unlocked',
  'legal_hold.ended', 'legal_hold.set',
  'privacy.archive_downloaded', 'privacy.archive_prepared', 'privacy.breach_closed', 'privacy.breach_opened', 'privacy.breach_updated',
  'privacy.consent_withdrawn', 'privacy.objection_lifted', 'privacy.objection_set', 'privacy.recipient_added', 'privacy.recipient_ended',
  'privacy.recipient_informed', 'privacy.restriction_lifted', 'privacy.restriction_set', 'privacy.statement_acknowledged',
  'retention.run',
  'webhook.created', 'webhook.deleted', 'webhook.disabled', 'webhook.enabled',
  'wish.comment_hidden', 'wish.comment_released', 'wish.comment_restored',
] as const;
export type EventVerb = (typeof eventVerbs)[number];

export const isEventVerb = (verb: string): verb is EventVerb => (eventVerbs as readonly string[]).includes(verb);
