// Type inference: one aggregate pass over every value decides each column's field type.
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

/** The trimmed value of column i, NULL when empty: what the parsers look at. */
export function valueSql(i: number): string {
  return `c${i}`;
}

export function trimmedSelect(source: Source): string {
  const cells = source.columns.flatMap((c, i) => [
    `NULLIF(trim(${c.expression}), '') AS ${valueSql(i)}`,
    ...(c.typeExpression ? [`${c.typeExpression} AS t${i}`] : []),
  ]);
  return `SELECT ${cells.join(', ')} FROM ${source.from}`;
}

export async function inferPlan(
  connection: DuckDBConnection,
  source: Source,
  options: { displayName: string; typeOverrides?: Record<string, FieldType> },
): Promise<Plan> {
  const overrides = options.typeOverrides ?? {};
  const candidates = parsers.filter((p) => !p.needsDecimalComma || source.decimalComma);
  const aggregates: string[] = ['count(*) AS rows'];
  source.columns.forEach((column, i) => {
    const v = valueSql(i);
    aggregates.push(`count(${v}) AS n${i}`);
    candidates.forEach((p, j) => {
      const accepts = p.scalar && column.typeExpression ? `(${p.accepts(v)} AND t${i} <> 'VARCHAR')` : p.accepts(v);
      aggregates.push(`count_if(${accepts}) AS p${i}_${j}`);
    });
    if (latNames.test(column.name) || lonNames.test(column.name)) {
      aggregates.push(`min(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS min${i}`);
      aggregates.push(`max(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS max${i}`);
    }
  });
  const sql = `SELECT ${aggregates.join(', ')} FROM (${trimmedSelect(source)})`;
  const [counts] = (await connection.runAndReadAll(sql)).getRowObjects();
  const number = (key: string) => Number(counts[key] ?? 0);

  const columns = source.columns.map((column, i): PlannedColumn => {
    const n = number(`n${i}`);
    const fits = (j: number) => number(`p${i}_${j}`) === n;
    const wanted = overrides[column.name];
    if (wanted === undefined || n === 0) {
      return { ...column, parser: n === 0 ? textParser : (candidates.find((_, j) => fits(j)) ?? textParser) };
    }
    if (wanted === 'text') return { ...column, parser: textParser };
    const parser = candidates.find((p, j) => p.type === wanted && fits(j));
    if (!parser) {
      throw new ImportFailed(options.displayName, `field "${column.name}" is declared ${wanted}, but not all of its values are ${wanted} values`);
    }
    return { ...column, parser };
  });

  const numeric = (c: PlannedColumn) => c.parser.type === 'int' || c.parser.type === 'double';
  const inRange = (i: number, limit: number) =>
    number(`min${i}`) >= -limit && number(`max${i}`) <= limit;
  const latIndex = columns.findIndex((c, i) => latNames.test(c.name) && numeric(c) && inRange(i, 90));
  const lonIndex = columns.findIndex((c, i) => lonNames.test(c.name) && numeric(c) && inRange(i, 180));
  const hasPointAlready = columns.some((c) => c.parser.type === 'geo_point_2d');
  let pointPair: PointPair | null = null;
  if (latIndex >= 0 && lonIndex >= 0 && !hasPointAlready) {
    const taken = new Set(columns.map((c) => c.name));
    let name = 'geo_point_2d';
    for (let k = 2; taken.has(name); k++) name = `geo_point_2d_${k}`;
    pointPair = { name, lat: columns[latIndex], lon: columns[lonIndex] };
  }
  return { columns, pointPair, rows: number('rows') };
}
