// The words of a chart in the visitor's language: its title, the axis titles, category and series names.
import { fieldLabel } from '../../explore/present.ts';
import type { Language, Messages } from '../../i18n/index.ts';
import { periodLabel, plainNumber } from './scale.ts';
import { perPeriod, spansPeriods, type ChartSpec, type Grain, type Periods, type Series } from './spec.ts';

type ChartMessages = Messages['chart'];

/** A measure's name; one combined per period names the period (the data's grain, or a plain "period"). */
export function measureLabel(t: ChartMessages, lang: Language, series: Series, periods: Periods): string {
  if (!series.field) return t.count;
  const label = fieldLabel(series.field, lang);
  if (perPeriod(series, periods.field)) {
    // One period per group: its value is that period's own figure, so the measure needs no more words.
    if (periods.spans === false) return label;
    return t.perPeriod[series.aggregate](label, t.periods[periods.grain ?? 'period']);
  }
  // Without dates, the last period's total is the one total there is.
  return t.measure[series.aggregate === 'last' ? 'sum' : series.aggregate](label);
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

export function chartTitle(t: ChartMessages, lang: Language, spec: ChartSpec, grain: Grain | null): string {
  const measures = (spec.split ? spec.series.slice(0, 1) : spec.series).map((s) => measureLabel(t, lang, s, { field: spec.period, grain, spans: spansPeriods(spec, grain) }));
  const measure = new Intl.ListFormat(lang, { type: 'conjunction' }).format(measures);
  const title = spec.interval
    ? t.titleByPeriod(measure, t.intervals[spec.interval], fieldLabel(spec.x, lang))
    : t.titleBy(measure, fieldLabel(spec.x, lang));
  return spec.split ? t.titleSplit(title, fieldLabel(spec.split, lang)) : title;
}
