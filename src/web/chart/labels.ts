// The words of a chart in the visitor's language: its title, the axis titles, category and series names.
import { fieldLabel } from '../../explore/present.ts';
import type { Language, Messages } from '../../i18n/index.ts';
import { periodLabel, plainNumber } from './scale.ts';
import type { ChartSpec, Series } from './spec.ts';

type ChartMessages = Messages['chart'];

export function measureLabel(t: ChartMessages, lang: Language, series: Series): string {
  return series.field ? t.measure[series.aggregate](fieldLabel(series.field, lang)) : t.count;
}

/** A value of the x or split field as a category name. */
export function valueLabel(t: ChartMessages, lang: Language, value: unknown): string {
  if (value === null || value === undefined || value === '') return t.empty;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return plainNumber(lang, value);
  return periodLabel(lang, String(value));
}

export function xTitle(t: ChartMessages, lang: Language, spec: ChartSpec): string {
  return spec.interval ? t.xPeriod(fieldLabel(spec.x, lang), t.intervals[spec.interval]) : fieldLabel(spec.x, lang);
}

export function chartTitle(t: ChartMessages, lang: Language, spec: ChartSpec): string {
  const measures = (spec.split ? spec.series.slice(0, 1) : spec.series).map((s) => measureLabel(t, lang, s));
  const measure = new Intl.ListFormat(lang, { type: 'conjunction' }).format(measures);
  const title = spec.interval
    ? t.titleByPeriod(measure, t.intervals[spec.interval], fieldLabel(spec.x, lang))
    : t.titleBy(measure, fieldLabel(spec.x, lang));
  return spec.split ? t.titleSplit(title, fieldLabel(spec.split, lang)) : title;
}
