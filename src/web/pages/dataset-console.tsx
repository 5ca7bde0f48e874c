// The dataset's API tab: an ODSQL console whose GET form shows the Explore API link it builds and the answer, rendered here.
import type { Dataset } from '../../catalog/types.ts';
import { fieldLabel } from '../../explore/present.ts';
import { odsError } from '../../explore/errors.ts';
import { paging } from '../../explore/params.ts';
import { OdsqlError } from '../../odsql/errors.ts';
import { consoleParams, consoleUrl, snippets, type ConsoleParam } from '../client/console.lib.ts';
import type { PageContext } from '../context.ts';
import { DatasetFrame, tabPath } from '../dataset-frame.tsx';
import { filterWhere, type RecordFilters } from '../filters.ts';
import { formatNumber, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { odsqlWordsText } from '../reasons.ts';
import { datasetApi, FilterChips, visitorError } from '../record-tabs.tsx';
import type { TabRequest } from '../tab-request.ts';
import { one } from '../../http/params.ts';

type Query = TabRequest['query'];
type Values = Record<ConsoleParam, string>;

/** The console's inputs from the URL; on arrival from another tab, the where starts as that tab's free-text search. */
function readConsole(query: Query, filters: RecordFilters): Values {
  const submitted = consoleParams.some((p) => query[p] !== undefined);
  if (!submitted) return { select: '', where: filterWhere(filters)[0] ?? '', group_by: '', order_by: '', limit: '10', offset: '' };
  return Object.fromEntries(consoleParams.map((p) => [p, one(query, p).slice(0, 4000)])) as Values;
}

/** The console's query pairs, in form order: its inputs, the refines and excludes it keeps, then the language (which the script adds too). */
function consolePairs(ctx: PageContext, values: Values, filters: RecordFilters): [string, string][] {
  return [
    ...consoleParams.map((p) => [p, values[p]] as [string, string]),
    ...filters.refine.map((r) => ['refine', r] as [string, string]),
    ...filters.exclude.map((x) => ['exclude', x] as [string, string]),
    ['lang', ctx.lang],
  ];
}

interface Outcome {
  body: unknown;
  count?: { total: number; shown: number };
  error?: { message: string; clause?: string; position?: number };
}

/** What the link answers: the records, or the API's error body and where the ODSQL went wrong. */
async function runQuery({ dataset, records, audience, ctx }: TabRequest, values: Values, filters: RecordFilters): Promise<Outcome> {
  try {
    const limits = { limit: values.limit, offset: values.offset };
    const page = values.group_by.trim() ? paging(limits, { maxLimit: 20_000, maxWindow: 20_000 }) : paging(limits);
    const result = await records.records(dataset.id, audience, {
      select: values.select.trim() || undefined,
      where: values.where.trim() ? [values.where] : [],
      groupBy: values.group_by.trim() || undefined,
      orderBy: values.order_by.trim() || undefined,
      refine: filters.refine,
      exclude: filters.exclude,
      ...page,
      lang: ctx.lang,
      timezone: 'UTC',
    });
    return { body: result, count: { total: result.total_count, shown: result.results.length } };
  } catch (error) {
    const message = visitorError(ctx, error);
    const body = odsError(error)?.body ?? { error_code: 'InvalidRESTParameterError', message };
    // The notice names the clause and the character itself, above the caret.
    if (error instanceof OdsqlError) return { body, error: { message: odsqlWordsText(ctx.t.errors, error), clause: error.clause, position: error.position } };
    return { body, error: { message } };
  }
}

/** The clause with a caret under the place the parser stopped. */
function Caret(props: { text: string; position: number }): Html {
  const line = props.text.replace(/\s/g, ' ');
  return <pre class="odsql-caret" aria-hidden="true">{`${line}\n${' '.repeat(Math.min(props.position, line.length))}^`}</pre>;
}

function ConsoleInput(props: { ctx: PageContext; name: ConsoleParam; value: string; label: string; help: string; type?: string }): Html {
  const id = `console-${props.name}`;
  return (
    <div class={`console-field console-${props.name}`}>
      <label for={id}><code>{props.label}</code></label>
      <input id={id} name={props.name} type={props.type ?? 'text'} value={props.value} aria-describedby={`${id}-help`} spellcheck="false" autocomplete="off" />
      <p id={`${id}-help`} class="help">{props.help}</p>
    </div>
  );
}

function FieldList(props: { ctx: PageContext; dataset: Dataset }): Html {
  const t = props.ctx.t.console;
  return (
    <aside class="console-fields" aria-labelledby="console-fields">
      <h2 id="console-fields">{t.fields}</h2>
      <p class="help">{t.fieldsIntro}</p>
      <ul class="field-list">
        {props.dataset.fields.map((f) => (
          <li>
            <code>{f.name}</code> <span class="field-type">{props.ctx.t.dataset.types[f.type] ?? f.type}</span>
            {fieldLabel(f, props.ctx.lang) !== f.name && <span class="field-label">{fieldLabel(f, props.ctx.lang)}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}

export async function datasetConsolePage(request: TabRequest): Promise<Html> {
  const { ctx, dataset, query } = request;
  const t = ctx.t.console;
  // The console keeps refine and exclude; a free-text search became its where.
  const filters: RecordFilters = { q: '', refine: request.filters.refine, exclude: request.filters.exclude };
  const values = readConsole(query, request.filters);
  const recordsPath = `${datasetApi(dataset.id)}/records`;
  const url = consoleUrl(recordsPath, consolePairs(ctx, values, filters));
  const absolute = ctx.config.baseUrl.replace(/\/$/, '') + url;
  const code = snippets(absolute);
  const outcome = await runQuery(request, values, filters);
  const help = { select: t.selectHelp, where: t.whereHelp, group_by: t.groupByHelp, order_by: t.orderByHelp, limit: t.limitHelp, offset: t.offsetHelp };
  const labels = { select: t.select, where: t.where, group_by: t.groupBy, order_by: t.orderBy, limit: t.limit, offset: t.offset };
  const clauseText = outcome.error?.clause && (consoleParams as readonly string[]).includes(outcome.error.clause) ? values[outcome.error.clause as ConsoleParam] : null;
  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="api" filters={request.filters} page={{ jsonTwin: url, scripts: ['console'], styles: ['records.css', 'console.css'] }}>
      <p class="lead">{t.intro}</p>
      <div class="with-sidebar console-layout">
        <div class="console-main">
          <form class="console" method="get" action={ctx.link(tabPath(dataset.id, 'api'))} data-records={recordsPath} data-origin={ctx.config.baseUrl.replace(/\/$/, '')} data-lang={ctx.lang}
            data-loading={t.loading} data-error-title={t.errorTitle} data-fetch-failed={t.fetchFailed} data-copy={t.copy} data-copied={t.copied}
            data-count={t.resultCount.other('{total}', '{shown}')} data-count-one={t.resultCount.one?.('{total}', '{shown}')}>
            <h2>{t.query}</h2>
            <div class="console-grid">
              {consoleParams.map((p) => (
                <ConsoleInput ctx={ctx} name={p} value={values[p]} label={labels[p]} help={help[p]} type={p === 'limit' || p === 'offset' ? 'number' : 'text'} />
              ))}
            </div>
            {filters.refine.map((r) => <input type="hidden" name="refine" value={r} />)}
            {filters.exclude.map((x) => <input type="hidden" name="exclude" value={x} />)}
            {(filters.refine.length > 0 || filters.exclude.length > 0) && <p class="help">{t.filtersKept}</p>}
            <FilterChips ctx={ctx} dataset={dataset} tab="api" filters={filters} extra={consoleParams.map((p) => [p, values[p]] as [string, string])} />
            <p class="form-actions">
              <button type="submit">{t.run}</button> <a class="button secondary" href={ctx.link(tabPath(dataset.id, 'api'))}>{t.reset}</a>
            </p>
          </form>
          <section aria-labelledby="console-url-heading">
            <h2 id="console-url-heading">{t.url}</h2>
            <p class="console-url"><code id="console-url">{url}</code></p>
            <p><a id="console-open" href={url} target="_blank" rel="noopener">{t.openUrl}</a></p>
          </section>
          <section aria-labelledby="console-result-heading">
            <h2 id="console-result-heading">{t.result}</h2>
            <div id="console-status" aria-live="polite">
              {outcome.error ? (
                <div class="notice notice-error" role="alert">
                  <p class="notice-title">{t.errorTitle}</p>
                  {outcome.error.clause && outcome.error.position !== undefined && <p>{t.errorWhere(outcome.error.clause, String(outcome.error.position + 1))}</p>}
                  <p class="odsql-message">{outcome.error.message}</p>
                  {clauseText !== null && outcome.error.position !== undefined && <Caret text={clauseText} position={outcome.error.position} />}
                </div>
              ) : (
                outcome.count && <p class="result-count">{plural(ctx.lang, outcome.count.total, t.resultCount, formatNumber(ctx.lang, outcome.count.shown))}</p>
              )}
            </div>
            <pre class="console-result" tabindex="0" aria-labelledby="console-result-heading"><code id="console-result">{JSON.stringify(outcome.body, null, 2)}</code></pre>
          </section>
          <section aria-labelledby="console-snippets">
            <h2 id="console-snippets">{t.snippets}</h2>
            <p class="help">{t.snippetsIntro}</p>
            {(['curl', 'python', 'javascript'] as const).map((lang) => (
              <figure class="snippet">
                <figcaption id={`snippet-${lang}`}>{{ curl: 'curl', python: 'Python (requests)', javascript: 'JavaScript (fetch)' }[lang]}</figcaption>
                <pre tabindex="0" aria-labelledby={`snippet-${lang}`}><code data-snippet={lang}>{code[lang]}</code></pre>
              </figure>
            ))}
          </section>
          <section aria-labelledby="console-docs">
            <h2 id="console-docs">{t.docs}</h2>
            <p>{t.docsOdsql}</p>
            <ul>
              <li><a href="/api/explore/v2.1/">{t.docsExplore}</a></li>
              <li><a href="/api/explore/v2.1/swagger.json">{t.docsSwagger}</a></li>
            </ul>
          </section>
        </div>
        <FieldList ctx={ctx} dataset={dataset} />
      </div>
    </DatasetFrame>
  );
}
