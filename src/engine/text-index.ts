// A version's text index: every word of every record, kept in the version's DuckDB twin beside its records.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Field } from '../odsql/fields.ts';
import { recordWordsSql, searchedColumns } from '../odsql/compile/search.ts';
import { literal } from './sql.ts';

/**
 * Why: a full-text search otherwise folds and matches every text value of every record (654 ms at 10 M rows). The
 * index lists (word, row) sorted by word, so the rows holding a word or a word prefix are one run of it that the
 * engine finds by each row group's min/max, and the records are then read by row id (odsql/compile/search.ts).
 * It lives in the twin: it is written with it, attached with it and removed with it (the version's blobs), so an
 * index of personal data never outlives its version. A twin without it (imported before) is searched by the scan.
 */
const textIndexTables = { words: 'text_words', vocabulary: 'text_vocabulary', columns: 'text_columns' } as const;

/**
 * Writes the index of the table `records` into `database`: the twin that holds the table (the benchmark writes it
 * apart). The words are folded and split by the very SQL of the search predicate (recordWordsSql), which is what
 * makes the index's answer the scan's. `text_columns` records which columns it holds: a schema that searches other
 * columns does not use it.
 */
export async function buildTextIndex(connection: DuckDBConnection, records: string, database: string, fields: Field[]): Promise<void> {
  const columns = searchedColumns({ fields });
  const { words, vocabulary, columns: columnsTable } = textIndexTables;
  await connection.run(`CREATE TABLE ${database}.${columnsTable} (sql VARCHAR)`);
  if (columns.length > 0) await connection.run(`INSERT INTO ${database}.${columnsTable} VALUES ${columns.map((c) => `(${literal(c)})`).join(', ')}`);
  const unnested = `SELECT unnest(${columns.length > 0 ? recordWordsSql(columns) : '[]::VARCHAR[]'}) AS word, rowid AS row FROM ${records}`;
  await connection.run(`CREATE TABLE ${database}.${words} AS SELECT word, row FROM (${unnested}) ORDER BY word, row`);
  await connection.run(`CREATE TABLE ${database}.${vocabulary} AS SELECT DISTINCT word FROM ${database}.${words} ORDER BY word`);
}

/** The index's tables and the columns it holds, where the attached twin `database` has one. */
export async function findTextIndex(
  connection: DuckDBConnection,
  database: string,
  qualified: (table: string) => string,
): Promise<{ words: string; vocabulary: string; columns: string[] } | null> {
  const { words, vocabulary, columns } = textIndexTables;
  const found = await connection.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = $1 AND table_name IN ($2, $3, $4)`, [database, words, vocabulary, columns]);
  if (Number(found.getRowObjects()[0].n) < 3) return null;
  const held = (await connection.runAndReadAll(`SELECT sql FROM ${qualified(columns)}`)).getRowObjects().map((r) => String(r.sql));
  return { words: qualified(words), vocabulary: qualified(vocabulary), columns: held };
}
