// The catalog page: search, combinable facets, sort, paging; every state in the URL.
import { DatasetCard, Highlight, Notice, Pagination } from '../components.tsx';
import { queryString, type PageContext } from '../context.ts';
import { formatNumber, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { FacetSearch } from '../facet-panel.tsx';
import { Layout } from '../layout.tsx';
import { catalogFacets, catalogSorts, valuesContaining, type CatalogFacet, type CatalogQuery, type CatalogResult } from '../search.ts';

export function SearchForm(props: { ctx: PageContext; q: string; hidden?: [string, string][] }): Html {
  const t = props.ctx.t.common;
  return (
    <form class="search" role="search" method="get" action={props.ctx.link('/datasets')}>
      <label for="q" class="visually-hidden">{t.searchLabel}</label>
      <input id="q" name="q" type="search" value={props.q} placeholder={t.searchPlaceholder} autocomplete="off" />
      {(props.hidden ?? []).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit">{t.search}</button>
    </form>
  );
}

/** The query's state as URL pairs, with one facet value toggled and/or another sort or page. */
function catalogPairs(query: CatalogQuery, change: { toggle?: [CatalogFacet, string]; sort?: string; page?: number; clear?: boolean } = {}): [string, string][] {
  const pairs: [string, string][] = [];
  if (query.q) pairs.push(['q', query.q]);
  if (!change.clear) {
    for (const facet of catalogFacets) {
      let values = query.filters[facet] ?? [];
      if (change.toggle && change.toggle[0] === facet) {
        const v = change.toggle[1];
        values = values.includes(v) ? values.filter((x) => x !== v) : [...values, v];
      }
      for (const v of values) pairs.push([facet, v]);
    }
  }
  const sort = change.sort ?? query.sort;
  if (sort !== (query.q ? 'relevance' : 'modified')) pairs.push(['sort', sort]);
  const page = change.page ?? (change.toggle || change.sort || change.clear ? 1 : query.page);
  if (page > 1) pairs.push(['page', String(page)]);
  return pairs;
}

function facetLabel(ctx: PageContext, facet: CatalogFacet, value: string): string {
  // Own keys only: theme=constructor is shown as typed, not as Object.prototype's function.
  const own = (names: Record<string, string>) => (Object.hasOwn(names, value) ? names[value] : value);
  if (facet === 'theme') return own(ctx.t.themes);
  if (facet === 'features') return own(ctx.t.catalog.feature);
  if (facet === 'modified') return own(ctx.t.catalog.period);
  return value;
}

/** Values listed before "show all": keywords are many and short. */
const shownValues = (facet: CatalogFacet) => (facet === 'keyword' ? 15 : 30);

export function catalogPage(ctx: PageContext, query: CatalogQuery, result: CatalogResult, error?: string): Html {
  const t = ctx.t.catalog;
  const here = ctx.link('/datasets');
  const href = (pairs: [string, string][]) => here + queryString(pairs);
  const pages = Math.max(1, Math.ceil(result.total / query.pageSize));
  const active = catalogFacets.flatMap((facet) => (query.filters[facet] ?? []).map((value) => [facet, value] as [CatalogFacet, string]));
  const title = query.q ? t.searchResults(query.q) : t.title;
  return (
    <Layout
      ctx={ctx}
      page={{ title, jsonTwin: `${ctx.link('/datasets')}.json${ctx.search}`, noindex: ctx.search !== '', scripts: ['catalog'], feeds: [{ href: ctx.link('/catalog/feed.atom'), title: ctx.t.versions.catalogFeedTitle(ctx.config.portalName) }] }}
    >
      <h1>{title}</h1>
      <SearchForm ctx={ctx} q={query.q} hidden={catalogPairs(query, { page: 1 }).filter(([k]) => k !== 'q')} />
      {error && <Notice kind="error">{error}</Notice>}
      <div class="with-sidebar">
        <aside class="facets" aria-labelledby="filters-heading">
          <h2 id="filters-heading">{t.filters}</h2>
          {catalogFacets.map((facet) => {
            const counts = result.facets[facet];
            if (counts.length === 0) return <></>;
            const id = `facet-${facet}`;
            const expanded = query.expand?.facet === facet ? query.expand : null;
            const listed = expanded ? valuesContaining(counts, expanded.q, ctx.lang) : counts.slice(0, shownValues(facet));
            const fmt = (n: number) => formatNumber(ctx.lang, n);
            return (
              <section class="facet" aria-labelledby={id}>
                <h3 id={id}>{t.facet[facet]}</h3>
                {expanded && (
                  <FacetSearch ctx={ctx} action={`${here}#${id}`} keep={[...catalogPairs(query), ['facet', facet]]} id={id} label={t.facet[facet]} q={expanded.q} total={listed.length} />
                )}
                <ul>
                  {listed.map((f) => (
                    <li>
                      <a href={href(catalogPairs(query, { toggle: [facet, f.value] }))} aria-current={f.selected ? 'true' : undefined} class={f.selected ? 'selected' : undefined}>
                        <span>{facetLabel(ctx, facet, f.value)}</span> <span class="count">{formatNumber(ctx.lang, f.count)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
                {expanded && <p class="facet-fewer"><a href={`${href(catalogPairs(query))}#${id}`}>{ctx.t.common.showFewer}<span class="visually-hidden"> ({t.facet[facet]})</span></a></p>}
                {!expanded && counts.length > shownValues(facet) && (
                  <p class="facet-show-all">
                    <a href={`${href([...catalogPairs(query), ['facet', facet]])}#${id}`}>{ctx.t.common.showAll(fmt(counts.length))}<span class="visually-hidden"> ({t.facet[facet]})</span></a>
                  </p>
                )}
              </section>
            );
          })}
        </aside>
        <section class="results" aria-labelledby="results-heading">
          <h2 id="results-heading" class="results-count" aria-live="polite">{plural(ctx.lang, result.total, t.found)}</h2>
          {active.length > 0 && (
            <div class="chips">
              <span>{t.activeFilters}:</span>
              {active.map(([facet, value]) => (
                <a class="chip" href={href(catalogPairs(query, { toggle: [facet, value] }))} aria-label={t.removeFilter(facetLabel(ctx, facet, value))}>
                  {facetLabel(ctx, facet, value)} ×
                </a>
              ))}
              <a href={href(catalogPairs(query, { clear: true }))}>{t.clearAll}</a>
            </div>
          )}
          <form class="sort" method="get" action={here}>
            {catalogPairs(query, { page: 1 }).filter(([k]) => k !== 'sort').map(([name, value]) => <input type="hidden" name={name} value={value} />)}
            <label for="sort">{t.sort}</label>
            <select id="sort" name="sort">
              {catalogSorts.filter((s) => s !== 'relevance' || query.q).map((s) => <option value={s} selected={s === query.sort}>{t.sorts[s]}</option>)}
            </select>
            <button type="submit">{t.apply}</button>
          </form>
          {result.total === 0 && <p>{t.none}</p>}
          {result.hits.map((hit) => (
            <DatasetCard ctx={ctx} dataset={hit.dataset} heading="h3" title={<Highlight text={hit.title} />}>
              <p class="description"><Highlight text={hit.description} /></p>
              {hit.keywords.length > 0 && (
                <ul class="keywords">
                  {hit.keywords.map((k) => <li><Highlight text={k} /></li>)}
                </ul>
              )}
              {hit.fields.length > 0 && (
                <p class="matched-fields">
                  {t.matchFields.field}: {hit.fields.map((f, i) => <>{i > 0 && ', '}<Highlight text={f} /></>)}
                </p>
              )}
              {hit.matchedIn.length > 0 && (
                <p class="matched-in">
                  {t.matchedIn}: {hit.matchedIn.map((m) => t.matchFields[m]).join(', ')}
                </p>
              )}
            </DatasetCard>
          ))}
          <Pagination ctx={ctx} page={query.page} pages={pages} href={(p) => href(catalogPairs(query, { page: p }))} />
        </section>
      </div>
    </Layout>
  );
}
