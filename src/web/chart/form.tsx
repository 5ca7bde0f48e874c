// The chart's GET form: every choice a select, so the URL carries the chart and the page works without JavaScript.
import type { Field } from '../../catalog/types.ts';
import type { PageContext } from '../context.ts';
import { filterPairs, type RecordFilters } from '../filters.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { fieldLabel } from '../../explore/present.ts';
import { measureLabel } from './labels.ts';
import { aggregatesOf, chartTypes, intervals, isTemporal, maxSeries, measureFields, seriesParam, splitFields, xFields, type ChartChoices, type Periods, type Series } from './spec.ts';

function Control(props: { id: string; label: string; children?: Html }): Html {
  return (
    <div class="chart-control">
      <label for={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

function SeriesSelect(props: { ctx: PageContext; fields: Field[]; index: number; chosen: Series | undefined; periods: Periods }): Html {
  const t = props.ctx.t.chart;
  const chosen = props.chosen ? seriesParam(props.chosen) : '';
  const option = (series: Series) => {
    const value = seriesParam(series);
    return <option value={value} selected={value === chosen}>{measureLabel(t, props.ctx.lang, series, props.periods)}</option>;
  };
  return (
    <Control id={`chart-y-${props.index}`} label={t.series(props.index + 1)}>
      <select id={`chart-y-${props.index}`} name="y">
        {props.index > 0 && <option value="" selected={chosen === ''}>{t.noSeries}</option>}
        {option({ aggregate: 'count', field: null })}
        {measureFields(props.fields).map((field) => (
          <optgroup label={fieldLabel(field, props.ctx.lang)}>
            {aggregatesOf(field, props.periods.field).map((aggregate) => option({ aggregate, field }))}
          </optgroup>
        ))}
      </select>
    </Control>
  );
}

export function ChartForm(props: { ctx: PageContext; action: string; fields: Field[]; filters: RecordFilters; choices: ChartChoices; periods: Periods }): Html {
  const { ctx, fields, choices } = props;
  const t = ctx.t.chart;
  const rows = Math.min(maxSeries, choices.series.length + 1);
  return (
    <form class="chart-form" method="get" action={props.action} data-chart-form>
      {filterPairs(props.filters).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <h2 class="chart-form-title">{t.formTitle}</h2>
      <div class="chart-controls">
        <Control id="chart-x" label={t.x}>
          <select id="chart-x" name="x">
            {xFields(fields).map((f) => <option value={f.name} selected={f === choices.x}>{fieldLabel(f, ctx.lang)}</option>)}
          </select>
        </Control>
        {choices.x && isTemporal(choices.x) && (
          <Control id="chart-interval" label={t.interval}>
            <select id="chart-interval" name="interval">
              {intervals.map((i) => <option value={i} selected={i === choices.interval}>{t.intervals[i]}</option>)}
            </select>
          </Control>
        )}
        <Control id="chart-type" label={t.type}>
          <select id="chart-type" name="type">
            {chartTypes.map((type) => <option value={type} selected={type === choices.type}>{t.types[type]}</option>)}
          </select>
        </Control>
        <Control id="chart-split" label={t.split}>
          <select id="chart-split" name="split">
            <option value="" selected={!choices.split}>{t.noSplit}</option>
            {splitFields(fields).map((f) => <option value={f.name} selected={f === choices.split}>{fieldLabel(f, ctx.lang)}</option>)}
          </select>
        </Control>
      </div>
      <div class="chart-controls chart-series">
        {Array.from({ length: rows }, (_, i) => <SeriesSelect ctx={ctx} fields={fields} index={i} chosen={choices.series[i]} periods={props.periods} />)}
      </div>
      <div class="chart-submit">
        <button type="submit">{t.show}</button>
        <p class="chart-hint" data-chart-hint hidden>{t.autoUpdate}</p>
      </div>
    </form>
  );
}
