// The words of the privacy office's cases: what may be asked, how a case moves, what the DPO can do with one click.
import type { Language } from '../../i18n/index.ts';

export const caseTypes = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'question'] as const;
export type CaseType = (typeof caseTypes)[number];

export const caseStatuses = ['identity_unverified', 'open', 'in_progress', 'completed', 'refused', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const closedStatuses: readonly CaseStatus[] = ['completed', 'refused', 'cancelled'];

export const channels = ['portal', 'email', 'post', 'staff'] as const;
export type Channel = (typeof channels)[number];

/** How the DPO checked an identity by hand; only the method and the date are kept, never a document. */
/** The steps a case's history records (privacy_case_steps.kind); an action step is `action_` and the action. */
export const stepKinds = [
  'received', 'duplicate_flagged', 'code_sent', 'code_failed', 'code_invalidated', 'identity_verified', 'started',
  'action_access', 'action_erasure', 'action_restriction', 'action_objection', 'extended', 'refused', 'cancelled', 'completed', 'requester_erased',
] as const;
export type StepKind = (typeof stepKinds)[number];

/** Who took a step, as the history names them: never by account id. */
export type StepActor = 'dpo' | 'requester' | 'system';

export const manualMethods = ['in_person', 'email_reply', 'letter', 'phone', 'other'] as const;

export interface PrivacyCase {
  id: string;
  reference: string;
  type: CaseType;
  status: CaseStatus;
  channel: Channel;
  requesterEmail: string;
  userId: string | null;
  language: Language;
  message: string | null;
  receivedAt: string;
  dueAt: string;
  extendedAt: string | null;
  extensionReason: string | null;
  identityVerifiedAt: string | null;
  identityMethod: string | null;
  codeAttempts: number;
  duplicateOf: string | null;
  outcome: string | null;
  closedAt: string | null;
}

export interface CaseStep {
  id: number;
  caseId: string;
  at: string;
  actor: string;
  kind: string;
  note: string | null;
}
