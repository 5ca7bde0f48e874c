// The one error hierarchy of the domain: thrown where a problem is found, mapped once at the edge.

export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'forbidden'
  | 'conflict'
  | 'too_many'
  | 'import_failed'
  | 'config';

/**
 * The one status rule: each code's HTTP status, on pages, in the JSON APIs and in the `.json` twins alike
 * (the Explore API alone keeps Opendatasoft's statuses, src/explore/errors.ts). Whatever the caller sent
 * that cannot be used is 400, whether a query parameter, a form field or a JSON body; 422 is kept for a
 * file that arrived whole but cannot be read as a dataset (ImportFailed), 413 for one past a limit.
 */
export const statusOfCode = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_failed: 422,
  too_many: 429,
  config: 500,
} as const satisfies Record<ErrorCode, number>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** A stable key for what went wrong, so pages can say it in the visitor's language. */
  readonly reason: string | undefined;
  /** The HTTP status this error answers with; subclasses that differ from their code's say so. */
  readonly status: number;
  /** Seconds after which a retry has a fair chance, sent as Retry-After; set by the busy errors. */
  readonly retryAfter?: number;
  constructor(code: ErrorCode, message: string, reason?: string, status: number = statusOfCode[code]) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.status = status;
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message: string, reason?: string) {
    super('not_found', message, reason);
  }
}

export class Invalid extends DomainError {
  constructor(message: string, reason?: string) {
    super('invalid', message, reason);
  }
}

/** A request body past the portal's size limit (413): sound, maybe, but too big; reason `too_large`. */
export class TooLarge extends DomainError {
  constructor(message: string) {
    super('invalid', message, 'too_large', 413);
  }
}

/** A body in a format the route does not read (415); reason `media_type`. */
export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('invalid', message, 'media_type', 415);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string, reason?: string) {
    super('forbidden', message, reason);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, reason?: string) {
    super('conflict', message, reason);
  }
}

export class TooMany extends DomainError {
  constructor(message: string, reason?: string) {
    super('too_many', message, reason);
  }
}

/** An import that could not become a version; `line` is 1-based in the source file when known. */
export class ImportFailed extends DomainError {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;
  constructor(file: string, reason: string, line?: number) {
    super('import_failed', `${file}${line !== undefined ? `, line ${line}` : ''}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** An import past one of the portal's limits (size once inflated, columns, cells, nesting): the file may be sound, but too big. */
export class ImportTooLarge extends ImportFailed {
  override readonly status: number = 413;
}

/** A setting with a bad value: start-up stops with this one line. */
export class ConfigError extends DomainError {
  constructor(message: string) {
    super('config', message);
  }
}
