// Start-up failures that come from a setting (an unreachable database, a port in use…) as one line naming the setting
// and the cause, instead of a stack trace: an operator reads the line and knows what to change.
import { ConfigError } from './errors.ts';

/** `postgres://user:secret@host/db` → `postgres://user@host/db`: what a message may show of DATABASE_URL. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    // Unparseable: cut anything between the scheme and an @ that could hold a password.
    return url.replace(/\/\/[^@/]*@/, '//…@');
  }
}

const byErrno: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `nothing accepts connections at ${where} (is PostgreSQL running there?)`,
  ENOTFOUND: (where) => `the host of ${where} is not known`,
  EAI_AGAIN: (where) => `the host of ${where} could not be looked up`,
  ETIMEDOUT: (where) => `${where} did not answer in time`,
  EHOSTUNREACH: (where) => `${where} cannot be reached from this machine`,
  ENETUNREACH: (where) => `${where} cannot be reached from this machine`,
};

/** Why PostgreSQL could not be used, in one line that starts with the setting. */
export function databaseProblem(error: unknown, databaseUrl: string): ConfigError {
  const e = error as { code?: string; message?: string };
  let where = 'the server';
  try {
    const url = new URL(databaseUrl);
    where = url.host || 'the local socket';
  } catch {
    // A URL that did not parse is described by the message below.
  }
  const message = (e?.message ?? String(error)).split('\n')[0];
  const explain = e?.code && Object.hasOwn(byErrno, e.code) ? byErrno[e.code] : null;
  if (explain) return new ConfigError(`DATABASE_URL: ${explain(where)}.`);
  if (/timeout/i.test(message)) return new ConfigError(`DATABASE_URL: ${where} did not answer in time.`);
  if (error instanceof URIError) return new ConfigError('DATABASE_URL: the user name or password is not valid percent-encoding.');
  // PostgreSQL's own refusals (unknown role 28000, wrong password 28P01, unknown database 3D000 …) say what is wrong.
  return new ConfigError(`DATABASE_URL: PostgreSQL at ${where} refused the connection: ${message}.`);
}

/** Why the data directory's SQLite file could not be opened. */
export function sqliteProblem(error: unknown, file: string): ConfigError {
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
  return new ConfigError(`OPAAL_DATA: cannot open the SQLite file ${file}: ${message}.`);
}

/** Why the HTTP server could not listen. */
export function listenProblem(error: unknown, host: string, port: number): ConfigError | null {
  switch ((error as { code?: string })?.code) {
    case 'EADDRINUSE':
      return new ConfigError(`PORT: port ${port} on ${host} is already in use by another program.`);
    case 'EACCES':
      return new ConfigError(`PORT: this user may not listen on port ${port} of ${host}${port < 1024 ? ' (ports below 1024 need privileges)' : ''}.`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST: ${host} is not an address of this machine.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(`HOST: the name ${host} is not known.`);
    default:
      return null;
  }
}
