// The words of a chart in the visitor's language: its title, the axis titles, category and series names.
import type { Field } from '../../catalog/types.ts';
import type { Language, Messages } from '../../i18n/index.ts';
import { periodLabel, plainNumber } from './scale.ts';
import { perPeriod, spansPeriods, type ChartSpec, type Grain, type Periods, type Series } from './spec.ts';

type ChartMessages = Messages['chart'];

export const fieldLabel = (field: Field): string => field.label || field.name;

/** A measure's name; one combined per period names the period (the data's grain, or a plain "period"). */
export function measureLabel(t: ChartMessages, series: Series, periods: Periods): string {
  if (!series.field) return t.count;
  if (perPeriod(series, periods.field)) {
    // One period per group: its value is that period's own figure, so the measure needs no more words.
    if (periods.spans === false) return fieldLabel(series.field);
    return t.perPeriod[series.aggregate](fieldLabel(series.field), t.periods[periods.grain ?? 'period']);
  }
  // Without dates, the last period's total is the one total there is.
  return t.measure[series.aggregate === 'last' ? 'sum' : series.aggregate](fieldLabel(series.field));
}

/** A value of the x or split field as a category name. */
export function valueLabel(t: ChartMessages, lang: Language, value: unknown): string {
  if (value === null || value === undefined || value === '') return t.empty;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return plainNumber(lang, value);
  return periodLabel(lang, String(value));
}

export function xTitle(t: ChartMessages, spec: ChartSpec): string {
  return spec.interval ? t.xPeriod(fieldLabel(spec.x), t.intervals[spec.interval]) : fieldLabel(spec.x);
}

export function chartTitle(t: ChartMessages, lang: Language, spec: ChartSpec, grain: Grain | null): string {
  const measures = (spec.split ? spec.series.slice(0, 1) : spec.series).map((s) => measureLabel(t, s, { field: spec.period, grain, spans: spansPeriods(spec, grain) }));
  const measure = new Intl.ListFormat(lang, { type: 'conjunction' }).format(measures);
  const title = spec.interval
    ? t.titleByPeriod(measure, t.intervals[spec.interval], fieldLabel(spec.x))
    : t.titleBy(measure, fieldLabel(spec.x));
  return spec.split ? t.titleSplit(title, fieldLabel(spec.split)) : title;
}
