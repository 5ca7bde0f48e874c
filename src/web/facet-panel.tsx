// The facet sidebar of the table: each value a link that adds or removes a refine, and one that excludes it, with counts.
import type { Dataset } from '../catalog/types.ts';
import type { FacetValue } from '../explore/facets.ts';
import { facetValueText } from './cells.tsx';
import type { PageContext } from './context.ts';
import { tabHref } from './dataset-frame.tsx';
import { toggleFilter, type RecordFilters } from './filters.ts';
import { formatNumber } from '../i18n/index.ts';
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
        const count = <span class="count">{formatNumber(ctx.lang, v.count)}<span class="visually-hidden"> {t.countHint}</span></span>;
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

export function FacetPanel(props: PanelProps & { facets: Facet[] }): Html {
  const t = props.ctx.t.table;
  return (
    <aside class="facets record-facets" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t.filters}</h2>
      <a class="skip-facets" href="#records-heading">{t.skipFacets}</a>
      {props.facets.length === 0 && <p>{t.noFacets}</p>}
      {props.facets.map((facet) => {
        if (facet.values.length === 0) return <></>;
        const id = `facet-${facet.field.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
        const rest = facet.values.slice(shownValues);
        return (
          <section class="facet" aria-labelledby={id}>
            <h3 id={id}>{facet.field.label || facet.field.name}</h3>
            <FacetValues {...props} facet={facet} values={facet.values.slice(0, shownValues)} />
            {rest.length > 0 && (
              <details class="facet-more">
                <summary>{t.moreValues(formatNumber(props.ctx.lang, rest.length))}</summary>
                <FacetValues {...props} facet={facet} values={rest} />
              </details>
            )}
          </section>
        );
      })}
    </aside>
  );
}
