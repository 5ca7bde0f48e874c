// XLSX: the first worksheet, streamed row by row into a UTF-8 CSV that the CSV path then reads.
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import type { BlobStore } from '../../blobs/index.ts';
import { ImportFailed, ImportTooLarge } from '../../errors.ts';
import { openCsv } from './csv.ts';
import { defaultImportLimits, refuseColumns, type ImportLimits } from './limits.ts';
import { checkWorkbook } from './workbook-guard.ts';
import type { Source } from './types.ts';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Excel stores wall-clock times without a zone: write them without an offset. A date at midnight is a plain date; a
 * time of day alone (a serial below 1, which exceljs puts on the day the serials count from) is the time, not a
 * date-time in 1899.
 */
function dateText(d: Date, date1904: boolean): string {
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (d.getTime() >= epoch(date1904) && d.getTime() < epoch(date1904) + day) return time;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0) {
    return date;
  }
  return `${date}T${time}`;
}

const day = 24 * 3600 * 1000;
/** The instant serial 0 stands for: 30 December 1899, or 1 January 1904 in a workbook of the 1904 date system. */
const epoch = (date1904: boolean) => Date.UTC(1899, 11, 30) + (date1904 ? 1462 * day : 0);

/**
 * A number format that shows a date or a time, as exceljs tells one (it turns such a cell's number into a Date, but
 * not a formula's result): a date or time letter outside quotes and brackets.
 */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface CellContext {
  /** The cell's number format: a formula's number result shown as a date is a date. */
  numFmt?: string;
  /** The workbook counts its serials from 1904. */
  date1904?: boolean;
}

/** A formula's cell: its value is the formula's last result. */
const isFormula = (value: ExcelJS.CellValue) => typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);

function cellText(value: ExcelJS.CellValue, context: CellContext = {}): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value, context.date1904 ?? false);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if (isFormula(value)) {
      const result = (value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue;
      if (typeof result === 'number' && isDateFormat(context.numFmt)) {
        return dateText(new Date(Math.round(epoch(context.date1904 ?? false) + result * day)), context.date1904 ?? false);
      }
      return cellText(result, context);
    }
    if ('text' in value && 'hyperlink' in value) return String(value.text);
    if ('error' in value) return '';
    return JSON.stringify(value);
  }
  return String(value);
}


