// The one guard of staff routes, pages and APIs alike: who may pass, and what everyone else is answered.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import { can, type Action } from '../accounts/permissions.ts';
import { prefixOfPath } from '../i18n/index.ts';
import { Forbidden } from '../errors.ts';
import { Hidden } from './errors.ts';

/** Whether the request's account may take at least one of these actions. */
export function mayAny(request: FastifyRequest, actions: readonly Action[]): boolean {
  const account = accountOf(request);
  return actions.some((action) => can(account, action));
}


/**
 * A preHandler letting through only accounts that may take one of `actions`. Everyone else:
 *
 * - the JSON APIs (`/api/…`): nobody signed in, 401 with `WWW-Authenticate: Apikey`; signed in without the
 *   permission, 403. Their paths are documented anyway, and a script needs to know that its key lacks the role.
 * - JSON twins (`….json`): 404 `{error: 'not_found'}`, signed in or not; a program has no sign-in page to follow.
 * - pages (and their CSV downloads): nobody signed in goes to sign-in (or to the second factor when only the
 *   password was given); signed in without the permission, the portal's 404 page, exactly as for a path that
 *   does not exist, so staff pages do not reveal themselves.
 */
export function guard(...actions: Action[]): preHandlerAsyncHookHandler {
  return async function permissionCheck(request: FastifyRequest, reply: FastifyReply) {
    if (mayAny(request, actions)) return;
    const account = accountOf(request);
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/')) {
      if (account) throw new Forbidden(`Your account's role (${account.role}) may not do this (${actions.join(' or ')}).`, 'permission');
      return reply
        .status(401)
        .header('WWW-Authenticate', 'Apikey')
        .send({ error: 'unauthorized', message: 'Sign in or send an API key of an editor: Authorization: Apikey <key>.' });
    }
    if (account || path.endsWith('.json')) throw new Hidden(path);
    const secondFactorDue = request.session?.stage === 'password';
    return reply.redirect(`${prefixOfPath(path)}/-/account/${secondFactorDue ? 'two-factor' : 'login'}`, 303);
  };
}

/** The guard as route options: `app.get(path, guarded('users.manage'), handler)`. */
export const guarded = (...actions: Action[]) => ({ preHandler: guard(...actions) });
