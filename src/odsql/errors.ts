// The error for ODSQL text that cannot be read or used: which clause, where in it, and what was wrong.
import { Invalid } from '../errors.ts';
import type { Clause } from './ast.ts';

/**
 * What was wrong as a stable code and its values, so a page can say it in the visitor's language from its catalog
 * (`odsql.errors`, checked against these codes in src/web/reasons.ts); the message stays the Explore API's English.
 */
export type OdsqlWords =
  | { code: 'unexpected_character'; character: string }
  | { code: 'number_too_large'; number: string }
  | { code: 'bad_escape' }
  | { code: 'unterminated'; quote: string }
  | { code: 'empty_name' }
  /** `found` is the text where the parser stopped; '' at the end of the text. */
  | { code: 'unexpected'; found: string }
  | { code: 'unbalanced' }
  | { code: 'empty' }
  | { code: 'too_deep' }
  /** Past one of the caps of limits.ts. */
  | { code: 'too_large' }
  | { code: 'unknown_field'; name: string; fields: string }
  | { code: 'unknown_function'; name: string }
  /** A function given arguments it does not take. */
  | { code: 'arguments'; name: string }
  /** A function or aggregate where the clause does not allow it. */
  | { code: 'not_here'; name: string }
  | { code: 'cannot_compare' }
  /** An operation on a value of the wrong kind (arithmetic on text, LIKE on a number). */
  | { code: 'wrong_type' }
  | { code: 'not_a_condition' }
  | { code: 'not_a_date'; text: string }
  | { code: 'geometry' }
  /** A field selected or sorted beside aggregates without being grouped on. */
  | { code: 'not_grouped'; text: string }
  /** In order_by, an aggregate after a plain field. */
  | { code: 'aggregate_order' }
  | { code: 'refine_format'; text: string }
  | { code: 'refine_value'; field: string; value: string }
  | { code: 'facet' };

export class OdsqlError extends Invalid {
  readonly clause: Clause;
  /** Offset (0-based, UTF-16 code units) in the clause text where the problem was found. */
  readonly position: number;
  readonly words: OdsqlWords;
  constructor(message: string, clause: Clause, position: number, words: OdsqlWords) {
    super(message);
    this.clause = clause;
    this.position = position;
    this.words = words;
  }
}
