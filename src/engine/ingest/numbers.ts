// Numbers as people write them: one parser per notation (decimal mark, thousands separator), and the units around them.
import { guarded } from './guard.ts';
import type { Parser } from './parser.ts';

const sign = '[+-]?';
/** An integer part without separators, as the plain forms accept it (at most 18 digits: a BIGINT). */
const plainInteger = '(0|[1-9][0-9]{0,17})';
/** Groups of three after one to three digits: `1.234.567` for the separator `\\.`. */
const grouped = (separator: string) => `[1-9][0-9]{0,2}(${separator}[0-9]{3}){1,5}`;
/** An integer part, grouped or not: `1.234` and `1234` are both read where the dot groups thousands. */
const integerPart = (separator: string) => `(${grouped(separator)}|${plainInteger})`;
/** A space, a no-break space or a narrow no-break space: what French, Swiss and SI styles group with. */
const spaces = '[ \\x{00A0}\\x{202F}]';
const apostrophes = '[\\x{0027}\\x{2019}]';

const full = (v: string, pattern: string) => `regexp_full_match(${v}, '${pattern}')`;
/**
 * Every grouped notation's characters, loosely: each grouped parser checks it first, in the same words, so DuckDB
 * evaluates it once per value and a text value fails all nine forms at its first letter.
 */
const numberShape = `[+-]?[0-9][0-9., \\x{0027}\\x{00A0}\\x{202F}\\x{2019}]*`;
const shaped = (v: string, pattern: string) => guarded(full(v, numberShape), full(v, pattern));
/** Strips the separators, turns the decimal mark into a point, and casts. */
const castNumber = (v: string, separator: string | null, decimalComma: boolean, type: 'BIGINT' | 'DOUBLE') => {
  let text = separator ? `regexp_replace(${v}, '${separator}', '', 'g')` : v;
  if (decimalComma) text = `replace(${text}, ',', '.')`;
  return `CAST(${text} AS ${type})`;
};

/**
 * A value that holds one group of three after a dot (or a comma): it reads otherwise in the other notation. Its
 * fourth character from the end is checked first: a string comparison, cheaper than the pattern on every value.
 */
const oneGroup = (v: string, mark: '.' | ',') =>
  guarded(`substr(${v}, -4, 1) = '${mark}'`, full(v, `${sign}[1-9][0-9]{0,2}${mark === '.' ? '\\.' : ','}[0-9]{3}`));

function integerGrouped(kind: string, separator: string, format: string, rivals?: string[]): Parser {
  return {
    kind,
    type: 'int',
    scalar: true,
    format,
    ...(rivals ? { rivals } : {}),
    accepts: (v) => shaped(v, `${sign}${integerPart(separator)}`),
    cast: (v) => castNumber(v, separator, false, 'BIGINT'),
  };
}

function decimalGrouped(kind: string, separator: string, decimalComma: boolean, format: string, rivals?: string[]): Parser {
  const mark = decimalComma ? ',' : '\\.';
  return {
    kind,
    type: 'double',
    scalar: true,
    format,
    ...(rivals ? { rivals } : {}),
    accepts: (v) => shaped(v, `${sign}${integerPart(separator)}(${mark}[0-9]+)?`),
    cast: (v) => castNumber(v, separator, decimalComma, 'DOUBLE'),
  };
}

/**
 * Tried in this order after the booleans; a column takes the first that accepts every value. The plain forms come
 * first, so a file of plain numbers never pays for the others. `12.345` is accepted both by `double` (12.345) and by
 * `int_dot` (12345): they are rivals, and infer.ts decides between them from the file, or asks.
 */
