// The portal's own dataset pages (table, chart, map, export, API console) run records queries for whoever asks: they
// draw from a daily budget of their own per client address, or per account when signed in (PAGE_DAILY_QUOTA), so the
// pages cannot serve as an unmetered API. A route says it draws from the budget in its config (`pageBudget: true`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { accountOf } from './auth.ts';
import type { Caller, QuotaState, Quotas } from './quotas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route runs records queries for a page: each request draws one from the visitor's page budget. */
    pageBudget?: boolean;
  }
}

export function installPageBudget(app: FastifyInstance, deps: { quotas: Quotas; clock: Clock; refusal: (request: FastifyRequest, quota: QuotaState) => string }): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config?.pageBudget) return;
    const account = accountOf(request);
    const caller: Caller = account ? { kind: 'account', id: account.id } : { kind: 'anonymous', address: request.ip };
    const quota = deps.quotas.take(caller);
    if (!quota.exceeded) return;
    const seconds = Math.max(1, Math.ceil((quota.resetAt.getTime() - deps.clock().getTime()) / 1000));
    return reply.status(429).header('Retry-After', String(seconds)).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(deps.refusal(request, quota));
  });
}
