// Opens the relational store (SQLite file by default, PostgreSQL from DATABASE_URL) and migrates it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationResult } from 'kysely';
import { databaseProblem, sqliteProblem } from '../startup.ts';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  dialect: DialectName;
  /** Where the data lives, without credentials: safe to log. */
  describe: string;
  close(): Promise<void>;
}

/** How long opening a PostgreSQL connection may take: a host that drops packets stops start-up instead of hanging it. */
const connectTimeoutMs = 10_000;

// PostgreSQL returns BIGINT as a string to avoid precision loss; our counts fit in a double.
pg.types.setTypeParser(20, (value: string) => Number(value));

export function openStore(options: { databaseUrl: string | null; dataDir: string }): Store {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: connectTimeoutMs });
    } catch (error) {
      throw databaseProblem(error, options.databaseUrl);
    }
    // The server may end an idle pooled connection (a restart, an administrator); unheard, that error would stop the
    // process. pg drops the connection and the next query opens another. The message names no person or secret.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL ended an idle connection: ${error.message}`, 'OpaalDatabaseWarning'));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      describe: `postgres://${url.host}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const file = join(options.dataDir, 'opaal.sqlite');
  let sqlite: SqliteDatabase.Database;
  try {
    mkdirSync(options.dataDir, { recursive: true });
    sqlite = new SqliteDatabase(file);
    // WAL lets a CLI import publish while the server reads; busy_timeout makes writers queue, not fail.
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw sqliteProblem(error, file);
  }
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, not left in free pages: an erased person must not linger in the file.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
  return { db, dialect: 'sqlite', describe: `sqlite:${file}`, close: () => db.destroy() };
}

/** Statements kept prepared per SQLite file: preparing costs more than running most of the portal's queries. */
const keptStatements = 500;

/**
 * The SQLite database as Kysely sees it, with its statements prepared once per SQL text (least recently used out
 * first) instead of at every query. A statement still being iterated (a streamed select) is busy: another is prepared.
 */
function preparedOnce(sqlite: SqliteDatabase.Database): { prepare(sql: string): SqliteDatabase.Statement; close(): void } {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string) {
      const kept = statements.get(text);
      if (kept && !kept.busy) {
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = sqlite.prepare(text);
      statements.delete(text);
      statements.set(text, statement);
      if (statements.size > keptStatements) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * Opens one connection: a database that cannot be reached (refused, unknown host, unknown role or database, wrong
 * password) stops start-up with one line naming DATABASE_URL and the cause.
 */
export async function reach(store: Store, databaseUrl: string | null): Promise<void> {
  if (!databaseUrl) return;
  try {
    await sql`SELECT 1`.execute(store.db);
  } catch (error) {
    throw databaseProblem(error, databaseUrl);
  }
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`);
  }
  return results ?? [];
}

/** Brings the schema to the named migration, as a release that ended there had it; the upgrade test starts there. */
export async function migrateTo(db: Db, name: string): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`);
  }
  return results ?? [];
}
