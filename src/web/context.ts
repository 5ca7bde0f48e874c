// What every page knows about its request: language, messages, links in that language, the portal's settings.
import type { Config } from '../config.ts';
import type { Account } from '../accounts/types.ts';
import type { Assets } from './assets.ts';
import { type Language, localPath, messages, type Messages } from '../i18n/index.ts';

export interface PageContext {
  lang: Language;
  t: Messages;
  config: Pick<Config, 'portalName' | 'publisherName' | 'baseUrl' | 'defaultLanguage' | 'timezone' | 'contactEmail' | 'mapTileUrl' | 'mapTileAttribution'>;
  /** The page's path without language prefix or query, e.g. `/datasets/cities/table`. */
  path: string;
  /** The query string as given, with its `?`, or ''. */
  search: string;
  assets: Assets;
  /** The signed-in person, if any, and the token their forms must carry. */
  viewer: { account: Account; csrf: string } | null;
  /**
   * The token forms must carry whenever the request has a session, signed in or not yet (a sign-in waiting for its
   * second factor has a session but no viewer).
   */
  csrf: string | null;
  /** Set when the signed-in person has not yet seen the current privacy statement: the page shows a banner. */
  statementNotice?: { version: number; since: number | null } | null;
  /** What the signed-in person follows, by dataset id (set on dataset pages; src/follow/routes.ts). */
  following?: ReadonlyMap<string, 'pending' | 'confirmed' | 'ended'> | null;
  /** The page's status when it is not 200: a page that shows a filter it could not apply answers 400 (record-tabs.tsx). */
  status?: number;
  /** A portal path in the page's language. */
  link(path: string): string;
  /** A portal path in another language. */
  linkIn(lang: Language, path: string): string;
}

export function pageContext(
  config: PageContext['config'],
  assets: Assets,
  lang: Language,
  path: string,
  search: string,
  viewer: PageContext['viewer'] = null,
  csrf: string | null = viewer?.csrf ?? null,
): PageContext {
  return {
    assets,
    viewer,
    csrf,
    lang,
    t: messages(lang),
    config,
    path,
    search,
    link: (p) => localPath(lang, config.defaultLanguage, p),
    linkIn: (other, p) => localPath(other, config.defaultLanguage, p),
  };
}

/** A query string from pairs, skipping empty values; keys repeat for lists. */
export function queryString(pairs: [string, string | number | null | undefined][]): string {
  const search = new URLSearchParams();
  for (const [key, value] of pairs) if (value !== null && value !== undefined && value !== '') search.append(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
