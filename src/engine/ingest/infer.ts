// Type inference: a sample proposes each column's reading, a pass over every value confirms it and weighs its rivals.
import type { DuckDBConnection } from '@duckdb/node-api';
import { Invalid } from '../../errors.ts';
import { endsLikeUnit, numberKinds, storedNumberParsers, unitOf, withoutUnit } from './numbers.ts';
import type { Parser } from './parser.ts';
import { parsers, textParser } from './parsers.ts';
import { decide, type Counted } from './decide.ts';
import type { FieldReport, ImportReport, ReportExample } from './report.ts';
import type { FieldReading, Source, SourceColumn } from './types.ts';

interface PlannedColumn extends SourceColumn {
  parser: Parser;
  /** Removed from every value before the parser reads it (`%`, `€`); kept as the field's unit. */
  unit: string | null;
  /** Values the parser cannot read (a person chose the type): stored as null, and counted in the report. */
  unreadable: number;
}

/** A lat/lon column pair that becomes one geo_point_2d field as well. */
interface PointPair {
  name: string;
  lat: PlannedColumn;
  lon: PlannedColumn;
}

export interface Plan {
  columns: PlannedColumn[];
  pointPair: PointPair | null;
  rows: number;
  report: ImportReport;
}

const latNames = /^(lat|latitude|breedtegraad|geo_lat|y_lat)$/;
const lonNames = /^(lon|lng|long|longitude|lengtegraad|geo_lon|geo_lng|x_lon)$/;
const sampleRows = 20_000;
/** The forms the sample tries first, on every column: what most columns are, and cheap to check. */
const plainFirst = new Set(['boolean', 'int', 'double', 'double_comma']);
const exampleCount = 3;

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

/** The trimmed values `c{i}` (and JSON kinds `t{i}`) of the given columns, or of all, in the file's order. */
function trimmedSelect(source: Source, only?: Iterable<number>): string {
  const indices = only ? [...new Set(only)] : source.columns.map((_, i) => i);
  const cells = indices.flatMap((i) => {
    const c = source.columns[i];
    return [`${trimmedSql(c.expression)} AS ${valueSql(i)}`, ...(c.typeExpression ? [`${c.typeExpression} AS t${i}`] : [])];
  });
  return `SELECT ${cells.length > 0 ? cells.join(', ') : '1'} FROM ${source.from}`;
}

/**
 * At most this many aggregates in one statement. DuckDB's memory and planning time grow with a statement's
 * expressions: one statement with a count per column per parser ran out of memory at 600 columns and took 28 minutes
 * at 5,000. A wide file is read in several statements instead, each over only its own columns.
 */
const aggregatesPerStatement = 256;

