// Comparisons written in the column's own type, so that the engine compares without converting each row and can skip
// row groups on their min/max statistics (DuckDB does so only for `column op constant` of the column's type).
import type { ComparisonOperator, Expression } from '../ast.ts';
import { parseDateLiteral, timestampText } from '../dates.ts';
import type { Compiled, Instant } from '../types.ts';
import type { CompileContext } from './context.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The first and last years whose 1 January and next 1 January the engine's dates hold without surprises. */
const firstYear = 1;
const lastYear = 9998;

/**
 * A constant instant: text read as TIMESTAMPTZ in the session's time zone, the same cast as before, so DuckDB folds it
 * once per query. `day` is set when the instant is the local midnight of that day in every time zone (no offset,
 * 00:00:00): a date field is then compared with that DATE as it is.
 */
export function instantOf(ctx: CompileContext, text: string): Instant | null {
  const parts = parseDateLiteral(text);
  if (!parts) return null;
  const midnight = parts.offset === null && parts.hour === 0 && parts.minute === 0 && parts.second === 0;
  const inRange = parts.year >= firstYear && parts.year <= lastYear + 1;
  return {
    sql: `CAST(${ctx.params.add(timestampText(parts))} AS TIMESTAMPTZ)`,
    day: midnight && inRange ? `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}` : null,
  };
}

/** A DATE literal: built from checked numbers only, never from a user's text, so it goes into the SQL as it is. */
const dateLiteral = (day: string) => `DATE '${day}'`;

/**
 * `date op instant` without casting the date: a DATE stands for its local midnight (DuckDB's DATE → TIMESTAMPTZ cast),
 * which grows with the date, so each comparison is one with the day the instant falls in (`at`) or the last day that
 * starts before it (`before`). Both are constants DuckDB folds before it plans the scan.
 */
export function dateAgainstInstant(date: string, op: ComparisonOperator, instant: Instant): string {
  if (instant.day) return `(${date} ${op} ${dateLiteral(instant.day)})`;
  const before = `CAST(${instant.sql} - INTERVAL '1 microsecond' AS DATE)`;
  const at = `CAST(${instant.sql} AS DATE)`;
  switch (op) {
    case '<':
      return `(${date} <= ${before})`;
    case '<=':
      return `(${date} <= ${at})`;
    case '>':
      return `(${date} > ${at})`;
    case '>=':
      return `(${date} > ${before})`;
    case '=':
      return `(${date} > ${before} AND ${date} <= ${at})`;
    case '!=':
      return `(${date} <= ${before} OR ${date} > ${at})`;
  }
}

/** 1 January of a year, in the type of the value year() reads: a DATE, or the local midnight as a TIMESTAMPTZ. */
function newYear(of: Compiled, year: number): string {
  const day = `${pad(year, 4)}-01-01`;
  return of.type === 'date' ? dateLiteral(day) : `CAST('${day} 00:00:00' AS TIMESTAMPTZ)`;
}

/** `year(x) op Y` as a range of x: year() reads the local calendar, as the TIMESTAMPTZ cast of the bounds does. */
function yearAgainst(of: Compiled, op: ComparisonOperator, year: number): string {
  const [start, end] = [newYear(of, year), newYear(of, year + 1)];
  switch (op) {
    case '<':
      return `(${of.sql} < ${start})`;
    case '<=':
      return `(${of.sql} < ${end})`;
    case '>':
      return `(${of.sql} >= ${end})`;
    case '>=':
      return `(${of.sql} >= ${start})`;
    case '=':
      return `(${of.sql} >= ${start} AND ${of.sql} < ${end})`;
    case '!=':
      return `(${of.sql} < ${start} OR ${of.sql} >= ${end})`;
  }
}

/** The value of a number literal, or of a negated one. */
function numberValue(e: Expression): number | null {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.operator === '-' && e.operand.kind === 'number') return -e.operand.value;
  return null;
}

/**
 * `int op 2.5`: DuckDB would cast every integer to DOUBLE. Between whole numbers, `> 2.5` is `> 2` and `< 2.5` is
 * `<= 2`; a fraction lies below 2^52, where the engine's doubles hold every integer, so no row changes side.
 * Equality with a fraction is left as it was (it matches nothing, and is rare).
 */
