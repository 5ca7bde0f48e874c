// Builds the records query from the ODSQL clauses: parse, check against the schema, compile to DuckDB SQL.
import { recordIdColumn, type Field } from './fields.ts';
import type { Expression, SelectItem } from './ast.ts';
import { fail, newContext, type CompileContext, type TextIndex } from './compile/context.ts';
import { compileBoolean, compileExpression } from './compile/expression.ts';
import { searchesUnderAndOr } from './compile/search.ts';
import { OdsqlError } from './errors.ts';
import { checkFilterCounts } from './limits.ts';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser.ts';
import { facetFilters } from './refine.ts';
import { Params, fieldType, quoteIdentifier, type Compiled, type ValueType } from './types.ts';

interface RecordsRequest {
  fields: Field[];
  /** The FROM item, e.g. read_parquet('…'). */
  from: string;
  /**
   * The same rows in another order (a clustered copy), for the statements whose answer does not depend on row order:
   * the count, aggregates, groups and explicit orderings. A page without an order_by reads `from`, in file order.
   */
  orderFreeFrom?: string;
  /** The version's text index, which full-text searches read instead of every text value (compile/search.ts). */
  textIndex?: Omit<TextIndex, 'used' | 'allowed' | 'last'> | null;
  select?: string;
  where?: string[];
  groupBy?: string;
  orderBy?: string;
  refine?: string[];
  exclude?: string[];
  /** null: every row (exports). */
  limit: number | null;
  offset: number;
  /** Leave values in their engine types, for writers that format them in SQL (exports). */
  raw?: boolean;
  /** Each row also carries its record id as `_recordid` (include_links); never on grouped or aggregated rows. */
  withRecordId?: boolean;
  lang?: string;
  now?: Date;
}

export interface OutputColumn {
  /** The key in the response: a field name, an alias, or the expression as written. */
  key: string;
  type: ValueType;
  /** The column's alias in the SQL. */
  alias: string;
}

interface RecordsQuery {
  sql: string;
  params: Params['values'];
  countSql: string;
  countParams: Params['values'];
  columns: OutputColumn[];
  grouped: boolean;
  /** A search, function, aggregate, group or sort: the engine runs it in its lane for heavy queries. */
  heavy: boolean;
}

interface Output {
  key: string;
  compiled: Compiled;
  text: string;
}

