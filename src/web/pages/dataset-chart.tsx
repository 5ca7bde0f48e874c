// The dataset's chart tab: a GET form, the chart as accessible SVG drawn from the Explore API's group_by, the same figures as a table.
import type { Dataset, Field } from '../../catalog/types.ts';
import { visitorError } from '../record-tabs.tsx';
import { fieldLabel, localized } from '../../explore/present.ts';
import { ChartForm } from '../chart/form.tsx';
import { chartTitle, measureLabel, valueLabel, xTitle } from '../chart/labels.ts';
import { Legend, otherColour } from '../chart/marks.tsx';
import { PieChart } from '../chart/pie.tsx';
import { numberFormats } from '../chart/scale.ts';
import { loadChart, loadGrain, type ChartData } from '../chart/series.ts';
import { chartPairs, combinationOf, periodField, perPeriod, readChart, spansPeriods, type ChartProblem, type ChartSpec, type Grain } from '../chart/spec.ts';
import { chartWidths, HorizontalChart, VerticalChart, type ChartModel } from '../chart/svg.tsx';
import { Notice } from '../components.tsx';
import { queryString, type PageContext } from '../context.ts';
import { DatasetFrame, tabHref } from '../dataset-frame.tsx';
import { describeFilter, hasFilters, type RecordFilters } from '../filters.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import type { TabRenderer } from '../tab-request.ts';

function problemText(ctx: PageContext, problem: ChartProblem): string {
  const p = ctx.t.chart.problems;
  switch (problem.kind) {
    case 'unknownX':
    case 'unknownY':
    case 'unknownSplit':
      return p[problem.kind](problem.name);
    case 'notNumeric':
      return p.notNumeric(fieldLabel(problem.field, ctx.lang), ctx.t.chart.aggregateNames[problem.aggregate]);
    case 'badAggregate':
    case 'badInterval':
    case 'badType':
      return p[problem.kind](problem.value);
    default:
      return p[problem.kind];
  }
}

/** The record filters in force, each with a link that drops it and keeps the chart. */
function ActiveFilters(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; keep: [string, string][] }): Html {
  const { ctx, dataset, filters } = props;
  const t = ctx.t.chart;
  if (!hasFilters(filters)) return <></>;
  const href = (next: RecordFilters) => tabHref(ctx, dataset.id, 'chart', next, props.keep);
  const chip = (text: string, next: RecordFilters) => (
    <li><a class="chip" href={href(next)} aria-label={t.removeFilter(text)}>{text} <span aria-hidden="true">×</span></a></li>
  );
  const described = (kind: 'refine' | 'exclude', value: string) => {
    const f = describeFilter(dataset.fields, value, ctx.lang);
    return kind === 'refine' ? `${f.label}: ${f.value}` : t.excluded(f.label, f.value);
  };
  return (
    <div class="chart-filters">
      <p>{t.filtered}</p>
      <ul class="chips">
        {filters.q && chip(t.search(filters.q), { ...filters, q: '' })}
        {filters.refine.map((r) => chip(described('refine', r), { ...filters, refine: filters.refine.filter((v) => v !== r) }))}
        {filters.exclude.map((x) => chip(described('exclude', x), { ...filters, exclude: filters.exclude.filter((v) => v !== x) }))}
      </ul>
    </div>
  );
}

function chartModel(ctx: PageContext, spec: ChartSpec, data: ChartData, grain: Grain | null): ChartModel {
  const t = ctx.t.chart;
  const numbers = numberFormats(ctx.lang);
  const title = chartTitle(t, ctx.lang, spec, grain);
  const periods = { field: spec.period, grain, spans: spansPeriods(spec, grain) };
  const categories = data.categories.map((v) => valueLabel(t, ctx.lang, v));
  const series = data.series.map((s) => ({ label: s.split !== undefined ? valueLabel(t, ctx.lang, s.split) : measureLabel(t, ctx.lang, s.series, periods), values: s.values }));
  const desc = [t.descCategories(t.typeNames[spec.type], title, formatNumber(ctx.lang, categories.length))];
  if (series.length === 1) {
    const points = series[0].values.map((v, i) => ({ v, label: categories[i] })).filter((p): p is { v: number; label: string } => p.v !== null);
    const sorted = [...points].sort((a, b) => b.v - a.v);
    if (sorted.length > 0) desc.push(t.descHighest(sorted[0].label, numbers.full(sorted[0].v)));
    if (sorted.length > 1) desc.push(t.descLowest(sorted[sorted.length - 1].label, numbers.full(sorted[sorted.length - 1].v)));
  } else {
    desc.push(t.descSeries(new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(series.map((s) => s.label))));
  }
  desc.push(t.descTable);
  return {
    type: spec.type,
    title,
    desc: desc.join(' '),
    categories,
    series,
    xTitle: xTitle(t, ctx.lang, spec),
    yTitle: series.length === 1 || spec.split ? measureLabel(t, ctx.lang, data.series[0].series, periods) : '',
    numbers,
  };
}

