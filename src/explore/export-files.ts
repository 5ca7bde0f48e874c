// Exports that are files rather than lines: Parquet written by DuckDB to a temp file, XLSX streamed by exceljs.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { BlobStore } from '../blobs/index.ts';
import type { Engine } from '../engine/duckdb.ts';
import { maxRowGroupRows, rowGroupRows } from '../engine/parquet.ts';
import { literal } from '../engine/sql.ts';
import type { OutputColumn } from '../odsql/query.ts';
import { jsonObjectSql } from './exports.ts';

export interface FileExport {
  sql: string;
  params: (string | number | boolean | null)[];
  columns: OutputColumn[];
  timeZone: string;
  /** The FROM item of the records the export reads, whose record size sets a Parquet file's row groups. */
  source: string | null;
}

/** One typed column per field, named by its key; the file is removed once sent or abandoned. */
export async function parquetExport(engine: Engine, blobs: BlobStore, plan: FileExport, compression: 'snappy' | 'zstd'): Promise<Readable> {
  const path = blobs.tempPath('.parquet');
  const named = plan.columns.map((c) => `${c.alias} AS "${c.key.replace(/"/g, '""')}"`).join(', ');
  try {
    await engine.withScanConnection(async (c) => {
      const rows = plan.source ? await rowGroupRows(c, plan.source, engine.scanMemoryBytes) : maxRowGroupRows;
      await c.run(`COPY (SELECT ${named} FROM (${plan.sql})) TO ${literal(path)} (FORMAT parquet, COMPRESSION ${compression}, ROW_GROUP_SIZE ${rows}, USE_TMP_FILE false)`, plan.params);
    }, plan.timeZone);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  const stream = createReadStream(path);
  stream.once('close', () => void rm(path, { force: true }));
  return stream;
}

/** One sheet with a header row; values as the JSON export writes them, in batches with backpressure. */
export function xlsxExport(engine: Engine, plan: FileExport, labels: Map<string, string>, useLabels: boolean, log: (e: Error) => void): Readable {
  const out = new PassThrough();
  void engine.withScanConnection(async (connection) => {
    // exceljs weighs ~27 MB of memory: loaded when a workbook is first read or written, not at start.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('export');
    sheet.addRow(plan.columns.map((c) => (useLabels ? (labels.get(c.key) ?? c.key) : c.key))).commit();
    const result = await connection.stream(`SELECT ${jsonObjectSql(plan.columns)} AS line FROM (${plan.sql})`, plan.params);
    for await (const rows of result.yieldRows()) {
      if (out.destroyed) break;
      for (const [line] of rows) {
        const record = JSON.parse(line as string) as Record<string, unknown>;
        sheet
          .addRow(plan.columns.map((c) => {
            const v = record[c.key];
            return v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as ExcelJS.CellValue);
          }))
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }, plan.timeZone).catch((error: Error) => {
    log(error);
    out.destroy(error);
  });
  return out;
}