function matchesPattern(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** `*`, include() and exclude() over the dataset's fields, in schema order. */
function selectedFields(fields: Field[], items: SelectItem[]): Field[] {
  const includes = items.filter((i) => i.kind === 'include').flatMap((i) => i.patterns);
  const excludes = items.filter((i) => i.kind === 'exclude').flatMap((i) => i.patterns);
  const all = items.some((i) => i.kind === 'select_all') || (includes.length === 0 && items.every((i) => i.kind === 'exclude'));
  return fields.filter(
    (f) => (all || includes.some((p) => matchesPattern(f.name, p))) && !excludes.some((p) => matchesPattern(f.name, p)),
  );
}

/** One where item as SQL; the text index may answer its searches where they sit under AND and OR only (compile/search.ts). */
export function whereCondition(ctx: CompileContext, text: string): string {
  const expression = parseWhere(text);
  if (ctx.textIndex) ctx.textIndex.allowed = searchesUnderAndOr(expression);
  return compileBoolean(ctx, expression).sql;
}

function whereSql(ctx: CompileContext, request: RecordsRequest): { sql: string; searchOnly: NonNullable<TextIndex['last']> | null } {
  ctx.clause = 'where';
  const conditions = (request.where ?? []).filter((w) => w.trim() !== '').map((w) => whereCondition(ctx, w));
  conditions.push(...facetFilters(request.fields, request.refine ?? [], request.exclude ?? [], ctx.params));
  // A search the text index answers alone: its row ids are the rows, counted and paged without reading the records.
  const last = ctx.textIndex?.last;
  const searchOnly = last && conditions.length === 1 && conditions[0] === last.condition ? last : null;
  return { sql: conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '', searchOnly };
}

/**
 * A GROUP BY or ORDER BY term: DuckDB refuses a bare parameter there (a bare number would be a column position), so a
 * constant key such as 'x' or geom'POINT(2 48)' is wrapped in coalesce(), which keeps its value and type.
 */
const keySql = (sql: string) => (/^\u0000\d+\u0000$/.test(sql) ? `coalesce(${sql})` : sql);

function orderSql(ctx: CompileContext, text: string | undefined, grouped: boolean, groupSql: string[]): string {
  if (!text || text.trim() === '') {
    // Groups come in the order of their keys, so paging through them is stable from one call to the next.
    return grouped && groupSql.length > 0 ? ` ORDER BY ${groupSql.map((g) => `${keySql(g)} ASC NULLS LAST`).join(', ')}` : '';
  }
  ctx.clause = 'order_by';
  ctx.allowAggregates = true;
  let seenPlain = false;
  const items = parseOrderBy(text).map((item) => {
    const random = randomOrder(ctx, item.expression, grouped);
    const compiled = random ?? compileExpression(ctx, item.expression);
    if (compiled.aggregate && seenPlain) {
      fail(ctx, item.position, 'In order_by, aggregates must come before fields.', { code: 'aggregate_order' });
    }
    if (!compiled.aggregate) seenPlain = true;
    if (grouped && !compiled.aggregate && !random && !groupSql.includes(compiled.sql)) {
      fail(ctx, item.position, `"${item.text}" must be a group_by expression or an aggregate.`, { code: 'not_grouped', text: item.text });
    }
    return `${keySql(compiled.sql)} ${item.direction.toUpperCase()} NULLS LAST`;
  });
  return ` ORDER BY ${items.join(', ')}`;
}

/** random(seed): the same seed gives the same order. */
function randomOrder(ctx: CompileContext, e: Expression, grouped: boolean): Compiled | null {
  if (e.kind !== 'call' || e.name !== 'random') return null;
  const seed = e.args[0];
  if (e.args.length !== 1 || seed.kind !== 'number') fail(ctx, e.position, 'random() takes one number, the seed.', { code: 'arguments', name: 'random' });
  if (grouped) fail(ctx, e.position, 'random() cannot order grouped results.', { code: 'not_here', name: 'random' });
  return { sql: `hash(_recordid, ${ctx.params.add(seed.value)})`, type: 'int', aggregate: false };
}

export function buildRecordsQuery(request: RecordsRequest): RecordsQuery {
  checkFilterCounts(request);
  const ctx = newContext({ fields: request.fields }, { lang: request.lang, now: request.now, textIndex: request.textIndex });
  const { sql: where, searchOnly } = whereSql(ctx, request);

  const groups: Output[] = [];
  if (request.groupBy && request.groupBy.trim() !== '') {
    ctx.clause = 'group_by';
    ctx.allowAggregates = false;
    for (const item of parseGroupBy(request.groupBy)) {
      const compiled = compileExpression(ctx, item.expression);
      const key = item.alias ?? item.text;
      groups.push({ key, compiled, text: item.text });
      ctx.aliases.set(key, compiled);
    }
  }
  const grouped = groups.length > 0;

  ctx.clause = 'select';
  ctx.allowAggregates = true;
  const items = request.select && request.select.trim() !== '' ? parseSelect(request.select) : null;
  const outputs: Output[] = [...groups];
  if (items) {
    for (const field of items.some((i) => i.kind !== 'select_expression') ? selectedFields(request.fields, items) : []) {
      outputs.push({ key: field.name, compiled: { sql: quoteIdentifier(field.name), type: fieldType(field), aggregate: false }, text: field.name });
    }
    for (const item of items) {
      if (item.kind !== 'select_expression') continue;
      const compiled = compileExpression(ctx, item.expression);
      const key = item.alias ?? item.text;
      ctx.aliases.set(key, compiled);
      const group = groups.find((g) => g.compiled.sql === compiled.sql || g.key === item.text);
      if (group) continue; // Group keys already lead each row.
      outputs.push({ key, compiled, text: item.text });
    }
  } else if (!grouped) {
    for (const field of request.fields) {
      outputs.push({ key: field.name, compiled: { sql: quoteIdentifier(field.name), type: fieldType(field), aggregate: false }, text: field.name });
    }
  }
  const aggregated = grouped || outputs.some((o) => o.compiled.aggregate);
  if (aggregated) {
    const loose = outputs.find((o) => !o.compiled.aggregate && !groups.includes(o));
    if (loose) {
      throw new OdsqlError(
        grouped
          ? `"${loose.text}" in select must also be in group_by, or be inside an aggregate such as count() or sum().`
          : `"${loose.text}" cannot be selected beside aggregates without a group_by.`,
        'select',
        0,
        { code: 'not_grouped', text: loose.text },
      );
    }
  }
  if (outputs.length === 0) throw new OdsqlError('The select leaves no field to return.', 'select', 0, { code: 'empty' });

  const groupSql = groups.map((g) => g.compiled.sql);
  // A page without an order_by is in file order; rows the text index picks come in the join's order, so they are put back.
  const fileOrder = ctx.textIndex?.used && !aggregated ? ` ORDER BY ${ctx.textIndex.rowId}` : '';
  const order = orderSql(ctx, request.orderBy, grouped, groupSql) || fileOrder;
  const columns = outputs.map((o, i): OutputColumn => ({ key: o.key, type: o.compiled.type, alias: `o${i}` }));
  const selectList =
    outputs.map((o, i) => `${request.raw ? o.compiled.sql : presentable(o.compiled)} AS o${i}`).join(', ') +
    (request.withRecordId && !aggregated ? `, ${quoteIdentifier(recordIdColumn)} AS ${quoteIdentifier(recordIdColumn)}` : '');
  // Grouped on each key's cheaper form where it has one (range() buckets): its label is then a function of a group.
  const groupClause = grouped ? ` GROUP BY ${groups.map((g) => keySql(g.compiled.groupKey ?? g.compiled.sql)).join(', ')}` : '';
  // No OFFSET 0: DuckDB stops a plain LIMIT as soon as it has its rows, but an OFFSET, even 0, reads on.
  const page =
    (aggregated && !grouped) || request.limit === null ? '' : ` LIMIT ${request.limit}${request.offset > 0 ? ` OFFSET ${request.offset}` : ''}`;
  // The text index names rows of `from` by row id: a statement that reads it reads `from` throughout.
  const orderFree = ctx.textIndex?.used ? request.from : (request.orderFreeFrom ?? request.from);
  // The page of a search alone: the first row ids of the index, then only those records (their row groups) are read.
  const firstRows =
    searchOnly && fileOrder && order === fileOrder && request.limit !== null
      ? ` WHERE ${ctx.textIndex!.rowId} IN (${searchOnly.first(request.limit + request.offset)})`
      : null;
  const sqlText = `SELECT ${selectList} FROM ${aggregated || order !== '' ? orderFree : request.from}${firstRows ?? where}${groupClause}${order}${page}`;
  const countText = grouped
    ? `SELECT count(*) AS n FROM (SELECT 1 FROM ${orderFree}${where}${groupClause})`
    : searchOnly
      ? searchOnly.count
      : `SELECT count(*) AS n FROM ${orderFree}${where}`;
  const main = ctx.params.bind(sqlText);
  const count = ctx.params.bind(countText);
  const heavy = ctx.cost.heavy || aggregated || order !== '';
  return { sql: main.sql, params: main.values, countSql: count.sql, countParams: count.values, columns, grouped: aggregated, heavy };
}

/** Values in forms the response writer turns into ODS JSON without guessing. */
function presentable(c: Compiled): string {
  switch (c.type) {
    case 'date':
      return `strftime(${c.sql}, '%Y-%m-%d')`;
    case 'datetime':
      return `epoch_ms(${c.sql})`;
    case 'int':
    case 'number':
    case 'double':
      return `CAST(${c.sql} AS DOUBLE)`;
    default:
      return c.sql;
  }
}
