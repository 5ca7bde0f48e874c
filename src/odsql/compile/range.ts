// range() in group_by: static buckets (`range(f, *, 10, 50, *)`) and equal widths (`range(f, 5)`, `range(d, 1 day)`).
import type { Call, Expression } from '../ast.ts';
import { isNumeric, isTemporal, type Compiled } from '../types.ts';
import { fail, type CompileContext } from './context.ts';
import type { ExpressionCompiler } from './function-definition.ts';
import { dateAgainstInstant, instantOf, isDateColumn } from './sargable.ts';

const units: Record<string, string> = {
  ms: 'millisecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  s: 'second', second: 'second', seconds: 'second',
  m: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', week: 'week', weeks: 'week',
  M: 'month', month: 'month', months: 'month',
  q: 'quarter', quarter: 'quarter', quarters: 'quarter',
  y: 'year', year: 'year', years: 'year',
};

const maxIntervalWidth = 1_000_000;
const minWidth = 1e-9;
const maxWidth = 1e15;

function numberOf(ctx: CompileContext, e: Expression): number {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.operator === '-' && e.operand.kind === 'number') return -e.operand.value;
  fail(ctx, e.position, 'range() bounds are numbers, dates or *.', { code: 'arguments', name: 'range' });
}

/**
 * A bucket's label as a function of a cheaper key: the query groups on the key, so the label's text is built once per
 * group instead of once per row (Compiled.groupKey).
 */
function labelled(key: string, label: (key: string) => string): Compiled {
  return { sql: label(key), type: 'text', aggregate: false, groupKey: key };
}

/** Bucket keys as ODS writes them: `[10, 50[`, `[*, 10[`, `[2020-01-01T00:00:00+00:00, …[`. */
export function compileRange(ctx: CompileContext, call: Call, expression: ExpressionCompiler): Compiled {
  if (call.args.length < 2) fail(ctx, call.position, 'range() takes a field and either bounds or a width.', { code: 'arguments', name: 'range' });
  const value = expression(ctx, call.args[0]);
  const temporal = isTemporal(value.type);
  if (!temporal && !isNumeric(value.type)) fail(ctx, call.args[0].position, 'range() groups numeric or date fields.', { code: 'arguments', name: 'range' });
  const rest = call.args.slice(1);
  const text = (sql: string) => (temporal ? `(strftime(${sql}, '%Y-%m-%dT%H:%M:%S') || regexp_replace(strftime(${sql}, '%z'), '^([+-]\\d\\d)$', '\\1:00'))` : `regexp_replace(CAST(${sql} AS VARCHAR), '\\.0$', '')`);

  if (rest.length === 1 && rest[0].kind !== 'star') {
    const width = rest[0];
    if (temporal) {
      // Own keys only: `1 constructor` is no unit, whatever Object.prototype has.
      if (width.kind !== 'interval' || !Object.hasOwn(units, width.unit)) fail(ctx, width.position, 'A date range width is an interval such as 1 day, 2 h or 1 M.', { code: 'arguments', name: 'range' });
      const unit = units[width.unit];
      if (width.value !== 1 && ['week', 'month', 'quarter', 'year'].includes(unit)) fail(ctx, width.position, `A ${unit} range takes a width of 1.`, { code: 'arguments', name: 'range' });
      // The engine keeps an interval's days and milliseconds in 32 and 64 bits, and cannot bucket by less than a millisecond.
      if (!Number.isInteger(width.value) || width.value < 1 || width.value > maxIntervalWidth) {
        fail(ctx, width.position, `A date range width is a whole number of ${unit}s from 1 to ${maxIntervalWidth.toLocaleString('en')}.`, { code: 'arguments', name: 'range' });
      }
      const interval = `INTERVAL '${width.value} ${unit}'`;
      const start = width.value === 1 ? `date_trunc('${unit}', ${value.sql})` : `time_bucket(${interval}, CAST(${value.sql} AS TIMESTAMPTZ))`;
      return labelled(start, (key) => `CASE WHEN ${key} IS NULL THEN NULL ELSE '[' || ${text(key)} || ', ' || ${text(`${key} + ${interval}`)} || '[' END`);
    }
    const size = numberOf(ctx, width);
    if (!(size > 0)) fail(ctx, width.position, 'A range width must be above 0.', { code: 'arguments', name: 'range' });
    // Past these, a value divided by the width overflows, or every value falls in one bucket labelled in exponents.
    if (size < minWidth || size > maxWidth) fail(ctx, width.position, `A range width lies between ${minWidth} and ${maxWidth}.`, { code: 'arguments', name: 'range' });
    const p = ctx.params.add(size);
    const low = `floor(${value.sql} / ${p}) * ${p}`;
    return labelled(low, (key) => `CASE WHEN ${key} IS NULL THEN NULL ELSE '[' || ${text(key)} || ', ' || ${text(`${key} + ${p}`)} || '[' END`);
  }

  // Static bounds: each bucket holds its lower bound and not its upper one; * is unbounded. Each is a term of the query.
  ctx.cost.add(ctx.clause, call.position, rest.length);
  const bounds = rest.map((b, i) => {
    if (b.kind === 'star') {
      if (i !== 0 && i !== rest.length - 1) fail(ctx, b.position, '* can only open or close the list of bounds.', { code: 'arguments', name: 'range' });
      return null;
    }
    if (temporal) {
      const label = b.kind === 'date' ? b.value : '';
      const instant = instantOf(ctx, label);
      if (!instant) fail(ctx, b.position, "Date range bounds are date literals such as date'2021-01-01'.", { code: 'arguments', name: 'range' });
      // A date field is compared as a DATE, not cast row by row (sargable.ts).
      return { compare: (op: '>=' | '<') => (isDateColumn(value) ? dateAgainstInstant(value.sql, op, instant) : `${value.sql} ${op} ${instant.sql}`), label };
    }
    const n = numberOf(ctx, b);
    const sql = ctx.params.add(n);
    return { compare: (op: '>=' | '<') => `${value.sql} ${op} ${sql}`, label: String(n) };
  });
  // Rows fall in the first bucket that holds them, numbered; the label goes on each group. A later bucket with the
  // same label as an earlier one has the same bounds, so no row reaches it: one label, one number.
  const whens: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [low, high] = [bounds[i], bounds[i + 1]];
    const conditions = [low ? low.compare('>=') : null, high ? high.compare('<') : null].filter(Boolean);
    whens.push(`WHEN ${conditions.join(' AND ') || 'TRUE'} THEN ${i}`);
    labels.push(`WHEN ${i} THEN ${ctx.params.add(`[${low?.label ?? '*'}, ${high?.label ?? '*'}[`)}`);
  }
  return labelled(`CASE ${whens.join(' ')} END`, (key) => `CASE ${key} ${labels.join(' ')} END`);
}
