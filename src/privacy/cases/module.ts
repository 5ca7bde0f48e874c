// The privacy office's cases in the module registry: the access archive gets a person's requests and their steps;
// erasure keeps each case as proof of having handled it, the person replaced by their pseudonym (see the map).
import type { PersonalDataModule } from '../../personal-data/registry.ts';
import { caseRetentionStep, eraseCasesIn, exportCases } from './personal-data.ts';

export const casesModule: PersonalDataModule = {
  name: 'privacy requests',
  tables: ['privacy_cases', 'privacy_case_steps'],
  async exportFor({ db }, { userId, email }) {
    return { items: await exportCases(db, { userId, email }) };
  },
  async eraseFor({ db, clock, reference }, { userId, email, pseudonym }) {
    const erased = await eraseCasesIn(db, { userId, email }, { pseudonym, keepReference: reference, at: clock().toISOString() });
    const reason = 'Proof of how a request was handled is a legal obligation (GDPR Art. 5(2), 12); the requester is replaced by the pseudonym.';
    return [
      { table: 'privacy_cases', column: 'requester_email', action: 'pseudonymise', rows: erased.cases, reason },
      { table: 'privacy_cases', column: 'message', action: 'delete', rows: erased.cases },
      { table: 'privacy_case_steps', column: 'actor', action: 'pseudonymise', rows: erased.steps, reason },
    ];
  },
  retentionSteps: () => ({ case: caseRetentionStep }),
};
