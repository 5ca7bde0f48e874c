// Languages of the pages: the default at the root, the others under their own prefix (`/en/…`); no cookie remembers it.
import { languages, type Language } from '../catalog/types.ts';
import { languagePrefix } from '../language.ts';
import { en } from './messages/en/index.ts';
import { nl, type Messages } from './messages/nl/index.ts';

export { languages, type Language, type Messages };

const catalogues: Record<Language, Messages> = { nl, en };

export function messages(lang: Language): Messages {
  return catalogues[lang];
}

/** Where a page lives in a language: `/datasets` for the default language, `/en/datasets` otherwise. */
export function localPath(lang: Language, defaultLanguage: Language, path: string): string {
  return `${languagePrefix(lang, defaultLanguage)}${path}`;
}

/** Numbers and dates as people of the language write them. */
export function formatNumber(lang: Language, value: number, digits?: number): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', digits === undefined ? {} : { maximumFractionDigits: digits }).format(value);
}

export function formatDate(lang: Language, iso: string | null, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
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
