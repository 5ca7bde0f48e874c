// The DPO's one-click actions on a case tied to an account: the self-service's own functions, given as an argument.
import type { PurposeId } from '../vocabulary.ts';

/**
 * The self-service rights (src/privacy/rights.ts, written apart): the case console runs exactly these, so an
 * answer to a request by mail does what the account page does.
 */
export interface Rights<P> {
  buildAccessArchive(portal: P, userId: string): Promise<unknown>;
  eraseAccount(portal: P, userId: string, options: { by: 'dpo'; reference: string }): Promise<unknown>;
  setRestriction(portal: P, userId: string, on: boolean, by: string): Promise<unknown>;
  setObjection(portal: P, userId: string, purpose: PurposeId, on: boolean, by: string): Promise<unknown>;
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

export function createCaseActions<P>(deps: { rights: Rights<P>; portal: P }): CaseActions {
  const { rights, portal } = deps;
  return {
    async run(a, target, by) {
      switch (a.action) {
        case 'access':
          await rights.buildAccessArchive(portal, target.userId);
          return 'access archive ready on the account\'s privacy page';
        case 'erasure':
          await rights.eraseAccount(portal, target.userId, { by: 'dpo', reference: target.reference });
          return 'account erased';
        case 'restriction':
          await rights.setRestriction(portal, target.userId, a.on, by);
          return a.on ? 'processing restricted' : 'restriction lifted';
        case 'objection':
          await rights.setObjection(portal, target.userId, a.purpose, a.on, by);
          return `${a.on ? 'objection recorded' : 'objection withdrawn'}: ${a.purpose}`;
      }
    },
  };
}
