// A chart's numbers from the Explore API's group_by: the ODSQL it asks, the groups it keeps, the series it draws.
import type { Audience } from '../../catalog/service.ts';
import type { RecordsService } from '../../explore/records.ts';
import { keywords } from '../../odsql/lexer.ts';
import { apiFilterPairs, filterWhere, type RecordFilters } from '../filters.ts';
import type { Field } from '../../catalog/types.ts';
import { perPeriod, type ChartSpec, type ChartType, type Grain, type Series } from './spec.ts';

/** Categories drawn at most: columns and bars stay wide enough to read, a pie keeps slices one can see. */
function categoryCap(type: ChartType, ordered: boolean, seriesCount: number): number {
  if (type === 'pie') return 12;
  if (ordered && (type === 'line' || type === 'area')) return 400;
  return Math.max(5, Math.min(50, Math.floor(240 / seriesCount)));
}

/** Values of the split field that get a series of their own: one colour and pattern each. */
const splitCap = 8;

type Value = string | number | boolean | null;
type Row = Record<string, unknown>;

export interface ChartData {
  /** The x value of each category, in drawing order. */
  categories: Value[];
  /** One per y, or one per split value; `values[i]` belongs to `categories[i]`, null where the group is absent. */
  series: { series: Series; split?: Value; values: (number | null)[] }[];
  /** How many x values the filtered records have; more than `categories.length` when capped. */
  groups: number;
  /** How many split values there are; more than the series when capped. */
  splitValues: number;
  /** For a pie: what the categories beyond the cap add up to. */
  other: number | null;
  /** The Explore API query that produced the chart, as URL pairs (without lang/timezone). */
  query: [string, string][];
}

/** A field in ODSQL: bare when it can be, back-quoted otherwise. */
export function fieldRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !keywords.has(name.toLowerCase()) ? name : `\`${name.replace(/[\\`]/g, '\\$&')}\``;
}

function literal(value: Value): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The x expression: the field itself, or its year, month or day. */
function xExpression(spec: ChartSpec): string {
  const f = fieldRef(spec.x.name);
  switch (spec.interval) {
    case 'year':
      return `year(${f})`;
    case 'month':
      return `date_format(${f}, 'yyyy-MM')`;
    case 'day':
      return `date_format(${f}, 'yyyy-MM-dd')`;
    default:
      return f;
  }
}

/**
 * The ODSQL of a series. A measure combined per period adds up within each period of the data and is averaged over
 * the group's periods, so a stock counted every month is never summed over the months; without dates there is one
 * period. `last` asks the same average here, to rank the groups by, and is replaced by the last period's total after.
 */
function aggregateExpression(series: Series, period: Field | null): string {
  if (!series.field) return 'count(*)';
  const f = fieldRef(series.field.name);
  if (series.aggregate === 'last' && !period) return `sum(${f})`;
  if (!perPeriod(series, period)) return `${series.aggregate}(${f})`;
  return `sum(${f}) / count(distinct ${fieldRef(period!.name)})`;
}

/** Readable keys for the JSON (`sum_population`), each a plain name, none used twice. */
function chartKeys(spec: ChartSpec): { x: string; xAliased: boolean; split: string | null; series: string[]; lasts: (string | null)[]; period: string } {
  const taken = new Set<string>();
  const unique = (wanted: string) => {
    let key = wanted.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || 'value';
    if (keywords.has(key.toLowerCase())) key = `${key}_`;
    let candidate = key;
    for (let n = 2; taken.has(candidate); n++) candidate = `${key}_${n}`;
    taken.add(candidate);
    return candidate;
  };
  // A plain field keeps its name as the key (no alias); the split is always a plain field.
  const xAliased = spec.interval !== null || fieldRef(spec.x.name) !== spec.x.name;
  const x = xAliased ? unique(spec.interval ? `${spec.x.name}_${spec.interval}` : spec.x.name) : (taken.add(spec.x.name), spec.x.name);
  const split = spec.split ? (fieldRef(spec.split.name) === spec.split.name ? (taken.add(spec.split.name), spec.split.name) : unique(spec.split.name)) : null;
  const series = spec.series.map((s) => unique(s.field ? `${s.aggregate}_${s.field.name}` : 'count'));
  // A `last` series also asks each group's last period, to fetch that period's total.
  const lasts = spec.series.map((s) => (s.aggregate === 'last' && spec.period ? unique(`last_${spec.period.name}`) : null));
  return { x, xAliased, split, series, lasts, period: unique('period') };
}

interface ChartRequest {
  records: RecordsService;
  datasetId: string;
  audience: Audience;
  filters: RecordFilters;
  lang: string;
  timezone: string;
}

interface Clauses {
  select: string;
  groupBy: string;
  orderBy: string;
  where: string[];
  limit: number;
}

