// Who may do what: one rule table, checked in one place.
import type { Account, Role } from './types.ts';

export const actions = ['dataset.create', 'dataset.edit', 'dataset.publish', 'dataset.delete', 'users.manage', 'grants.manage', 'audit.read', 'privacy.manage'] as const;
export type Action = (typeof actions)[number];

export const rules: Record<Action, readonly Role[]> = {
  'dataset.create': ['editor', 'admin'],
  'dataset.edit': ['editor', 'admin'],
  'dataset.publish': ['editor', 'admin'],
  'dataset.delete': ['editor', 'admin'],
  'users.manage': ['admin'],
  'grants.manage': ['admin'],
  'audit.read': ['admin', 'dpo'],
  'privacy.manage': ['dpo', 'admin'],
};

export function can(account: Account | null, action: Action): boolean {
  return account !== null && account.disabledAt === null && rules[action].includes(account.role);
}
