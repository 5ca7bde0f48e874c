// Where a language's pages live: the default language (DEFAULT_LANGUAGE) at the root, each other under `/<lang>`.
// The one rule for routes, pages and the links in mails.
import type { Language } from './catalog/types.ts';

/** `''` for the default language, `/en` (or `/nl`) for the other. */
export function languagePrefix(lang: Language, defaultLanguage: Language): string {
  return lang === defaultLanguage ? '' : `/${lang}`;
}
