// Type inference: a sample proposes each column's type, one pass over every value confirms it.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldType } from '../../catalog/types.ts';
import { ImportFailed } from '../../errors.ts';
import { parsers, textParser, type Parser } from './parsers.ts';
import type { Source, SourceColumn } from './types.ts';

export interface PlannedColumn extends SourceColumn {
  parser: Parser;
}

/** A lat/lon column pair that becomes one geo_point_2d field as well. */
export interface PointPair {
  name: string;
  lat: PlannedColumn;
  lon: PlannedColumn;
}

export interface Plan {
  columns: PlannedColumn[];
  pointPair: PointPair | null;
  rows: number;
}

const latNames = /^(lat|latitude|breedtegraad|geo_lat|y_lat)$/;
const lonNames = /^(lon|lng|long|longitude|lengtegraad|geo_lon|geo_lng|x_lon)$/;
const sampleRows = 20_000;

/** The trimmed value of column i, NULL when empty: what the parsers look at. */
export function valueSql(i: number): string {
  return `c${i}`;
}

/**
 * A raw text trimmed as DuckDB's trim() does (space separators at either end), NULL when empty. trim() copies every
 * value and decodes its ends; most values have nothing to trim, so it runs only where an end is a space or the text
 * is not plain ASCII (the only ASCII space separator is the space): an 11-column, 1M-row pass took 274 ms, not 444.
 */
export function trimmedSql(raw: string): string {
  return `NULLIF(CASE WHEN starts_with(${raw}, ' ') OR ends_with(${raw}, ' ') OR strlen(${raw}) <> length(${raw}) THEN trim(${raw}) ELSE ${raw} END, '')`;
}

export function trimmedSelect(source: Source): string {
  const cells = source.columns.flatMap((c, i) => [
    `${trimmedSql(c.expression)} AS ${valueSql(i)}`,
    ...(c.typeExpression ? [`${c.typeExpression} AS t${i}`] : []),
  ]);
  return `SELECT ${cells.join(', ')} FROM ${source.from}`;
}

type Counts = (key: string) => number;

/**
 * Counts, per column, its non-null values and those each given parser accepts; `limit` reads a sample.
 * Checking every parser on every value is slow (regular expressions), so the full pass checks few.
 */
async function count(
  connection: DuckDBConnection,
  source: Source,
  tried: Map<number, Parser[]>,
  options: { limit?: number; ranges?: boolean } = {},
): Promise<Counts> {
  const aggregates: string[] = ['count(*) AS rows'];
  for (const [i, list] of tried) {
    const column = source.columns[i];
    const v = valueSql(i);
    aggregates.push(`count(${v}) AS n${i}`);
    list.forEach((p) => {
      const accepts = p.scalar && column.typeExpression ? `(${p.accepts(v)} AND t${i} <> 'VARCHAR')` : p.accepts(v);
      aggregates.push(`count_if(${accepts}) AS "p${i}_${p.kind}"`);
    });
    if (options.ranges && (latNames.test(column.name) || lonNames.test(column.name))) {
      aggregates.push(`min(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS min${i}`);
      aggregates.push(`max(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS max${i}`);
    }
  }
  const rows = options.limit ? `${trimmedSelect(source)} LIMIT ${options.limit}` : trimmedSelect(source);
  const [counts] = (await connection.runAndReadAll(`SELECT ${aggregates.join(', ')} FROM (${rows})`)).getRowObjects();
  return (key) => Number(counts[key] ?? 0);
}

export async function inferPlan(
  connection: DuckDBConnection,
  source: Source,
  options: { displayName: string; typeOverrides?: Record<string, FieldType> },
): Promise<Plan> {
  const overrides = options.typeOverrides ?? {};
  const available = parsers.filter((p) => !p.needsDecimalComma || source.decimalComma);
  const allowed = (column: SourceColumn) => {
    const wanted = overrides[column.name];
    return wanted === undefined ? available : available.filter((p) => p.type === wanted);
  };
  const firstFit = (i: number, list: Parser[], counts: Counts) => {
    const n = counts(`n${i}`);
    return n === 0 ? undefined : list.find((p) => counts(`p${i}_${p.kind}`) === n);
  };

  const everyColumn = new Map(source.columns.map((c, i) => [i, allowed(c)]));
  const sample = await count(connection, source, everyColumn, { limit: sampleRows });
  const proposed = new Map(source.columns.map((c, i) => [i, firstFit(i, allowed(c), sample)]));

  const toConfirm = new Map<number, Parser[]>();
  source.columns.forEach((_, i) => toConfirm.set(i, proposed.get(i) ? [proposed.get(i)!] : []));
  const full = await count(connection, source, toConfirm, { ranges: true });
  let chosen = (i: number) => (proposed.get(i) && firstFit(i, [proposed.get(i)!], full)) || undefined;

  // A column whose later values broke the sample's guess is tried again, alone, with every parser.
  const retry = new Map<number, Parser[]>();
  source.columns.forEach((c, i) => {
    const guess = proposed.get(i);
    if (guess && !chosen(i)) retry.set(i, allowed(c).filter((p) => p !== guess));
    // Empty throughout the sample but not after it: nothing was guessed yet.
    if (!guess && sample(`n${i}`) === 0 && full(`n${i}`) > 0) retry.set(i, allowed(c));
  });
  if (retry.size > 0) {
    const again = await count(connection, source, retry);
    const first = chosen;
    chosen = (i) => first(i) ?? (retry.has(i) ? firstFit(i, retry.get(i)!, again) : undefined);
  }

  const columns = source.columns.map((column, i): PlannedColumn => {
    const wanted = overrides[column.name];
    const parser = chosen(i);
    if (wanted !== undefined && wanted !== 'text' && !parser && full(`n${i}`) > 0) {
      throw new ImportFailed(
        options.displayName,
        `field "${column.name}" is declared ${wanted}, but not all of its values are ${wanted} values`,
      );
    }
    return { ...column, parser: parser ?? textParser };
  });
  return { columns, pointPair: pointPair(columns, full), rows: full('rows') };
}

function pointPair(columns: PlannedColumn[], counts: Counts): PointPair | null {
  const numeric = (c: PlannedColumn) => c.parser.type === 'int' || c.parser.type === 'double';
  const inRange = (i: number, limit: number) => counts(`min${i}`) >= -limit && counts(`max${i}`) <= limit;
  const latIndex = columns.findIndex((c, i) => latNames.test(c.name) && numeric(c) && inRange(i, 90));
  const lonIndex = columns.findIndex((c, i) => lonNames.test(c.name) && numeric(c) && inRange(i, 180));
  if (latIndex < 0 || lonIndex < 0 || columns.some((c) => c.parser.type === 'geo_point_2d')) return null;
  const taken = new Set(columns.map((c) => c.name));
  let name = 'geo_point_2d';
  for (let k = 2; taken.has(name); k++) name = `geo_point_2d_${k}`;
  return { name, lat: columns[latIndex], lon: columns[lonIndex] };
}
