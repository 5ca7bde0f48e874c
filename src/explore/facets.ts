// Facets of a dataset's records: counts per value with refine/exclude states, dates as a year → month → day tree.
import type { Field } from '../catalog/types.ts';
import { newContext, type TextIndex } from '../odsql/compile/context.ts';
import { whereCondition } from '../odsql/query.ts';
import { OdsqlError } from '../odsql/errors.ts';
import { ExpressionParser } from '../odsql/parse-expression.ts';
import type { Expression } from '../odsql/ast.ts';
import { checkCount, checkFilterCounts, queryLimits } from '../odsql/limits.ts';
import { facetCondition } from '../odsql/refine.ts';
import { Params, fieldType, quoteIdentifier } from '../odsql/types.ts';

export interface FacetRequest {
  name: string;
  disjunctive: boolean;
  sort: 'count' | '-count' | 'alphanum' | '-alphanum' | 'num' | '-num';
  limit: number;
  /** Only values containing this text, case and accents aside (the pages' filter box; not an API parameter). */
  contains?: string;
  /** Also count the distinct values before the limit, so a page can say "show all (300)". */
  withTotal?: boolean;
}

export interface FacetValue {
  name: string;
  value: string;
  count: number;
  state: 'displayed' | 'refined' | 'excluded';
  facets?: FacetValue[];
}

const sorts = ['count', '-count', 'alphanum', '-alphanum', 'num', '-num'] as const;

/** `country` or `facet(name="country", disjunctive=true, sort="alphanum", limit=5)`. */
export function parseFacetParam(text: string): FacetRequest {
  const request: FacetRequest = { name: '', disjunctive: false, sort: '-count', limit: 100 };
  const plain = /^\s*([A-Za-z0-9_.]+)\s*$/.exec(text);
  if (plain) return { ...request, name: plain[1] };
  // Read by the ODSQL parser, which is linear in the text: the pattern that matched name=value pairs before was quadratic.
  const parser = new ExpressionParser(text, 'facet');
  const call = parser.atEnd() ? null : parser.or();
  if (!call || call.kind !== 'call' || call.name !== 'facet' || call.args.length > 0 || !parser.atEnd()) {
    throw new OdsqlError(`Expected a field name or facet(name="…"), found "${text.length > 60 ? `${text.slice(0, 57)}...` : text}".`, 'facet', 0, { code: 'facet' });
  }
  for (const { name, value } of call.named) {
    const given = facetValue(value);
    if (name === 'name') request.name = given;
    else if (name === 'disjunctive') request.disjunctive = given.toLowerCase() === 'true';
    else if (name === 'sort') {
      if (!(sorts as readonly string[]).includes(given)) throw new OdsqlError(`Facet sort must be one of ${sorts.join(', ')}.`, 'facet', value.position, { code: 'facet' });
      request.sort = given as FacetRequest['sort'];
    } else if (name === 'limit') {
      const n = Number(given);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new OdsqlError('Facet limit must be a whole number from 1 to 1000.', 'facet', value.position, { code: 'facet' });
      request.limit = n;
    }
  }
  if (!request.name) throw new OdsqlError('facet() needs name="field".', 'facet', 0, { code: 'facet' });
  return request;
}

/** A facet() argument as the text it stands for: "x", 'x', x, true, 5 or -count. */
function facetValue(e: Expression): string {
  switch (e.kind) {
    case 'string':
    case 'field':
      return e.kind === 'string' ? e.value : e.name;
    case 'number':
      return e.raw;
    case 'boolean':
      return String(e.value);
    case 'unary':
      if (e.operator === '-' && e.operand.kind === 'field') return `-${e.operand.name}`;
  }
  throw new OdsqlError('A facet() argument is a quoted text, a name, a number or true/false.', 'facet', e.position, { code: 'facet' });
}

/** What a facet counts for a field: its values, dates by hierarchy level, lists one by one. */
function valueSql(field: Field, level: number): string {
  const column = quoteIdentifier(field.name);
  if (field.type === 'date' || field.type === 'datetime') return `strftime(${column}, '${['%Y', '%Y/%m', '%Y/%m/%d'][level]}')`;
  if (fieldType(field) === 'text_list') return `unnest(${column})`;
  if (field.type === 'geo_point_2d' || field.type === 'geo_shape' || field.type === 'json_blob') {
    throw new OdsqlError(`${field.name} is a ${field.type} field and has no facet.`, 'facet', 0, { code: 'facet' });
  }
  return `CAST(${column} AS VARCHAR)`;
}

