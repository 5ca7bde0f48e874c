// Number and date formatters, made once per language and options: an Intl formatter costs far more to build than to use,
// and a page writes hundreds of numbers (a table's cells, a map's counts).
const made = new Map<string, Intl.NumberFormat>();

/** The formatter for a locale and these options, built on first use and kept (a handful of combinations exist). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!format) made.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

const madeDates = new Map<string, Intl.DateTimeFormat>();

/** The same for dates and times: a table of dates writes one per cell. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = madeDates.get(key);
  if (!format) madeDates.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}