function csvCell(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A cell Excel stores as a number (a date-formatted formula result is a date, not a number). */
function storedAsNumber(value: ExcelJS.CellValue, numFmt: string | undefined): boolean {
  if (typeof value === 'number') return true;
  if (!isFormula(value)) return false;
  return typeof (value as ExcelJS.CellFormulaValue).result === 'number' && !isDateFormat(numFmt);
}

/** exceljs's streaming reader now and then ends before the workbook part that comes last in the ZIP; a new read works. */
const unreadWorkbook = /reading 'sheets'/;
const readAttempts = 3;

/** The first worksheet as a UTF-8 CSV at `csvPath`: its row count, and which columns hold only cells stored as numbers. */
async function sheetToCsv(path: string, csvPath: string, displayName: string, limits: ImportLimits): Promise<{ rows: number; numeric: boolean[] }> {
  const out = createWriteStream(csvPath);
  let width = 0;
  let rows = 0;
  // Per column: a non-empty cell seen, and one that was not stored as a number.
  const seen: boolean[] = [];
  const text: boolean[] = [];
  try {
    // exceljs weighs ~27 MB of memory: loaded when a workbook is first read or written, not at start.
    const { default: Excel } = await import('exceljs');
    const reader = new Excel.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      // The dataset is the first tab a person sees: the workbook part lists tabs in their order, which need not be
      // the order of the sheets' files (tabs moved, a hidden first tab). exceljs names a sheet from that part once it
      // has read it, as it has for the files Excel and LibreOffice write; a sheet it cannot name yet is taken as before.
      const tabs = (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } }).model?.sheets ?? [];
      const firstTab = tabs.find((tab) => tab.state !== 'hidden' && tab.state !== 'veryHidden');
      const named = (sheet as unknown as { name?: string }).name;
      if (firstTab && named !== undefined && named !== firstTab.name) continue;
      // exceljs has read the workbook part by now where it comes first, or holds the sheet back until it has.
      const date1904 = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
      let expected = 1;
      // Rows written so far and the gap before this one, as cells: a lone row 1,000,000 is a million rows of CSV.
      const refuseCells = (upTo: number) => {
        if ((upTo - expected + 1 + rows) * width <= limits.cells) return;
        throw new ImportTooLarge(displayName, `the sheet has more than ${limits.cells} cells, counting empty rows between rows (MAX_IMPORT_CELLS)`, { code: 'too_many_cells', limit: limits.cells }, upTo);
      };
      for await (const row of sheet) {
        if (rows > 0) refuseCells(row.number);
        // Rows that are wholly empty are not emitted: keep the gap so line numbers stay the sheet's.
        for (; expected < row.number; expected++) {
          if (rows > 0) {
            out.write(`${Array(width).fill('""').join(',')}\n`);
            rows++;
          }
        }
        expected = row.number + 1;
        const raw = (row.values as ExcelJS.CellValue[]).slice(1);
        const formats = raw.map((value, i) => (isFormula(value) ? row.getCell(i + 1).numFmt : undefined));
        const values = raw.map((value, i) => cellText(value, { date1904, numFmt: formats[i] }));
        if (rows > 0) {
          values.forEach((v, i) => {
            if (v.trim() === '') return;
            seen[i] = true;
            if (!storedAsNumber(raw[i], formats[i])) text[i] = true;
          });
        }
        if (rows === 0) {
          while (values.length > 0 && values[values.length - 1].trim() === '') values.pop();
          width = values.length;
          if (width === 0) throw new ImportFailed(displayName, 'the first row of the first sheet is empty; put the column names there', { code: 'empty_first_row' }, row.number);
          refuseColumns(displayName, width, limits);
        } else if (values.length > width) {
          const extra = values.slice(width).some((v) => v.trim() !== '');
          if (extra) throw new ImportFailed(displayName, `row ${row.number} has values beyond the ${width} named columns`, { code: 'beyond_columns', width }, row.number);
        }
        const cells = Array.from({ length: width }, (_, i) => csvCell(values[i] ?? ''));
        if (!out.write(`${cells.join(',')}\n`)) await once(out, 'drain');
        rows++;
      }
      break; // Only the first tab is the dataset.
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    // A write still on its way fails once the stream is destroyed: the refusal is the news, not that.
    out.on('error', () => undefined);
    out.destroy();
    throw error;
  }
  return { rows, numeric: Array.from({ length: width }, (_, i) => seen[i] === true && text[i] !== true) };
}

export async function openXlsx(path: string, blobs: BlobStore, options: { displayName?: string; limits?: ImportLimits } = {}): Promise<Source> {
  const displayName = options.displayName ?? basename(path);
  const limits = options.limits ?? defaultImportLimits;
  try {
    await checkWorkbook(path, displayName, limits);
  } catch (error) {
    if (error instanceof ImportFailed) throw error;
    throw new ImportFailed(displayName, `not a readable XLSX workbook (${(error as Error).message})`, { code: 'not_xlsx' });
  }
  const csvPath = blobs.tempPath('.csv');
  let rows = 0;
  let numeric: boolean[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      ({ rows, numeric } = await sheetToCsv(path, csvPath, displayName, limits));
      break;
    } catch (error) {
      await blobs.discard(csvPath);
      if (error instanceof ImportFailed) throw error;
      if (attempt < readAttempts && unreadWorkbook.test((error as Error).message)) continue;
      throw new ImportFailed(displayName, `not a readable XLSX workbook (${(error as Error).message})`, { code: 'not_xlsx' });
    }
  }
  if (rows === 0) {
    await blobs.discard(csvPath);
    throw new ImportFailed(displayName, 'the workbook has no rows', { code: 'no_records' });
  }
  try {
    const source = await openCsv(csvPath, blobs, {
      displayName,
      dialect: { encoding: 'utf-8', delimiter: ',' },
      limits,
    });
    return {
      ...source,
      // A number Excel stores is read as the number it is: `12.345` in such a cell is no thousands notation.
      columns: source.columns.map((column, i) => (numeric[i] ? { ...column, storedAsNumbers: true } : column)),
      format: 'xlsx',
      cleanup: async () => {
        await source.cleanup();
        await blobs.discard(csvPath);
      },
    };
  } catch (error) {
    await blobs.discard(csvPath);
    throw error;
  }
}
