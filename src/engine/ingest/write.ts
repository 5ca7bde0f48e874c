// Writes a source as one zstd Parquet file (and its DuckDB twin) with typed columns, a content-hash record id and shape boxes.
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Field } from '../../odsql/fields.ts';
import { rowGroupRows } from '../parquet.ts';
import { identifier, literal } from '../sql.ts';
import { trimmedSql, typedSql, valueSql, type Plan } from './infer.ts';
import { buildTextIndex } from '../text-index.ts';
import type { Source } from './types.ts';
import { bboxColumn, recordIdColumn } from '../../odsql/fields.ts';

// Innermost coordinate pairs of minified GeoJSON: x in group 1, y in group 2 (a z is ignored).
const coordinatePair = String.raw`\[(-?[0-9.eE+-]+),(-?[0-9.eE+-]+)`;

function bboxSql(geometry: string): string {
  const axis = (group: number) =>
    `CAST(regexp_extract_all(${geometry}, '${coordinatePair}', ${group}) AS DOUBLE[])`;
  return (
    `CASE WHEN ${geometry} IS NULL THEN NULL ELSE struct_pack(` +
    `xmin := list_min(${axis(1)}), ymin := list_min(${axis(2)}), ` +
    `xmax := list_max(${axis(1)}), ymax := list_max(${axis(2)})) END`
  );
}

export function fieldsOf(plan: Plan): Field[] {
  const fields: Field[] = plan.columns.map((c) => ({
    name: c.name,
    label: c.label,
    type: c.parser.type,
    description: null,
    annotations: { ...c.parser.annotations, ...(c.unit ? { unit: [c.unit] } : {}) },
  }));
  if (plan.pointPair) {
    fields.push({ name: plan.pointPair.name, label: 'Geo Point', type: 'geo_point_2d', description: null, annotations: {} });
  }
  return fields;
}

interface TwinOptions {
  /** Where to write the version's DuckDB twin (engine/tables.ts). */
  path: string;
  /** From this many records on, the twin also holds a copy clustered on one field (engine/tables.ts). */
  clusterMinRows: number;
  /**
   * Runs the twin → Parquet copy on a connection of the one-thread export instance. Measured on 1M rows: with two
   * threads the order-keeping Parquet writer held ~270 MB of row groups, with one ~110 MB, for 0.2–0.3 s more.
   */
  withScanConnection: <T>(work: (connection: DuckDBConnection) => Promise<T>) => Promise<T>;
  /** That instance's memory, to which the Parquet file's row groups are sized (engine/parquet.ts). */
  scanMemoryBytes: number;
  /** The memory of the instance the import runs on, which writes the Parquet file of records too wide for the other. */
  queryMemoryBytes: number;
}

/**
 * What one column costs a twin → Parquet copy whatever the rows: the scan pins a 256 KiB block of each column and the
 * writer fills a buffer of its own. Measured: 1,000 text columns failed on 128 MB and passed on 384 MB.
 */
const copyBytesPerColumn = 512 * 1024;

