// The dataset's table tab: records a page at a time, sortable columns, facets to refine or exclude, free-text search.
import type { Dataset, Field } from '../../catalog/types.ts';
import { recordsWindow } from '../../explore/params.ts';
import { fieldLabel, localized } from '../../explore/present.ts';
import { Cell, columnDecimals, isNumeric, isSortable } from '../cells.tsx';
import { Notice, Pagination } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame, tabHref, tabPath } from '../dataset-frame.tsx';
import { FacetPanel } from '../facet-panel.tsx';
import { apiFilterPairs, filterPairs, filterWhere, type RecordFilters } from '../filters.ts';
import { formatNumber, plural, type Language } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { loadFacets, type Facet, type FacetExpansion } from '../record-facets.ts';
import { apiUrl, FilterChips, odsqlName, visitorError } from '../record-tabs.tsx';
import type { TabRequest } from '../tab-request.ts';
import { many, one } from '../../http/params.ts';

const pageSize = 25;
/** The table pages as the Explore API does: only within its window (offset + limit). */
const lastPage = recordsWindow / pageSize;

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

/**
 * `fields=a&fields=b`: the columns shown, in the dataset's order (a GET form of checkboxes writes it, so no script is
 * needed); unknown names are passed over, and none or all of them is every column.
 */
function readColumns(dataset: Dataset, query: Query): { columns: Field[]; chosen: boolean } {
  const asked = new Set(many(query, 'fields'));
  const columns = dataset.fields.filter((f) => asked.has(f.name));
  const chosen = columns.length > 0 && columns.length < dataset.fields.length;
  return { columns: chosen ? columns : dataset.fields, chosen };
}

function readPage(query: Query): number {
  const page = Number(one(query, 'page') || 1);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The field's unit, unless its label already says it (`Prijs (€)`). */
function unitOf(field: Field, lang: Language): string | null {
  const unit = field.annotations.unit?.[0];
  if (!unit) return null;
  const label = fieldLabel(field, lang).toLowerCase();
  const said = label.includes(unit.toLowerCase()) || (unit.toUpperCase() === 'EUR' && label.includes('€'));
  return said ? null : unit;
}

function SortHeader(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; field: Field; sort: TableSort | null; keep: [string, string][] }): Html {
  const { ctx, field, sort } = props;
  const t = ctx.t.table;
  const current = sort?.field.name === field.name ? sort.direction : null;
  const unit = unitOf(field, ctx.lang);
  const label = (
    <>
      {fieldLabel(field, ctx.lang)}
      {unit && <span class="unit"> ({unit})</span>}
    </>
  );
  if (!isSortable(field)) return <th scope="col" class={isNumeric(field) ? 'number' : undefined}>{label}</th>;
  const next = current === 'ascending' ? 'descending' : 'ascending';
  const href = tabHref(ctx, props.dataset.id, 'table', props.filters, [['sort', sortParam({ field, direction: next })], ...props.keep]);
  return (
    <th scope="col" class={isNumeric(field) ? 'number' : undefined} aria-sort={current ?? undefined}>
      <a class="sort" href={href}>
        {label}
        <span class="visually-hidden"> ({t.sortAction[next]})</span>{' '}
        <span class={`sort-icon${current ? ' sorted' : ''}`} aria-hidden="true">{current === 'ascending' ? '▲' : current === 'descending' ? '▼' : '↕'}</span>
      </a>
    </th>
  );
}

