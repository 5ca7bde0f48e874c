// The state a compilation carries: schema, bound parameters, clause, and what the request set.
import type { Clause } from '../ast.ts';
import { OdsqlError, type OdsqlWords } from '../errors.ts';
import { QueryCost } from '../limits.ts';
import { Params, type Schema } from '../types.ts';

export interface CompileContext {
  schema: Schema;
  params: Params;
  clause: Clause;
  /** `select` and `order_by` may aggregate; `where` may not. */
  allowAggregates: boolean;
  /** Aliases defined by select and group_by, usable in order_by. */
  aliases: Map<string, { sql: string; type: import('../types.ts').ValueType; aggregate: boolean }>;
  lang: 'nl' | 'en' | 'fr' | 'de' | string;
  /** The clock's now, so now() is testable. */
  now: Date;
  /** The query's terms so far and whether it is heavy, shared by every clause (limits.ts). */
  cost: QueryCost;
  /** The version's text index (engine/text-index.ts) where it has one; search.ts sets `used` when it reads it. */
  textIndex: TextIndex | null;
}

/** The tables of a version's text index, as FROM items. */
export interface TextIndex {
  /** (word, row): every word of every record, sorted by word; row is the record table's row id. */
  words: string;
  /** Each word once, for fuzzy matching. */
  vocabulary: string;
  /** The columns whose words it holds, as searchedColumns() writes them. */
  columns: string[];
  /** The record table's row id, qualified by the table so that no select alias can stand for it. */
  rowId: string;
  /** Whether the where item being compiled may read it: its searches sit under AND and OR only (search.ts). */
  allowed: boolean;
  used: boolean;
  /**
   * The last search read from it: its condition, a statement counting its rows (`n`) and a query of its first row
   * ids in file order, for a statement whose only condition it is (query.ts).
   */
  last?: { condition: string; count: string; first: (rows: number) => string };
}

export function fail(ctx: CompileContext, position: number, message: string, words: OdsqlWords): never {
  throw new OdsqlError(message, ctx.clause, position, words);
}

export function newContext(
  schema: Schema,
  options: { lang?: string; now?: Date; params?: Params; textIndex?: Omit<TextIndex, 'used' | 'allowed' | 'last'> | null } = {},
): CompileContext {
  return {
    schema,
    params: options.params ?? new Params(),
    clause: 'where',
    allowAggregates: false,
    aliases: new Map(),
    lang: options.lang ?? 'fr',
    now: options.now ?? new Date(),
    cost: new QueryCost(),
    textIndex: options.textIndex ? { ...options.textIndex, allowed: false, used: false } : null,
  };
}
