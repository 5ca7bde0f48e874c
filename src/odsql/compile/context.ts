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
}

export function fail(ctx: CompileContext, position: number, message: string, words: OdsqlWords): never {
  throw new OdsqlError(message, ctx.clause, position, words);
}

export function newContext(schema: Schema, options: { lang?: string; now?: Date; params?: Params } = {}): CompileContext {
  return {
    schema,
    params: options.params ?? new Params(),
    clause: 'where',
    allowAggregates: false,
    aliases: new Map(),
    lang: options.lang ?? 'fr',
    now: options.now ?? new Date(),
    cost: new QueryCost(),
  };
}
