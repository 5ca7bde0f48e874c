// Compiles a checked ODSQL expression to DuckDB SQL with bound parameters, typing it as it goes.
import type { ComparisonOperator, Expression, NumberLiteral } from '../ast.ts';
import { fieldNamed, fieldType, isNumeric, isTemporal, isTextual, quoteIdentifier, type Compiled, type ValueType } from '../types.ts';
import { checkSql } from '../limits.ts';
import { fail, type CompileContext } from './context.ts';
import { compileCall } from './functions.ts';
import { fullTextSearch } from './search.ts';
import { instantOf, sargableComparison, sargableMembership } from './sargable.ts';

const plain = (sql: string, type: ValueType, aggregate = false): Compiled => ({ sql, type, aggregate });

function describe(type: ValueType): string {
  return { string: 'a text', number: 'a number', null: 'null', geometry: 'a geometry', any: 'a value' }[type as string] ?? `a ${type} field`;
}

/** A literal compared with a date field is read as a date in the query's time zone. */
function asInstant(ctx: CompileContext, e: Expression, text: string) {
  const instant = instantOf(ctx, text);
  if (!instant) fail(ctx, e.position, `"${text}" is not a date; write it as date'2024-03-05' or date'2024-03-05T08:30'.`, { code: 'not_a_date', text });
  return instant;
}
const asTimestamp = (ctx: CompileContext, e: Expression, text: string) => asInstant(ctx, e, text).sql;

/** Brings two compiled operands to comparable SQL, or explains why they cannot be compared. */
function comparable(ctx: CompileContext, position: number, left: Compiled, right: Compiled, operands: [Expression, Expression]): [string, string] {
  const [l, r] = [left.type, right.type];
  if (l === 'null' || r === 'null' || l === 'any' || r === 'any') return [left.sql, right.sql];
  if (isNumeric(l) && isNumeric(r)) return [left.sql, right.sql];
  if (isTextual(l) && isTextual(r)) return [left.sql, right.sql];
  if (l === 'boolean' && r === 'boolean') return [left.sql, right.sql];
  if (isTemporal(l) && (isTemporal(r) || r === 'string')) {
    const rightSql = r === 'string' && operands[1].kind === 'string' ? asTimestamp(ctx, operands[1], operands[1].value) : right.sql;
    return [left.sql, rightSql];
  }
  if (isTemporal(r) && l === 'string' && operands[0].kind === 'string') {
    return [asTimestamp(ctx, operands[0], operands[0].value), right.sql];
  }
  fail(ctx, position, `Cannot compare ${describe(l)} with ${describe(r)}.`, { code: 'cannot_compare' });
}

/** `tags = "port"` on a multivalued field means "has the value". */
function listMembership(ctx: CompileContext, position: number, operator: string, left: Compiled, right: Compiled): string | null {
  const [list, value] = left.type === 'text_list' ? [left, right] : right.type === 'text_list' ? [right, left] : [null, null];
  if (!list || !value) return null;
  if (!isTextual(value.type) || (operator !== '=' && operator !== '!=')) {
    fail(ctx, position, 'A multivalued field can only be compared with = or != to a text.', { code: 'cannot_compare' });
  }
  return operator === '=' ? `list_contains(${list.sql}, ${value.sql})` : `(NOT list_contains(${list.sql}, ${value.sql}))`;
}

export function compileBoolean(ctx: CompileContext, e: Expression): Compiled {
  // A bare string is a full-text search; a bare boolean field means "is true".
  if (e.kind === 'string') return plain(fullTextSearch(ctx, null, e.value, 'prefix'), 'boolean');
  const compiled = compileExpression(ctx, e);
  if (compiled.type !== 'boolean' && compiled.type !== 'any' && compiled.type !== 'null') {
    fail(ctx, e.position, `Expected a condition, found ${describe(compiled.type)}${e.kind === 'field' ? ` (${e.name})` : ''}.`, { code: 'not_a_condition' });
  }
  return compiled;
}