async function run(request: ChartRequest, clauses: Clauses): Promise<{ total_count: number; results: Row[] }> {
  return request.records.records(request.datasetId, request.audience, {
    select: clauses.select,
    groupBy: clauses.groupBy || undefined,
    orderBy: clauses.orderBy || undefined,
    where: [...filterWhere(request.filters), ...clauses.where],
    refine: request.filters.refine,
    exclude: request.filters.exclude,
    limit: clauses.limit,
    offset: 0,
    lang: request.lang,
    timezone: request.timezone,
  });
}

/** The query as Explore API pairs, in the order a person would write them. */
function queryPairs(filters: RecordFilters, clauses: Clauses): [string, string][] {
  const [where, rest] = [apiFilterPairs(filters).filter(([k]) => k === 'where'), apiFilterPairs(filters).filter(([k]) => k !== 'where')];
  return [
    ['select', clauses.select],
    ...where,
    ...clauses.where.map((w) => ['where', w] as [string, string]),
    ['group_by', clauses.groupBy],
    ...(clauses.orderBy ? [['order_by', clauses.orderBy] as [string, string]] : []),
    ...rest,
    ['limit', String(clauses.limit)],
  ];
}

const collator = new Intl.Collator('nl', { numeric: true });
const naturalOrder = (a: Value, b: Value): number =>
  a === null ? 1 : b === null ? -1 : typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;

/** Rows fetched last-first, put in reading order; records without a value come after the rest. */
function chronological<T>(rows: T[], valueOf: (row: T) => Value): T[] {
  const reversed = [...rows].reverse();
  return [...reversed.filter((r) => valueOf(r) !== null), ...reversed.filter((r) => valueOf(r) === null)];
}

/** A map key per value that keeps null, `"null"` and `1` vs `"1"` apart. */
const valueKey = (v: Value): string => (v === null ? 'null' : `${typeof v}:${String(v)}`);

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : v === null || v === undefined ? null : Number(v));

/**
 * The `last` values of the groups in `rows` (one per x, or per x and split): the total of each group's own last
 * period, fetched for the periods from the earliest of those on only.
 */
async function lastTotals(request: ChartRequest, spec: ChartSpec, index: number, rows: Row[], where: string[]): Promise<(number | null)[]> {
  const keys = chartKeys(spec);
  const lastKey = keys.lasts[index];
  const field = spec.series[index].field;
  if (!lastKey || !spec.period || !field) return rows.map(() => null);
  const groupOf = (row: Row) => `${valueKey(row[keys.x] as Value)}|${keys.split ? valueKey(row[keys.split] as Value) : ''}`;
  const lastOf = new Map(rows.map((row) => [groupOf(row), row[lastKey] as Value]));
  const known = [...lastOf.values()].filter((v): v is string | number => v !== null && typeof v !== 'boolean').sort();
  if (known.length === 0) return rows.map(() => null);
  const period = fieldRef(spec.period.name);
  const x = keys.xAliased ? `${xExpression(spec)} as ${keys.x}` : xExpression(spec);
  const split = spec.split ? (keys.split === spec.split.name ? fieldRef(spec.split.name) : `${fieldRef(spec.split.name)} as ${keys.split}`) : null;
  const page = await run(request, {
    select: `sum(${fieldRef(field.name)}) as ${keys.series[index]}`,
    groupBy: [x, ...(split ? [split] : []), `${period} as ${keys.period}`].join(', '),
    orderBy: '',
    where: [...where, `${period} >= ${literal(known[0])}`],
    // The API's most groups; beyond them (thousands of categories ending years apart) a group is drawn without value.
    limit: 20_000,
  });
  const totals = new Map<string, number | null>();
  for (const row of page.results) {
    if (row[keys.period] === lastOf.get(groupOf(row))) totals.set(groupOf(row), numberOf(row[keys.series[index]]));
  }
  return rows.map((row) => totals.get(groupOf(row)) ?? null);
}

/** How finely the data's dates run (each date a year, a month, a day, or finer): the word for a stock's period. */
export async function loadGrain(request: ChartRequest, field: Field): Promise<Grain | null> {
  const f = fieldRef(field.name);
  const distinct = (expression: string, key: string) => `count(distinct ${expression}) as ${key}`;
  const select = [distinct(f, 'periods'), distinct(`year(${f})`, 'years'), distinct(`date_format(${f}, 'yyyy-MM')`, 'months'), distinct(`date_format(${f}, 'yyyy-MM-dd')`, 'days')].join(', ');
  const counts = (await run(request, { select, groupBy: '', orderBy: '', where: [], limit: 1 })).results[0] ?? {};
  const periods = numberOf(counts.periods) ?? 0;
  if (periods === 0) return null;
  return periods === numberOf(counts.years) ? 'year' : periods === numberOf(counts.months) ? 'month' : periods === numberOf(counts.days) ? 'day' : null;
}

