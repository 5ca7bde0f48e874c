// The error for ODSQL text that cannot be read or used: which clause, where in it, and what was wrong.
import { Invalid } from '../errors.ts';
import type { Clause } from './ast.ts';

/** A short, stable reason for programs and tests; the message is for people. */
export type OdsqlErrorDetail =
  | 'unexpected_character'
  | 'unterminated'
  | 'bad_escape'
  | 'bad_number'
  | 'expected'
  | 'unbalanced'
  | 'trailing'
  | 'empty'
  | 'too_deep'
  /** Past one of the caps of limits.ts. */
  | 'too_large'
  | 'semantic';

export class OdsqlError extends Invalid {
  readonly clause: Clause;
  /** Offset (0-based, UTF-16 code units) in the clause text where the problem was found. */
  readonly position: number;
  readonly detail: OdsqlErrorDetail;
  constructor(message: string, clause: Clause, position: number, detail: OdsqlErrorDetail = 'semantic') {
    super(message);
    this.clause = clause;
    this.position = position;
    this.detail = detail;
  }
}
