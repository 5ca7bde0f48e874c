// The collector's hook: each successful response is classified (classify.ts) and recorded in memory; the web catalog
// tells its searches through `searched`. Only the route pattern, the dataset id, whether an API key was used, the
// normalised search term, the referring host and the day's visitor hash are kept; never the address, the user agent,
// the account, the key or the URL's query.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../i18n/index.ts';
import { asksNoTracking, classify, normaliseTerm, referrerHost } from './classify.ts';
import type { StatsService } from './collect.ts';

export function installStats(app: FastifyInstance, deps: { stats: StatsService; baseUrl: string; defaultLanguage: Language }): { searched(request: FastifyRequest, q: string, results: number): void } {
  const searches = new WeakMap<FastifyRequest, { q: string; results: number }>();
  const portalHost = new URL(deps.baseUrl).hostname.toLowerCase();
  if (deps.stats.enabled) {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (!route) return;
      const event = classify({
        method: request.method,
        status: reply.statusCode,
        route,
        params: (request.params ?? {}) as Record<string, string | undefined>,
        contentType: String(reply.getHeader('content-type') ?? ''),
        defaultLanguage: deps.defaultLanguage,
      });
      if (!event) return;
      // Sec-GPC or DNT: counted in the totals only, with no hash, no origin and no search term.
      const untracked = asksNoTracking(request.headers);
      const identity = untracked ? null : `${request.ip}\n${request.headers['user-agent'] ?? ''}`;
      const referrer = untracked ? null : referrerHost(request.headers.referer, [portalHost, (request.hostname ?? '').toLowerCase()]);
      const caller = event.kind === 'view' ? '' : request.keyAccount ? 'key' : 'anonymous';
      deps.stats.record({ ...event, caller, referrer, identity });
      const search = searches.get(request);
      if (search && event.kind === 'view') {
        deps.stats.record({ kind: 'search', page: '', term: untracked ? null : normaliseTerm(search.q), results: search.results, identity });
      }
    });
  }
  return {
    searched(request, q, results) {
      if (deps.stats.enabled && q.trim() !== '') searches.set(request, { q, results });
    },
  };
}
