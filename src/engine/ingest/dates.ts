// Dates and date-times as people write them: one parser per form, tried in this order after the numbers.
import { guarded } from './guard.ts';
import type { Parser } from './parser.ts';

/*
 * Each form has its own pattern, and the patterns do not overlap, so that no value is accepted by two forms reading
 * it as different days, except where the same text is written both ways: 03/04/2024 is 3 April for dd/mm/yyyy and
 * 4 March for mm/dd/yyyy. Those kinds name each other as rivals; one value that settles it (13/04/2024 can only be
 * dd/mm/yyyy) makes the other form fail the column. The date-time forms also accept plain dates, read at midnight,
 * so mm/dd/yyyy hh:mm reads 03/04/2024 otherwise than dd/mm/yyyy does without being its rival: a column of plain
 * dates it accepts, mm/dd/yyyy accepts as well, and a column with a time in it dd/mm/yyyy does not accept.
 */

const isoDateTime =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?';
/** Any word in the month's place: the lookup tells a month (a counted `{3,9}` made the pattern cost twice as much). */
const word = '[A-Za-z]+\\.?';

/**
 * The pattern of every form but ISO, loosely. Each of those parsers checks it first, in the same words, so DuckDB reads
 * it once per value for all of them (it computes a repeated expression once): a number or a word costs one regular
 * expression instead of one per form. Each form behind a pattern of its own made the date part of a 20,000-row sample
 * of columns without dates take 2.5 times as long with 15 forms as with 5; with the shape it takes no longer than with 5.
 * The ISO forms keep their own pattern only: they are the most common, and the shape would be one more regular
 * expression for each of their values on the pass over the whole file.
 */
const dateShape = [
  '[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?',
  `[0-9]{1,2}[ -]${word}[ -][0-9]{4}`,
  `${word}( [0-9]{1,2},?)?[ -][0-9]{4}`,
]
  .map((p) => `(${p})`)
  .join('|');

/** The shared shape, then the form's own pattern, then the costly check: each only where the one before matched. */
const form = (v: string, pattern: string, check: string) =>
  guarded(`regexp_full_match(${v}, '${dateShape}')`, guarded(`regexp_full_match(${v}, '${pattern}')`, check));

const day = '(0?[1-9]|[12][0-9]|3[01])';
const month = '(0?[1-9]|1[0-2])';
/**
 * A day and a month in numbers, in the order given, with the separator escaped. The pattern keeps each in its range,
 * so strptime fails only on a day the month lacks (31/02): a failing strptime costs four times a passing one, and a
 * column of dd/mm/yyyy is half such values for mm/dd/yyyy.
 */
const dayMonth = (order: 'dmy' | 'mdy', separator: string) =>
  (order === 'dmy' ? [day, month] : [month, day]).join(`\\${separator}`) + `\\${separator}`;

/** A form of numbers and separators that strptime reads. */
function numeric(kind: string, format: string, separator: string, year: 2 | 4, order: 'dmy' | 'mdy', rivals?: string[]): Parser {
  const pattern = `${dayMonth(order, separator)}[0-9]{${year}}`;
  const strptimeFormat = (order === 'dmy' ? ['%d', '%m', '%Y'] : ['%m', '%d', '%Y']).join(separator);
  // A year of two digits gets its century from a pivot: 00–69 are 2000–2069, 70–99 are 1970–1999 (as PostgreSQL
  // reads them; DuckDB's %y would make 69 1969). The value is rewritten with four digits, then read as those are.
  const text = (v: string) =>
    year === 4 ? v : `(substr(${v}, 1, length(${v}) - 2) || CASE WHEN right(${v}, 2) < '70' THEN '20' ELSE '19' END || right(${v}, 2))`;
  return {
    kind,
    type: 'date',
    format,
    ...(rivals ? { rivals } : {}),
    accepts: (v) => form(v, pattern, `try_strptime(${text(v)}, '${strptimeFormat}') IS NOT NULL`),
    cast: (v) => `CAST(strptime(${text(v)}, '${strptimeFormat}') AS DATE)`,
  };
}

/**
 * A date written with a time or without, read at midnight then; no offset means the portal's time zone. The format
 * follows from the colons: strptime given a list of formats took eleven times as long on a column of plain dates.
 */
function slashDateTimeForm(kind: string, format: string, order: 'dmy' | 'mdy', rivals: string[]): Parser {
  const date = order === 'dmy' ? '%d/%m/%Y' : '%m/%d/%Y';
  const pattern = `${dayMonth(order, '/')}[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?`;
  const read = (v: string) =>
    `(CASE WHEN NOT contains(${v}, ':') THEN try_strptime(${v}, '${date}') ` +
    `WHEN contains(substr(${v}, strpos(${v}, ':') + 1), ':') THEN try_strptime(${v}, '${date} %H:%M:%S') ` +
    `ELSE try_strptime(${v}, '${date} %H:%M') END)`;
  return {
    kind,
    type: 'datetime',
    format,
    rivals,
    accepts: (v) => form(v, pattern, `${read(v)} IS NOT NULL`),
    cast: (v) => `CAST(${read(v)} AS TIMESTAMPTZ)`,
  };
}

