// The statistics dashboards (/-/stats): the period and dataset chosen in a form, totals, a chart per day with its data
// table, downloads by format, API calls by endpoint and caller kind, views by page type, top datasets, search terms,
// what people look for and do not find, and referring sites. Every chart has its table; nothing here names a person.
import type { Dataset } from '../../catalog/types.ts';
import { localized } from '../../explore/present.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { StatsReport } from '../../stats/report.ts';
import { numberFormats } from '../chart/scale.ts';
import { HorizontalChart, VerticalChart, chartWidths, type ChartModel } from '../chart/svg.tsx';
import { Legend } from '../chart/marks.tsx';
import type { PageContext } from '../context.ts';
import { ErrorSummary } from '../forms.tsx';
import { Layout } from '../layout.tsx';

interface StatsPageData {
  /** Null when the form's values could not be read (then `error` says why). */
  report: StatsReport | null;
  /** What the form shows: the values asked for, valid or not. */
  asked: { from: string; to: string; dataset: string };
  datasets: Dataset[];
  error?: string;
}

function Table(props: { caption: string; head: string[]; rows: (string | number | Html)[][]; numeric?: boolean[] }): Html {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label={props.caption}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>{props.head.map((h, i) => <th scope="col" class={props.numeric?.[i] ? 'num' : undefined}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td class={props.numeric?.[i] ? 'num' : undefined}>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function statsPage(ctx: PageContext, data: StatsPageData): Html {
  const t = ctx.t.stats;
  const n = (value: number) => formatNumber(ctx.lang, value);
  const report = data.report;
  const dataset = report?.range.datasetId ? data.datasets.find((d) => d.id === report.range.datasetId) ?? null : null;
  const title = dataset ? t.datasetTitle(localized(dataset.metadata.title, ctx.lang) ?? dataset.id) : t.title;
  const query = report ? `?from=${report.range.from}&to=${report.range.to}${report.range.datasetId ? `&dataset=${encodeURIComponent(report.range.datasetId)}` : ''}` : '';
  const datasetTitle = (id: string) => {
    const d = data.datasets.find((x) => x.id === id);
    return d ? localized(d.metadata.title, ctx.lang) ?? id : id;
  };
  const perDay: ChartModel | null = report && {
    type: 'line',
    id: 'per-day',
    title: t.overTime,
    desc: t.chartDesc(report.range.from, report.range.to),
    categories: report.days.map((d) => d.day),
    series: [
      { label: t.views, values: report.days.map((d) => d.views) },
      { label: t.downloads, values: report.days.map((d) => d.downloads) },
      { label: t.apiCalls, values: report.days.map((d) => d.apiCalls) },
    ],
    xTitle: t.day,
    yTitle: t.number,
    numbers: numberFormats(ctx.lang),
  };
  const formats: ChartModel | null = report && report.downloadsByFormat.length > 0 ? {
    type: 'bar',
    id: 'formats',
    title: t.byFormat,
    desc: t.byFormat,
    categories: report.downloadsByFormat.map((f) => f.format.toUpperCase()),
    series: [{ label: t.downloads, values: report.downloadsByFormat.map((f) => f.count) }],
    xTitle: t.format,
    yTitle: t.downloads,
    numbers: numberFormats(ctx.lang),
  } : null;
  const shown = (report?.totals.views ?? 0) + (report?.totals.downloads ?? 0) + (report?.totals.apiCalls ?? 0) + (report?.totals.searches ?? 0) > 0;

  return (
    <Layout ctx={ctx} page={{ title, noindex: true, jsonTwin: `${ctx.link('/-/stats.json')}${query}`, styles: ['chart.css'] }}>
      <h1>{title}</h1>
      <p>{t.intro}</p>
      <ErrorSummary ctx={ctx} error={data.error} />
      <form method="get" action={ctx.link('/-/stats')} class="filter-grid" aria-label={t.range}>
        <div class="field">
          <label for="stats-from">{t.from}</label>
          <input id="stats-from" name="from" type="date" value={data.asked.from} />
        </div>
        <div class="field">
          <label for="stats-to">{t.to}</label>
          <input id="stats-to" name="to" type="date" value={data.asked.to} />
        </div>
        <div class="field">
          <label for="stats-dataset">{t.dataset}</label>
          <select id="stats-dataset" name="dataset">
            <option value="">{t.allDatasets}</option>
            {data.datasets.map((d) => <option value={d.id} selected={d.id === data.asked.dataset}>{localized(d.metadata.title, ctx.lang) ?? d.id}</option>)}
          </select>
        </div>
        <button type="submit">{t.show}</button>
      </form>
      {report && (
        <>
          <p><a href={`${ctx.link('/-/stats.csv')}${query}`} download>{t.csv}</a></p>
          <section aria-labelledby="stats-totals">
            <h2 id="stats-totals">{t.totals}</h2>
            <dl class="metadata">
              <dt>{t.views}</dt><dd>{n(report.totals.views)}</dd>
              <dt>{t.downloads}</dt><dd>{n(report.totals.downloads)}</dd>
              <dt>{t.apiCalls}</dt><dd>{n(report.totals.apiCalls)} ({n(report.totals.apiCallsWithKey)} {t.withKey}, {n(report.totals.apiCallsAnonymous)} {t.anonymous})</dd>
              {report.totals.visitors !== null && <><dt>{t.visitors}</dt><dd>{n(report.totals.visitors)} <span class="muted">{t.visitorsNote}</span></dd></>}
              {report.range.datasetId === null && <><dt>{t.searches}</dt><dd>{n(report.totals.searches)} ({n(report.totals.emptySearches)} {t.empty})</dd></>}
            </dl>
          </section>
          {!shown && <p>{t.nothing}</p>}
          <section aria-labelledby="stats-per-day">
            <h2 id="stats-per-day">{t.overTime}</h2>
            <div class="chart-frame">
              <Legend label={t.overTime} items={perDay!.series.map((s) => ({ text: s.label }))} kind="line" />
              <div class="chart-for-screen">
                <VerticalChart model={perDay!} width={chartWidths.wide} />
              </div>
              <div class="chart-for-phone">
                <VerticalChart model={{ ...perDay!, id: 'per-day-phone' }} width={chartWidths.narrow} />
              </div>
            </div>
            <details>
              <summary>{t.overTime}: {t.number}</summary>
              <Table
                caption={t.overTime}
                head={[t.day, t.views, t.downloads, t.apiCalls, ...(report.range.datasetId === null ? [t.visitors] : [])]}
                numeric={[false, true, true, true, true]}
                rows={report.days.map((d) => [d.day, n(d.views), n(d.downloads), n(d.apiCalls), ...(d.visitors !== null ? [n(d.visitors)] : [])])}
              />
            </details>
          </section>
          {formats && (
            <section aria-labelledby="stats-formats">
              <h2 id="stats-formats">{t.byFormat}</h2>
              <div class="chart-small">
                <HorizontalChart model={formats} width={chartWidths.narrow} />
              </div>
              <Table caption={t.byFormat} head={[t.format, t.downloads]} numeric={[false, true]} rows={report.downloadsByFormat.map((f) => [f.format, n(f.count)])} />
            </section>
          )}
          {report.apiByEndpoint.length > 0 && (
            <section aria-labelledby="stats-endpoints">
              <h2 id="stats-endpoints">{t.byEndpoint}</h2>
              <Table
                caption={t.byEndpoint}
                head={[t.endpoint, t.withKey, t.anonymous]}
                numeric={[false, true, true]}
                rows={report.apiByEndpoint.map((e) => [<code>{e.endpoint}</code>, n(e.withKey), n(e.anonymous)])}
              />
            </section>
          )}
          {report.pages.length > 0 && (
            <section aria-labelledby="stats-pages">
              <h2 id="stats-pages">{t.byPage}</h2>
              <Table caption={t.byPage} head={[t.page, t.views]} numeric={[false, true]} rows={report.pages.map((p) => [t.pages[p.page] ?? p.page, n(p.count)])} />
            </section>
          )}
          {report.topDatasets.length > 0 && (
            <section aria-labelledby="stats-datasets">
              <h2 id="stats-datasets">{t.topDatasets}</h2>
              <Table
                caption={t.topDatasets}
                head={[t.dataset, t.views, t.downloads, t.apiCalls]}
                numeric={[false, true, true, true]}
                rows={report.topDatasets.map((d) => [
                  <a href={`${ctx.link('/-/stats')}?from=${report.range.from}&to=${report.range.to}&dataset=${encodeURIComponent(d.datasetId)}`}>{datasetTitle(d.datasetId)}</a>,
                  n(d.views), n(d.downloads), n(d.apiCalls),
                ])}
              />
            </section>
          )}
          {report.range.datasetId === null && (
            <>
              <section aria-labelledby="stats-terms">
                <h2 id="stats-terms">{t.terms}</h2>
                <p class="muted">{t.termsNote}</p>
                <Table
                  caption={t.terms}
                  head={[t.term, t.searches, t.empty]}
                  numeric={[false, true, true]}
                  rows={[...report.terms.map((x) => [x.term, n(x.searches), n(x.empty)]), ...(report.other.searches > 0 ? [[<em>{t.otherTerms}</em>, n(report.other.searches), n(report.other.empty)]] : [])]}
                />
              </section>
              <section aria-labelledby="stats-not-found">
                <h2 id="stats-not-found">{t.notFound}</h2>
                <p class="muted">{t.notFoundNote}</p>
                {report.notFound.length === 0 ? <p>{t.noneNotFound}</p> : <Table caption={t.notFound} head={[t.term, t.emptySearches]} numeric={[false, true]} rows={report.notFound.map((x) => [x.term, n(x.count)])} />}
              </section>
              {report.referrers.length > 0 && (
                <section aria-labelledby="stats-referrers">
                  <h2 id="stats-referrers">{t.referrers}</h2>
                  <Table caption={t.referrers} head={[t.host, t.views]} numeric={[false, true]} rows={report.referrers.map((r) => [r.host, n(r.count)])} />
                </section>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
