// What a chart shows, read from the page URL (x, interval, y, type, split): checked against the schema, with defaults.
import { aggregations } from '../../catalog/metadata.ts';
import type { Field } from '../../catalog/types.ts';
import { many, one } from '../../http/params.ts';

export const chartTypes = ['column', 'bar', 'line', 'area', 'pie'] as const;
export type ChartType = (typeof chartTypes)[number];
export const intervals = ['year', 'month', 'day'] as const;
type Interval = (typeof intervals)[number];
const aggregates = ['count', 'sum', 'avg', 'last', 'min', 'max'] as const;
type Aggregate = (typeof aggregates)[number];
type Combination = (typeof aggregations)[number];

/** More series than this make an unreadable chart; extra `y` are dropped. */
export const maxSeries = 5;

export interface Series {
  aggregate: Aggregate;
  /** The numeric field measured; null for count. */
  field: Field | null;
}

export interface ChartSpec {
  x: Field;
  /** How a date x is grouped; null for any other x. */
  interval: Interval | null;
  series: Series[];
  type: ChartType;
  split: Field | null;
  /** The date that makes the periods a stock is averaged over (the x when it is a date); null when there is none. */
  period: Field | null;
}

/** Something in the URL the chart cannot use; the page says which, in the visitor's language. */
export type ChartProblem =
  | { kind: 'noFields' }
  | { kind: 'unknownX'; name: string }
  | { kind: 'unknownY'; name: string }
  | { kind: 'notNumeric'; field: Field; aggregate: Aggregate }
  | { kind: 'badAggregate'; value: string }
  | { kind: 'badInterval'; value: string }
  | { kind: 'badType'; value: string }
  | { kind: 'unknownSplit'; name: string }
  | { kind: 'splitIsX' }
  | { kind: 'pieOneSeries' }
  | { kind: 'pieParts' };

/** What the form shows: the URL's valid choices, defaults elsewhere. */
export interface ChartChoices {
  x: Field | null;
  interval: Interval;
  series: Series[];
  type: ChartType;
  split: Field | null;
}

type Query = Record<string, string | string[] | undefined>;
/** Every value of a repeated parameter, trimmed: a series typed with a space around it is still that series. */
const trimmedAll = (query: Query, name: string) => many(query, name).map((s) => s.trim()).filter((s) => s !== '');

export const isTemporal = (f: Field) => f.type === 'date' || f.type === 'datetime';
const isNumeric = (f: Field) => f.type === 'int' || f.type === 'double';
const multivalued = (f: Field) => f.annotations.multivalued !== undefined;

/** How the publisher says a measure combines over time (the `aggregation` annotation); null when not said. */
export function combinationOf(field: Field): Combination | null {
  const value = field.annotations.aggregation?.[0];
  return isNumeric(field) && (aggregations as readonly string[]).includes(value ?? '') ? (value as Combination) : null;
}

/** How finely the data's dates run, to name the period a stock is averaged over; null for finer than a day. */
export type Grain = 'year' | 'month' | 'day';

/** The data's periods: the date field that makes them (null without dates) and how finely its dates run. */
export interface Periods {
  field: Field | null;
  grain: Grain | null;
  /** False when every group of the chart holds one period at most (months by month): nothing is combined then. */
  spans?: boolean;
}

const fineToCoarse = ['day', 'month', 'year'];

/** Whether a group of the chart can hold several of the data's periods: categories, or dates grouped coarser than the data. */
export function spansPeriods(spec: ChartSpec, grain: Grain | null): boolean {
  return spec.period !== null && (spec.interval === null || grain === null || fineToCoarse.indexOf(spec.interval) > fineToCoarse.indexOf(grain));
}

/**
 * A measure computed per period of the data and then combined over the periods: the last period's total, or, of a
 * measure whose combination is declared (so it adds up within a period), the average of the periods' totals.
 * Without dates there are no periods: `avg` is the plain average and `last` the one total there is.
 */
export const perPeriod = (series: Series, period: Field | null): boolean =>
  series.field !== null && period !== null && (series.aggregate === 'last' || (series.aggregate === 'avg' && combinationOf(series.field) !== null));

/** The aggregates a measure offers; `last` only where the publisher declared how the measure combines, and there are dates. */
export const aggregatesOf = (field: Field, period: Field | null): Aggregate[] =>
  combinationOf(field) && period ? ['sum', 'avg', 'last', 'min', 'max'] : ['sum', 'avg', 'min', 'max'];

/** The periods of the data: the x when it is a date, else the first date field. */
export function periodField(fields: Field[], x: Field | null): Field | null {
  return x && isTemporal(x) ? x : (fields.find((f) => isTemporal(f) && !multivalued(f)) ?? null);
}

/** Fields that can be the categories: a list of values groups by combination, which makes no readable chart. */
export function xFields(fields: Field[]): Field[] {
  return fields.filter((f) => (['text', 'boolean', 'int', 'double', 'date', 'datetime'] as string[]).includes(f.type) && !multivalued(f));
}

export function measureFields(fields: Field[]): Field[] {
  return fields.filter(isNumeric);
}

/** Facet fields split best (few values); without any, every text or yes/no field. */
export function splitFields(fields: Field[]): Field[] {
  const candidates = fields.filter((f) => (f.type === 'text' || f.type === 'boolean') && !multivalued(f));
  const facets = candidates.filter((f) => f.annotations.facet !== undefined);
  return facets.length > 0 ? facets : candidates;
}

