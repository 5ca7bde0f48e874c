// The facet sidebar of the table: each value a link that adds or removes a refine, and one that excludes it, with counts;
// a long facet opens in full ("show all") with a filter box, both plain links and a GET form. On a phone the sidebar is
// a "Filters" disclosure above the results, closed unless a facet is open in full; beside the table it is always open.
import type { Dataset } from '../catalog/types.ts';
import type { FacetValue } from '../explore/facets.ts';
import { fieldLabel } from '../explore/present.ts';
import { facetValueText } from './cells.tsx';
import type { PageContext } from './context.ts';
import { tabHref, tabPath } from './dataset-frame.tsx';
import { filterPairs, toggleFilter, type RecordFilters } from './filters.ts';
import { formatNumber, plural } from '../i18n/index.ts';
import type { Html } from '../html/jsx-runtime.ts';
import type { Facet } from './record-facets.ts';

/** Values shown before "more": the rest stay behind a disclosure that needs no script. */
const shownValues = 10;

interface PanelProps {
  ctx: PageContext;
  dataset: Dataset;
  filters: RecordFilters;
  /** Pairs the links keep besides the filters (the sort). */
  keep: [string, string][];
}

function FacetValues(props: PanelProps & { facet: Facet; values: FacetValue[] }): Html {
  const { ctx, dataset, filters, facet } = props;
  const t = ctx.t.table;
  const href = (next: RecordFilters) => tabHref(ctx, dataset.id, 'table', next, props.keep);
  return (
    <ul>
      {props.values.map((v) => {
        const spec = `${facet.field.name}:${v.value}`;
        const label = facetValueText(ctx, facet.field, v.name);
        const count = <span class="count">{formatNumber(ctx.lang, v.count)}<span class="visually-hidden"> {plural(ctx.lang, v.count, t.countHint)}</span></span>;
        if (v.state === 'excluded') {
          return (
            <li class="facet-value excluded">
              <a href={href(toggleFilter(filters, 'exclude', spec))}>
                <span><del>{label}</del> <span class="facet-state">({t.excluded})</span><span class="visually-hidden">, {t.excludedHint}</span></span> {count}
              </a>
            </li>
          );
        }
        const refined = v.state === 'refined';
        return (
          <li class="facet-value">
            <a href={href(toggleFilter(filters, 'refine', spec))} class={refined ? 'selected' : undefined} aria-current={refined ? 'true' : undefined}>
              <span>{label}{refined && <span class="visually-hidden">, {t.selectedHint}</span>}</span> {count}
            </a>
            {!refined && (
              <a class="facet-exclude" href={href(toggleFilter(filters, 'exclude', spec))} aria-label={t.excludeLabel(label)}>{t.exclude}</a>
            )}
            {refined && v.facets && v.facets.length > 0 && <FacetValues {...props} values={v.facets} />}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The filter box over a facet's values in full (a GET form back to the same view, so it works without script) and the
 * count of what it found: the table tab's facets and the catalog's alike.
 */
export function FacetSearch(props: { ctx: PageContext; action: string; keep: [string, string][]; id: string; label: string; q: string; total: number; shown?: number }): Html {
  const { ctx, id, q, total } = props;
  const t = ctx.t.common;
  const fmt = (n: number) => formatNumber(ctx.lang, n);
  return (
    <>
      <form class="facet-search" role="search" method="get" action={props.action}>
        {props.keep.map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <label for={`${id}-q`}>{t.facetSearchLabel(props.label)}</label>
        <span class="facet-search-row">
          <input id={`${id}-q`} name="facet_q" type="search" value={q} autocomplete="off" />
          <button type="submit">{t.facetSearch}</button>
        </span>
      </form>
      <p class="facet-all-count" role="status">
        {q ? (total === 0 ? t.valuesNone(q) : plural(ctx.lang, total, t.valuesContaining, q)) : plural(ctx.lang, total, t.valuesInAll)}
        {props.shown !== undefined && total > props.shown && <> {t.valuesCapped(fmt(props.shown))}</>}
      </p>
    </>
  );
}

/** The facet in full: a filter box over every value, alphabetically. */
function ExpandedFacet(props: PanelProps & { facet: Facet; id: string }): Html {
  const { ctx, dataset, filters, facet, id } = props;
  const expanded = facet.expanded;
  if (!expanded) return <></>;
  const label = fieldLabel(facet.field, ctx.lang);
  const shown = expanded.values.length;
  return (
    <div class="facet-all">
      <FacetSearch
        ctx={ctx}
        action={`${ctx.link(tabPath(dataset.id, 'table'))}#${id}`}
        keep={[...filterPairs(filters), ...props.keep, ['facet', facet.field.name]]}
        id={id}
        label={label}
        q={expanded.q}
        total={expanded.total}
        shown={shown}
      />
      {shown > 0 && <FacetValues {...props} facet={facet} values={expanded.values} />}
      <p class="facet-fewer"><a href={`${tabHref(ctx, dataset.id, 'table', filters, props.keep)}#${id}`}>{ctx.t.common.showFewer}<span class="visually-hidden"> ({label})</span></a></p>
    </div>
  );
}

/** Filters in use: the search words count as one, each refine and exclude as one (as the chips show them). */
function activeFilters(filters: RecordFilters): number {
  return (filters.q ? 1 : 0) + filters.refine.length + filters.exclude.length;
}

export function FacetPanel(props: PanelProps & { facets: Facet[] }): Html {
  const { ctx } = props;
  const t = ctx.t.table;
  const active = activeFilters(props.filters);
  // A facet opened in full is what the person is working in: its disclosure stays open on a phone.
  const open = props.facets.some((facet) => facet.expanded);
  return (
    <aside class="facets record-facets" aria-labelledby="filters-heading">
      <details class="filters-toggle" open={open}>
        <summary>{t.filtersToggle(active, formatNumber(ctx.lang, active))}</summary>
        <h2 id="filters-heading">{t.filters}</h2>
        <a class="skip-facets" href="#records-heading">{t.skipFacets}</a>
        {props.facets.length === 0 && <p>{t.noFacets}</p>}
        {props.facets.map((facet) => {
          if (facet.values.length === 0) return <></>;
          const id = `facet-${facet.field.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          const label = fieldLabel(facet.field, ctx.lang);
          if (facet.expanded) {
            return (
              <section class="facet expanded" aria-labelledby={id}>
                <h3 id={id}>{label}</h3>
                <ExpandedFacet {...props} facet={facet} id={id} />
              </section>
            );
          }
          const rest = facet.values.slice(shownValues);
          // When the fetched values are all there are, a disclosure shows the rest; else a link opens the facet in full.
          const complete = facet.total <= facet.values.length;
          const showAll = `${tabHref(ctx, props.dataset.id, 'table', props.filters, [...props.keep, ['facet', facet.field.name]])}#${id}`;
          return (
            <section class="facet" aria-labelledby={id}>
              <h3 id={id}>{label}</h3>
              <FacetValues {...props} facet={facet} values={facet.values.slice(0, shownValues)} />
              {complete && rest.length > 0 && (
                <details class="facet-more">
                  <summary>{plural(ctx.lang, rest.length, t.moreValues)}</summary>
                  <FacetValues {...props} facet={facet} values={rest} />
                </details>
              )}
              {!complete && (
                <p class="facet-show-all">
                  <a href={showAll}>{ctx.t.common.showAll(formatNumber(ctx.lang, facet.total))}<span class="visually-hidden"> ({label})</span></a>
                </p>
              )}
            </section>
          );
        })}
      </details>
    </aside>
  );
}
