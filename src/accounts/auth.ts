// Who is asking: the session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS), CSRF checks on every state change.
import { createHash } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../errors.ts';
import { apiKeyOf } from '../explore/credentials.ts';
import { sameText } from './secrets.ts';
import type { AccountService } from './service.ts';
import type { Account, Session } from './types.ts';

const sessionCookie = 'opaal_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's URL is itself the credential (a one-click unsubscribe link): no origin or CSRF token is asked. */
    linkIsCredential?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in session, if the request carries a valid session cookie (and no API key). */
    session: (Session & { id: string }) | null;
    sessionToken: string | null;
    /** The account an API key acts for, set by the API key module. */
    keyAccount: Account | null;
  }
}

/** The token a form of this session must echo: derived from the cookie, which other sites cannot read. */
export function csrfToken(sessionToken: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionToken}`).digest('base64url');
}

/**
 * The path of the route that serves a request (`/api/explore/v2.1/catalog/datasets/:datasetId`), decoded and normalised
 * by the router, else the raw path: `/api/%65xplore/…` is served by the Explore API and must be treated as it.
 */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0];
}

/**
 * The API key a request to the APIs carries, if any. Pages and account forms take no key: a leaked key can read
 * what its owner may read, but cannot manage the account or make itself a successor.
 */
export function presentedKey(request: FastifyRequest): string | null {
  return routeOf(request).startsWith('/api/') ? apiKeyOf(request) : null;
}

/** The account acting in this request: a fully signed-in session, or an API key's owner. */
export function accountOf(request: FastifyRequest): Account | null {
  // A disabled account acts as nobody, whichever way it arrives (an admin disables it between requests).
  if (request.keyAccount) return request.keyAccount.disabledAt === null ? request.keyAccount : null;
  return request.session?.stage === 'complete' ? request.session.account : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Installs cookie parsing, form bodies, the session lookup and CSRF checks on the root app. */
export async function installAuth(app: FastifyInstance, deps: { accounts: AccountService; baseUrl: string }): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const ownOrigin = new URL(deps.baseUrl).origin;
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('keyAccount', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    // A request with an API key is the key's alone: a cookie sent along is not read.
    if (!token || token.length > 100 || presentedKey(request) !== null) return;
    request.session = await deps.accounts.session(token);
    if (request.session) request.sessionToken = token;
  });

  // CSRF: a state change must come from the portal's own pages (Origin), and a signed-in one must echo its token.
  app.addHook('preHandler', async (request) => {
    if (!unsafe.has(request.method) || request.keyAccount) return;
    // A link whose URL is itself the credential (one-click unsubscribe, RFC 8058): mail programs post it with no origin.
    if (request.routeOptions.config?.linkIsCredential) return;
    const origin = request.headers.origin ?? (request.headers.referer ? safeOrigin(request.headers.referer) : undefined);
    const host = request.headers.host ? `${request.protocol}://${request.headers.host}` : null;
    if (!origin || (origin !== ownOrigin && origin !== host)) {
      throw new Forbidden('This form was sent from another site or without its origin; reload the page and try again.', 'csrf');
    }
    if (request.sessionToken) {
      const body = request.body as Record<string, unknown> | undefined;
      const given = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? (request.headers['x-csrf-token'] as string | undefined);
      if (!given || !sameText(given, csrfToken(request.sessionToken))) {
        throw new Forbidden('This form has expired or was not sent from this portal; reload the page and try again.', 'csrf');
      }
    }
  });
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
