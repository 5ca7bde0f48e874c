// The records engine: in-memory DuckDB instances per process, reading immutable Parquet versions.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { defaultClusterMinRows } from '../config.ts';
import { registerGeometryFunctions } from './geometry-functions.ts';
import { Gate, laneLimits, type Lane } from './pool.ts';
import { literal } from './sql.ts';
import { sizeBytes } from '../size.ts';
import { createTables, type RecordsSource } from './tables.ts';

export type { RecordsSource } from './tables.ts';
export { EngineBusy, type Lane } from './pool.ts';

interface EngineOptions {
  dataDir: string;
  memoryLimit: string;
  threads: number;
  timezone: string;
  /** From this many records on, an import also writes a clustered copy of the version (engine/tables.ts); default `defaultClusterMinRows` (config.ts). */
  clusterMinRows?: number;
  /** QUERY_TIMEOUT_MS: also the longest a request waits for a query slot (engine/pool.ts); default 10 s. */
  queryTimeoutMs?: number;
}

type Work<T> = (connection: DuckDBConnection) => Promise<T>;

export interface Engine {
  /**
   * Runs work on a connection of its own; connections are pooled. Each use gets the time zone it asks
   * for, else the portal's: a request's `timezone` never leaks into the next user of the connection.
   * A request names its lane (engine/pool.ts): it waits its turn there, and past the lane's queue or wait
   * it is refused with EngineBusy. Internal work names none and always gets a connection.
   */
  withConnection<T>(work: Work<T>, timeZone?: string, lane?: Lane): Promise<T>;
  /**
   * The same for work that reads a whole file from end to end (exports): on an instance of one thread,
   * which keeps the rows in file order without holding batches back, and leaves the query threads free.
   */
  withScanConnection<T>(work: Work<T>, timeZone?: string): Promise<T>;
  /** The FROM items for queries on a version's records (its DuckDB twin where it has one); exports read the Parquet. */
  recordsFrom(parquetPath: string): Promise<RecordsSource>;
  /** From this many records on, an import writes a clustered copy too. */
  readonly clusterMinRows: number;
  /** The memory of the export instance, which writes Parquet files (engine/parquet.ts sizes their row groups to it). */
  readonly scanMemoryBytes: number;
  /** The query instance's memory: imports run there. */
  readonly queryMemoryBytes: number;
  /** Slots in use and requests waiting in each lane of the query instance (engine/pool.ts). */
  load(): Record<Lane, { held: number; waiting: number }>;
  /** Runs one query and returns its rows as plain objects. */
  all(sql: string, params?: DuckDBValue[]): Promise<Record<string, DuckDBValue>[]>;
  close(): Promise<void>;
}

interface Pool {
  withConnection<T>(work: Work<T>, timeZone: string, lane?: Lane): Promise<T>;
  close(): void;
}

async function openPool(options: EngineOptions, threads: number, memoryLimit: string, gates?: Record<Lane, Gate>): Promise<Pool> {
  const spill = join(options.dataDir, 'tmp', 'duckdb');
  mkdirSync(spill, { recursive: true });
  // In memory on purpose: no process holds a file lock, so a CLI import can publish while the server runs.
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: memoryLimit,
    threads: String(threads),
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

  return {
    async withConnection(work, timeZone, lane) {
      // The slot is held until the engine is done with the connection, even when the caller has stopped waiting.
      const leave = lane && gates ? await gates[lane].enter() : () => undefined;
      try {
        const connection = await acquire(timeZone);
        try {
          return await work(connection);
        } finally {
          if (closed) connection.closeSync();
          else idle.push(connection);
        }
      } finally {
        leave();
      }
    },
    close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  // The memory limit is the engine's, not each instance's: the export instance needs little (it streams).
  const bytes = sizeBytes(options.memoryLimit);
  const lanes = laneLimits(options.threads, options.queryTimeoutMs ?? 10_000);
  const gates = { light: new Gate(lanes.light), heavy: new Gate(lanes.heavy) };
  const queryMemoryBytes = Math.floor((bytes * 3) / 4 / 1024) * 1024;
  const queries = await openPool(options, options.threads, `${queryMemoryBytes / 1024}KiB`, gates);
  // Measured on a 10M-row CSV export: two threads took 1.6× the CPU of one and held ~200 MB of batches back
  // to keep file order; one thread held ~25 MB. Settings are per instance, hence an instance of its own.
  const scanMemoryBytes = Math.floor(bytes / 4 / 1024) * 1024;
  const scans = await openPool(options, 1, `${scanMemoryBytes / 1024}KiB`);
  const withConnection = <T>(work: Work<T>, timeZone = options.timezone, lane?: Lane) => queries.withConnection(work, timeZone, lane);
  const tables = createTables((work) => withConnection(work));

  return {
    withConnection,
    withScanConnection: (work, timeZone = options.timezone) => scans.withConnection(work, timeZone),
    recordsFrom: (parquetPath) => tables.from(parquetPath),
    clusterMinRows: options.clusterMinRows ?? defaultClusterMinRows,
    scanMemoryBytes,
    queryMemoryBytes,
    load: () => ({ light: gates.light.load, heavy: gates.heavy.load }),
    all: (sql, params) =>
      withConnection(async (c) => (await c.runAndReadAll(sql, params)).getRowObjects()),
    async close() {
      queries.close();
      scans.close();
    },
  };
}