/** Each node counts against the query's term budget; its SQL is checked before a parent can repeat it. */
export function compileExpression(ctx: CompileContext, e: Expression): Compiled {
  ctx.cost.add(ctx.clause, e.position);
  const compiled = compileNode(ctx, e);
  checkSql(ctx.clause, e.position, compiled.sql);
  return compiled;
}

const int64Max = 2n ** 63n - 1n;

/**
 * A number literal: digits alone are a BIGINT, bound as text so that all 64 bits survive (a JavaScript number keeps
 * 53); one past the range is refused rather than left for the engine to fail on. Other forms are doubles, except
 * whole ones such as 1e3, which stay integers as before.
 */
function numberSql(ctx: CompileContext, e: NumberLiteral): string {
  if (/^[0-9]+$/.test(e.raw)) {
    if (BigInt(e.raw) > int64Max) {
      fail(ctx, e.position, `The integer ${e.raw} is beyond the 64-bit range (at most ${int64Max}); write it with a decimal point, e.g. ${e.raw}.0, for a decimal number.`, { code: 'number_too_large', number: e.raw });
    }
    return `CAST(${ctx.params.add(e.raw)} AS BIGINT)`;
  }
  return Number.isSafeInteger(e.value) ? `CAST(${ctx.params.add(e.value)} AS BIGINT)` : `CAST(${ctx.params.add(e.value)} AS DOUBLE)`;
}

