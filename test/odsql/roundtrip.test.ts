// Printing then parsing gives back the same tree; any text either parses or fails with an OdsqlError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distanceUnits, type Expression, type GroupByItem, type OrderByItem, type SelectItem } from '../../src/odsql/ast.ts';
import { OdsqlError } from '../../src/odsql/errors.ts';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere } from '../../src/odsql/parser.ts';
import { printExpression, printGroupBy, printOrderBy, printSelect } from '../../src/odsql/print.ts';

/** The tree without `position` and `text`: printing changes both. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'position' && k !== 'text').map(([k, v]) => [k, strip(v)]));
}

const position = 0;
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}(\.[A-Za-z0-9_]{1,4}){0,2}$/),
  fc.constantFrom('and', 'IN', 'count', 'year', 'date', 'geom', 'to', 'Distinct', '12', 'a b', 'x`y', 'back\\', 'é'),
  fc.string({ minLength: 1, unit: 'binary' }),
);
const nonNegative = fc.oneof(fc.nat(), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)));
const number = fc.oneof(
  nonNegative.map((value): Expression => ({ kind: 'number', value, raw: String(value), position })),
  fc.constantFrom('1.50', '.5', '1E3', '2.5e-3', '007').map((raw): Expression => ({ kind: 'number', value: Number(raw), raw, position })),
);
const leaf: fc.Arbitrary<Expression> = fc.oneof(
  name.map((n): Expression => ({ kind: 'field', name: n, position })),
  text.map((value): Expression => ({ kind: 'string', value, position })),
  number,
  fc.boolean().map((value): Expression => ({ kind: 'boolean', value, position })),
  fc.constant<Expression>({ kind: 'null', position }),
  text.map((value): Expression => ({ kind: 'date', value, position })),
  text.map((value): Expression => ({ kind: 'geometry', value, position })),
);
const star = fc.constant<Expression>({ kind: 'star', position });
const distance = fc.record({ value: nonNegative, unit: fc.constantFrom(...distanceUnits) }).map((d): Expression => ({ kind: 'distance', ...d, position }));
const interval = fc
  .record({ value: nonNegative, unit: fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'M', 'q', 'y', 'day', 'hours') })
  .map((i): Expression => ({ kind: 'interval', ...i, position }));
const comparison = fc.constantFrom('=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', 'and', 'or') as fc.Arbitrary<'='>;

const { expression } = fc.letrec<{ expression: Expression; compound: Expression }>((tie) => {
  const e = tie('expression');
  const call = (names: string[], argument: fc.Arbitrary<Expression>) =>
    fc
      .record({
        name: fc.constantFrom(...names),
        args: fc.array(argument, { maxLength: 3 }),
        named: fc.array(fc.record({ name: fc.constantFrom('days', 'hour', 'radius', 'year'), value: e }), { maxLength: 2 }),
        distinct: fc.boolean(),
      })
      // DISTINCT needs something after it.
      .map((c): Expression => ({ kind: 'call', ...c, distinct: c.distinct && c.args.length + c.named.length > 0, position }));
  return {
    expression: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('compound')),
    compound: fc.oneof(
      fc.record({ operator: comparison, left: e, right: e }).map((b): Expression => ({ kind: 'binary', ...b, position })),
      fc.record({ operator: fc.constantFrom('not', '-') as fc.Arbitrary<'not'>, operand: e }).map((u): Expression => ({ kind: 'unary', ...u, position })),
      call(['count', 'year', 'f', 'search', 'within_distance', 'now', 'geo_cluster', 'ifnull'], fc.oneof(e, star, distance)),
      call(['range'], fc.oneof(e, star, interval)),
      fc.record({ operand: e, values: fc.array(e, { minLength: 1, maxLength: 3 }) }).map((l): Expression => ({ kind: 'in_list', ...l, position })),
      fc
        .record({ operand: e, low: e, high: e, lowInclusive: fc.boolean(), highInclusive: fc.boolean() })
        .map((r): Expression => ({ kind: 'in_range', ...r, position })),
      fc.record({ operand: e, negated: fc.boolean() }).map((i): Expression => ({ kind: 'is_null', ...i, position })),
      fc.record({ operand: e, value: fc.boolean(), negated: fc.boolean() }).map((i): Expression => ({ kind: 'is_boolean', ...i, position })),
      fc.record({ operand: e, pattern: text }).map((l): Expression => ({ kind: 'like', operand: l.operand, pattern: { kind: 'string', value: l.pattern, position }, position })),
    ),
  };
});

const alias = fc.option(name, { nil: null });
const pattern = fc.tuple(name, fc.boolean()).map(([n, star]) => (star ? `${n}*` : n));
const selectItem: fc.Arbitrary<SelectItem> = fc.oneof(
  fc.constant<SelectItem>({ kind: 'select_all', position }),
  fc.record({ kind: fc.constantFrom('include', 'exclude') as fc.Arbitrary<'include'>, patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }) }).map((i): SelectItem => ({ ...i, position })),
  fc.record({ expression, alias }).map((i): SelectItem => ({ kind: 'select_expression', ...i, text: '', position })),
);
const groupByItem = fc.record({ expression, alias }).map((i): GroupByItem => ({ ...i, text: '', position }));
const orderByItem = fc.record({ expression, direction: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc'> }).map((i): OrderByItem => ({ ...i, text: '', position }));

const runs = { numRuns: 400 };

test('prints any expression as text that parses back to the same tree', { timeout: 20_000 }, () => {
  fc.assert(
    fc.property(expression, (e) => {
      assert.deepEqual(strip(parseWhere(printExpression(e))), strip(e));
    }),
    runs,
  );
});

test('prints any select, group_by and order_by items as text that parses back to the same items', { timeout: 20_000 }, () => {
  const items = { minLength: 1, maxLength: 3 };
  fc.assert(fc.property(fc.array(selectItem, items), (list) => assert.deepEqual(strip(parseSelect(printSelect(list))), strip(list))), runs);
  fc.assert(fc.property(fc.array(groupByItem, items), (list) => assert.deepEqual(strip(parseGroupBy(printGroupBy(list))), strip(list))), runs);
  fc.assert(fc.property(fc.array(orderByItem, items), (list) => assert.deepEqual(strip(parseOrderBy(printOrderBy(list))), strip(list))), runs);
});

test('round-trips the tallest trees the parser accepts', () => {
  const field: Expression = { kind: 'field', name: 'a', position };
  let nots: Expression = field;
  let minuses: Expression = field;
  let chain: Expression = field;
  for (let i = 1; i < 200; i++) {
    nots = { kind: 'unary', operator: 'not', operand: nots, position };
    minuses = { kind: 'unary', operator: '-', operand: minuses, position };
    chain = { kind: 'binary', operator: 'or', left: chain, right: field, position };
  }
  for (const e of [nots, minuses, chain]) assert.deepEqual(strip(parseWhere(printExpression(e))), strip(e));
});

const parsers = [parseWhere, parseSelect, parseGroupBy, parseOrderBy];

/** Parsing returns or throws an OdsqlError; anything else (a TypeError, a RangeError) is a bug. */
function parsesOrRefuses(input: string): void {
  for (const parse of parsers) {
    try {
      parse(input);
    } catch (error) {
      if (!(error instanceof OdsqlError)) throw error;
      assert.ok(error.position >= 0 && error.position <= input.length, `position ${error.position} within ${input.length}`);
    }
  }
}

