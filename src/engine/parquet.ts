// Parquet row groups sized to the memory at hand: DuckDB's writer holds one whole row group in memory before it
// writes it, so a fixed number of rows that suits narrow records runs out of memory on wide ones.
import type { DuckDBConnection } from '@duckdb/node-api';

/** DuckDB's own row group: narrow records get these many rows per group, as its tables have. */
export const maxRowGroupRows = 122_880;
/** The writer adds rows a vector (2,048) at a time, so a group is never smaller. */
const vectorRows = 2_048;
/** Rows read to measure a record's size; reading them stops after the first row group. */
const sampleRows = 4_096;

/**
 * Rows per Parquet row group for `relation`'s records, so that one group's records take about a quarter of
 * `memoryBytes` (measured on 4.4 kB records with a 128 MB limit: groups of 72 MB ran out, of 36 MB did not). A record's size is
 * taken as its text form, which counts every value once and errs on the large side.
 */
export async function rowGroupRows(connection: DuckDBConnection, relation: string, memoryBytes: number): Promise<number> {
  const [{ size }] = (
    await connection.runAndReadAll(`SELECT avg(strlen(CAST(r AS VARCHAR))) AS size FROM (SELECT * FROM ${relation} LIMIT ${sampleRows}) r`)
  ).getRowObjects();
  const recordBytes = Math.max(1, Number(size ?? 1));
  const rows = Math.floor(memoryBytes / 4 / recordBytes / vectorRows) * vectorRows;
  return Math.min(maxRowGroupRows, Math.max(vectorRows, rows));
}
