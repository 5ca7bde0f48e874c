// The caps that bound what one request's ODSQL may cost, checked while it is parsed and compiled, before it runs.
import type { Clause } from './ast.ts';
import { OdsqlError } from './errors.ts';

/**
 * Each cap is far above what a person or a client library writes, and low enough that a query at all of them at
 * once still plans in milliseconds and runs within QUERY_TIMEOUT_MS on a large dataset (bench/abuse.ts tries it).
 * Measured before the caps: 1,500 search words over 12 text fields planned for 1.8 s (prepare alone, which an
 * interrupt does not stop) and compiled to 4 MB of SQL; twelve nested ranges on booleans compiled to 330 kB (the
 * operand is written twice per level); `now(mondays=100000000)` held the event loop for minutes.
 */
export const queryLimits = {
  /** Words of one full-text search: a bare "…", search(), suggest() or LIKE. */
  searchWords: 20,
  /** Values of one `IN (…)` list. */
  inValues: 1_000,
  /** Terms of a whole query: every node of every clause, plus what one node expands to (a search word per text field, a ring segment, a range bound). */
  terms: 2_000,
  /** Items of select, group_by and order_by. */
  selectItems: 100,
  groupByItems: 10,
  orderByItems: 10,
  /** where, refine and exclude parameters of one request. */
  whereClauses: 20,
  facetFilters: 100,
  /** facet parameters of one request. */
  facets: 30,
  /** Characters of one clause; the URL already limits it to ~16 kB, a page's own query may be longer. */
  clauseLength: 16_384,
  /** Characters of SQL one expression may compile to: the guard against text that repeats an operand at each level. */
  sqlLength: 1_000_000,
} as const;

const count = (n: number) => n.toLocaleString('en');

/** A query past one of the caps: a 400 that names the cap and its value. */
function tooLarge(clause: Clause, position: number, message: string): never {
  throw new OdsqlError(message, clause, position, { code: 'too_large' });
}

/** Refuses a parameter given more than `limit` times (where=…&where=…). */
export function checkCount(clause: Clause, given: number, limit: number, advice: string): void {
  if (given > limit) tooLarge(clause, 0, `The ${clause} parameter is given ${count(given)} times; at most ${count(limit)} are allowed. ${advice}`);
}

/** Refuses more where, refine or exclude parameters than a request may give. */
export function checkFilterCounts(request: { where?: string[]; refine?: string[]; exclude?: string[] }): void {
  checkCount('where', request.where?.length ?? 0, queryLimits.whereClauses, 'Combine conditions with AND.');
  checkCount('refine', request.refine?.length ?? 0, queryLimits.facetFilters, 'Use where with IN (…) instead.');
  checkCount('exclude', request.exclude?.length ?? 0, queryLimits.facetFilters, 'Use where with NOT IN (…) instead.');
}

/** Refuses a clause text longer than queryLimits.clauseLength, before it is read. */
export function checkLength(clause: Clause, text: string): void {
  const limit = queryLimits.clauseLength;
  if (text.length > limit) tooLarge(clause, limit, `The ${clause} text has ${count(text.length)} characters; at most ${count(limit)} are allowed.`);
}

/** Refuses a list of more than `limit` (select items, IN values, search words): "The IN list has 1,200 values; at most 1,000 …". */
export function checkItems(clause: Clause, position: number, what: string, unit: string, given: number, limit: number, advice: string): void {
  if (given > limit) tooLarge(clause, position, `The ${what} has ${count(given)} ${unit}; at most ${count(limit)} are allowed. ${advice}`);
}

/**
 * What a query will cost, learnt while it is compiled: its terms, refused at the first past the cap, and whether it
 * is heavy (a search, a function, an aggregate or a sort), which the engine runs in a lane of its own so that plain
 * pages never wait behind it.
 */
export class QueryCost {
  private terms = 0;
  heavy = false;
  add(clause: Clause, position: number, terms = 1): void {
    this.terms += terms;
    if (this.terms > queryLimits.terms) {
      tooLarge(
        clause, position,
        `The query has more than ${count(queryLimits.terms)} terms, the most allowed (every field, value and operator counts, ` +
          'and each search word once per text field it searches); narrow it or split it into several queries.',
      );
    }
  }
}

/** Refuses compiled SQL past queryLimits.sqlLength: checked after each node, so no text grows far past it. */
export function checkSql(clause: Clause, position: number, sql: string): void {
  if (sql.length > queryLimits.sqlLength) {
    tooLarge(clause, position, `The query compiles to more than ${count(queryLimits.sqlLength)} characters of SQL, the most allowed; nest less deeply.`);
  }
}