function integerAgainstFraction(ctx: CompileContext, int: string, op: ComparisonOperator, value: number): string | null {
  if (op === '=' || op === '!=') return null;
  const floor = `CAST(${ctx.params.add(Math.floor(value))} AS BIGINT)`;
  return op === '<' || op === '<=' ? `(${int} <= ${floor})` : `(${int} > ${floor})`;
}

const flipped: Record<ComparisonOperator, ComparisonOperator> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

interface Operand {
  compiled: Compiled;
  expression: Expression;
}

/** The instant an operand stands for: a date literal or now(), or a text compared with a date (read as one). */
function operandInstant(ctx: CompileContext, o: Operand): Instant | null {
  if (o.compiled.instant) return o.compiled.instant;
  return o.expression.kind === 'string' ? instantOf(ctx, o.expression.value) : null;
}

/**
 * A date column itself (SQL that is one quoted name): only it is surely a DATE in the engine. ifnull(d, date'…') is typed
 * a date but is a TIMESTAMPTZ there, which the day bounds would misplace.
 */
export const isDateColumn = (c: Compiled) => c.type === 'date' && /^"(?:[^"]|"")*"$/.test(c.sql);
const isDateField = (o: Operand) => isDateColumn(o.compiled);

/** `left op right` with the column on the left. */
function oneWay(ctx: CompileContext, op: ComparisonOperator, left: Operand, right: Operand): string | null {
  if (isDateField(left)) {
    const instant = operandInstant(ctx, right);
    if (instant) return dateAgainstInstant(left.compiled.sql, op, instant);
  }
  const n = numberValue(right.expression);
  if (n === null) return null;
  if (left.compiled.yearOf && Number.isInteger(n) && n >= firstYear && n <= lastYear) return yearAgainst(left.compiled.yearOf, op, n);
  if (left.compiled.type === 'int' && Number.isFinite(n) && !Number.isInteger(n)) return integerAgainstFraction(ctx, left.compiled.sql, op, n);
  return null;
}

/**
 * A comparison in the column's own type where one exists with the same answer for every row (nulls included: each
 * form is null exactly when the column is); null when the comparison has no such form and compiles as before.
 */
export function sargableComparison(ctx: CompileContext, op: ComparisonOperator, left: Operand, right: Operand): string | null {
  return oneWay(ctx, op, left, right) ?? oneWay(ctx, flipped[op], right, left);
}

/**
 * `x IN (…)` in the column's own type: a date field against days is an IN list of DATEs, any other rewritable list an
 * OR of the rewritten equalities (null when x is, as IN is). Null when one value has no such form.
 */
export function sargableMembership(ctx: CompileContext, operand: Operand, values: Operand[]): string | null {
  if (isDateField(operand)) {
    const days = values.map((v) => operandInstant(ctx, v)?.day ?? null);
    if (days.every((day): day is string => day !== null)) return `(${operand.compiled.sql} IN (${days.map(dateLiteral).join(', ')}))`;
  }
  const each = values.map((v) => oneWay(ctx, '=', operand, v));
  if (values.length === 0 || each.some((s) => s === null)) return null;
  return each.length === 1 ? each[0] : `(${each.join(' OR ')})`;
}

/** The text just past every text that starts with `prefix`: its last character one code point on; null past the last. */
function pastPrefix(prefix: string): string | null {
  const chars = [...prefix];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return null;
  // A text holds no lone surrogates: past U+D7FF comes U+E000.
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return chars.join('') + String.fromCodePoint(next);
}

/**
 * startswith(t, "ab") as `t >= 'ab' AND t < 'ac'` beside the test itself: DuckDB compares texts byte by byte in
 * UTF-8, which is code point order, so the texts that start with a prefix are one range, which row-group min/max can
 * skip (a version clustered on the field reads only the groups that hold it). starts_with() stays: the answer is its.
 */
export function startsWithSql(ctx: CompileContext, text: string, prefix: string): string {
  const p = ctx.params.add(prefix);
  const past = pastPrefix(prefix);
  if (past === null) return `starts_with(${text}, ${p})`;
  return `(${text} >= ${p} AND ${text} < ${ctx.params.add(past)} AND starts_with(${text}, ${p}))`;
}

/** A constant instant's SQL for now(): a moment fixed by the portal's clock, as UTC text. */
export function nowInstant(ctx: CompileContext, moment: Date): Instant {
  return { sql: `CAST(${ctx.params.add(moment.toISOString())} AS TIMESTAMPTZ)`, day: null };
}
