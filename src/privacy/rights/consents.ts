// Consents and acknowledgements a person gave, and withdrawing a consent in one step (Art. 7(3)).
// Reading the privacy statement is an acknowledgement (the basis is not consent), so it cannot be withdrawn.
import { Conflict, NotFound } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import type { RightsDeps } from './deps.ts';

/** Purposes recorded in `consents` that acknowledge information rather than give consent. */
const acknowledgements: ReadonlySet<string> = new Set(['privacy_statement']);

export interface ConsentRecord {
  id: number;
  purpose: string;
  statementVersion: string;
  givenAt: string;
  withdrawnAt: string | null;
  withdrawable: boolean;
}

export async function consentsOf(deps: Pick<RightsDeps, 'accounts'>, userId: string): Promise<ConsentRecord[]> {
  const rows = await deps.accounts.consentsOf(userId);
  return rows.map((c) => ({
    id: Number(c.id),
    purpose: c.purpose,
    statementVersion: c.statement_version,
    givenAt: c.given_at,
    withdrawnAt: c.withdrawn_at,
    withdrawable: !acknowledgements.has(c.purpose) && c.withdrawn_at === null,
  }));
}

export async function withdrawConsent(deps: Pick<RightsDeps, 'db' | 'clock' | 'accounts'>, userId: string, consentId: string): Promise<void> {
  const id = /^[0-9]{1,15}$/.test(consentId) ? Number(consentId) : NaN;
  const row = Number.isFinite(id) ? await deps.accounts.consentOf(userId, id) : undefined;
  if (!row) throw new NotFound('There is no such consent.', 'consent_unknown');
  if (acknowledgements.has(row.purpose)) throw new Conflict('This is an acknowledgement that you were informed, not a consent: it cannot be withdrawn.', 'not_withdrawable');
  if (row.withdrawn_at !== null) return;
  const at = deps.clock();
  await deps.accounts.withdrawConsent(id, at.toISOString());
  await recordEvent(deps.db, at, { actor: userId, verb: 'privacy.consent_withdrawn', subjectType: 'user', subjectId: userId, data: { purpose: row.purpose } });
}