/** What the visitor should know about what is left out: categories beyond the cap, split values, extra series. */
function notes(ctx: PageContext, spec: ChartSpec, data: ChartData, grain: Grain | null): string[] {
  const t = ctx.t.chart;
  const n = (value: number) => formatNumber(ctx.lang, value);
  const out: string[] = [];
  // A measure combined per period says so wherever a group holds more than one period: it is not a sum over them.
  const spans = spansPeriods(spec, grain);
  for (const s of spec.split ? spec.series.slice(0, 1) : spec.series) {
    if (spans && perPeriod(s, spec.period) && s.field) out.push(t.perPeriodNote[s.aggregate](fieldLabel(s.field, ctx.lang), t.periods[grain ?? 'period'], t.periodsPlural[grain ?? 'period']));
  }
  const ordered = spec.interval !== null || spec.x.type === 'int' || spec.x.type === 'double';
  if (data.groups > data.categories.length) out.push((ordered ? t.cappedLatest : t.capped)(n(data.categories.length), n(data.groups)));
  if (data.other !== null && data.other > 0) out.push(t.otherSlice(numberFormats(ctx.lang).full(data.other)));
  if (spec.split && data.splitValues > data.series.length) out.push(t.splitCapped(n(data.series.length), n(data.splitValues), fieldLabel(spec.split, ctx.lang)));
  if (spec.split && spec.series.length > 1) out.push(t.splitFirstSeries);
  return out;
}

