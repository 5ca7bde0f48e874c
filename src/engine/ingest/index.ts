// Ingestion: any supported file → one typed, zstd Parquet file and its DuckDB twin, ready to become a dataset version.
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed, ImportTooLarge } from '../../errors.ts';
import type { Engine } from '../duckdb.ts';
import { twinOf } from '../tables.ts';
import { openCsv } from './csv.ts';
import { openGeoJson } from './geojson.ts';
import { openJson } from './json.ts';
import { inferPlan } from './infer.ts';
import { fieldsOf, writeParquet } from './write.ts';
import { openXlsx } from './xlsx.ts';
import { defaultImportLimits, type ImportLimits } from './limits.ts';
import type { FieldReading, IngestResult, Source, SourceFormat } from './types.ts';

export type { IngestResult } from './types.ts';

type Kind = SourceFormat | 'jsonl';

const byExtension: Record<string, Kind> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.geojson': 'geojson',
  '.xlsx': 'xlsx',
};

const supported = 'CSV (.csv, .tsv, .txt), JSON (.json), JSON lines (.jsonl, .ndjson), XLSX (.xlsx) and GeoJSON (.geojson)';

async function head(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The format from the name, checked against the first bytes where a name can lie. */
async function detectFormat(path: string, displayName: string): Promise<Kind> {
  const extension = extname(displayName).toLowerCase();
  const kind = byExtension[extension];
  if (!kind) {
    if (extension === '.xls') throw new ImportFailed(displayName, 'XLS (Excel 97-2003) files are not supported; save the sheet as XLSX or CSV', { code: 'xls' });
    throw new ImportFailed(displayName, `unknown format "${extension || 'no extension'}"; Opaal imports ${supported}`, { code: 'unknown_format', extension: extension || '—', supported });
  }
  const start = await head(path, 4096);
  if (kind === 'xlsx' && !(start[0] === 0x50 && start[1] === 0x4b)) {
    throw new ImportFailed(displayName, 'not a readable XLSX workbook (an XLSX file is a ZIP archive, this one is not)', { code: 'not_xlsx' });
  }
  if (kind === 'json') {
    const text = start.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (/^\{[\s\S]*"type"\s*:\s*"FeatureCollection"/.test(text)) return 'geojson';
    if (text.startsWith('{')) return 'jsonl';
  }
  return kind;
}

async function openSource(connection: DuckDBConnection, path: string, blobs: BlobStore, displayName: string, limits: ImportLimits): Promise<Source> {
  const kind = await detectFormat(path, displayName);
  switch (kind) {
    case 'csv':
      return openCsv(path, blobs, { displayName, limits });
    case 'json':
      return openJson(connection, path, blobs, { displayName, limits });
    case 'jsonl':
      return openJson(connection, path, blobs, { displayName, lines: true, limits });
    case 'geojson':
      return openGeoJson(connection, path, blobs, { displayName, limits });
    case 'xlsx':
      return openXlsx(path, blobs, { displayName, limits });
  }
}

/**
 * DuckDB stopped at its memory limit. A file's columns cost the Parquet writer about half a megabyte each (a block to
 * read and one to write), whatever its rows: a file wider than the engine's memory allows is refused, not a 500.
 */
function outOfMemory(error: unknown): boolean {
  return /Out of Memory Error/i.test((error as Error)?.message ?? '');
}

function diskFull(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return e?.code === 'ENOSPC' || /No space left on device|ENOSPC/i.test(e?.message ?? '');
}

/**
 * Reads the file, infers each field's type and writes the Parquet file and its twin to temp paths of the blob store.
 * Throws ImportFailed (file, line, reason) for anything wrong with the input or the disk; leaves no file behind.
 */
export async function ingestFile(
  engine: Engine,
  blobs: BlobStore,
  path: string,
  options: { displayName?: string; maxBytes?: number; limits?: ImportLimits; readings?: Record<string, FieldReading> } = {},
): Promise<IngestResult> {
  const displayName = options.displayName ?? basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ImportFailed(displayName, 'the file does not exist or cannot be read', { code: 'unreadable' });
  }
  if (size === 0) throw new ImportFailed(displayName, 'the file is empty', { code: 'empty' });
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    throw new ImportFailed(displayName, `the file is ${size} bytes; the largest accepted is ${options.maxBytes}`, { code: 'too_big', bytes: size, limit: options.maxBytes });
  }
  const destination = blobs.tempPath('.parquet');
  const twin = twinOf(destination);
  const discard = () => Promise.all([destination, twin, `${twin}.wal`].map((path) => blobs.discard(path)));
  return engine.withConnection(async (connection) => {
    let source: Source | undefined;
    try {
      source = await openSource(connection, path, blobs, displayName, options.limits ?? defaultImportLimits);
      const plan = await inferPlan(connection, source, { displayName, readings: options.readings });
      if (plan.rows === 0) throw new ImportFailed(displayName, 'the file has a header but no records', { code: 'no_records' });
      const recordsCount = await writeParquet(connection, source, plan, destination, {
        path: twin,
        clusterMinRows: engine.clusterMinRows,
        withScanConnection: (work) => engine.withScanConnection(work),
        scanMemoryBytes: engine.scanMemoryBytes,
        queryMemoryBytes: engine.queryMemoryBytes,
      });
      return { tempPath: destination, twinPath: twin, fields: fieldsOf(plan), recordsCount, format: source.format, report: plan.report };
    } catch (error) {
      await discard();
      if (error instanceof ImportFailed) throw error;
      if (diskFull(error)) throw new ImportFailed(displayName, 'the disk is full; free space in the data directory and import again', { code: 'disk_full' });
      if (outOfMemory(error)) {
        const columns = source ? `its ${source.columns.length} columns` : 'it';
        throw new ImportTooLarge(displayName, `the records engine ran out of memory writing ${columns}; import fewer columns, or raise DUCKDB_MEMORY_LIMIT`, { code: 'out_of_memory' });
      }
      const explained = await source?.explain(error as Error);
      if (explained) throw new ImportFailed(displayName, explained.reason, explained.words, explained.line);
      throw error;
    } finally {
      await source?.cleanup();
    }
  });
}
