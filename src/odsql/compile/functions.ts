// ODSQL functions: one entry per function, saying where it may be used and how it compiles.
import type { Call, Clause } from '../ast.ts';
import { nowWith } from '../dates.ts';
import { isNumeric, isTemporal, isTextual, type Compiled, type ValueType } from '../types.ts';
import { fail, type CompileContext } from './context.ts';
import type { ExpressionCompiler, FunctionDefinition } from './function-definition.ts';
import { dateFormatSql } from './date-format.ts';
import { fullTextSearch } from './search.ts';
import { geoFunctions } from './geo.ts';
import { compileRange } from './range.ts';
import { nowInstant, startsWithSql } from './sargable.ts';

const everywhere: Clause[] = ['select', 'where', 'order_by', 'group_by'];
const notGroup: Clause[] = ['select', 'where', 'order_by'];
const aggregateClauses: Clause[] = ['select', 'order_by'];

function arity(ctx: CompileContext, call: Call, min: number, max = min): void {
  if (call.args.length < min || call.args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    fail(ctx, call.position, `${call.name}() takes ${expected} argument${max === 1 ? '' : 's'}, found ${call.args.length}.`, { code: 'arguments', name: call.name });
  }
}

function argument(expression: ExpressionCompiler, ctx: CompileContext, call: Call, index: number, accepts: (t: ValueType) => boolean, what: string): Compiled {
  const compiled = expression(ctx, call.args[index]);
  if (!accepts(compiled.type) && compiled.type !== 'null') {
    fail(ctx, call.args[index].position, `${call.name}() needs ${what} as argument ${index + 1}.`, { code: 'arguments', name: call.name });
  }
  return compiled;
}

function datePart(part: string): FunctionDefinition {
  return {
    clauses: everywhere,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const d = argument(expression, ctx, call, 0, isTemporal, 'a date or date-time field');
      // year(d) = 2024 can become a range of d, which the engine prunes on; other parts repeat every year.
      const yearOf = part === 'year' && isTemporal(d.type) ? d : undefined;
      return { sql: `CAST(date_part('${part}', ${d.sql}) AS BIGINT)`, type: 'int', aggregate: d.aggregate, yearOf };
    },
  };
}

function aggregate(sqlName: string, accepts: (t: ValueType) => boolean, what: string, resultType?: ValueType): FunctionDefinition {
  return {
    clauses: aggregateClauses,
    aggregate: true,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const inner = { ...ctx, allowAggregates: false };
      const value = argument(expression, inner, call, 0, accepts, what);
      if (value.aggregate) fail(ctx, call.position, `${call.name}() cannot contain another aggregate.`, { code: 'not_here', name: call.name });
      const type = resultType ?? (value.type === 'number' ? 'double' : value.type);
      return { sql: `${sqlName}(${value.sql})`, type, aggregate: true };
    },
  };
}

const numericOrTemporal = (t: ValueType) => isNumeric(t) || isTemporal(t);

/** Text search predicates: `search(f1, f2, "text")`, `search(*, "text")`, `search("text")`. */
function textPredicate(mode: 'fuzzy' | 'prefix'): FunctionDefinition {
  return {
    clauses: ['where'],
    compile(ctx, call, expression) {
      if (call.args.length === 0) fail(ctx, call.position, `${call.name}() needs the text to look for.`, { code: 'arguments', name: call.name });
      const last = call.args[call.args.length - 1];
      if (last.kind !== 'string') fail(ctx, last.position, `${call.name}() takes the text to look for, in quotes, as its last argument.`, { code: 'arguments', name: call.name });
      const targets = call.args.slice(0, -1);
      const columns =
        targets.length === 0 || targets.some((t) => t.kind === 'star')
          ? null
          : targets.map((t, i) => argument(expression, ctx, { ...call, args: targets }, i, isTextual, 'a text field').sql);
      return { sql: fullTextSearch(ctx, columns, last.value, mode), type: 'boolean', aggregate: false };
    },
  };
}