const tokens = [
  'and', 'OR', 'not', 'in', 'is', 'null', 'true', 'false', 'as', 'asc', 'desc', 'distinct', 'like', 'to', '(', ')', '[', ']',
  ',', '..', '=', '!=', '<>', '<', '<=', '>', '>=', ':', '+', '-', '*', '/', 'a', 'b.c', '`x`', '"s"', "'t'", '5', '.5',
  '1e3', '10', 'km', 'day', 'count', 'include', 'exclude', 'range', "date'2020'", 'geom"POINT(1 2)"', 'f(', '\\', '`', '"',
  '.', '!', 'x=',
];
const soup = fc.tuple(fc.array(fc.constantFrom(...tokens), { maxLength: 25 }), fc.constantFrom(' ', '')).map(([parts, gap]) => parts.join(gap));

test('any text parses or fails with an OdsqlError, and never hangs', { timeout: 20_000 }, () => {
  fc.assert(fc.property(fc.string(), parsesOrRefuses), { numRuns: 500 });
  fc.assert(fc.property(fc.string({ unit: 'binary' }), parsesOrRefuses), { numRuns: 500 });
  fc.assert(fc.property(soup, parsesOrRefuses), { numRuns: 3000 });
  fc.assert(fc.property(expression.map(printExpression), fc.nat(), (printed, cut) => parsesOrRefuses(printed.slice(0, cut % (printed.length + 1)))), { numRuns: 500 });
});
