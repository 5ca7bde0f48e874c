// Each version's DuckDB twin of its Parquet file, attached read-only once per process and let go when idle.
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { identifier, literal } from './sql.ts';
import { clusteredTable } from './ingest/write.ts';
import { findTextIndex } from './text-index.ts';

/**
 * Why a twin: a page of records sorted and filtered reads a few rows spread over the whole file. Parquet
 * must decompress every row group those rows sit in, in every column; DuckDB's own storage fetches them
 * by row id and scans its lightweight-compressed columns several times faster. The Parquet file stays the
 * version of record (exports read it in one sequential pass); the twin can always be rebuilt from it.
 *
 * A large version's twin also holds `records_clustered`: the same rows sorted on one category field (ingest/write.ts
 * chooses it). A filter on that field then reads the few row groups whose value range holds it, not all of them.
 * Statements whose answer does not depend on the rows' order (counts, aggregates, groups, explicit orderings) read
 * it; a page without an order_by reads `records`, which keeps the file's order.
 */
export const twinOf = (parquetPath: string) => parquetPath.replace(/\.parquet$/, '.duckdb');

/** Detaching frees the file handle of a replaced or deleted version; no query runs this long. */
const idleMs = 10 * 60_000;

export interface RecordsSource {
  /** The rows in file order: the twin's table, or the Parquet file where the version has no twin. */
  from: string;
  /** The same rows in any order, for statements whose answer does not depend on it: the clustered copy where there is one. */
  orderFree: string;
  /** The version's text index (engine/text-index.ts): none for a Parquet file alone or a twin written before it. */
  textIndex?: { words: string; vocabulary: string; columns: string[]; rowId: string } | null;
}

interface Tables {
  /** The FROM items for queries on a version. */
  from(parquetPath: string): Promise<RecordsSource>;
}

export function createTables(run: (work: (connection: DuckDBConnection) => Promise<unknown>) => Promise<unknown>): Tables {
  const attached = new Map<string, { alias: string; ready: Promise<Attached | null>; usedAt: number }>();
  let next = 0;
  type Attached = { clustered: boolean; textIndex: Awaited<ReturnType<typeof findTextIndex>> };

  async function attach(twin: string, alias: string): Promise<Attached | null> {
    // A version imported before twins existed has none; its Parquet file serves, as it always did.
    if (!existsSync(twin)) return null;
    try {
      return (await run(async (c) => {
        await c.run(`ATTACH ${literal(twin)} AS ${identifier(alias)} (READ_ONLY)`);
        const tables = await c.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE database_name = $1 AND table_name = $2`, [alias, clusteredTable]);
        const textIndex = await findTextIndex(c, alias, (table) => `${identifier(alias)}.${identifier(table)}`);
        return { clustered: tables.currentRowCount > 0, textIndex };
      })) as Attached;
    } catch {
      // A twin this DuckDB cannot read is only slower to do without.
      return null;
    }
  }

  function letIdleGo(now: number) {
    for (const [twin, entry] of attached) {
      if (now - entry.usedAt < idleMs) continue;
      attached.delete(twin);
      void entry.ready.then((ok) => {
        if (ok !== null) return run((c) => c.run(`DETACH ${identifier(entry.alias)}`)).catch(() => undefined);
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
      const twinTables = await entry.ready;
      if (!twinTables) {
        const parquet = `read_parquet(${literal(parquetPath)})`;
        return { from: parquet, orderFree: parquet };
      }
      const from = `${identifier(entry.alias)}.records`;
      return {
        from,
        orderFree: twinTables.clustered ? `${identifier(entry.alias)}.${identifier(clusteredTable)}` : from,
        textIndex: twinTables.textIndex && { ...twinTables.textIndex, rowId: `${from}.rowid` },
      };
    },
  };
}
