// The DPO's one-click actions on a case tied to an account: the self-service's own functions, given as an argument.
import type { PurposeId } from '../../personal-data/vocabulary.ts';

/**
 * The self-service rights (the rights service of src/privacy/rights/service.ts): the case console runs exactly these, so an
 * answer to a request by mail does what the account page does.
 */
export interface Rights {
  buildAccessArchive(userId: string): Promise<unknown>;
  eraseAccount(userId: string, options: { by: 'dpo'; reference: string }): Promise<{ contactPoints: { datasetId: string }[] }>;
  setRestriction(userId: string, on: boolean, by: string): Promise<unknown>;
  setObjection(userId: string, purpose: PurposeId, on: boolean, by: string): Promise<unknown>;
}

export type CaseAction =
  | { action: 'access' }
  | { action: 'erasure' }
  | { action: 'restriction'; on: boolean }
  | { action: 'objection'; purpose: PurposeId; on: boolean };

export interface CaseActions {
  /** Runs the action for the account; returns a note for the case's history. */
  run(action: CaseAction, target: { userId: string; reference: string }, by: string): Promise<string>;
}

export function createCaseActions(deps: { rights: Rights }): CaseActions {
  const { rights } = deps;
  return {
    async run(a, target, by) {
      switch (a.action) {
        case 'access':
          await rights.buildAccessArchive(target.userId);
          return 'access archive ready on the account\'s privacy page';
        case 'erasure':
        {
          // The history keeps where the person was still a contact point: after the erasure their name is gone, so
          // the case page can then find those datasets by the address only.
          const report = await rights.eraseAccount(target.userId, { by: 'dpo', reference: target.reference });
          const datasets = report.contactPoints.map((m) => m.datasetId);
          return datasets.length ? `account erased; still a contact point in datasets: ${datasets.join(', ')}` : 'account erased';
        }
        case 'restriction':
          await rights.setRestriction(target.userId, a.on, by);
          return a.on ? 'processing restricted' : 'restriction lifted';
        case 'objection':
          await rights.setObjection(target.userId, a.purpose, a.on, by);
          return `${a.on ? 'objection recorded' : 'objection withdrawn'}: ${a.purpose}`;
      }
    },
  };
}
