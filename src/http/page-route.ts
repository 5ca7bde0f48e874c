// A page in every language and its `.json` twin, registered from one loader so that the two cannot drift.
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../accounts/permissions.ts';
import { languagePrefix, languages, type Language } from '../i18n/index.ts';
import { guard } from './guard.ts';

/** A rendered page (the web module's Html), kept structural so this layer needs no page module. */
interface Rendered {
  value: string;
  /** When not 200 (a page showing a filter it could not apply: 400). */
  status?: number;
}

type Params = Record<string, string>;

export interface PageRouteSpec<D> {
  /** The page's path in the default language (`/`, `/datasets`, `/datasets/:id`); other languages get their prefix. */
  path: string;
  /** Who may open the page and its twin (src/http/guard.ts); anyone when left out. */
  guard?: readonly Action[];
  /** Route config, e.g. `{ pageBudget: true }`. */
  config?: FastifyContextConfig;
  /** Cache-Control of the page; none when left out. */
  cacheControl?: string;
  /** Cache-Control of the twin; none when left out. */
  jsonCacheControl?: string;
  /** What the page and its twin both show, read once per request. Params have the twin's `.json` taken off. */
  load: (request: FastifyRequest<{ Params: Params }>, lang: Language) => Promise<D>;
  /** The page. */
  render: (request: FastifyRequest<{ Params: Params }>, data: D, lang: Language) => Rendered | Promise<Rendered>;
  /** The twin's body; no twin when left out. */
  json?: (request: FastifyRequest<{ Params: Params }>, data: D, lang: Language) => unknown;
}

/** The twin of a page path: `/index.json` for the home page, else the path with `.json`. */
function twinPath(path: string): string {
  return path === '/' ? '/index.json' : `${path}.json`;
}

/**
 * Registers `spec.path` in every language (languagePrefix, src/i18n) and, with `json`, its twin. A path that ends in a
 * parameter (`/datasets/:id`) cannot have a second route for `/datasets/:id.json`: one route answers both, the
 * twin when the parameter ends in `.json` (taken off before `load` sees it).
 */
export function pageRoute<D>(app: FastifyInstance, defaultLanguage: Language, spec: PageRouteSpec<D>): void {
  const lastParam = /\/:(\w+)$/.exec(spec.path)?.[1];
  const options = { ...(spec.guard ? { preHandler: guard(...spec.guard) } : {}), ...(spec.config ? { config: spec.config } : {}) };
  for (const lang of languages) {
    const prefix = languagePrefix(lang, defaultLanguage);
    const page = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const rendered = await spec.render(request, await spec.load(request, lang), lang);
      if (spec.cacheControl) reply.header('Cache-Control', spec.cacheControl);
      if (rendered.status) reply.status(rendered.status);
      return reply.type('text/html; charset=utf-8').send(rendered.value);
    };
    const twin = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      if (spec.jsonCacheControl) reply.header('Cache-Control', spec.jsonCacheControl);
      return reply.send(spec.json!(request, await spec.load(request, lang), lang));
    };

    if (spec.json && lastParam) {
      app.get<{ Params: Params }>(`${prefix}${spec.path}`, options, async (request, reply) => {
        const value = request.params[lastParam];
        if (!value.endsWith('.json')) return page(request, reply);
        request.params[lastParam] = value.slice(0, -'.json'.length);
        return twin(request, reply);
      });
      continue;
    }
    app.get<{ Params: Params }>(`${prefix}${spec.path === '/' ? '' : spec.path}` || '/', options, page);
    if (spec.json) app.get<{ Params: Params }>(`${prefix}${twinPath(spec.path)}`, options, twin);
  }
}