export const numberParsers: Parser[] = [
  {
    kind: 'int',
    scalar: true,
    type: 'int',
    format: '1234',
    accepts: (v) => full(v, `${sign}${plainInteger}`),
    cast: (v) => `CAST(${v} AS BIGINT)`,
  },
  {
    kind: 'double',
    scalar: true,
    type: 'double',
    format: '1234.5',
    rivals: ['int_dot'],
    doubt: (v) => oneGroup(v, '.'),
    accepts: (v) => full(v, `${sign}((0|[1-9][0-9]{0,14})(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?`),
    cast: (v) => `CAST(${v} AS DOUBLE)`,
  },
  {
    kind: 'double_comma',
    scalar: true,
    type: 'double',
    format: '1234,5',
    rivals: ['int_comma'],
    doubt: (v) => oneGroup(v, ','),
    accepts: (v) => full(v, `${sign}(0|[1-9][0-9]{0,14})(,[0-9]+)?`),
    cast: (v) => `CAST(replace(${v}, ',', '.') AS DOUBLE)`,
  },
  integerGrouped('int_dot', '\\.', '1.234', ['double']),
  integerGrouped('int_comma', ',', '1,234', ['double_comma']),
  integerGrouped('int_space', spaces, '1 234'),
  integerGrouped('int_apostrophe', apostrophes, "1'234"),
  // `2.500` and `1,250` read both ways (2500 and 1.25, or 2.5 and 1250) where no value has both marks.
  decimalGrouped('number_dot_comma', '\\.', true, '1.234,5', ['number_comma_dot']),
  decimalGrouped('number_comma_dot', ',', false, '1,234.5', ['number_dot_comma']),
  decimalGrouped('number_space_comma', spaces, true, '1 234,5'),
  decimalGrouped('number_space_dot', spaces, false, '1 234.5'),
  decimalGrouped('number_apostrophe_dot', apostrophes, false, "1'234.5"),
];

export const numberKinds = new Set(numberParsers.map((p) => p.kind));

/** Notations whose decimal mark is a comma: a file that uses one writes numbers the Belgian/Dutch way. */
export const decimalCommaKinds = new Set(['double_comma', 'number_dot_comma', 'number_space_comma']);
/** Notations whose decimal mark is a point, seen with a separator that settles it. */
export const decimalPointKinds = new Set(['number_comma_dot', 'number_space_dot', 'number_apostrophe_dot']);

/**
 * Units that may stand before or after every number of a column (`€ 1.234,50`, `12 %`): removed from the values and
 * kept as the field's `unit` annotation, as Opendatasoft does. A short, fixed list, so that a code such as `A12` is
 * never read as a number.
 */
const units = ['%', '‰', '€', '$', '£', 'EUR', 'USD', 'GBP'];
const unitAlternatives = units.map((u) => u.replace(/[$]/g, '\\$')).join('|');
const sqlList = (list: string[]) => `(${list.map((u) => `'${u}'`).join(', ')})`;
const symbols = units.filter((u) => u.length === 1);
const codes = units.filter((u) => u.length === 3);
/** SQL, cheap: the value starts or ends as a unit would. Only columns where every sampled value does are probed. */
export function endsLikeUnit(v: string): string {
  return `(right(${v}, 1) IN ${sqlList(symbols)} OR left(${v}, 1) IN ${sqlList(symbols)} OR right(${v}, 3) IN ${sqlList(codes)} OR left(${v}, 3) IN ${sqlList(codes)})`;
}

/** SQL: the unit of a value written as a number with one unit before or after it; NULL for any other value. */
export function unitOf(v: string): string {
  const prefix = `regexp_extract(${v}, '^(${unitAlternatives}) ?${numberShape}$', 1)`;
  const suffix = `regexp_extract(${v}, '^${numberShape}[ \\x{00A0}\\x{202F}]?(${unitAlternatives})$', 1)`;
  // Only values that start or end like a unit are worth the two patterns.
  return `(CASE WHEN ${endsLikeUnit(v)} THEN nullif(coalesce(nullif(${prefix}, ''), ${suffix}), '') END)`;
}

/** SQL: the value without the column's unit, for the number parsers to read. */
export function withoutUnit(v: string, unit: string): string {
  const escaped = unit.replace(/[$]/g, '\\$').replace(/'/g, "''");
  return `trim(regexp_replace(${v}, '^${escaped}|${escaped}$', '', 'g'), ' \u00a0\u202f')`;
}

/** For values stored as numbers and written plainly (XLSX number cells): `12.345` is twelve and a bit, nothing else. */
export const storedNumberParsers: Parser[] = numberParsers
  .filter((p) => p.kind === 'int' || p.kind === 'double')
  .map(({ rivals: _rivals, doubt: _doubt, ...p }) => p);