/** Runs the chart's queries: without a split one; with a split, first the split values and the categories to keep. */
export async function loadChart(request: ChartRequest, spec: ChartSpec): Promise<ChartData> {
  const keys = chartKeys(spec);
  const x = xExpression(spec);
  const groupX = keys.xAliased ? `${x} as ${keys.x}` : x;
  const ordered = spec.interval !== null || spec.x.type === 'int' || spec.x.type === 'double';
  const measures = spec.split ? spec.series.slice(0, 1) : spec.series;
  const cap = categoryCap(spec.type, ordered, spec.split ? splitCap : measures.length);
  const lastPeriods = measures.flatMap((_, i) => (keys.lasts[i] && spec.period ? [`max(${fieldRef(spec.period.name)}) as ${keys.lasts[i]}`] : []));
  const select = [...measures.map((s, i) => `${aggregateExpression(s, spec.period)} as ${keys.series[i]}`), ...lastPeriods].join(', ');
  const first = keys.series[0];
  // Categories by size, largest first; ordered axes keep their last values (the most recent dates).
  const rank = ordered ? `${keys.x} desc` : `${first} desc, ${keys.x}`;

  if (!spec.split) {
    const clauses = { select, groupBy: groupX, orderBy: rank, where: [], limit: cap };
    const page = await run(request, clauses);
    let rows = ordered ? chronological(page.results, (r) => r[keys.x] as Value) : page.results;
    const values = measures.map((_, i) => rows.map((r) => numberOf(r[keys.series[i]])));
    for (const [i, series] of measures.entries()) if (series.aggregate === 'last') values[i] = await lastTotals(request, spec, i, rows, []);
    if (!ordered && measures[0].aggregate === 'last') {
      // Ranked by the average of the periods to pick the groups; drawn largest last value first.
      const size = (i: number) => values[0][i] ?? Number.NEGATIVE_INFINITY;
      const order = rows.map((_, i) => i).sort((a, b) => (size(a) === size(b) ? a - b : size(a) < size(b) ? 1 : -1));
      rows = order.map((i) => rows[i]);
      values.forEach((v, j) => (values[j] = order.map((i) => v[i])));
    }
    let other: number | null = null;
    if (spec.type === 'pie' && page.total_count > rows.length) {
      const whole = await run(request, { select, groupBy: '', orderBy: '', where: [], limit: 1 });
      const shown = rows.reduce((sum, r) => sum + (numberOf(r[first]) ?? 0), 0);
      other = (numberOf(whole.results[0]?.[first]) ?? 0) - shown;
    }
    return {
      categories: rows.map((r) => r[keys.x] as Value),
      series: measures.map((series, i) => ({ series, values: values[i] })),
      groups: page.total_count,
      splitValues: 0,
      other,
      query: queryPairs(request.filters, clauses),
    };
  }

  const splitRef = fieldRef(spec.split.name);
  const groupSplit = keys.split === spec.split.name ? splitRef : `${splitRef} as ${keys.split}`;
  const where: string[] = [];
  const oneOf = (expression: string, values: Value[]) => {
    const known = values.filter((v) => v !== null);
    const parts = [...(known.length > 0 ? [`${expression} in (${known.map(literal).join(', ')})`] : []), ...(values.includes(null) ? [`${expression} is null`] : [])];
    return parts.join(' or ');
  };

  const splits = await run(request, { select, groupBy: groupSplit, orderBy: `${first} desc, ${keys.split}`, where: [], limit: splitCap });
  // The largest values get a series; drawn in their natural order, so a value keeps its colour from chart to chart.
  const splitValues = splits.results.map((r) => r[keys.split!] as Value);
  if (splits.total_count > splitValues.length) where.push(oneOf(splitRef, splitValues));
  splitValues.sort(naturalOrder);

  const kept = await run(request, { select, groupBy: groupX, orderBy: rank, where, limit: cap });
  const ranked = kept.results.map((r) => r[keys.x] as Value);
  const categories = ordered ? chronological(ranked, (v) => v) : ranked;
  if (kept.total_count > categories.length) {
    const known = categories.filter((v): v is Exclude<Value, null> => v !== null);
    // The last values of an ordered axis are those from the smallest kept one on.
    where.push(ordered && known.length > 0 ? `${x} >= ${literal(known[0])}` : oneOf(x, categories));
  }

  const clauses = { select, groupBy: `${groupX}, ${groupSplit}`, orderBy: `${keys.x}, ${keys.split}`, where, limit: Math.max(1, categories.length * splitValues.length) };
  const page = await run(request, clauses);
  const index = new Map(categories.map((c, i) => [valueKey(c), i]));
  const series = splitValues.map((split) => ({ series: measures[0], split, values: categories.map((): number | null => null) }));
  const values = measures[0].aggregate === 'last' ? await lastTotals(request, spec, 0, page.results, where) : page.results.map((row) => numberOf(row[first]));
  page.results.forEach((row, r) => {
    const at = index.get(valueKey(row[keys.x] as Value));
    const s = series.find((candidate) => candidate.split === row[keys.split!]);
    if (at !== undefined && s) s.values[at] = values[r];
  });
  return { categories, series, groups: kept.total_count, splitValues: splits.total_count, other: null, query: queryPairs(request.filters, clauses) };
}
