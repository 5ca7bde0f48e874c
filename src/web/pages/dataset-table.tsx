// The dataset's table tab: records a page at a time, sortable columns, facets to refine or exclude, free-text search.
import type { Dataset, Field } from '../../catalog/types.ts';
import { localized } from '../../explore/present.ts';
import { Cell, isNumeric, isSortable } from '../cells.tsx';
import { Notice, Pagination } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame, tabHref, tabPath } from '../dataset-frame.tsx';
import { FacetPanel } from '../facet-panel.tsx';
import { apiFilterPairs, filterWhere, type RecordFilters } from '../filters.ts';
import { formatNumber, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { loadFacets, type Facet, type FacetExpansion } from '../record-facets.ts';
import { apiUrl, FilterChips, odsqlName, visitorError } from '../record-tabs.tsx';
import type { TabRequest } from '../tab-request.ts';
import { one } from '../../http/params.ts';

const pageSize = 25;
/** The Explore API pages only through the first 10,000 records (offset + limit). */
const recordWindow = 10_000;
const lastPage = recordWindow / pageSize;

type Query = TabRequest['query'];

interface TableSort {
  field: Field;
  direction: 'ascending' | 'descending';
}

/** `sort=field` or `sort=-field`; anything else is no sort, and `problem` says what was asked. */
function readSort(dataset: Dataset, text: string): { sort: TableSort | null; problem: string | null } {
  if (text === '') return { sort: null, problem: null };
  const name = text.replace(/^-/, '');
  const field = dataset.fields.find((f) => f.name === name);
  if (!field || !isSortable(field)) return { sort: null, problem: text };
  return { sort: { field, direction: text.startsWith('-') ? 'descending' : 'ascending' }, problem: null };
}

const sortParam = (sort: TableSort) => `${sort.direction === 'descending' ? '-' : ''}${sort.field.name}`;
const orderBy = (sort: TableSort | null) => (sort ? `${odsqlName(sort.field.name)} ${sort.direction === 'descending' ? 'DESC' : 'ASC'}` : undefined);

/** `facet=name` opens that facet in full, `facet_q=gen` narrows its values (a GET form, so no script is needed). */
function readExpansion(query: Query): FacetExpansion | null {
  const field = one(query, 'facet');
  return field ? { field, q: one(query, 'facet_q').trim().slice(0, 200) } : null;
}

function readPage(query: Query): number {
  const page = Number(one(query, 'page') || 1);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The field's unit, unless its label already says it (`Prijs (€)`). */
function unitOf(field: Field): string | null {
  const unit = field.annotations.unit?.[0];
  if (!unit) return null;
  const label = (field.label || field.name).toLowerCase();
  const said = label.includes(unit.toLowerCase()) || (unit.toUpperCase() === 'EUR' && label.includes('€'));
  return said ? null : unit;
}

function SortHeader(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; field: Field; sort: TableSort | null }): Html {
  const { ctx, field, sort } = props;
  const t = ctx.t.table;
  const current = sort?.field.name === field.name ? sort.direction : null;
  const unit = unitOf(field);
  const label = (
    <>
      {field.label || field.name}
      {unit && <span class="unit"> ({unit})</span>}
    </>
  );
  if (!isSortable(field)) return <th scope="col" class={isNumeric(field) ? 'number' : undefined}>{label}</th>;
  const next = current === 'ascending' ? 'descending' : 'ascending';
  const href = tabHref(ctx, props.dataset.id, 'table', props.filters, [['sort', sortParam({ field, direction: next })]]);
  return (
    <th scope="col" class={isNumeric(field) ? 'number' : undefined} aria-sort={current ?? undefined}>
      <a class="sort" href={href}>
        {label}
        <span class="visually-hidden"> ({t.sortAction[next]})</span>
        <span class={`sort-icon${current ? ' sorted' : ''}`} aria-hidden="true">{current === 'ascending' ? '▲' : current === 'descending' ? '▼' : '↕'}</span>
      </a>
    </th>
  );
}

function RecordsTable(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; sort: TableSort | null; rows: Record<string, unknown>[]; caption: string }): Html {
  const { ctx, dataset } = props;
  return (
    <div class="table-scroll records-scroll" role="region" aria-labelledby="records-caption" tabindex="0">
      <table class="records">
        <caption id="records-caption" class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>{dataset.fields.map((field) => <SortHeader ctx={ctx} dataset={dataset} filters={props.filters} field={field} sort={props.sort} />)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {dataset.fields.map((field) => (
                <td class={isNumeric(field) ? 'number' : undefined}><Cell ctx={ctx} field={field} value={row[field.name]} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SearchRecords(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; sort: TableSort | null }): Html {
  const { ctx, filters } = props;
  const t = ctx.t.table;
  return (
    <form class="search records-search" role="search" method="get" action={ctx.link(tabPath(props.dataset.id, 'table'))}>
      <label for="records-q" class="visually-hidden">{t.searchLabel}</label>
      <input id="records-q" name="q" type="search" value={filters.q} placeholder={t.searchPlaceholder} autocomplete="off" />
      {filters.refine.map((r) => <input type="hidden" name="refine" value={r} />)}
      {filters.exclude.map((x) => <input type="hidden" name="exclude" value={x} />)}
      {props.sort && <input type="hidden" name="sort" value={sortParam(props.sort)} />}
      <button type="submit">{t.search}</button>
    </form>
  );
}

export async function datasetTablePage({ ctx, dataset, filters, query, records, audience }: TabRequest): Promise<Html> {
  const t = ctx.t.table;
  const { sort, problem: sortProblem } = readSort(dataset, one(query, 'sort'));
  const page = readPage(query);
  const beyond = page > lastPage;
  const keep: [string, string][] = sort ? [['sort', sortParam(sort)]] : [];
  // Beyond the window only the count is asked for, so the JSON twin is still a call the API answers.
  const limit = beyond ? 0 : pageSize;
  const offset = beyond ? 0 : (page - 1) * pageSize;
  const options = { lang: ctx.lang, timezone: ctx.config.timezone };
  const jsonTwin = apiUrl(dataset.id, '/records', [...apiFilterPairs(filters), ['order_by', orderBy(sort)], ['limit', limit], ['offset', offset], ['lang', ctx.lang], ['timezone', options.timezone]]);

  let result: { total_count: number; results: Record<string, unknown>[] } = { total_count: 0, results: [] };
  let facets: Facet[] = [];
  let filterProblem: string | null = null;
  try {
    [result, facets] = await Promise.all([
      records.records(dataset.id, audience, { where: filterWhere(filters), refine: filters.refine, exclude: filters.exclude, orderBy: orderBy(sort), limit, offset, ...options }),
      loadFacets(records, dataset, audience, filters, options, readExpansion(query)),
    ]);
  } catch (error) {
    filterProblem = visitorError(ctx, error);
  }

  const total = result.total_count;
  const windowed = beyond && total > recordWindow;
  const pages = Math.min(Math.ceil(total / pageSize), lastPage);
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const from = offset + 1;
  const to = offset + result.results.length;
  const exportLink = <a href={tabHref(ctx, dataset.id, 'export', filters)}>{t.toExport}</a>;
  const fmt = (n: number) => formatNumber(ctx.lang, n);
  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="table" filters={filters} page={{ jsonTwin, styles: ['records.css', 'table.css'] }}>
      <SearchRecords ctx={ctx} dataset={dataset} filters={filters} sort={sort} />
      {filterProblem !== null && <Notice kind="error" title={ctx.t.errors.badFilterTitle}>{ctx.t.errors.badFilter(filterProblem)}</Notice>}
      {sortProblem !== null && <Notice kind="info">{t.badSort(sortProblem)}</Notice>}
      <div class={filterProblem === null ? 'with-sidebar records-layout' : 'records-layout'}>
        {filterProblem === null && <FacetPanel ctx={ctx} dataset={dataset} filters={filters} keep={keep} facets={facets} />}
        <section class="results" aria-labelledby="records-heading">
          <h2 id="records-heading" class="results-count">{filterProblem === null ? plural(ctx.lang, total, t.found) : t.heading}</h2>
          <FilterChips ctx={ctx} dataset={dataset} tab="table" filters={filters} extra={keep} />
          {windowed && filterProblem === null && (
            <Notice kind="info" title={t.windowTitle}>
              {t.window(fmt(recordWindow))} {exportLink} · <a href={tabHref(ctx, dataset.id, 'table', filters, [...keep, ['page', String(Math.max(pages, 1))]])}>{t.lastPage}</a>
            </Notice>
          )}
          {filterProblem === null && total === 0 && <p>{t.none}</p>}
          {filterProblem === null && !windowed && total > 0 && result.results.length === 0 && (
            <p>{t.emptyPage} <a href={tabHref(ctx, dataset.id, 'table', filters, keep)}>{t.firstPage}</a></p>
          )}
          {result.results.length > 0 && (
            <RecordsTable ctx={ctx} dataset={dataset} filters={filters} sort={sort} rows={result.results} caption={t.caption(title, fmt(from), fmt(to), fmt(total))} />
          )}
          {page === lastPage && total > recordWindow && <Notice kind="info">{t.windowLast(fmt(recordWindow))} {exportLink}</Notice>}
          <Pagination ctx={ctx} page={page} pages={page > pages ? 0 : pages} href={(p) => tabHref(ctx, dataset.id, 'table', filters, [...keep, ...(p > 1 ? [['page', String(p)] as [string, string]] : [])])} />
          {filterProblem === null && <p class="json-link"><a href={jsonTwin} type="application/json">{t.jsonLink}</a></p>}
        </section>
      </div>
    </DatasetFrame>
  );
}
