// What a served request was, for the statistics: a page type, an API endpoint or an export format, read from the route
// pattern that served it (never the URL with its query), and the referring site's host. Pure: no I/O.
import { languagePrefix, languages, type Language } from '../i18n/index.ts';

export type Classified =
  | { kind: 'view'; page: string; datasetId: string }
  | { kind: 'api'; page: string; datasetId: string }
  | { kind: 'export'; page: string; datasetId: string };

const explore = '/api/explore/v2.1';
const tabs: Record<string, string> = { table: 'dataset.table', map: 'dataset.map', chart: 'dataset.chart', export: 'dataset.export', api: 'dataset.api', console: 'dataset.console' };

/** The route pattern without its language prefix (`/en/datasets/:id` → `/datasets/:id`). */
function withoutLanguage(route: string, defaultLanguage: Language): string {
  for (const lang of languages) {
    const prefix = languagePrefix(lang, defaultLanguage);
    if (prefix && (route === prefix || route.startsWith(`${prefix}/`))) return route.slice(prefix.length) || '/';
  }
  return route || '/';
}

function pageOf(route: string, params: Record<string, string | undefined>): { page: string; datasetId: string } {
  const id = params.id ?? '';
  switch (route) {
    case '/':
      return { page: 'home', datasetId: '' };
    case '/datasets':
      return { page: 'catalog', datasetId: '' };
    case '/datasets/:id':
      return { page: 'dataset.info', datasetId: id };
    case '/datasets/:id/:tab':
      return { page: tabs[params.tab ?? ''] ?? 'other', datasetId: id };
    case '/datasets/:id/records/:recordId':
    case '/datasets/:id/record/:recordId':
      return { page: 'record', datasetId: id };
    case '/datasets/:id/discussions':
    case '/datasets/:id/discussions/:thread':
      return { page: 'discussions', datasetId: id };
    case '/reuses':
    case '/reuses/:id':
      return { page: 'reuses', datasetId: '' };
    case '/data-requests':
    case '/data-requests/:id':
      return { page: 'data_requests', datasetId: '' };
    case '/-/api':
      return { page: 'api_guide', datasetId: '' };
    default:
      // Another page about a dataset (a version's page) still names it.
      return { page: 'other', datasetId: route.startsWith('/datasets/:id/') ? id : '' };
  }
}

const endpoints: [RegExp, string][] = [
  [/^\/catalog\/datasets\/:datasetId$/, 'dataset'],
  [/^\/catalog\/datasets\/:datasetId\/records$/, 'records'],
  [/^\/catalog\/datasets\/:datasetId\/records\/:recordId$/, 'record'],
  [/^\/catalog\/datasets\/:datasetId\/facets$/, 'facets'],
  // The list and a file of it alike.
  [/^\/catalog\/datasets\/:datasetId\/attachments(\/:attachmentId)?$/, 'attachments'],
  [/^\/catalog\/datasets\/:datasetId\/versions/, 'versions'],
  [/^(\/|\/catalog(\/datasets|\/facets|\/exports.*)?)?$/, 'catalog'],
];

type Params = Record<string, string | undefined>;

/**
 * What a GET route's successful responses are, decided once per route pattern: a function of the request's parameters,
 * status and content type giving the event, or null when the route's responses count as none (assets, staff APIs).
 * An HTML page is a view; the Explore API is an API call, or an export when it is a dataset's export (not also a call);
 * a 304 Not Modified of the Explore API (a client that had the answer's ETag) counts all the same.
 */
export function routeClass(route: string, defaultLanguage: Language): ((params: Params, status: number, contentType: string) => Classified | null) | null {
  const ok = (status: number) => status >= 200 && status < 300;
  if (route.startsWith(explore)) {
    const rest = route.slice(explore.length);
    const answered = (status: number) => ok(status) || status === 304;
    if (rest === '/catalog/datasets/:datasetId/exports/:format') {
      return (params, status) => {
        if (!answered(status)) return null;
        const format = (params.format ?? '').toLowerCase();
        return { kind: 'export', page: /^[a-z0-9_-]{1,20}$/.test(format) ? format : 'other', datasetId: params.datasetId ?? '' };
      };
    }
    const endpoint = endpoints.find(([pattern]) => pattern.test(rest))?.[1] ?? 'other';
    return (params, status) => (answered(status) ? { kind: 'api', page: endpoint, datasetId: params.datasetId ?? '' } : null);
  }
  if (route.startsWith('/api/') || route.startsWith('/-/static/')) return null;
  const page = withoutLanguage(route, defaultLanguage);
  return (params, status, contentType) => {
    if (!ok(status) || !contentType.startsWith('text/html')) return null;
    return { kind: 'view', ...pageOf(page, params) };
  };
}

/** The event a GET was (see `routeClass`), or null when it counts as none. */
export function classify(input: { method: string; status: number; route: string; params: Params; contentType: string; defaultLanguage: Language }): Classified | null {
  if (input.method !== 'GET') return null;
  return routeClass(input.route, input.defaultLanguage)?.(input.params, input.status, input.contentType) ?? null;
}

/** The referring site's host, only when it is another site than the portal (`ownHosts`), and only for http(s). */
export function referrerHost(referer: string | undefined, ownHosts: readonly string[]): string | null {
  if (!referer) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().slice(0, 255);
  if (!host || ownHosts.includes(host)) return null;
  return host;
}

/** A catalog search as the statistics keep it: lower case, trimmed, spaces collapsed, at most 100 characters. */
export function normaliseTerm(q: string): string {
  const term = q.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100).trim();
  // What can only name or reach a person is never kept, not even for the week raw events live: an e-mail address, an
  // IP address, a run of digits as in a phone or national register number. Such a search counts under "other".
  return looksPersonal(term) ? '' : term;
}

const personalPatterns = [/[^\s@]+@[^\s@]+\.[^\s@]+/, /\b\d{1,3}(?:\.\d{1,3}){3}\b/, /\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/, /(?:\d[\s./-]?){8,}/];
// Years (1900–2099) standing alone are not a number that names anyone: "werkloosheid 2019-2023" is kept.
const looksPersonal = (term: string) => personalPatterns.some((p) => p.test(term.replace(/\b(?:19|20)\d{2}\b/g, ' ')));

/** Whether the request asks not to be tracked (Global Privacy Control, Do Not Track). */
export function asksNoTracking(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['sec-gpc'] === '1' || headers.dnt === '1';
}
