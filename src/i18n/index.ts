// The one i18n mechanism: the languages, their catalogs of texts (pages, mails, letters, registers) and how numbers,
// dates and paths are written in each. The bottom layer: it imports nothing outside this folder, so domains and web
// alike can use it. A third language is one new folder of catalogs and its entry in `languages` and `locales`.
import { en } from './en/index.ts';
import { languages, locales, type Language } from './languages.ts';
import { dateFormat, numberFormat } from './number-format.ts';
import { nl, type Messages } from './nl/index.ts';

export { dateFormat, languages, locales, numberFormat, type Language, type Messages };
export { plural } from './plural.ts';

const catalogues: Record<Language, Messages> = { nl, en };

/** Every text of a language; the English catalogs are typed against the Dutch ones, so none can miss a text. */
export function messages(lang: Language): Messages {
  return catalogues[lang];
}

/** The language a stored or given value names, or `fallback` when it names none of the portal's. */
export function languageOr(value: unknown, fallback: Language): Language {
  return (languages as readonly unknown[]).includes(value) ? (value as Language) : fallback;
}

/** `''` for the default language (DEFAULT_LANGUAGE), `/en` (or `/nl`) for another: the one rule for routes, pages and the links in mails. */
export function languagePrefix(lang: Language, defaultLanguage: Language): string {
  return lang === defaultLanguage ? '' : `/${lang}`;
}

/** The language prefix a path starts with (`/en`), or '' for a path of the default language, at the root. */
export function prefixOfPath(path: string): string {
  const lang = languages.find((l) => path === `/${l}` || path.startsWith(`/${l}/`) || path.startsWith(`/${l}?`));
  return lang ? `/${lang}` : '';
}

/**
 * The reverse of languagePrefix: the language a page path asks for and the path without its prefix (the default
 * language when the path has none). The one reading of a language out of a URL, for routes, the guard and the 404 page.
 */
export function splitLanguage(url: string, defaultLanguage: Language): { lang: Language; path: string; search: string } {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? '' : url.slice(q);
  for (const lang of languages) {
    if (lang === defaultLanguage) continue;
    if (pathname === `/${lang}` || pathname.startsWith(`/${lang}/`)) return { lang, path: pathname.slice(lang.length + 1) || '/', search };
  }
  return { lang: defaultLanguage, path: pathname, search };
}

/** Where a page lives in a language: `/datasets` for the default language, `/en/datasets` otherwise. */
export function localPath(lang: Language, defaultLanguage: Language, path: string): string {
  return `${languagePrefix(lang, defaultLanguage)}${path}`;
}

/** A text in every language, for the documents that carry them all (the access archive, DCAT metadata). */
export type EveryLanguage<T = string> = Record<Language, T>;

/** What `pick` finds in each language's catalog, in the order of `languages`. */
export function inEveryLanguage<T>(pick: (t: Messages, lang: Language) => T): EveryLanguage<T> {
  return Object.fromEntries(languages.map((lang) => [lang, pick(catalogues[lang], lang)])) as EveryLanguage<T>;
}

/** Each item of a catalog's list in every language (the lists match item by item, as the catalog test checks). */
export function itemsInEveryLanguage(pick: (t: Messages) => readonly string[]): EveryLanguage[] {
  return pick(catalogues[languages[0]]).map((_, k) => inEveryLanguage((t) => pick(t)[k]));
}

/** Numbers and dates as people of the language write them. */
export function formatNumber(lang: Language, value: number, digits?: number): string {
  return numberFormat(locales[lang], digits === undefined ? {} : { maximumFractionDigits: digits }).format(value);
}

export function formatDate(lang: Language, iso: string | null, timeZone: string): string {
  if (!iso) return '';
  return dateFormat(locales[lang], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** Hours and minutes of a moment, as the language writes them. */
export function formatTime(lang: Language, iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString(locales[lang], { timeZone, hour: '2-digit', minute: '2-digit' });
}

export function formatBytes(lang: Language, bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${formatNumber(lang, value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/**
 * `true` when a catalog's map has exactly the keys `K`, else what is missing and what is extra. The module that owns
 * the keys (themes, error reasons) writes `true satisfies KeysExactly<Messages[…], Key>`, so a key without a text or
 * a text for a key nobody uses fails typecheck, while the catalogs import nothing from the domains.
 */
export type KeysExactly<M, K extends PropertyKey> = [Exclude<keyof M, K>, Exclude<K, keyof M>] extends [never, never]
  ? true
  : { missing: Exclude<K, keyof M>; extra: Exclude<keyof M, K> };