export async function writeParquet(connection: DuckDBConnection, source: Source, plan: Plan, destination: string, twin: TwinOptions): Promise<number> {
  const raw = source.columns.map((c, i) => `${c.expression} AS r${i}`);
  const trimmed = source.columns.map((_, i) => `${trimmedSql(`r${i}`)} AS ${valueSql(i)}`);
  // The record id hashes the values as the file has them, so an unchanged record keeps its id across versions.
  const hashInput = source.columns.map((_, i) => `coalesce(r${i}, chr(0))`).join(', ');
  const typed = plan.columns.map((c, i) => `${typedSql(c, i)} AS ${identifier(c.name)}`);
  if (plan.pointPair) {
    const { lat, lon, name } = plan.pointPair;
    const latV = typedSql(lat, plan.columns.indexOf(lat));
    const lonV = typedSql(lon, plan.columns.indexOf(lon));
    typed.push(
      `CASE WHEN ${latV} IS NULL OR ${lonV} IS NULL THEN NULL ELSE struct_pack(lat := CAST(${latV} AS DOUBLE), lon := CAST(${lonV} AS DOUBLE)) END AS ${identifier(name)}`,
    );
  }
  const boxes = plan.columns
    .filter((c) => c.parser.type === 'geo_shape')
    .map((c) => `${bboxSql(identifier(c.name))} AS ${identifier(bboxColumn(c.name))}`);
  const select =
    `SELECT *${boxes.length ? `, ${boxes.join(', ')}` : ''} FROM (` +
    `SELECT ${typed.join(', ')}, ${recordIdColumn} FROM (` +
    `SELECT ${trimmed.join(', ')}, sha1(concat_ws(chr(31), ${hashInput})) AS ${recordIdColumn} FROM (` +
    `SELECT ${raw.join(', ')} FROM ${source.from})))`;
  // The source is read once, into the twin; the Parquet file is written from it, in the same order.
  const columns = typed.length + boxes.length + 1;
  const alias = identifier(`ingest_${randomUUID().replaceAll('-', '')}`);
  await connection.run(`ATTACH ${literal(twin.path)} AS ${alias}`);
  try {
    await connection.run(`CREATE TABLE ${alias}.records AS ${select}`);
    // The inference pass counted every record of the source, which the twin now holds.
    if (plan.rows >= twin.clusterMinRows) {
      const key = await clusterKey(connection, `${alias}.records`, plan, plan.rows);
      if (key) {
        await connection.run(`CREATE TABLE ${alias}.${clusteredTable} AS SELECT * FROM ${alias}.records ORDER BY ${identifier(key)} NULLS LAST`);
      }
    }
    await buildTextIndex(connection, `${alias}.records`, alias, fieldsOf(plan));
    // Records too wide for the export instance are copied here, on the instance with more memory, before detaching.
    if (columns * copyBytesPerColumn > twin.scanMemoryBytes / 2) {
      return await copyToParquet(connection, `${alias}.records`, columns, destination, twin.queryMemoryBytes);
    }
  } finally {
    await connection.run(`DETACH ${alias}`);
  }
  // Detached, the twin is whole on disk; the export instance reads it without holding it open.
  return twin.withScanConnection(async (scan) => {
    await scan.run(`ATTACH ${literal(twin.path)} AS ${alias} (READ_ONLY)`);
    try {
      return await copyToParquet(scan, `${alias}.records`, columns, destination, twin.scanMemoryBytes);
    } finally {
      await scan.run(`DETACH ${alias}`);
    }
  });
}

/**
 * Copies the twin's records to a zstd Parquet file whose row groups fit `memoryBytes` (engine/parquet.ts). The writer
 * also keeps a dictionary page per text column, up to 1 MB each by default: on wide records that alone outgrows the
 * memory (1,000 columns ran out of 366 MB), so each column's dictionary gets its share of an eighth of the memory.
 */
async function copyToParquet(connection: DuckDBConnection, table: string, columns: number, destination: string, memoryBytes: number): Promise<number> {
  const rows = await rowGroupRows(connection, table, memoryBytes);
  const dictionary = Math.max(16 * 1024, Math.min(1024 * 1024, Math.floor(memoryBytes / 8 / columns)));
  const parquet =
    `TO ${literal(destination)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rows}, ` +
    `STRING_DICTIONARY_PAGE_SIZE_LIMIT ${dictionary}, USE_TMP_FILE false)`;
  return Number((await connection.run(`COPY ${table} ${parquet}`)).rowsChanged);
}

/** The twin's copy of the records sorted on one field; engine/tables.ts says when queries read it. */
export const clusteredTable = 'records_clustered';

/** Rows read to choose the clustering field: enough to see every value of a field with up to a few thousand. */
const clusterSampleRows = 200_000;

/**
 * The field to cluster a large version on: the text field whose values best split the rows into runs that a filter on
 * one value can skip to. DuckDB keeps each row group's smallest and largest value, and of a text only its first 8
 * bytes, so what counts is the number of distinct 8-byte prefixes; a field with more than one value per thousand rows
 * (an identifier, free text) is no category and is left out. Numbers are left out too: a count or an amount with few
 * values is a measure, rarely what people filter on. Null when no field qualifies.
 */
async function clusterKey(connection: DuckDBConnection, table: string, plan: Plan, rows: number): Promise<string | null> {
  const candidates = plan.columns.filter((c) => c.parser.type === 'text');
  if (candidates.length === 0) return null;
  const percent = Math.min(100, (clusterSampleRows / rows) * 100);
  const measures = candidates.map((c, i) => {
    const column = identifier(c.name);
    return `approx_count_distinct(${column}) AS d${i}, approx_count_distinct(left(${column}, 8)) AS p${i}`;
  });
  const sample = percent < 100 ? ` USING SAMPLE ${percent.toFixed(4)}% (system, 1)` : '';
  const [counts] = (await connection.runAndReadAll(`SELECT ${measures.join(', ')} FROM ${table}${sample}`)).getRowObjects();
  let best: { name: string; prefixes: number } | null = null;
  for (const [i, c] of candidates.entries()) {
    const distinct = Number(counts[`d${i}`]);
    const prefixes = Number(counts[`p${i}`]);
    if (distinct < 2 || distinct > rows / 1000 || prefixes < 2) continue;
    if (!best || prefixes > best.prefixes) best = { name: c.name, prefixes };
  }
  return best?.name ?? null;
}
