// The Explore API's error bodies: domain errors and bad parameters in the Opendatasoft shape.
import { DomainError } from '../errors.ts';
import { OdsqlError } from '../odsql/errors.ts';

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

/** The caller went away; nobody reads the answer, so the query was stopped. */
export class ClientGone extends DomainError {
  constructor() {
    super('invalid', 'The client closed the connection; the query was stopped.');
  }
}

/** Too many exports at once: the client's own (429) or the server's (503); `retryAfter` in seconds. */
export class ExportsBusy extends DomainError {
  readonly who: 'client' | 'server';
  readonly retryAfter: number;
  constructor(who: 'client' | 'server', retryAfter: number, message: string) {
    super('too_many', message);
    this.who = who;
    this.retryAfter = retryAfter;
  }
}

export function odsError(error: unknown): { status: number; body: { error_code: string; message: string }; retryAfter?: number } | null {
  if (error instanceof OdsqlError) {
    return { status: 400, body: { error_code: 'ODSQLError', message: `ODSQL query is malformed: ${error.message} Clause(s) containing the error(s): ${error.clause}.` } };
  }
  if (error instanceof QueryTimeout) {
    return { status: 400, body: { error_code: 'QueryTimeoutError', message: error.message } };
  }
  if (error instanceof ExportsBusy) {
    const status = error.who === 'client' ? 429 : 503;
    return { status, body: { error_code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: error.message }, retryAfter: error.retryAfter };
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