/** One aggregate row over the source, computed in statements of at most aggregatesPerStatement aggregates each. */
async function aggregateInBatches<T extends { i: number; aggregates: string[] }>(
  connection: DuckDBConnection,
  source: Source,
  items: T[],
  statement: (batch: T[], rows: string) => string,
  options: { limit?: number; numbered?: boolean } = {},
): Promise<Record<string, unknown>> {
  const merged: Record<string, unknown> = {};
  const run = async (batch: T[]) => {
    let rows = trimmedSelect(source, batch.map((item) => item.i));
    if (options.numbered) rows = `SELECT row_number() OVER () AS row, * FROM (${rows})`;
    if (options.limit) rows = `${rows} LIMIT ${options.limit}`;
    const [row] = (await connection.runAndReadAll(statement(batch, rows))).getRowObjectsJson();
    Object.assign(merged, row);
  };
  let batch: T[] = [];
  let size = 0;
  for (const item of items) {
    if (batch.length > 0 && size + item.aggregates.length > aggregatesPerStatement) {
      await run(batch);
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += item.aggregates.length;
  }
  if (batch.length > 0 || items.length === 0) await run(batch);
  return merged;
}

/** What the parser reads of column i: the trimmed value, without its unit where the column has one. */
function inputSql(i: number, unit: string | null | undefined): string {
  return unit ? withoutUnit(valueSql(i), unit) : valueSql(i);
}

/** The stored value of a planned column, over the trimmed value `c{i}`; a value the parser cannot read is null. */
export function typedSql(column: PlannedColumn, i: number): string {
  const v = inputSql(i, column.unit);
  const unreadable = column.unreadable > 0 ? ` OR NOT ${column.parser.accepts(v)}` : '';
  return `CASE WHEN ${valueSql(i)} IS NULL${unreadable} THEN NULL ELSE ${column.parser.cast(v)} END`;
}

type Counts = (key: string) => number;

interface Tried {
  parsers: Parser[];
  /** Parsers whose doubtful values to count too. */
  doubts?: Parser[];
}

/**
 * Counts, per column, its non-null values and those each given parser accepts; `limit` reads a sample.
 * Checking every parser on every value is slow (regular expressions), so the full pass checks few.
 */
async function count(
  connection: DuckDBConnection,
  source: Source,
  tried: Map<number, Tried>,
  units: Map<number, string>,
  options: { limit?: number; ranges?: boolean; unitProbe?: number[] } = {},
): Promise<Counts> {
  const perColumn = new Map<number, string[]>();
  const add = (i: number, aggregate: string) => perColumn.set(i, [...(perColumn.get(i) ?? []), aggregate]);
  for (const i of options.unitProbe ?? []) add(i, `count_if(${endsLikeUnit(valueSql(i))}) AS k${i}`);
  for (const [i, list] of tried) {
    const column = source.columns[i];
    const v = inputSql(i, units.get(i));
    add(i, `count(${valueSql(i)}) AS n${i}`);
    for (const p of list.parsers) {
      const accepts = p.scalar && column.typeExpression ? `(${p.accepts(v)} AND t${i} <> 'VARCHAR')` : p.accepts(v);
      add(i, `count_if(${accepts}) AS "p${i}_${p.kind}"`);
    }
    for (const p of list.doubts ?? []) add(i, `count_if(${p.accepts(v)} AND ${p.doubt!(v)}) AS "d${i}_${p.kind}"`);
    if (options.ranges && (latNames.test(column.name) || lonNames.test(column.name))) {
      add(i, `min(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS min${i}`);
      add(i, `max(TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) AS max${i}`);
    }
  }
  const items = [...perColumn].map(([i, aggregates]) => ({ i, aggregates }));
  const counts = await aggregateInBatches(
    connection,
    source,
    items,
    (batch, rows) => `SELECT ${['count(*) AS rows', ...batch.flatMap((item) => item.aggregates)].join(', ')} FROM (${rows})`,
    { limit: options.limit },
  );
  return (key) => Number(counts[key] ?? 0);
}

/** Of the columns whose every sampled value starts or ends like a unit, those that are numbers with one same unit. */
async function sampleUnits(connection: DuckDBConnection, source: Source, candidates: number[]): Promise<Map<number, string>> {
  const units = new Map<number, string>();
  if (candidates.length === 0) return units;
  const items = candidates.map((i) => ({ i, aggregates: [`count(${valueSql(i)}) AS n${i}`, `count(u${i}) AS k${i}`, `min(u${i}) AS lo${i}`, `max(u${i}) AS hi${i}`] }));
  const row = await aggregateInBatches(
    connection,
    source,
    items,
    (batch, rows) => {
      const cells = batch.map(({ i }) => `${valueSql(i)}, ${unitOf(valueSql(i))} AS u${i}`);
      return `SELECT ${batch.flatMap((item) => item.aggregates).join(', ')} FROM (SELECT ${cells.join(', ')} FROM (${rows}))`;
    },
    { limit: sampleRows },
  );
  for (const i of candidates) {
    const n = Number(row[`n${i}`]);
    if (n > 0 && Number(row[`k${i}`]) === n && row[`lo${i}`] === row[`hi${i}`]) units.set(i, String(row[`lo${i}`]));
  }
  return units;
}

/** Types a publisher may choose, and the parsers that read each; `text` always fits. */
function parsersFor(column: SourceColumn, reading: FieldReading): Parser[] {
  const ofType = [...parsers, textParser].filter((p) => p.type === reading.type);
  if (ofType.length === 0) throw new Invalid(`Field "${column.name}": Opaal cannot read values as ${reading.type}.`, 'field_type');
  if (reading.format === undefined) return ofType;
  const chosen = ofType.filter((p) => p.format === reading.format || p.kind === reading.format);
  if (chosen.length === 0) {
    const known = ofType.map((p) => p.format).filter((f): f is string => f !== undefined);
    throw new Invalid(
      `Field "${column.name}": "${reading.format}" is not a ${reading.type} notation Opaal reads${known.length ? `; it reads ${known.join(', ')}` : ''}.`,
      'field_format',
    );
  }
  return chosen;
}

export async function inferPlan(
  connection: DuckDBConnection,
  source: Source,
  options: { displayName: string; readings?: Record<string, FieldReading> },
): Promise<Plan> {
  const readings = options.readings ?? {};
  const chosenBy = (column: SourceColumn) => readings[column.name];
  const wantsNumber = (column: SourceColumn) => !chosenBy(column) || ['int', 'double'].includes(chosenBy(column).type);
  const first = source.columns.map((column) => (chosenBy(column) ? parsersFor(column, chosenBy(column)) : column.storedAsNumbers ? storedNumberParsers : parsers));
  const unitProbe = source.columns.flatMap((c, i) => (wantsNumber(c) && !c.storedAsNumbers ? [i] : []));
  // The sample in two steps: the plain forms most columns are (booleans, plain numbers), then every other form for the
  // columns those did not read. Each form costs a pattern over every sampled value; most columns need only the first.
  const earlyParsers = first.map((list) => {
    const k = list.findIndex((p) => !plainFirst.has(p.kind));
    return k < 0 ? list : list.slice(0, k);
  });
  const early = await count(connection, source, new Map(earlyParsers.map((list, i) => [i, { parsers: list }])), new Map(), { limit: sampleRows, unitProbe });
  const rest = first.flatMap((list, i): [number, Tried][] => {
    const fit = early(`n${i}`) > 0 ? earlyParsers[i].find((p) => early(`p${i}_${p.kind}`) === early(`n${i}`)) : undefined;
    // Read already: only its rivals are left to count (`12.345` is a double, and perhaps a thousands-dot int).
    const left = fit ? list.filter((p) => fit.rivals?.includes(p.kind)) : list.slice(earlyParsers[i].length);
    return left.length > 0 ? [[i, { parsers: left }]] : [];
  });
  const late = rest.length > 0 ? await count(connection, source, new Map(rest), new Map(), { limit: sampleRows }) : () => 0;
  const earlyKinds = earlyParsers.map((list) => new Set(list.map((p) => p.kind)));
  const plain: Counts = (key) => {
    const parser = /^p(\d+)_(.+)$/.exec(key);
    return parser && !earlyKinds[Number(parser[1])].has(parser[2]) ? late(key) : early(key);
  };
  // A column of numbers with a unit is sampled again without it, by the number parsers only.
  const units = await sampleUnits(connection, source, unitProbe.filter((i) => plain(`n${i}`) > 0 && plain(`k${i}`) === plain(`n${i}`)));
  const lists = first.map((list, i) => (units.has(i) ? list.filter((p) => numberKinds.has(p.kind)) : list));
  const withUnits = units.size > 0 ? await count(connection, source, new Map([...units.keys()].map((i) => [i, { parsers: lists[i] }])), units, { limit: sampleRows }) : plain;
  // Keys name their column after a letter or two: `n3`, `p3_int`.
  const sample: Counts = (key) => (units.has(Number(/^[a-z]+(\d+)/.exec(key)?.[1] ?? -1)) ? withUnits(key) : plain(key));
  const firstFit = (i: number, list: Parser[], counts: Counts) => {
    const n = counts(`n${i}`);
    return n === 0 ? undefined : list.find((p) => counts(`p${i}_${p.kind}`) === n);
  };
  const proposed = lists.map((list, i) => firstFit(i, list, sample));

  // The full pass: each proposal with its rivals and its doubts; every allowed parser where a person chose the type.
  // A rival that failed a sampled value fails the file: only those that read the whole sample are counted again.
  const withRivals = (i: number, p: Parser) => [p, ...lists[i].filter((r) => p.rivals?.includes(r.kind) && sample(`p${i}_${r.kind}`) === sample(`n${i}`))];
  const full = await count(
    connection,
    source,
    new Map(
      lists.map((list, i): [number, Tried] => {
        if (chosenBy(source.columns[i])) return [i, { parsers: list, doubts: list.filter((p) => p.doubt) }];
        const guess = proposed[i];
        return [i, guess ? { parsers: withRivals(i, guess), doubts: guess.doubt ? [guess] : [] } : { parsers: [] }];
      }),
    ),
    units,
    { ranges: true },
  );
  const countedFull = (i: number, kind: string) => chosenBy(source.columns[i]) !== undefined || proposed[i]?.kind === kind || (proposed[i] ? withRivals(i, proposed[i]!).some((p) => p.kind === kind) : false);

  // A column whose later values broke the sample's guess is counted again, alone, with every parser.
  const retry = new Map<number, Tried>();
  lists.forEach((list, i) => {
    if (chosenBy(source.columns[i])) return;
    const guess = proposed[i];
    const broken = guess && full(`p${i}_${guess.kind}`) !== full(`n${i}`);
    // Empty throughout the sample but not after it: nothing was guessed yet.
    const startsLate = !guess && sample(`n${i}`) === 0 && full(`n${i}`) > 0;
    if (broken || startsLate) retry.set(i, { parsers: list.filter((p) => p !== guess), doubts: list.filter((p) => p.doubt && p !== guess) });
  });
  const again = retry.size > 0 ? await count(connection, source, retry, units) : () => 0;
  const counted: Counted = {
    values: (i) => full(`n${i}`),
    accepted: (i, kind) => (retry.has(i) && !countedFull(i, kind) ? again(`p${i}_${kind}`) : full(`p${i}_${kind}`)),
    doubtful: (i, kind) => (retry.has(i) && !countedFull(i, kind) ? again(`d${i}_${kind}`) : full(`d${i}_${kind}`)),
    counted: (i, kind) => countedFull(i, kind) || (retry.get(i)?.parsers.some((p) => p.kind === kind) ?? false),
    sampled: (i, kind) => sample(`p${i}_${kind}`),
    sampledValues: (i) => sample(`n${i}`),
  };

  const decided = decide(source, lists, counted, {
    chosen: (i) => chosenBy(source.columns[i]) !== undefined,
    units,
  });
  const columns = source.columns.map((column, i): PlannedColumn => ({
    ...column,
    parser: decided[i].parser,
    unit: decided[i].parser.type === 'text' ? null : (units.get(i) ?? null),
    unreadable: decided[i].unreadable,
  }));
  const pair = pointPair(columns, full);
  const requests = decided.flatMap((d, i) => d.decisions.flatMap((decision) => (decision.example ? [{ i, unit: units.get(i) ?? null, ...decision.example }] : [])));
  const found = await examples(connection, source, requests);
  let next = 0;
  const fields: FieldReport[] = columns.map((column, i) => ({
    name: column.name,
    label: column.label,
    type: column.parser.type,
    format: column.parser.format ?? null,
    unit: column.unit,
    values: full(`n${i}`),
    unreadable: column.unreadable,
    // The requests were made in this same order, column by column, decision by decision.
    decisions: decided[i].decisions.map(({ example, ...decision }) => {
      const read = example ? found[next++] : null;
      return { ...decision, count: read?.count ?? decision.count, examples: read?.examples ?? [] };
    }),
  }));
  if (pair) {
    const lat = columns.indexOf(pair.lat);
    fields.push({ name: pair.name, label: 'Geo Point', type: 'geo_point_2d', format: null, unit: null, values: full(`n${lat}`), unreadable: 0, decisions: [], derived: true });
  }
  const report: ImportReport = {
    records: full('rows'),
    rowLabel: source.headerLines > 0 ? 'line' : 'record',
    delimiter: source.format === 'csv' ? source.delimiter : null,
    fields,
  };
  return { columns, pointPair: pair, rows: full('rows'), report };
}

interface ExampleRequest {
  i: number;
  unit: string | null;
  where: (v: string) => string;
  readings: Parser[];
  /** Count every value that meets `where` too. */
  counts?: boolean;
}

/**
 * For each request, up to three values of its column that meet `where(v)`, with their line (or record number) and
 * their readings: one pass over the file for all of them. Rows are numbered as the source yields them, which is the
 * file's order (DuckDB keeps insertion order by default).
 */
async function examples(connection: DuckDBConnection, source: Source, requests: ExampleRequest[]): Promise<{ examples: ReportExample[]; count: number | null }[]> {
  if (requests.length === 0) return [];
  const picks = requests.map(({ i, unit, where, readings, counts }, k) => {
    const v = inputSql(i, unit);
    const read = readings.map((p, r) => `'r${r}': CASE WHEN ${p.accepts(v)} THEN CAST(${p.cast(v)} AS VARCHAR) END`);
    const struct = `{'row': row, 'value': left(${valueSql(i)}, 100)${read.length ? `, ${read.join(', ')}` : ''}}`;
    const filter = `FILTER (WHERE ${valueSql(i)} IS NOT NULL AND ${where(v)})`;
    return { i, aggregates: [`min_by(${struct}, row, ${exampleCount}) ${filter} AS e${k}`, ...(counts ? [`count(*) ${filter} AS c${k}`] : [])] };
  });
  const row = await aggregateInBatches(connection, source, picks, (batch, rows) => `SELECT ${batch.flatMap((p) => p.aggregates).join(', ')} FROM (${rows})`, { numbered: true });
  return requests.map((request, k) => {
    const list = (row[`e${k}`] ?? []) as Record<string, string | number | null>[];
    const found = list
      .map((e) => ({
        row: Number(e.row) + source.headerLines,
        value: String(e.value),
        readings: request.readings.map((_, r) => (e[`r${r}`] === null || e[`r${r}`] === undefined ? null : String(e[`r${r}`]))),
      }))
      .sort((a, b) => a.row - b.row);
    return { examples: found, count: request.counts ? Number(row[`c${k}`]) : null };
  });
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
