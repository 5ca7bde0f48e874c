// Reads the ODSQL clauses (where, select, group_by, order_by) into the syntax tree of ast.ts.
import type { Clause, Expression, GroupByItem, OrderByItem, SelectItem } from './ast.ts';
import { OdsqlError } from './errors.ts';
import { checkItems, checkLength, queryLimits } from './limits.ts';
import { ExpressionParser, maxHeight } from './parse-expression.ts';

// What may follow a complete item, for the message when something else does.
const itemFollow: Partial<Record<Clause, string>> = {
  select: 'an operator, AS, "," or the end of select',
  group_by: 'an operator, AS, "," or the end of group_by',
  order_by: 'an operator, ASC, DESC, "," or the end of order_by',
};

const clauseWhat: Record<Clause, string> = {
  where: 'a condition',
  select: 'a field, an expression, *, include(…) or exclude(…)',
  group_by: 'a field or an expression to group by',
  order_by: 'a field or an expression to sort by',
  refine: 'a condition',
  exclude: 'a condition',
  facet: 'a facet',
};

function start(text: string, clause: Clause): ExpressionParser {
  checkLength(clause, text);
  const parser = new ExpressionParser(text, clause);
  if (parser.atEnd()) {
    throw new OdsqlError(`The ${clause} text is empty; expected ${clauseWhat[clause]}.`, clause, 0, { code: 'empty' });
  }
  return parser;
}

function expression(parser: ExpressionParser): Expression {
  const e = parser.or();
  checkHeight(e, parser.clause);
  return e;
}

/** One whole expression: the where clause, or any other clause that is a single condition. */
export function parseExpression(text: string, clause: Clause): Expression {
  const parser = start(text, clause);
  const e = expression(parser);
  if (!parser.atEnd()) parser.unexpected(`an operator, AND, OR or the end of ${clause}`);
  return e;
}

export function parseWhere(text: string): Expression {
  return parseExpression(text, 'where');
}

const maxItems: Partial<Record<Clause, number>> = {
  select: queryLimits.selectItems,
  group_by: queryLimits.groupByItems,
  order_by: queryLimits.orderByItems,
};

/** Comma-separated items; an empty item or a trailing comma is an error at the place it is found. */
function items<T>(text: string, clause: Clause, item: (parser: ExpressionParser) => T): T[] {
  const parser = start(text, clause);
  const read: T[] = [];
  const limit = maxItems[clause] ?? queryLimits.selectItems;
  for (;;) {
    if (parser.atItemEnd()) parser.expected(clauseWhat[clause]);
    checkItems(clause, parser.peek().start, clause, 'items', read.length + 1, limit, 'Ask for fewer at a time.');
    read.push(item(parser));
    if (parser.atEnd()) return read;
    if (!parser.isOperator(',')) parser.unexpected(itemFollow[clause] ?? `"," or the end of ${clause}`);
    parser.next();
  }
}

/**
 * The expression of an item, with its source text (trimmed) as the item's key. A lone field is keyed by its
 * name, since the JS client back-quotes every field it writes and `name` must come back as "name".
 */
function sourced(parser: ExpressionParser): { expression: Expression; text: string; position: number } {
  const position = parser.peek().start;
  const e = expression(parser);
  return { expression: e, text: e.kind === 'field' ? e.name : parser.text.slice(position, parser.lastEnd), position };
}

function alias(parser: ExpressionParser): string | null {
  if (!parser.isKeyword('as')) return null;
  parser.next();
  const token = parser.peek();
  if (token.kind === 'quoted_name' || (token.kind === 'name' && !token.value.includes('.'))) {
    parser.next();
    return token.value;
  }
  parser.expected('a name for the alias (back-quote it if it is a reserved word)');
}

/** `include(name, prefix*)`: field names, each with an optional trailing `*`. */
function patterns(parser: ExpressionParser): string[] {
  const what = parser.next().value.toLowerCase();
  const open = parser.next();
  const found: string[] = [];
  for (;;) {
    const token = parser.peek();
    if (token.kind !== 'name' && token.kind !== 'quoted_name') parser.expected('a field name or pattern such as name*');
    parser.next();
    const star = parser.isOperator('*');
    if (star) parser.next();
    found.push(token.value + (star ? '*' : ''));
    if (parser.isOperator(')')) break;
    if (!parser.isOperator(',')) parser.expected('"," or ")"', `to close ${what}( at position ${open.start}`);
    parser.next();
  }
  parser.next();
  return found;
}

export function parseSelect(text: string): SelectItem[] {
  return items(text, 'select', (parser): SelectItem => {
    const token = parser.peek();
    const position = token.start;
    if (parser.isOperator('*') && parser.atItemEnd(1)) {
      parser.next();
      return { kind: 'select_all', position };
    }
    const lower = token.value.toLowerCase();
    if (token.kind === 'name' && (lower === 'include' || lower === 'exclude') && parser.isOperator('(', 1)) {
      const item: SelectItem = { kind: lower, patterns: patterns(parser), position };
      if (!parser.atItemEnd()) parser.expected('"," or the end of select', `${lower}() takes no alias`);
      return item;
    }
    const { expression: e, text: source } = sourced(parser);
    return { kind: 'select_expression', expression: e, alias: alias(parser), text: source, position };
  });
}

export function parseGroupBy(text: string): GroupByItem[] {
  return items(text, 'group_by', (parser): GroupByItem => {
    const { expression: e, text: source, position } = sourced(parser);
    return { expression: e, alias: alias(parser), text: source, position };
  });
}

export function parseOrderBy(text: string): OrderByItem[] {
  return items(text, 'order_by', (parser): OrderByItem => {
    const position = parser.peek().start;
    const field = parser.peek(1);
    // `-population`, as the JS client writes descending order; `-population * 2` stays arithmetic.
    if (parser.isOperator('-') && (field.kind === 'name' || field.kind === 'quoted_name') && parser.atItemEnd(2)) {
      parser.next();
      parser.next();
      return {
        expression: { kind: 'field', name: field.value, position: field.start },
        direction: 'desc',
        text: field.value,
        position,
      };
    }
    const { expression: e, text: source } = sourced(parser);
    let direction: 'asc' | 'desc' = 'asc';
    if (parser.isKeyword('asc') || parser.isKeyword('desc')) direction = parser.next().value as 'asc' | 'desc';
    return { expression: e, direction, text: source, position };
  });
}

/** The direct sub-expressions of a node. */
function children(e: Expression): Expression[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
    case 'is_null':
    case 'is_boolean':
      return [e.operand];
    case 'like':
      return [e.operand, e.pattern];
    case 'call':
      return [...e.args, ...e.named.map((n) => n.value)];
    case 'in_list':
      return [e.operand, ...e.values];
    case 'in_range':
      return [e.operand, e.low, e.high];
    default:
      return [];
  }
}

/** Refuses a tree taller than maxHeight; walks without recursion, since long AND/OR chains make tall trees. */
function checkHeight(root: Expression, clause: Clause): void {
  const stack: [Expression, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, height] = stack.pop()!;
    if (height > maxHeight) {
      throw new OdsqlError(
        `The ${clause} expression is too complex (more than ${maxHeight} levels) at position ${e.position}; split it or use IN (…).`,
        clause, e.position, { code: 'too_deep' },
      );
    }
    // Leftmost first, so the position reported is the earliest place that is too deep.
    for (const child of children(e).reverse()) stack.push([child, height + 1]);
  }
}
