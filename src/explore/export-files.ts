// Exports that are files rather than lines: Parquet written by DuckDB to a temp file, XLSX streamed by exceljs.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { BlobStore } from '../blobs/index.ts';
import type { Engine } from '../engine/duckdb.ts';
import { maxRowGroupRows, rowGroupRows } from '../engine/parquet.ts';
import { literal } from '../engine/sql.ts';
import type { OutputColumn } from '../odsql/query.ts';
import type { ExportRun } from './export-limits.ts';
import { jsonValue } from './exports.ts';

interface FileExport {
  sql: string;
  params: (string | number | boolean | null)[];
  columns: OutputColumn[];
  timeZone: string;
  /** The FROM item of the records the export reads, whose record size sets a Parquet file's row groups. */
  source: string | null;
}

/** How often a file the engine writes is measured against the temp budget. */
const measureMs = 50;

/** Claims a growing file's bytes from the run's temp budget while `writing` runs; a spent budget stops the run. */
async function measured<T>(path: string, run: ExportRun, writing: Promise<T>): Promise<T> {
  let claimed = 0;
  const measure = async () => {
    const size = (await stat(path).catch(() => null))?.size ?? 0;
    run.claimTemp(size - claimed);
    claimed = Math.max(claimed, size);
  };
  const timer = setInterval(() => void measure().catch(() => {}), measureMs);
  try {
    const result = await writing;
    await measure();
    return result;
  } finally {
    clearInterval(timer);
  }
}

/**
 * One typed column per field, named by its key. A Parquet file's footer, which readers need first, is written
 * last, so the engine writes the whole file to the temp area; its bytes count against the exports' temp budget
 * until it has been sent or abandoned, when it is removed.
 */
export async function parquetExport(engine: Engine, blobs: BlobStore, plan: FileExport, compression: 'snappy' | 'zstd', run: ExportRun): Promise<Readable> {
  const path = blobs.tempPath('.parquet');
  const named = plan.columns.map((c) => `${c.alias} AS "${c.key.replace(/"/g, '""')}"`).join(', ');
  try {
    const writing = run.scan(engine, async (c) => {
      const rows = plan.source ? await rowGroupRows(c, plan.source, engine.scanMemoryBytes) : maxRowGroupRows;
      await c.run(`COPY (SELECT ${named} FROM (${plan.sql})) TO ${literal(path)} (FORMAT parquet, COMPRESSION ${compression}, ROW_GROUP_SIZE ${rows}, USE_TMP_FILE false)`, plan.params);
    }, plan.timeZone);
    await measured(path, run, writing);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  const stream = createReadStream(path);
  stream.once('close', () => void rm(path, { force: true }));
  return stream;
}

/**
 * Excel's 1900 date system counts days from 1899-12-30 and holds a 29 February 1900 that never was: its serials
 * are right from 1 March 1900 on. 1970-01-01 is day 25569.
 */
const excelEpoch = "DATE '1899-12-30'";
const unixEpochSerial = 25569;
const firstExcelDay = "DATE '1900-03-01'";

/** Excel keeps 15 significant digits: an int past them goes out as text, so that no digit is lost. */
const exactInt = 999_999_999_999_999;

/**
 * A column's value as JSON for a typed cell: ints and doubles as numbers, dates and date-times as Excel serial
 * numbers (date-times on the wall clock of the session's time zone; Excel has no zones), booleans as booleans.
 * What Excel cannot hold as such goes out as text: dates before 1 March 1900, non-finite doubles, long ints.
 * Other types are the JSON export's values, written as text.
 */
function xlsxValueSql(column: OutputColumn): string {
  const v = column.alias;
  switch (column.type) {
    case 'int':
      return `CASE WHEN ${v} BETWEEN ${-exactInt} AND ${exactInt} THEN to_json(${v}) ELSE to_json(CAST(${v} AS VARCHAR)) END`;
    case 'double':
    case 'number':
      return `CASE WHEN isfinite(${v}) THEN to_json(${v}) ELSE to_json(CAST(${v} AS VARCHAR)) END`;
    case 'date':
      return `CASE WHEN ${v} >= ${firstExcelDay} THEN to_json(${v} - ${excelEpoch}) ELSE to_json(strftime(${v}, '%Y-%m-%d')) END`;
    case 'datetime': {
      const local = `CAST(${v} AS TIMESTAMP)`;
      return `CASE WHEN ${local} >= ${firstExcelDay} THEN to_json(epoch_ms(${local}) / 86400000 + ${unixEpochSerial}) ELSE to_json(${jsonValue(column, v)}) END`;
    }
    default:
      return jsonValue(column, v);
  }
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, not "History". */
export function sheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31).replace(/^'+|'+$/g, '');
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'export' : cleaned;
}

