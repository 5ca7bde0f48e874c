// Each version's DuckDB twin of its Parquet file, attached read-only once per process and let go when idle.
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { identifier, literal } from './sql.ts';

/**
 * Why a twin: a page of records sorted and filtered reads a few rows spread over the whole file. Parquet
 * must decompress every row group those rows sit in, in every column; DuckDB's own storage fetches them
 * by row id and scans its lightweight-compressed columns several times faster. The Parquet file stays the
 * version of record (exports read it in one sequential pass); the twin can always be rebuilt from it.
 */
export const twinOf = (parquetPath: string) => parquetPath.replace(/\.parquet$/, '.duckdb');

/** Detaching frees the file handle of a replaced or deleted version; no query runs this long. */
const idleMs = 10 * 60_000;

export interface Tables {
  /** The FROM item for queries on a version: its twin's table, or the Parquet file where it has none. */
  from(parquetPath: string): Promise<string>;
}

export function createTables(run: (work: (connection: DuckDBConnection) => Promise<unknown>) => Promise<unknown>): Tables {
  const attached = new Map<string, { alias: string; ready: Promise<boolean>; usedAt: number }>();
  let next = 0;

  async function attach(twin: string, alias: string): Promise<boolean> {
    // A version imported before twins existed has none; its Parquet file serves, as it always did.
    if (!existsSync(twin)) return false;
    try {
      await run((c) => c.run(`ATTACH ${literal(twin)} AS ${identifier(alias)} (READ_ONLY)`));
      return true;
    } catch {
      // A twin this DuckDB cannot read is only slower to do without.
      return false;
    }
  }

  function letIdleGo(now: number) {
    for (const [twin, entry] of attached) {
      if (now - entry.usedAt < idleMs) continue;
      attached.delete(twin);
      void entry.ready.then((ok) => {
        if (ok) return run((c) => c.run(`DETACH ${identifier(entry.alias)}`)).catch(() => undefined);
      });
    }
  }

  return {
    async from(parquetPath) {
      const now = Date.now();
      letIdleGo(now);
      const twin = twinOf(parquetPath);
      let entry = attached.get(twin);
      if (!entry) {
        const alias = `version_${next++}`;
        entry = { alias, ready: attach(twin, alias), usedAt: now };
        attached.set(twin, entry);
      }
      entry.usedAt = now;
      return (await entry.ready) ? `${identifier(entry.alias)}.records` : `read_parquet(${literal(parquetPath)})`;
    },
  };
}
