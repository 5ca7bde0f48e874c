// Who may do what: one table of staff actions and the roles allowed each (the routes' guard is src/http/guard.ts).
import type { Account, Role } from './types.ts';

/**
 * The rule table. A role not listed for an action may not do it; there are no other rules.
 * Editors and admins publish; admins manage people, roles and access grants; the DPO runs the
 * privacy office and, with admins, reads the audit log; admins watch the delivery of mail and background jobs (accountability, GDPR Art. 5(2)). Admins open the privacy office
 * too, as the DPO's deputy (the "admins both"); the audit log records what each does there.
 */
const permissions = {
  'dataset.create': ['editor', 'admin'],
  'dataset.edit': ['editor', 'admin'],
  'dataset.publish': ['editor', 'admin'],
  'dataset.delete': ['editor', 'admin'],
  'users.manage': ['admin'],
  'grants.manage': ['admin'],
  'audit.read': ['admin', 'dpo'],
  'delivery.manage': ['admin'],
  'privacy.manage': ['dpo', 'admin'],
  // Information requests: the staff inbox (answer, note, assign, saved answers).
  'requests.handle': ['editor', 'admin'],
  // The statistics dashboards (/-/stats): counts only, nothing about a person.
  'stats.read': ['editor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];

/** Whether this account may do this; nobody signed in, or a disabled account, may do nothing. */
export function can(account: Pick<Account, 'role' | 'disabledAt'> | null, action: Action): boolean {
  if (!account || account.disabledAt !== null) return false;
  return (permissions[action] as readonly Role[]).includes(account.role);
}

/** The actions an account may take, e.g. to decide which staff links a page shows. */
export function allowedActions(account: Pick<Account, 'role' | 'disabledAt'> | null): Action[] {
  return actions.filter((action) => can(account, action));
}
