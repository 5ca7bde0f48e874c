// Who may open an admin page: anyone else gets the sign-in page or, once signed in, the portal's ordinary 404.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import { can, type Action } from '../accounts/permissions.ts';
import type { PageContext } from '../web/context.ts';
import { notFoundPage } from '../web/pages/errors.tsx';

export interface GuardDeps {
  contextOf: (request: FastifyRequest) => PageContext;
}

/** Whether the request's account may take at least one of these actions. */
export function mayAny(request: FastifyRequest, actions: readonly Action[]): boolean {
  const account = accountOf(request);
  return actions.some((action) => can(account, action));
}

/**
 * A preHandler letting through only accounts that may take one of `actions`.
 *
 * - Pages: nobody signed in goes to sign-in (or to the second factor when only the password was
 *   given); signed in without the permission, the answer is the portal's 404 page, exactly as for
 *   a path that does not exist, so staff pages do not reveal themselves.
 * - JSON twins (paths ending in `.json`): a 404 body for anyone without the permission; a program
 *   has no sign-in page to follow.
 */
export function requireAny(deps: GuardDeps, actions: readonly Action[], prefix: string): preHandlerAsyncHookHandler {
  return async function adminGuard(request: FastifyRequest, reply: FastifyReply) {
    if (mayAny(request, actions)) return;
    const path = request.url.split('?')[0];
    if (path.endsWith('.json')) return reply.status(404).header('Cache-Control', 'no-store').send({ error: 'not_found', message: `Nothing at ${path}.` });
    if (!accountOf(request)) {
      const secondFactorDue = request.session?.stage === 'password';
      return reply.redirect(`${prefix}/-/account/${secondFactorDue ? 'two-factor' : 'login'}`, 303);
    }
    return reply.status(404).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(notFoundPage(deps.contextOf(request)).value);
  };
}