function RecordsTable(props: {
  ctx: PageContext;
  dataset: Dataset;
  filters: RecordFilters;
  sort: TableSort | null;
  columns: Field[];
  columnPairs: [string, string][];
  rows: Record<string, unknown>[];
  caption: string;
}): Html {
  const { ctx, dataset, columns } = props;
  // One number of decimals per column on the page, so 6.431 does not stand under 6.412,4 as if it were thousands.
  const decimals = new Map(columns.map((field) => [field.name, columnDecimals(field, props.rows.map((row) => row[field.name]))]));
  return (
    // The region scrolls sideways (and down, under its sticky header) and can be reached and scrolled by keyboard;
    // its first column stays in view while the others scroll.
    <div class="table-scroll records-scroll" role="region" aria-labelledby="records-caption" tabindex="0">
      <table class="records sticky-first">
        <caption id="records-caption" class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>{columns.map((field) => <SortHeader ctx={ctx} dataset={dataset} filters={props.filters} field={field} sort={props.sort} keep={props.columnPairs} />)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {columns.map((field) => (
                <td class={isNumeric(field) ? 'number' : undefined}><Cell ctx={ctx} field={field} value={row[field.name]} decimals={decimals.get(field.name)} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The columns to show: checkboxes in a GET form behind a disclosure, keeping the filters and the sort. */
function ColumnChooser(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; sort: TableSort | null; columns: Field[]; chosen: boolean }): Html {
  const { ctx, dataset, filters, sort } = props;
  const t = ctx.t.table;
  const fmt = (n: number) => formatNumber(ctx.lang, n);
  const sortPairs: [string, string][] = sort ? [['sort', sortParam(sort)]] : [];
  return (
    <details class="column-chooser">
      <summary>{t.columns(fmt(props.columns.length), fmt(dataset.fields.length))}</summary>
      <form method="get" action={ctx.link(tabPath(dataset.id, 'table'))}>
        {[...filterPairs(filters), ...sortPairs].map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <fieldset>
          <legend>{t.columnsLegend}</legend>
          <ul>
            {dataset.fields.map((field) => {
              const id = `column-${field.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
              return (
                <li class="check">
                  <input type="checkbox" id={id} name="fields" value={field.name} checked={props.columns.includes(field)} />
                  <label for={id}>{fieldLabel(field, ctx.lang)}</label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <button type="submit">{t.columnsApply}</button>
        {props.chosen && <a class="all-columns" href={tabHref(ctx, dataset.id, 'table', filters, sortPairs)}>{t.allColumns}</a>}
      </form>
    </details>
  );
}

function SearchRecords(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; keep: [string, string][] }): Html {
  const { ctx, filters } = props;
  const t = ctx.t.table;
  return (
    <form class="search records-search" role="search" method="get" action={ctx.link(tabPath(props.dataset.id, 'table'))}>
      <label for="records-q" class="visually-hidden">{t.searchLabel}</label>
      <input id="records-q" name="q" type="search" value={filters.q} placeholder={t.searchPlaceholder} autocomplete="off" />
      {filters.refine.map((r) => <input type="hidden" name="refine" value={r} />)}
      {filters.exclude.map((x) => <input type="hidden" name="exclude" value={x} />)}
      {props.keep.map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit">{t.search}</button>
    </form>
  );
}

export async function datasetTablePage({ ctx, dataset, filters, query, records, audience }: TabRequest): Promise<Html> {
  const t = ctx.t.table;
  const { sort, problem: sortProblem } = readSort(dataset, one(query, 'sort'));
  const page = readPage(query);
  const beyond = page > lastPage;
  const { columns, chosen } = readColumns(dataset, query);
  const columnPairs: [string, string][] = chosen ? columns.map((f) => ['fields', f.name]) : [];
  // What every link of the page keeps besides the filters: the sort and the columns.
  const keep: [string, string][] = [...(sort ? [['sort', sortParam(sort)] as [string, string]] : []), ...columnPairs];
  const select = chosen ? columns.map((f) => odsqlName(f.name)).join(', ') : undefined;
  // Beyond the window only the count is asked for, so the JSON twin is still a call the API answers.
  const limit = beyond ? 0 : pageSize;
  const offset = beyond ? 0 : (page - 1) * pageSize;
  const options = { lang: ctx.lang, timezone: ctx.config.timezone };
  const jsonTwin = apiUrl(dataset.id, '/records', [['select', select], ...apiFilterPairs(filters), ['order_by', orderBy(sort)], ['limit', limit], ['offset', offset], ['lang', ctx.lang], ['timezone', options.timezone]]);

  let result: { total_count: number; results: Record<string, unknown>[] } = { total_count: 0, results: [] };
  let facets: Facet[] = [];
  let filterProblem: string | null = null;
  try {
    [result, facets] = await Promise.all([
      records.records(dataset.id, audience, { select, where: filterWhere(filters), refine: filters.refine, exclude: filters.exclude, orderBy: orderBy(sort), limit, offset, ...options }),
      loadFacets(records, dataset, audience, filters, options, readExpansion(query)),
    ]);
  } catch (error) {
    filterProblem = visitorError(ctx, error);
  }

  const total = result.total_count;
  const windowed = beyond && total > recordsWindow;
  const pages = Math.min(Math.ceil(total / pageSize), lastPage);
  // More records than the pages reach: the pager says how many it reaches and where the rest are.
  const capped = filterProblem === null && total > recordsWindow;
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const from = offset + 1;
  const to = offset + result.results.length;
  const exportLink = <a href={tabHref(ctx, dataset.id, 'export', filters)}>{t.toExport}</a>;
  const fmt = (n: number) => formatNumber(ctx.lang, n);
  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="table" filters={filters} page={{ jsonTwin, styles: ['records.css', 'table.css'] }}>
      <SearchRecords ctx={ctx} dataset={dataset} filters={filters} keep={keep} />
      {filterProblem !== null && <Notice kind="error" title={ctx.t.errors.badFilterTitle}>{ctx.t.errors.badFilter(filterProblem)}</Notice>}
      {sortProblem !== null && <Notice kind="info">{t.badSort(sortProblem)}</Notice>}
      <div class={filterProblem === null ? 'with-sidebar records-layout' : 'records-layout'}>
        {filterProblem === null && <FacetPanel ctx={ctx} dataset={dataset} filters={filters} keep={keep} facets={facets} />}
        <section class="results" aria-labelledby="records-heading">
          <h2 id="records-heading" class="results-count">{filterProblem === null ? plural(ctx.lang, total, t.found) : t.heading}</h2>
          <FilterChips ctx={ctx} dataset={dataset} tab="table" filters={filters} extra={keep} />
          {windowed && filterProblem === null && (
            <Notice kind="info" title={t.windowTitle}>
              {t.window(fmt(recordsWindow))} {exportLink} · <a href={tabHref(ctx, dataset.id, 'table', filters, [...keep, ['page', String(Math.max(pages, 1))]])}>{t.lastPage}</a>
            </Notice>
          )}
          {filterProblem === null && total === 0 && <p>{t.none}</p>}
          {filterProblem === null && !windowed && total > 0 && result.results.length === 0 && (
            <p>{t.emptyPage} <a href={tabHref(ctx, dataset.id, 'table', filters, keep)}>{t.firstPage}</a></p>
          )}
          {result.results.length > 0 && (
            <>
              <ColumnChooser ctx={ctx} dataset={dataset} filters={filters} sort={sort} columns={columns} chosen={chosen} />
              <RecordsTable ctx={ctx} dataset={dataset} filters={filters} sort={sort} columns={columns} columnPairs={columnPairs} rows={result.results} caption={plural(ctx.lang, total, t.caption, title, fmt(from), fmt(to), fmt(total))} />
            </>
          )}
          {page === lastPage && total > recordsWindow && <Notice kind="info">{t.windowLast(fmt(recordsWindow))} {exportLink}</Notice>}
          <Pagination
            ctx={ctx}
            page={page}
            pages={page > pages ? 0 : pages}
            href={(p) => tabHref(ctx, dataset.id, 'table', filters, [...keep, ...(p > 1 ? [['page', String(p)] as [string, string]] : [])])}
            note={capped ? <>({t.pagerWindow(fmt(recordsWindow), fmt(total))}; <a href={tabHref(ctx, dataset.id, 'export', filters)}>{t.pagerExport}</a>)</> : undefined}
          />
          {filterProblem === null && <p class="json-link"><a href={jsonTwin} type="application/json">{t.jsonLink}</a></p>}
        </section>
      </div>
    </DatasetFrame>
  );
}
