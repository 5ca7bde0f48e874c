// Counted words: the form for a number is chosen by the language's plural rules (Intl.PluralRules, CLDR), never by
// `n === 1` in a page or a catalog. Small and free of imports beyond languages.ts, so catalogs and browser modules can use it.
import { localeOf, locales, type Language } from './languages.ts';
import { numberFormat } from './number-format.ts';

/**
 * A counted text in each of the forms the languages need: `other` always, `one` for the singular (Dutch and English
 * need no more; a language with `few` or `many` adds them). Each form gets the number as the language writes it.
 */
export type Counted<A extends unknown[] = []> = { other: (n: string, ...rest: A) => string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, (n: string, ...rest: A) => string>>;

const rules = new Map<string, Intl.PluralRules>();

/**
 * The plural form `count` takes in a language (`one`, `other`, …): for the browser modules, whose texts arrive as
 * templates (`data-count-one`), as well as for plural().
 */
export function pluralForm(lang: string, count: number): Intl.LDMLPluralRule {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(localeOf(lang))));
  return rule.select(count);
}

/** The form of `forms` that `count` takes in `lang`, given the number as the language writes it and any further values. */
export function plural<A extends unknown[]>(lang: Language, count: number, forms: Counted<A>, ...rest: A): string {
  return (forms[pluralForm(lang, count)] ?? forms.other)(numberFormat(locales[lang]).format(count), ...rest);
}
