// API keys on the APIs: who a key acts for, refusing a dead key, and the daily quotas with their headers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { ApiKeyService } from './service.ts';
import { accountOf, presentedKey, routeOf } from '../auth.ts';
import type { Caller, QuotaState, Quotas } from '../quotas.ts';

const explorePrefix = '/api/explore/';
const deadKey = 'The API key is unknown, revoked or expired. Create a new key on your account page, or call without a key.';

/** Opendatasoft's 429 body (reference §3): `errorcode` 10005 for anonymous callers, 10002 otherwise. */
function quotaBody(caller: Caller, quota: QuotaState) {
  const anonymous = caller.kind === 'anonymous';
  return {
    errorcode: anonymous ? 10005 : 10002,
    reset_time: quota.resetAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    limit_time_unit: 'day',
    call_limit: quota.limit,
    error: anonymous ? 'You have exceeded the requests limit for anonymous users.' : 'Too many requests with this API key today. Please contact the domain administrator.',
  };
}

function rateHeaders(reply: FastifyReply, quota: QuotaState): void {
  reply
    .header('X-RateLimit-Limit', String(quota.limit))
    .header('X-RateLimit-Remaining', String(quota.remaining))
    .header('X-RateLimit-Reset', String(Math.floor(quota.resetAt.getTime() / 1000)));
}

/** Installs on the root app, after `installAuth`: every request to the APIs passes here before its route. */
export function installApiKeys(app: FastifyInstance, deps: { apiKeys: ApiKeyService; quotas: Quotas; clock: Clock }): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(request);
    let keyId: string | null = null;
    if (key !== null) {
      const found = await deps.apiKeys.authenticate(key);
      if (found) {
        request.keyAccount = found.account;
        keyId = found.keyId;
      }
    }
    const refused = key !== null && keyId === null;
    // The route that serves the request, not its raw URL: every spelling the router accepts is counted.
    if (!routeOf(request).startsWith(explorePrefix)) {
      if (refused) return reply.status(401).header('Cache-Control', 'no-store').send({ error: 'unauthorized', message: deadKey });
      return;
    }
    // A refused key is counted as the anonymous caller it then is.
    const account = accountOf(request);
    const caller: Caller = keyId ? { kind: 'key', id: keyId } : account ? { kind: 'account', id: account.id } : { kind: 'anonymous', address: request.ip };
    const quota = request.method === 'OPTIONS' ? deps.quotas.peek(caller) : deps.quotas.take(caller);
    rateHeaders(reply, quota);
    if (refused) return reply.status(401).header('Cache-Control', 'no-store').send({ error_code: 'Unauthorized', message: deadKey });
    if (quota.exceeded) return reply.status(429).header('Retry-After', String(Math.max(1, Math.ceil((quota.resetAt.getTime() - deps.clock().getTime()) / 1000)))).send(quotaBody(caller, quota));
  });
}
