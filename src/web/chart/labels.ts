// The words of a chart in the visitor's language: its title, the axis titles, category and series names.
import type { Field } from '../../catalog/types.ts';
import type { Language, Messages } from '../../i18n/index.ts';
import { periodLabel, plainNumber } from './scale.ts';
import type { ChartSpec, Series } from './spec.ts';

type ChartMessages = Messages['chart'];

export const fieldLabel = (field: Field): string => field.label || field.name;

export function measureLabel(t: ChartMessages, series: Series): string {
  return series.field ? t.measure[series.aggregate](fieldLabel(series.field)) : t.count;
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

export function chartTitle(t: ChartMessages, lang: Language, spec: ChartSpec): string {
  const measures = (spec.split ? spec.series.slice(0, 1) : spec.series).map((s) => measureLabel(t, s));
  const measure = new Intl.ListFormat(lang, { type: 'conjunction' }).format(measures);
  const title = spec.interval
    ? t.titleByPeriod(measure, t.intervals[spec.interval], fieldLabel(spec.x))
    : t.titleBy(measure, fieldLabel(spec.x));
  return spec.split ? t.titleSplit(title, fieldLabel(spec.split)) : title;
}
