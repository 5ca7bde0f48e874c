// Writes a syntax tree back as canonical ODSQL text that reads back to the same tree.
import type { Expression, GroupByItem, OrderByItem, SelectItem } from './ast.ts';
import { keywords } from './lexer.ts';

// ODS's reserved words, beyond the lexer's keywords: back-quoted too, so the text also works on ODS itself.
const reserved: ReadonlySet<string> = new Set([
  ...keywords,
  'avg', 'by', 'count', 'date_format', 'day', 'dayofweek', 'equi', 'group', 'hour', 'ifnull', 'limit', 'lower',
  'max', 'millisecond', 'min', 'minute', 'month', 'quarter', 'range', 'search', 'second', 'select', 'sum', 'top',
  'upper', 'where', 'year',
]);

const plainName = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** A field name or alias, back-quoted when it is a reserved word, starts with a digit or has other characters. */
function printName(name: string): string {
  return plainName.test(name) && !reserved.has(name.toLowerCase()) ? name : backQuoted(name);
}

function backQuoted(name: string): string {
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

/** An alias is one name, never a dotted path, so a dot needs back-quotes too. */
function printAlias(alias: string): string {
  return alias.includes('.') ? backQuoted(alias) : printName(alias);
}

/** A string as JSON writes it, which is also how the ODS JS client writes one. */
function printString(value: string): string {
  return JSON.stringify(value);
}

/** date'…' and geom'…': single quotes read best around GeoJSON; anything that needs escaping goes through JSON. */
function printTyped(prefix: string, value: string): string {
  return /^[^'\\\u0000-\u001f]*$/.test(value) ? `${prefix}'${value}'` : `${prefix}${printString(value)}`;
}

export function printExpression(e: Expression): string {
  switch (e.kind) {
    case 'field':
      return printName(e.name);
    case 'string':
      return printString(e.value);
    case 'number':
      return e.raw;
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'date':
      return printTyped('date', e.value);
    case 'geometry':
      return printTyped('geom', e.value);
    case 'star':
      return '*';
    case 'distance':
      return `${e.value}${e.unit}`;
    case 'interval':
      return `${e.value} ${e.unit}`;
    case 'call': {
      const args = [
        ...e.args.map(printExpression),
        ...e.named.map((n) => `${n.name}=${printExpression(n.value)}`),
      ];
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
    }
    case 'unary':
      return e.operator === 'not' ? `(NOT ${printExpression(e.operand)})` : `(-${printExpression(e.operand)})`;
    case 'binary': {
      const operator = e.operator === 'and' || e.operator === 'or' ? e.operator.toUpperCase() : e.operator;
      return `(${printExpression(e.left)} ${operator} ${printExpression(e.right)})`;
    }
    case 'in_list': {
      const [only] = e.values;
      // `"port" IN tags` keeps its own form: whether ODS reads `IN (tags)` as membership is not known.
      if (e.values.length === 1 && only.kind === 'field') return `(${printExpression(e.operand)} IN ${printName(only.name)})`;
      return `(${printExpression(e.operand)} IN (${e.values.map(printExpression).join(', ')}))`;
    }
    case 'in_range': {
      const low = `${e.lowInclusive ? '[' : ']'}${printExpression(e.low)}`;
      const high = `${printExpression(e.high)}${e.highInclusive ? ']' : '['}`;
      return `(${printExpression(e.operand)} IN ${low}..${high})`;
    }
    case 'is_null':
      return `(${printExpression(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'is_boolean':
      return `(${printExpression(e.operand)} IS ${e.negated ? 'NOT ' : ''}${e.value ? 'TRUE' : 'FALSE'})`;
    case 'like':
      return `(${printExpression(e.operand)} LIKE ${printString(e.pattern.value)})`;
  }
}

function printPattern(pattern: string): string {
  return pattern.endsWith('*') ? `${printName(pattern.slice(0, -1))}*` : printName(pattern);
}

function printSelectItem(item: SelectItem): string {
  switch (item.kind) {
    case 'select_all':
      return '*';
    case 'include':
    case 'exclude':
      return `${item.kind}(${item.patterns.map(printPattern).join(', ')})`;
    case 'select_expression':
      return printExpression(item.expression) + (item.alias === null ? '' : ` AS ${printAlias(item.alias)}`);
  }
}

function printGroupByItem(item: GroupByItem): string {
  return printExpression(item.expression) + (item.alias === null ? '' : ` AS ${printAlias(item.alias)}`);
}

function printOrderByItem(item: OrderByItem): string {
  return `${printExpression(item.expression)} ${item.direction.toUpperCase()}`;
}

export const printSelect = (items: SelectItem[]): string => items.map(printSelectItem).join(', ');
export const printGroupBy = (items: GroupByItem[]): string => items.map(printGroupByItem).join(', ');
export const printOrderBy = (items: OrderByItem[]): string => items.map(printOrderByItem).join(', ');