function compileNode(ctx: CompileContext, e: Expression): Compiled {
  switch (e.kind) {
    case 'field': {
      const alias = ctx.aliases.get(e.name);
      if (alias && ctx.clause === 'order_by') return alias;
      const field = fieldNamed(ctx.schema, e.name);
      if (!field) {
        const known = ctx.schema.fields.map((f) => f.name).join(', ');
        fail(ctx, e.position, `Unknown field "${e.name}"; the fields are: ${known}.`, { code: 'unknown_field', name: e.name, fields: known });
      }
      return plain(quoteIdentifier(field.name), fieldType(field));
    }
    case 'string':
      return plain(ctx.params.add(e.value), 'string');
    case 'number':
      return plain(numberSql(ctx, e), 'number');
    case 'boolean':
      return plain(e.value ? 'TRUE' : 'FALSE', 'boolean');
    case 'null':
      return plain('NULL', 'null');
    case 'date': {
      const instant = asInstant(ctx, e, e.value);
      return { ...plain(instant.sql, 'datetime'), instant };
    }
    case 'geometry':
      return plain(ctx.params.add(e.value), 'geometry');
    case 'star':
    case 'distance':
    case 'interval':
      fail(ctx, e.position, `"${e.kind === 'star' ? '*' : 'this value'}" is only allowed as a function argument.`, { code: 'unexpected', found: e.kind === 'star' ? '*' : '' });
    case 'call':
      return compileCall(ctx, e, compileExpression);
    case 'unary': {
      if (e.operator === 'not') {
        const operand = compileBoolean(ctx, e.operand);
        return plain(`(NOT ${operand.sql})`, 'boolean', operand.aggregate);
      }
      const operand = compileExpression(ctx, e.operand);
      if (!isNumeric(operand.type)) fail(ctx, e.position, `Cannot negate ${describe(operand.type)}.`, { code: 'wrong_type' });
      return plain(`(- ${operand.sql})`, operand.type, operand.aggregate);
    }
    case 'binary': {
      if (e.operator === 'and' || e.operator === 'or') {
        const left = compileBoolean(ctx, e.left);
        const right = compileBoolean(ctx, e.right);
        return plain(`(${left.sql} ${e.operator.toUpperCase()} ${right.sql})`, 'boolean', left.aggregate || right.aggregate);
      }
      const left = compileExpression(ctx, e.left);
      const right = compileExpression(ctx, e.right);
      const aggregate = left.aggregate || right.aggregate;
      if (['+', '-', '*', '/'].includes(e.operator)) {
        if (!isNumeric(left.type) || !isNumeric(right.type)) {
          fail(ctx, e.position, `Arithmetic needs numbers, found ${describe(left.type)} ${e.operator} ${describe(right.type)}.`, { code: 'wrong_type' });
        }
        // ODS gives null for a division by zero.
        if (e.operator === '/') return plain(`(CAST(${left.sql} AS DOUBLE) / NULLIF(${right.sql}, 0))`, 'double', aggregate);
        const type: ValueType = left.type === 'double' || right.type === 'double' ? 'double' : left.type === 'number' && right.type === 'number' ? 'number' : 'int';
        return plain(`(${left.sql} ${e.operator} ${right.sql})`, type, aggregate);
      }
      const membership = listMembership(ctx, e.position, e.operator, left, right);
      if (membership) return plain(membership, 'boolean', aggregate);
      // What is left after and/or and arithmetic is a comparison.
      const operator = e.operator as ComparisonOperator;
      const sargable = sargableComparison(ctx, operator, { compiled: left, expression: e.left }, { compiled: right, expression: e.right });
      if (sargable) return plain(sargable, 'boolean', aggregate);
      const [l, r] = comparable(ctx, e.position, left, right, [e.left, e.right]);
      return plain(`(${l} ${e.operator} ${r})`, 'boolean', aggregate);
    }
    case 'in_list': {
      const operand = compileExpression(ctx, e.operand);
      // "port" IN tags: the literal is the operand, the multivalued field the one value.
      if (e.values.length === 1 && operand.type !== 'text_list') {
        const only = compileExpression(ctx, e.values[0]);
        if (only.type === 'text_list') return plain(`list_contains(${only.sql}, ${operand.sql})`, 'boolean', false);
      }
      if (operand.type === 'text_list') {
        const values = e.values.map((v) => compileExpression(ctx, v).sql);
        return plain(`list_has_any(${operand.sql}, [${values.join(', ')}])`, 'boolean', false);
      }
      const compiledValues = e.values.map((v) => ({ compiled: compileExpression(ctx, v), expression: v }));
      const sargable = sargableMembership(ctx, { compiled: operand, expression: e.operand }, compiledValues);
      if (sargable) return plain(sargable, 'boolean', operand.aggregate);
      const values = compiledValues.map((v) => comparable(ctx, v.expression.position, operand, v.compiled, [e.operand, v.expression])[1]);
      return plain(`(${operand.sql} IN (${values.join(', ')}))`, 'boolean', operand.aggregate);
    }
    case 'in_range': {
      const operand = compileExpression(ctx, e.operand);
      const bound = (b: Expression, op: ComparisonOperator) => {
        const compiled = compileExpression(ctx, b);
        const sargable = sargableComparison(ctx, op, { compiled: operand, expression: e.operand }, { compiled, expression: b });
        return sargable ?? `${operand.sql} ${op} ${comparable(ctx, b.position, operand, compiled, [e.operand, b])[1]}`;
      };
      const low = bound(e.low, e.lowInclusive ? '>=' : '>');
      const high = bound(e.high, e.highInclusive ? '<=' : '<');
      return plain(`(${low} AND ${high})`, 'boolean', operand.aggregate);
    }
    case 'is_null': {
      const operand = compileExpression(ctx, e.operand);
      return plain(`(${operand.sql} IS ${e.negated ? 'NOT ' : ''}NULL)`, 'boolean', operand.aggregate);
    }
    case 'is_boolean': {
      const operand = compileExpression(ctx, e.operand);
      if (operand.type !== 'boolean') fail(ctx, e.position, `IS TRUE and IS FALSE need a boolean, found ${describe(operand.type)}.`, { code: 'wrong_type' });
      const test = `${operand.sql} IS ${e.value ? 'TRUE' : 'FALSE'}`;
      return plain(e.negated ? `(NOT (${test}))` : `(${test})`, 'boolean', operand.aggregate);
    }
    case 'like': {
      const operand = compileExpression(ctx, e.operand);
      if (!isTextual(operand.type)) fail(ctx, e.position, `LIKE needs a text field, found ${describe(operand.type)}.`, { code: 'wrong_type' });
      return plain(fullTextSearch(ctx, [operand.sql], e.pattern.value, 'prefix'), 'boolean');
    }
  }
}
