// What the record tabs share: the Explore API URL of a dataset, filter errors turned into messages, the active-filter chips.
import type { Dataset } from '../catalog/types.ts';
import { DomainError } from '../errors.ts';
import { QueryTimeout } from '../explore/errors.ts';
import { OdsqlError } from '../odsql/errors.ts';
import { odsqlErrorText } from './reasons.ts';
import { keywords } from '../odsql/lexer.ts';
import { queryString, type PageContext } from './context.ts';
import { tabHref, type DatasetTab } from './dataset-frame.tsx';
import { describeFilter, hasFilters, toggleFilter, type RecordFilters } from './filters.ts';
import { facetValueText } from './cells.tsx';
import type { Html } from '../html/jsx-runtime.ts';

/** The dataset's Explore API path; every tab's data comes from below it. */
export function datasetApi(datasetId: string): string {
  return `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}`;
}

/** `/records?…` or `/exports/csv?…` under the dataset, with the pairs as query string. */
export function apiUrl(datasetId: string, path: string, pairs: [string, string | number | null | undefined][]): string {
  return `${datasetApi(datasetId)}${path}${queryString(pairs)}`;
}

/** A field name as ODSQL reads it: back-quoted when it is a keyword or not a plain name. */
export function odsqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !keywords.has(name.toLowerCase()) ? name : `\`${name.replace(/[\\`]/g, '\\$&')}\``;
}

/**
 * The message of a problem the visitor caused through the URL (a bad refine, bad ODSQL, a query that took too long), in
 * the page's language, and the page's status made 400; anything else is not theirs to fix and goes on to the error page.
 * The Explore API says the same problems in its own English (src/explore/errors.ts).
 */
export function visitorError(ctx: PageContext, error: unknown): string {
  if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
  ctx.status = 400;
  if (error instanceof OdsqlError) return odsqlErrorText(ctx.t.errors, error);
  return error instanceof QueryTimeout ? ctx.t.errors.queryTimeout : ctx.t.errors.queryOther;
}

/** The active filters as chips, each a link to this tab without it. */
export function FilterChips(props: { ctx: PageContext; dataset: Dataset; tab: DatasetTab; filters: RecordFilters; extra?: [string, string][] }): Html {
  const { ctx, dataset, tab, filters } = props;
  const t = ctx.t.table;
  if (!hasFilters(filters)) return <></>;
  const href = (next: RecordFilters) => tabHref(ctx, dataset.id, tab, next, props.extra ?? []);
  const chip = (label: string, next: RecordFilters) => (
    <li>
      <a class="chip" href={href(next)} aria-label={t.removeFilter(label)}>
        {label} <span aria-hidden="true">×</span>
      </a>
    </li>
  );
  const described = (kind: 'refine' | 'exclude', text: string) => {
    const d = describeFilter(dataset.fields, text, ctx.lang);
    const value = facetValueText(ctx, dataset.fields.find((f) => f.name === d.field), d.value);
    return kind === 'refine' ? t.refineChip(d.label, value) : t.excludeChip(d.label, value);
  };
  return (
    <div class="chips">
      <span id={`chips-${tab}`}>{t.activeFilters}:</span>
      <ul class="chip-list" aria-labelledby={`chips-${tab}`}>
        {filters.q && chip(t.freeText(filters.q), { ...filters, q: '' })}
        {filters.refine.map((r) => chip(described('refine', r), toggleFilter(filters, 'refine', r)))}
        {filters.exclude.map((x) => chip(described('exclude', x), toggleFilter(filters, 'exclude', x)))}
      </ul>
      <a href={href({ q: '', refine: [], exclude: [] })}>{t.clearAll}</a>
    </div>
  );
}