export function facetQueries(options: {
  fields: Field[];
  from: string;
  where: string[];
  refine: string[];
  exclude: string[];
  facets: FacetRequest[];
  now: Date;
  lang: string;
  /** The version's records in file order and its text index: a search that reads the index reads those (compile/search.ts). */
  indexed?: { from: string; textIndex?: Omit<TextIndex, 'used' | 'allowed' | 'last'> | null };
}) {
  checkFilterCounts(options);
  checkCount('facet', options.facets.length, queryLimits.facets, 'Ask for fewer facets at a time.');
  const params = new Params();
  const ctx = newContext({ fields: options.fields }, { params, now: options.now, lang: options.lang, textIndex: options.indexed?.textIndex });
  const base = options.where.map((w) => whereCondition(ctx, w));
  const from = ctx.textIndex?.used && options.indexed ? options.indexed.from : options.from;
  const fieldOf = (spec: string) => spec.slice(0, spec.indexOf(':'));
  return options.facets.map((facet) => {
    const field = options.fields.find((f) => f.name === facet.name);
    if (!field) throw new OdsqlError(`Unknown facet field "${facet.name}".`, 'facet', 0, { code: 'facet' });
    // Refining a disjunctive facet keeps its other values countable; an excluded value is still shown.
    const refines = options.refine.filter((r) => !(facet.disjunctive && fieldOf(r) === facet.name));
    const excludes = options.exclude.filter((x) => fieldOf(x) !== facet.name);
    const conditions = [
      ...base,
      ...refines.map((r) => facetCondition(options.fields, r, 'refine', params)),
      ...excludes.map((x) => `(${facetCondition(options.fields, x, 'exclude', params)} IS NOT TRUE)`),
    ];
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const temporal = field.type === 'date' || field.type === 'datetime';
    const refinedDate = options.refine.filter((r) => fieldOf(r) === facet.name).map((r) => r.slice(r.indexOf(':') + 1).replace(/^["']|["']$/g, ''));
    const depth = temporal ? Math.min(2, Math.max(0, ...refinedDate.map((v) => v.split('/').length))) : 0;
    const order = {
      count: 'n ASC, v ASC',
      '-count': 'n DESC, v ASC',
      alphanum: 'v ASC',
      '-alphanum': 'v DESC',
      num: 'TRY_CAST(v AS DOUBLE) ASC',
      '-num': 'TRY_CAST(v AS DOUBLE) DESC',
    }[facet.sort];
    // The filter box narrows the top level only; the text is bound, never spliced into the query.
    const contains = (level: number) =>
      level === 0 && facet.contains ? ` AND contains(strip_accents(lower(v)), strip_accents(lower(${params.add(facet.contains)})))` : '';
    // The window counts the groups before LIMIT: how many values there are in all, in the same pass.
    const total = facet.withTotal ? ', count(*) OVER () AS total' : '';
    // A date field is counted per day first and each day's text written once, not once per row (a day has one text).
    // Date-times keep the per-row form: their distinct values can be as many as the rows.
    const counted = (level: number) =>
      field.type === 'date'
        ? `SELECT v, CAST(sum(c) AS BIGINT) AS n${total} FROM (SELECT ${valueSql(field, level)} AS v, count(*) AS c FROM ${from}${where}${where ? ' AND' : ' WHERE'} ${quoteIdentifier(field.name)} IS NOT NULL GROUP BY ${quoteIdentifier(field.name)}) WHERE TRUE${contains(level)} GROUP BY v`
        : `SELECT v, count(*) AS n${total} FROM (SELECT ${valueSql(field, level)} AS v FROM ${from}${where}) WHERE v IS NOT NULL${contains(level)} GROUP BY v`;
    const levels = Array.from({ length: depth + 1 }, (_, level) => ({
      level,
      ...params.bind(`${counted(level)} ORDER BY ${order} LIMIT ${facet.limit}`),
    }));
    return { facet, field, levels: levels.map((l) => ({ level: l.level, sql: l.sql, params: l.values })) };
  });
}

/** Nests date levels (2019 → 2019/08 → 2019/08/11) and marks refined and excluded values. */
export function shapeFacet(
  rows: { level: number; rows: { v: string; n: number; total?: number }[] }[],
  name: string,
  refine: string[],
  exclude: string[],
  withTotal = false,
): { name: string; facets: FacetValue[]; total?: number } {
  const values = (list: string[]) => list.filter((r) => r.startsWith(`${name}:`)).map((r) => r.slice(name.length + 1).replace(/^["']|["']$/g, ''));
  const refined = values(refine);
  const excluded = values(exclude);
  const build = (level: number, prefix: string | null): FacetValue[] =>
    (rows.find((r) => r.level === level)?.rows ?? [])
      .filter((r) => prefix === null || r.v.startsWith(`${prefix}/`))
      .map((r) => {
        const state: FacetValue['state'] = refined.includes(r.v) ? 'refined' : excluded.includes(r.v) ? 'excluded' : 'displayed';
        const value: FacetValue = { name: prefix === null ? r.v : r.v.slice(prefix.length + 1), value: r.v, count: Number(r.n), state };
        if (state === 'refined' && rows.some((x) => x.level === level + 1)) value.facets = build(level + 1, r.v);
        return value;
      });
  if (!withTotal) return { name, facets: build(0, null) };
  return { name, facets: build(0, null), total: Number(rows.find((r) => r.level === 0)?.rows[0]?.total ?? 0) };
}