/** Month names, Dutch and English, as written in full: the month each is. */
const monthNames: Record<string, number> = {
  januari: 1, january: 1,
  februari: 2, february: 2,
  maart: 3, march: 3,
  april: 4,
  mei: 5, may: 5,
  juni: 6, june: 6,
  juli: 7, july: 7,
  augustus: 8, august: 8,
  september: 9,
  oktober: 10, october: 10,
  november: 11,
  december: 12,
};
/** Their abbreviations, Dutch and English, each also with a trailing dot. */
const monthAbbreviations: Record<string, number> = {
  jan: 1,
  feb: 2, febr: 2,
  mrt: 3, maa: 3, mar: 3,
  apr: 4,
  mei: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9, sept: 9,
  okt: 10, oct: 10,
  nov: 11,
  dec: 12,
};
const monthWords: [string, number][] = [
  ...Object.entries(monthNames),
  ...Object.entries(monthAbbreviations).flatMap(([w, month]): [string, number][] => [[w, month], [`${w}.`, month]]),
].filter(([w], i, all) => all.findIndex(([other]) => other === w) === i);

/**
 * SQL: the month a name or abbreviation stands for, in any case; NULL for any other word. A list lookup reads the word
 * once; a CASE with a branch per word read it again for every branch, and made the check take 1.7 times as long.
 */
const monthOf = (w: string) =>
  `[${monthWords.map(([, m]) => m).join(', ')}][list_position([${monthWords.map(([x]) => `'${x}'`).join(', ')}], lower(${w}))]`;

/**
 * A form with the month in words: any word in the month's place passes the pattern, then the word is looked up and the
 * day checked (DuckDB's strptime knows English month names only). In every such form the word is the first run of
 * letters (with its dot), the day the first run of digits, and the year the last four characters.
 */
function named(kind: string, format: string, pattern: string, hasDay: boolean): Parser {
  const date = (v: string) =>
    `TRY(make_date(CAST(right(${v}, 4) AS BIGINT), ${monthOf(`regexp_extract(${v}, '${word}')`)}, ` +
    `${hasDay ? `CAST(regexp_extract(${v}, '[0-9]+') AS BIGINT)` : '1'}))`;
  return {
    kind,
    type: 'date',
    format,
    accepts: (v) => form(v, pattern, `${date(v)} IS NOT NULL`),
    cast: date,
  };
}

export const dateParsers: Parser[] = [
  {
    kind: 'date_iso',
    type: 'date',
    format: 'yyyy-mm-dd',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}')`, `TRY_CAST(${v} AS DATE) IS NOT NULL`),
    cast: (v) => `CAST(${v} AS DATE)`,
  },
  numeric('date_dmy', 'dd/mm/yyyy', '/', 4, 'dmy', ['date_mdy']),
  numeric('date_mdy', 'mm/dd/yyyy', '/', 4, 'mdy', ['date_dmy']),
  numeric('date_dmy_dash', 'dd-mm-yyyy', '-', 4, 'dmy', ['date_mdy_dash']),
  numeric('date_mdy_dash', 'mm-dd-yyyy', '-', 4, 'mdy', ['date_dmy_dash']),
  numeric('date_dmy_dot', 'dd.mm.yyyy', '.', 4, 'dmy'),
  // Two-digit years after every four-digit form; their patterns take exactly two digits, so never a four-digit year.
  numeric('date_dmy_yy', 'dd/mm/yy', '/', 2, 'dmy', ['date_mdy_yy']),
  numeric('date_mdy_yy', 'mm/dd/yy', '/', 2, 'mdy', ['date_dmy_yy']),
  numeric('date_dmy_dash_yy', 'dd-mm-yy', '-', 2, 'dmy'),
  // 3 januari 2024, 3 jan. 2024, 3-Jan-2024.
  named('date_day_month_name', 'd mmm yyyy', `[0-9]{1,2}[ -]${word}[ -][0-9]{4}`, true),
  // January 3, 2024; Jan. 3 2024.
  named('date_month_name_day', 'mmm d, yyyy', `${word} [0-9]{1,2},? [0-9]{4}`, true),
  // januari 2024, Jan 2024, jan-2024: the first day of the month.
  named('date_month_year', 'mmm yyyy', `${word}[ -][0-9]{4}`, false),
  {
    // Dates mixed with date-times read as midnight; no offset means the portal's time zone.
    kind: 'datetime_iso',
    type: 'datetime',
    format: 'yyyy-mm-ddThh:mm:ss',
    accepts: (v) => guarded(`regexp_full_match(${v}, '${isoDateTime}')`, `TRY_CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ) IS NOT NULL`),
    cast: (v) => `CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ)`,
  },
  slashDateTimeForm('datetime_dmy', 'dd/mm/yyyy hh:mm', 'dmy', ['datetime_mdy']),
  slashDateTimeForm('datetime_mdy', 'mm/dd/yyyy hh:mm', 'mdy', ['datetime_dmy']),
];