function ChartTable(props: { ctx: PageContext; model: ChartModel; other: { label: string; value: number } | null }): Html {
  const { ctx, model, other } = props;
  const t = ctx.t.chart;
  const pie = model.type === 'pie';
  const total = pie ? model.series[0].values.reduce((sum: number, v) => sum + (v ?? 0), 0) + (other?.value ?? 0) : 0;
  const cell = (v: number | null) => <td class="number">{v === null ? t.noValue : model.numbers.full(v)}</td>;
  const share = (v: number | null) => <td class="number">{v === null || total <= 0 ? t.noValue : model.numbers.percent(v / total)}</td>;
  return (
    <details class="chart-table">
      <summary>{t.table}</summary>
      {/* Focusable, so a keyboard can scroll a table wider or longer than its box. */}
      <div class="table-scroll" tabindex="0" role="region" aria-label={t.table}>
        <table>
          <caption>{model.title}</caption>
          <thead>
            <tr>
              <th scope="col">{model.xTitle}</th>
              {model.series.map((s) => <th scope="col" class="number">{s.label}</th>)}
              {pie && <th scope="col" class="number">%</th>}
            </tr>
          </thead>
          <tbody>
            {model.categories.map((c, i) => (
              <tr>
                <th scope="row">{c}</th>
                {model.series.map((s) => cell(s.values[i]))}
                {pie && share(model.series[0].values[i])}
              </tr>
            ))}
            {other && (
              <tr>
                <th scope="row">{other.label}</th>
                {cell(other.value)}
                {share(other.value)}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ChartFigure(props: { ctx: PageContext; model: ChartModel; other: { label: string; value: number } | null; width: number }): Html {
  const { ctx, model, other } = props;
  const t = ctx.t.chart;
  if (model.type === 'pie') {
    const values = model.series[0].values;
    const total = values.reduce((sum: number, v) => sum + (v ?? 0), 0) + (other?.value ?? 0);
    const detail = (v: number) => `${model.numbers.full(v)} (${model.numbers.percent(total > 0 ? v / total : 0)})`;
    const items = model.categories.map((c, i) => ({ text: c, detail: detail(values[i] ?? 0) }));
    if (other) items.push({ text: other.label, detail: detail(other.value), colour: otherColour } as (typeof items)[number]);
    return (
      <div class="chart-frame chart-pie">
        <PieChart model={model} other={other} />
        <Legend label={t.legend} items={items} kind="fill" />
      </div>
    );
  }
  const kind = model.type === 'line' || model.type === 'area' ? 'line' : 'fill';
  return (
    <div class="chart-frame">
      {model.series.length > 1 && <Legend label={t.legend} items={model.series.map((s) => ({ text: s.label }))} kind={kind} />}
      {/* On a narrow screen the chart keeps a readable size and scrolls sideways, by keyboard too. */}
      <div class="chart-scroll" tabindex="0" role="region" aria-labelledby="chart-heading">
        {model.type === 'bar' ? <HorizontalChart model={model} width={props.width} /> : <VerticalChart model={model} width={props.width} />}
      </div>
    </div>
  );
}

/**
 * The grain of a date field (year, month, day) is the data's, not the filters': it is found once per version of the
 * dataset, over all its records, and kept (four distinct counts over every record are the chart's costliest query).
 */
const grains = new Map<string, Grain | null>();
async function grainOf(request: Parameters<typeof loadGrain>[0], dataset: Dataset, period: Field): Promise<Grain | null> {
  const key = `${dataset.id}@${dataset.currentVersion}/${period.name}`;
  if (grains.has(key)) return grains.get(key)!;
  const grain = await loadGrain({ ...request, filters: { q: '', refine: [], exclude: [] } }, period);
  if (grains.size >= 256) grains.delete(grains.keys().next().value!);
  grains.set(key, grain);
  return grain;
}

export const datasetChartTab: TabRenderer = async ({ ctx, dataset, filters, query, records, audience }) => {
  const t = ctx.t.chart;
  const { spec, choices, problems } = readChart(dataset.fields, query);
  let data: ChartData | null = null;
  let failure: string | null = null;
  let grain: Grain | null = null;
  const period = periodField(dataset.fields, choices.x);
  const request = { records, datasetId: dataset.id, audience, filters, lang: ctx.lang, timezone: ctx.config.timezone };
  // The grain of the dates names the period a stock is averaged over, in the chart and in the form's choices.
  const combined = dataset.fields.some((f) => combinationOf(f) !== null) || choices.series.some((s) => perPeriod(s, period));
  if (spec) {
    try {
      [grain, data] = await Promise.all([period && combined ? grainOf(request, dataset, period) : null, loadChart(request, spec)]);
    } catch (error) {
      // A filter or choice the query engine refuses is the visitor's to fix, not a server error.
      failure = visitorError(ctx, error);
    }
  }
  const model = spec && data && data.categories.length > 0 ? chartModel(ctx, spec, data, grain) : null;
  const other = data?.other && data.other > 0 ? { label: t.other, value: data.other } : null;
  const negativePie = spec?.type === 'pie' && model !== null && (model.series[0].values.some((v) => v !== null && v < 0) || (data?.other ?? 0) < 0);
  const api = `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset.id)}`;
  const apiQuery = data ? queryString([...data.query, ['lang', ctx.lang], ['timezone', ctx.config.timezone]]) : '';
  const twin = data ? `${api}/records${apiQuery}` : undefined;
  const keep = chartPairs(choices);
  // A bookmark or a shared link names the chart, not only the tab.
  const datasetTitle = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const pageTitle = [...(spec ? [chartTitle(t, ctx.lang, spec, grain)] : []), ctx.t.dataset.tabs.chart, datasetTitle].join(' · ');

  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="chart" filters={filters} page={{ title: pageTitle, jsonTwin: twin, styles: ['chart.css'], scripts: ['chart'] }}>
      <div id="chart-app">
        <ActiveFilters ctx={ctx} dataset={dataset} filters={filters} keep={keep} />
        <ChartForm ctx={ctx} action={ctx.link(`/datasets/${dataset.id}/chart`)} fields={dataset.fields} filters={filters} choices={choices} periods={{ field: period, grain }} />
        {problems.length > 0 && (
          <Notice kind="error" title={t.problemsTitle}>
            {problems.map((p, i) => <>{i > 0 && ' '}{problemText(ctx, p)}</>)}
          </Notice>
        )}
        {failure !== null && <Notice kind="error" title={ctx.t.errors.badFilterTitle}>{ctx.t.errors.badFilter(failure)}</Notice>}
        {negativePie && <Notice kind="error" title={t.problemsTitle}>{t.problems.pieNegative}</Notice>}
        {spec && data && (
          <section class="chart-result" data-chart-announce={t.updated(chartTitle(t, ctx.lang, spec, grain))}>
            <h2 id="chart-heading">{chartTitle(t, ctx.lang, spec, grain)}</h2>
            {data.categories.length === 0 && <Notice kind="info">{t.noData}</Notice>}
            {notes(ctx, spec, data, grain).map((note) => <p class="chart-note">{note}</p>)}
            {model && !negativePie && <ChartFigure ctx={ctx} model={model} other={other} width={query.layout === 'narrow' ? chartWidths.narrow : chartWidths.wide} />}
            {model && <ChartTable ctx={ctx} model={model} other={other} />}
            <p class="chart-links">
              {t.dataLinks} <a href={twin} type="application/json">{t.asJson}</a> · <a href={`${api}/exports/csv${apiQuery}`} type="text/csv">{t.asCsv}</a>
            </p>
          </section>
        )}
      </div>
      <p class="visually-hidden" role="status" data-chart-status></p>
    </DatasetFrame>
  );
};