/** The first facet, else the first date, else the first field that can be categories. */
function defaultX(fields: Field[]): Field | null {
  const candidates = xFields(fields);
  return (
    candidates.find((f) => f.annotations.facet !== undefined && (f.type === 'text' || f.type === 'boolean')) ??
    candidates.find(isTemporal) ??
    candidates[0] ??
    null
  );
}

/**
 * A measure whose combination the publisher declared is shown as declared (a stock is never summed over time).
 * Otherwise, a whole number with a unit (persons, vacancies) counts things, so its sum means something; a rate or an
 * average does not add up, and a plain count of records is the safe default then.
 */
function defaultSeries(fields: Field[]): Series {
  const declared = fields.find((f) => combinationOf(f) !== null);
  // Without dates nothing is combined over time: a stock's total per category is then its figure.
  if (declared) return { aggregate: periodField(fields, null) ? combinationOf(declared)! : 'sum', field: declared };
  const counted = fields.find((f) => f.type === 'int' && f.annotations.unit !== undefined);
  return counted ? { aggregate: 'sum', field: counted } : { aggregate: 'count', field: null };
}

/** `count`, `sum:population`, …: the value of a `y` parameter and of a series option. */
export function seriesParam(series: Series): string {
  return series.field ? `${series.aggregate}:${series.field.name}` : series.aggregate;
}

function readSeries(fields: Field[], text: string, problems: ChartProblem[]): Series | null {
  const colon = text.indexOf(':');
  const aggregate = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const name = colon < 0 ? '' : text.slice(colon + 1);
  if (!(aggregates as readonly string[]).includes(aggregate)) {
    problems.push({ kind: 'badAggregate', value: text });
    return null;
  }
  // A count counts records: a field after it changes nothing, so it is not an error.
  if (aggregate === 'count') return { aggregate: 'count', field: null };
  const field = fields.find((f) => f.name === name);
  if (!field) {
    problems.push({ kind: 'unknownY', name });
    return null;
  }
  if (!isNumeric(field)) {
    problems.push({ kind: 'notNumeric', field, aggregate: aggregate as Aggregate });
    return null;
  }
  return { aggregate: aggregate as Aggregate, field };
}

/** The chart the URL asks for, or the problems that stop it; the choices fill the form either way. */
export function readChart(fields: Field[], query: Query): { spec: ChartSpec | null; choices: ChartChoices; problems: ChartProblem[] } {
  const problems: ChartProblem[] = [];
  const pick = (name: string, from: Field[], kind: 'unknownX' | 'unknownSplit') => {
    const field = from.find((f) => f.name === name);
    if (!field) problems.push({ kind, name });
    return field ?? null;
  };

  const xName = one(query, 'x').trim();
  const x = xName ? pick(xName, xFields(fields), 'unknownX') : defaultX(fields);
  if (!xName && !x) problems.push({ kind: 'noFields' });

  const intervalText = one(query, 'interval').trim();
  const intervalValid = (intervals as readonly string[]).includes(intervalText);
  if (intervalText && !intervalValid) problems.push({ kind: 'badInterval', value: intervalText });
  const interval: Interval = intervalValid ? (intervalText as Interval) : 'year';

  const series: Series[] = [];
  for (const text of trimmedAll(query, 'y')) {
    const s = readSeries(fields, text, problems);
    if (s && !series.some((o) => o.aggregate === s.aggregate && o.field === s.field)) series.push(s);
  }
  if (series.length === 0 && trimmedAll(query, 'y').length === 0) series.push(defaultSeries(fields));
  series.splice(maxSeries);

  const typeText = one(query, 'type').trim();
  const typeValid = (chartTypes as readonly string[]).includes(typeText);
  if (typeText && !typeValid) problems.push({ kind: 'badType', value: typeText });
  const type: ChartType = typeValid ? (typeText as ChartType) : 'column';

  const splitName = one(query, 'split').trim();
  const split = splitName ? pick(splitName, splitFields(fields), 'unknownSplit') : null;
  if (split && x && split === x) problems.push({ kind: 'splitIsX' });

  if (type === 'pie' && (series.length > 1 || split)) problems.push({ kind: 'pieOneSeries' });
  else if (type === 'pie' && series.some((s) => s.aggregate !== 'count' && s.aggregate !== 'sum')) problems.push({ kind: 'pieParts' });

  const choices: ChartChoices = { x, interval, series, type, split };
  if (problems.length > 0 || !x || series.length === 0) return { spec: null, choices, problems };
  return { spec: { x, interval: isTemporal(x) ? interval : null, series, type, split, period: periodField(fields, x) }, choices, problems };
}

/** The chart's own URL pairs, as the form writes them. */
export function chartPairs(choices: ChartChoices): [string, string][] {
  return [
    ...(choices.x ? [['x', choices.x.name] as [string, string]] : []),
    ...(choices.x && isTemporal(choices.x) ? [['interval', choices.interval] as [string, string]] : []),
    ...choices.series.map((s) => ['y', seriesParam(s)] as [string, string]),
    ['type', choices.type],
    ...(choices.split ? [['split', choices.split.name] as [string, string]] : []),
  ];
}
