// The Explore API's error bodies: domain errors and bad parameters in the Opendatasoft shape.
// Its statuses are Opendatasoft's (its tests are the compatibility contract), which differ from the portal's one
// rule (src/errors.ts) in two places: a refusal is 401 `Unauthorized`, and a conflict is 400.
import { DomainError } from '../errors.ts';
import { OdsqlError } from '../odsql/errors.ts';
import { EngineBusy } from '../engine/pool.ts';

export class InvalidRestParameter extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** A query stopped at the time limit: the caller should narrow it. */
export class QueryTimeout extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** The caller went away; nobody reads the answer, so the query was stopped (a 400 no one receives). */
export class ClientGone extends DomainError {
  constructor() {
    super('invalid', 'The client closed the connection; the query was stopped.');
  }
}

/** Too many exports at once: the client's own (429) or the server's (503); `retryAfter` in seconds. */
export class ExportsBusy extends DomainError {
  readonly who: 'client' | 'server';
  override readonly retryAfter: number;
  constructor(who: 'client' | 'server', retryAfter: number, message: string) {
    super('too_many', message, undefined, who === 'client' ? 429 : 503);
    this.who = who;
    this.retryAfter = retryAfter;
  }
}

/** A value the query computes that the engine cannot hold (an overflow, a failed conversion): the query's to change. */
class QueryValueError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

// DuckDB's kinds of error that a value in the query or the data causes, not the SQL Opaal wrote.
const valueErrorKinds = /^(?:Out of Range|Conversion|Invalid Input) Error: ([^\n]*)/;

/** A DuckDB error caused by a value, as a QueryValueError (a 400 that quotes the engine's reason); else null. */
export function engineValueError(error: unknown): QueryValueError | null {
  const reason = error instanceof Error ? valueErrorKinds.exec(error.message)?.[1] : undefined;
  if (reason === undefined) return null;
  const shown = reason.length > 300 ? `${reason.slice(0, 297)}...` : reason;
  return new QueryValueError(`The query cannot be computed: ${shown} Write numbers with a decimal point (2.0) to compute in decimals, or narrow the values.`);
}

export function odsError(error: unknown): { status: number; body: { error_code: string; message: string }; retryAfter?: number } | null {
  if (error instanceof OdsqlError) {
    return { status: 400, body: { error_code: 'ODSQLError', message: `ODSQL query is malformed: ${error.message} Clause(s) containing the error(s): ${error.clause}.` } };
  }
  if (error instanceof QueryTimeout) {
    return { status: 400, body: { error_code: 'QueryTimeoutError', message: error.message } };
  }
  if (error instanceof ExportsBusy) {
    const status = error.status;
    return { status, body: { error_code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: error.message }, retryAfter: error.retryAfter };
  }
  if (error instanceof EngineBusy) {
    return { status: 503, body: { error_code: 'ServiceUnavailable', message: error.message }, retryAfter: error.retryAfter };
  }
  if (error instanceof QueryValueError) {
    return { status: 400, body: { error_code: 'ODSQLError', message: error.message } };
  }
  if (error instanceof InvalidRestParameter) {
    return { status: 400, body: { error_code: 'InvalidRESTParameterError', message: error.message } };
  }
  if (!(error instanceof DomainError)) return null;
  switch (error.code) {
    case 'not_found':
      return { status: 404, body: { error_code: 'NotFoundResource', message: error.message } };
    case 'forbidden':
      return { status: 401, body: { error_code: 'Unauthorized', message: error.message } };
    case 'too_many':
      return { status: 429, body: { error_code: 'TooManyRequests', message: error.message } };
    default:
      return { status: 400, body: { error_code: 'InvalidRESTParameterError', message: error.message } };
  }
}