const functions: Record<string, FunctionDefinition> = {
  length: {
    clauses: notGroup,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const t = argument(expression, ctx, call, 0, isTextual, 'a text');
      return { sql: `CAST(length(${t.sql}) AS BIGINT)`, type: 'int', aggregate: t.aggregate };
    },
  },
  lower: {
    clauses: everywhere,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const t = argument(expression, ctx, call, 0, isTextual, 'a text');
      return { sql: `lower(${t.sql})`, type: 'text', aggregate: t.aggregate };
    },
  },
  upper: {
    clauses: everywhere,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const t = argument(expression, ctx, call, 0, isTextual, 'a text');
      return { sql: `upper(${t.sql})`, type: 'text', aggregate: t.aggregate };
    },
  },
  year: datePart('year'),
  quarter: datePart('quarter'),
  month: datePart('month'),
  day: datePart('day'),
  hour: datePart('hour'),
  minute: datePart('minute'),
  second: datePart('second'),
  millisecond: datePart('millisecond'),
  dayofweek: datePart('isodow'),
  ifnull: {
    clauses: everywhere,
    compile(ctx, call, expression) {
      arity(ctx, call, 2);
      const value = expression(ctx, call.args[0]);
      const fallback = expression(ctx, call.args[1]);
      return { sql: `coalesce(${value.sql}, ${fallback.sql})`, type: value.type, aggregate: value.aggregate || fallback.aggregate };
    },
  },
  now: {
    clauses: notGroup,
    compile(ctx, call) {
      arity(ctx, call, 0);
      const named = call.named.map((n) => {
        const value = n.value.kind === 'number' ? n.value.value : n.value.kind === 'unary' && n.value.operand.kind === 'number' ? -n.value.operand.value : NaN;
        if (!Number.isInteger(value)) fail(ctx, n.value.position, `now(${n.name}=…) takes a whole number.`, { code: 'arguments', name: 'now' });
        return { name: n.name, value };
      });
      let moment: Date;
      try {
        moment = nowWith(ctx.now, named);
      } catch (error) {
        if (error instanceof RangeError) fail(ctx, call.position, `${error.message}; move it by less.`, { code: 'arguments', name: 'now' });
        fail(ctx, call.position, `${(error as Error).message}; use year(s), month(s), day(s), hour(s), minute(s), second(s), microsecond(s), weekday or mondays … sundays.`, { code: 'arguments', name: 'now' });
      }
      // A constant: the engine folds it once per query, and a date field compares with it as a DATE (sargable.ts).
      const instant = nowInstant(ctx, moment);
      return { sql: instant.sql, type: 'datetime', aggregate: false, instant };
    },
  },
  date_format: {
    clauses: everywhere,
    compile(ctx, call, expression) {
      arity(ctx, call, 2);
      const d = argument(expression, ctx, call, 0, isTemporal, 'a date or date-time field');
      const pattern = call.args[1];
      if (pattern.kind !== 'string') fail(ctx, pattern.position, 'date_format() takes its pattern as a quoted text, e.g. \'yyyy-MM\'.', { code: 'arguments', name: 'date_format' });
      return { sql: dateFormatSql(ctx, d.sql, pattern.value, pattern.position), type: 'text', aggregate: d.aggregate };
    },
  },
  search: textPredicate('fuzzy'),
  suggest: textPredicate('prefix'),
  startswith: {
    clauses: ['where'],
    compile(ctx, call, expression) {
      arity(ctx, call, 2);
      const t = argument(expression, ctx, call, 0, isTextual, 'a text field');
      const prefix = call.args[1];
      if (prefix.kind !== 'string') fail(ctx, prefix.position, 'startswith() takes the beginning to look for, in quotes.', { code: 'arguments', name: 'startswith' });
      return { sql: startsWithSql(ctx, t.sql, prefix.value), type: 'boolean', aggregate: false };
    },
  },
  count: {
    clauses: aggregateClauses,
    aggregate: true,
    compile(ctx, call, expression) {
      arity(ctx, call, 1);
      const [arg] = call.args;
      if (arg.kind === 'star') return { sql: 'count(*)', type: 'int', aggregate: true };
      const value = expression({ ...ctx, allowAggregates: false }, arg);
      return { sql: `count(${call.distinct ? 'DISTINCT ' : ''}${value.sql})`, type: 'int', aggregate: true };
    },
  },
  sum: aggregate('sum', isNumeric, 'a numeric field'),
  avg: aggregate('avg', isNumeric, 'a numeric field', 'double'),
  min: aggregate('min', numericOrTemporal, 'a numeric or date field'),
  max: aggregate('max', numericOrTemporal, 'a numeric or date field'),
  median: aggregate('median', isNumeric, 'a numeric field', 'double'),
  percentile: {
    clauses: aggregateClauses,
    aggregate: true,
    compile(ctx, call, expression) {
      arity(ctx, call, 2);
      const value = argument(expression, { ...ctx, allowAggregates: false }, call, 0, isNumeric, 'a numeric field');
      const p = call.args[1];
      if (p.kind !== 'number' || p.value <= 0 || p.value > 100) fail(ctx, p.position, 'percentile() takes a percentage above 0 and at most 100.', { code: 'arguments', name: 'percentile' });
      return { sql: `quantile_cont(${value.sql}, ${p.value / 100})`, type: 'double', aggregate: true };
    },
  },
  range: { clauses: ['group_by'], compile: compileRange },
  ...geoFunctions,
};

export function compileCall(ctx: CompileContext, call: Call, expression: ExpressionCompiler): Compiled {
  // Own entries only: `constructor` or `__proto__` is no function of ODSQL's, whatever Object.prototype has.
  const definition = Object.hasOwn(functions, call.name) ? functions[call.name] : undefined;
  if (!definition) {
    fail(ctx, call.position, `Unknown function ${call.name}(); see the ODSQL reference for the functions Opaal knows.`, { code: 'unknown_function', name: call.name });
  }
  if (!definition.clauses.includes(ctx.clause)) {
    fail(ctx, call.position, `${call.name}() cannot be used in ${ctx.clause}.`, { code: 'not_here', name: call.name });
  }
  if (definition.aggregate && !ctx.allowAggregates) {
    fail(ctx, call.position, `The aggregate ${call.name}() cannot be used here.`, { code: 'not_here', name: call.name });
  }
  if (call.distinct && call.name !== 'count') fail(ctx, call.position, `DISTINCT only goes with count().`, { code: 'arguments', name: call.name });
  if (call.named.length > 0 && call.name !== 'now' && call.name !== 'geo_cluster') {
    fail(ctx, call.position, `${call.name}() takes no named arguments.`, { code: 'arguments', name: call.name });
  }
  // Functions run per row (searches, geometry, formats) or over every row (aggregates); now() alone is a constant.
  if (call.name !== 'now') ctx.cost.heavy = true;
  return definition.compile(ctx, call, expression);
}

