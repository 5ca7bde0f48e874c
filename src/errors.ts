// The one error hierarchy of the domain: thrown where a problem is found, mapped once at the edge.

export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'forbidden'
  | 'conflict'
  | 'too_many'
  | 'import_failed'
  | 'config';

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** A stable key for what went wrong, so pages can say it in the visitor's language. */
  readonly reason: string | undefined;
  constructor(code: ErrorCode, message: string, reason?: string) {
    super(message);
    this.code = code;
    this.reason = reason;
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

/** A form field its route's schema refused (too long, not text): the page shows the form again and names `field`. */
export class FormFieldInvalid extends Invalid {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message, 'form_field');
    this.field = field;
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
export class ImportTooLarge extends ImportFailed {}

/** A setting with a bad value: start-up stops with this one line. */
export class ConfigError extends DomainError {
  constructor(message: string) {
    super('config', message);
  }
}
