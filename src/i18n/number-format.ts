// Number and date formatters, made once per language and options: an Intl formatter costs far more to build than to use,
// and a page writes hundreds of numbers (a table's cells, a map's counts).
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter under this key, built on first use and kept (a handful of combinations exist). */
function keep<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = made.get(key) as F | undefined;
  if (!format) made.set(key, (format = make()));
  return format;
}

/** The number formatter for a locale and these options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return keep(`number|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** The same for dates and times: a table of dates writes one per cell. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return keep(`date|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}
