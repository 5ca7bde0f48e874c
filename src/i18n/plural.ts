// Counted words: the form for a number is chosen by the language's plural rules (Intl.PluralRules, CLDR), never by
// `n === 1` in a page or a catalog. Small and free of imports beyond languages.ts, so catalogs and browser modules can use it.
import { locales, type Language } from './languages.ts';

/**
 * A counted text in each of the forms the languages need: `other` always, `one` for the singular (Dutch and English
 * need no more; a language with `few` or `many` adds them). Each form gets the number as the language writes it.
 */
export type Counted<A extends unknown[] = []> = { other: (n: string, ...rest: A) => string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, (n: string, ...rest: A) => string>>;

const rules = new Map<Language, Intl.PluralRules>();

/** The form of `forms` that `count` takes in `lang`, given the number as the language writes it and any further values. */
export function plural<A extends unknown[]>(lang: Language, count: number, forms: Counted<A>, ...rest: A): string {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(locales[lang])));
  return (forms[rule.select(count)] ?? forms.other)(new Intl.NumberFormat(locales[lang]).format(count), ...rest);
}