/** How much of a sheet's XML may wait for the zip's deflate before the rows wait in turn. */
const maxBacklog = 1 << 20;

/**
 * Where exceljs leaves a sheet's XML for the zip (archiver's entry stream). exceljs writes there without waiting,
 * so a deflate slower than the rows, or a slow client, would pile the whole sheet up in memory (477 MB of buffers
 * for a million records of 11 fields); the rows wait for it instead. A later exceljs built otherwise reads as empty.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): { length(): number; drained(): Promise<void> } {
  type Entry = NodeJS.EventEmitter & { writableLength?: number; _writableState?: { length: number } };
  // Looked up each time: archiver attaches it when it starts on the sheet's entry.
  const entry = () => (sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
  return {
    length() {
      const e = entry();
      return e ? (e.writableLength ?? e._writableState?.length ?? 0) : 0;
    },
    drained: () =>
      new Promise((resolve) => {
        const e = entry();
        // A poll besides 'drain': the stream only emits it after a write that found it full.
        const done = () => {
          clearTimeout(timer);
          e?.off('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 20);
        e?.once('drain', done);
      }),
  };
}

interface XlsxOptions {
  /** The sheet's name, before sanitising (the dataset's id). */
  name: string;
  /** One header per column: labels or names. */
  headers: string[];
}

/**
 * One sheet with a frozen header row and typed cells, rows in batches with backpressure. Styles are on (number
 * formats need them) but shared: each cell is given one of a few style objects, which exceljs numbers once.
 */
export function xlsxExport(engine: Engine, plan: FileExport, options: XlsxOptions, run: ExportRun): Readable {
  const out = new PassThrough();
  void run.scan(engine, async (connection) => {
    const result = await connection.stream(`SELECT CAST(json_array(${plan.columns.map(xlsxValueSql).join(', ')}) AS VARCHAR) AS line FROM (${plan.sql})`, plan.params);
    // The workbook starts once the first rows are there: an engine error before them is still answered with a status.
    const batches = result.yieldRows()[Symbol.asyncIterator]();
    let next = await batches.next();
    if (out.destroyed) return;
    // exceljs weighs ~27 MB of memory: loaded when a workbook is first read or written, not at start.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName(options.name), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const styles = {
      plain: {},
      header: { font: { bold: true } },
      int: { numFmt: '0' },
      whole: { numFmt: '#,##0' },
      fraction: { numFmt: '#,##0.##########' },
      date: { numFmt: 'yyyy-mm-dd' },
      datetime: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
    } satisfies Record<string, Partial<ExcelJS.Style>>;
    /** The style of one value: numbers by their column's type (doubles without a trailing separator when whole). */
    const styleOf = (column: OutputColumn, value: unknown): Partial<ExcelJS.Style> => {
      if (typeof value !== 'number') return styles.plain;
      switch (column.type) {
        case 'int':
          return styles.int;
        case 'date':
          return styles.date;
        case 'datetime':
          return styles.datetime;
        default:
          return Number.isInteger(value) ? styles.whole : styles.fraction;
      }
    };
    // Wide enough for a date-time (else Excel shows ####) and for the header.
    const minWidth: Partial<Record<string, number>> = { date: 11, datetime: 20, int: 10, double: 12, number: 12 };
    sheet.columns = plan.columns.map((c, i) => ({ width: Math.min(60, Math.max(minWidth[c.type] ?? 10, options.headers[i].length + 2)) }));
    // A row has a style of its own too (untyped in exceljs): a fresh one per row would be numbered anew each time.
    const shareRowStyle = (row: ExcelJS.Row) => ((row as unknown as { style: object }).style = styles.plain);
    const header = sheet.addRow(options.headers);
    shareRowStyle(header);
    header.eachCell((cell) => (cell.style = styles.header));
    header.commit();
    const backlog = sheetBacklog(sheet);
    for (; !next.done; next = await batches.next()) {
      if (out.destroyed) break;
      for (const [line] of next.value) {
        const values = (JSON.parse(line as string) as unknown[]).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
        const row = sheet.addRow(values as ExcelJS.CellValue[]);
        shareRowStyle(row);
        for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = styleOf(plan.columns[i], values[i]);
        row.commit();
      }
      while (backlog.length() > maxBacklog && !out.destroyed) await backlog.drained();
    }
    sheet.commit();
    await workbook.commit();
  }, plan.timeZone).catch((error: Error) => {
    if (out.destroyed) return;
    run.log(error);
    out.destroy(error);
  });
  return out;
}
