// The portal's languages and the Intl locale each writes numbers and dates in; small, so browser modules import it too.

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

/** The Intl locale of each language: Belgian Dutch, British English. */
export const locales: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB' };

/** The Intl locale of a language named by a page (a browser module reads it from a data attribute). */
export function localeOf(lang: string): string {
  return lang in locales ? locales[lang as Language] : locales.en;
}
