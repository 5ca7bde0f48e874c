// The records engine: one in-memory DuckDB instance per process, reading immutable Parquet versions.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { registerGeometryFunctions } from './geometry-functions.ts';
import { literal } from './sql.ts';
import { createTables } from './tables.ts';

export interface EngineOptions {
  dataDir: string;
  memoryLimit: string;
  threads: number;
  timezone: string;
}

export interface Engine {
  /**
   * Runs work on a connection of its own; connections are pooled. Each use gets the time zone it asks
   * for, else the portal's: a request's `timezone` never leaks into the next user of the connection.
   */
  withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>, timeZone?: string): Promise<T>;
  /** The FROM item for queries on a version's records (its DuckDB twin where it has one); exports read the Parquet. */
  recordsFrom(parquetPath: string): Promise<string>;
  /** Runs one query and returns its rows as plain objects. */
  all(sql: string, params?: DuckDBValue[]): Promise<Record<string, DuckDBValue>[]>;
  close(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const spill = join(options.dataDir, 'tmp', 'duckdb');
  mkdirSync(spill, { recursive: true });
  // In memory on purpose: no process holds a file lock, so a CLI import can publish while the server runs.
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: options.memoryLimit,
    threads: String(options.threads),
    temp_directory: spill,
    // Nothing may be downloaded at run time: parquet, json and icu are built in.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const idle: DuckDBConnection[] = [];
  const zones = new WeakMap<DuckDBConnection, string>();
  // Registered once: DuckDB puts a connection's scalar functions in the instance's system catalog, where every
  // later connection finds them (a test holds it to that).
  const first = await instance.connect();
  registerGeometryFunctions(first);
  idle.push(first);
  let closed = false;

  async function acquire(timeZone: string): Promise<DuckDBConnection> {
    if (closed) throw new Error('The records engine is closed.');
    const connection = idle.pop() ?? (await instance.connect());
    // Date-times without an offset are read in this zone (ICU is built in); set only when it changes.
    if (zones.get(connection) !== timeZone) {
      await connection.run(`SET TimeZone = ${literal(timeZone)}`);
      zones.set(connection, timeZone);
    }
    return connection;
  }

  async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>, timeZone = options.timezone): Promise<T> {
    const connection = await acquire(timeZone);
    try {
      return await work(connection);
    } finally {
      if (closed) connection.closeSync();
      else idle.push(connection);
    }
  }

  const tables = createTables((work) => withConnection(work));

  return {
    withConnection,
    recordsFrom: (parquetPath) => tables.from(parquetPath),
    all: (sql, params) =>
      withConnection(async (c) => (await c.runAndReadAll(sql, params)).getRowObjects()),
    async close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.closeSync();
      instance.closeSync();
    },
  };
}
