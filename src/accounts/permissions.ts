// Who may do what: one table of staff actions and the roles allowed each, and the route hook that applies it.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Forbidden, NotFound } from '../errors.ts';
import { languages } from '../i18n/index.ts';
import { accountOf } from './auth.ts';
import type { Account, Role } from './types.ts';

/**
 * The rule table. A role not listed for an action may not do it; there are no other rules.
 * Editors and admins publish; admins manage people, roles and access grants; the DPO runs the
 * privacy office and, with admins, reads the audit log (accountability, GDPR Art. 5(2)).
 */
export const permissions = {
  'dataset.create': ['editor', 'admin'],
  'dataset.edit': ['editor', 'admin'],
  'dataset.publish': ['editor', 'admin'],
  'dataset.delete': ['editor', 'admin'],
  'users.manage': ['admin'],
  'grants.manage': ['admin'],
  'audit.read': ['admin', 'dpo'],
  'privacy.manage': ['dpo'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];
/** The same table under the name the admin pages use. */
export const rules: Record<Action, readonly Role[]> = permissions;

/** Whether this account may do this; nobody signed in, or a disabled account, may do nothing. */
export function can(account: Pick<Account, 'role' | 'disabledAt'> | null, action: Action): boolean {
  if (!account || account.disabledAt !== null) return false;
  return (permissions[action] as readonly Role[]).includes(account.role);
}

/** The actions an account may take, e.g. to decide which staff links a page shows. */
export function allowedActions(account: Pick<Account, 'role' | 'disabledAt'> | null): Action[] {
  return actions.filter((action) => can(account, action));
}

/** The language prefix of a page path (`/en`), or '' for the default language at the root. */
function languagePrefix(url: string): string {
  const lang = languages.find((l) => url === `/${l}` || url.startsWith(`/${l}/`) || url.startsWith(`/${l}?`));
  return lang ? `/${lang}` : '';
}

/**
 * A preHandler that lets the request through only when its account may take the action.
 *
 * - Nobody signed in: a page redirects to sign-in (or to the second factor when only the password
 *   was given); the JSON API (`/api/…`) answers 401 with `{error, message}`.
 * - Signed in without the permission: a page is a 404, exactly as for a path that does not exist,
 *   so staff pages do not reveal themselves to the curious. The JSON API answers 403: its paths are
 *   documented anyway, and an automation script needs to know that its key lacks the role.
 */
export function requirePermission(action: Action): preHandlerAsyncHookHandler {
  return async function permissionCheck(request: FastifyRequest, reply: FastifyReply) {
    const account = accountOf(request);
    const api = request.url.startsWith('/api/');
    if (!account) {
      if (api) {
        return reply
          .status(401)
          .header('WWW-Authenticate', 'Apikey')
          .send({ error: 'unauthorized', message: 'Sign in or send an API key of an editor: Authorization: Apikey <key>.' });
      }
      const prefix = languagePrefix(request.url);
      const secondFactorDue = request.session?.stage === 'password';
      return reply.redirect(`${prefix}/-/account/${secondFactorDue ? 'two-factor' : 'login'}`, 303);
    }
    if (!can(account, action)) {
      if (api) throw new Forbidden(`Your account's role (${account.role}) may not do this (${action}).`, 'permission');
      throw new NotFound(`Nothing at ${request.url.split('?')[0]}.`);
    }
  };
}
