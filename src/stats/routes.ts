// The collector's hook: each successful response is classified (classify.ts) and recorded in memory; the web catalog
// tells its searches through `searched`. Only the route pattern, the dataset id, whether an API key was used, the
// normalised search term, the referring host and the day's visitor hash are kept; never the address, the user agent,
// the account, the key or the URL's query.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../i18n/index.ts';
import { asksNoTracking, normaliseTerm, referrerHost, routeClass, type Classified } from './classify.ts';
import type { StatsService } from './collect.ts';

export function installStats(app: FastifyInstance, deps: { stats: StatsService; baseUrl: string; defaultLanguage: Language }): { searched(request: FastifyRequest, q: string, results: number): void } {
  const searches = new WeakMap<FastifyRequest, { q: string; results: number }>();
  const portalHost = new URL(deps.baseUrl).hostname.toLowerCase();
  if (deps.stats.enabled) {
    // What a route's responses are is decided once per route pattern, then only applied to each response's parameters;
    // a callback hook, not an async function: no promise per response for what never waits.
    const classes = new Map<string, ReturnType<typeof routeClass>>();
    app.addHook('onResponse', (request, reply, done) => {
      try {
        const route = request.routeOptions.url;
        if (request.method === 'GET' && route) {
          let classOf = classes.get(route);
          if (classOf === undefined) {
            classOf = routeClass(route, deps.defaultLanguage);
            classes.set(route, classOf);
          }
          const event = classOf?.(request.params as Record<string, string | undefined>, reply.statusCode, String(reply.getHeader('content-type') ?? ''));
          if (event) count(event, request);
        }
      } catch (error) {
        // Counting never fails a response: it is answered already.
        request.log.warn({ error: (error as Error).name }, 'statistics: a response not counted');
      }
      done();
    });
  }
  /** Records what a response was, in memory (never waiting on anything). */
  function count(event: Classified, request: FastifyRequest): void {
    // Sec-GPC or DNT: counted in the totals only, with no hash, no origin and no search term.
    const untracked = asksNoTracking(request.headers);
    const identity = untracked ? null : `${request.ip}\n${request.headers['user-agent'] ?? ''}`;
    const referer = untracked ? undefined : request.headers.referer;
    const referrer = referer ? referrerHost(referer, [portalHost, (request.hostname ?? '').toLowerCase()]) : null;
    const caller = event.kind === 'view' ? '' : request.keyAccount ? 'key' : 'anonymous';
    deps.stats.record({ kind: event.kind, page: event.page, datasetId: event.datasetId, caller, referrer, identity });
    const search = searches.get(request);
    if (search && event.kind === 'view') {
      deps.stats.record({ kind: 'search', page: '', term: untracked ? null : normaliseTerm(search.q), results: search.results, identity });
    }
  }
  return {
    searched(request, q, results) {
      if (deps.stats.enabled && q.trim() !== '') searches.set(request, { q, results });
    },
  };
}
