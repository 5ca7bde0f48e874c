// Catalog search for the pages: ranked, accent- and case-insensitive prefix matching with highlights, and combinable facets.
import type { Dataset } from '../catalog/types.ts';
import type { Language } from '../i18n/index.ts';
import { features, fieldLabel, localized, localizedList } from '../explore/present.ts';

export const catalogFacets = ['theme', 'keyword', 'publisher', 'license', 'features', 'modified'] as const;
export type CatalogFacet = (typeof catalogFacets)[number];
export const catalogSorts = ['relevance', 'title', 'modified', 'popularity'] as const;
export type CatalogSort = (typeof catalogSorts)[number];

export interface CatalogQuery {
  q: string;
  /** Selected values per facet: values of one facet widen (or), facets narrow (and). */
  filters: Partial<Record<CatalogFacet, string[]>>;
  sort: CatalogSort;
  page: number;
  pageSize: number;
  /** The facet shown in full (`?facet=keyword`) and the text its filter box narrows it to (`?facet_q=`). */
  expand?: { facet: CatalogFacet; q: string };
}

/** Text cut in pieces, the matching ones marked. */
export type Highlighted = { text: string; match: boolean }[];

interface CatalogHit {
  dataset: Dataset;
  score: number;
  title: Highlighted;
  description: Highlighted;
  keywords: Highlighted[];
  fields: Highlighted[];
  /** Where the query matched: title, description, keyword, field. */
  matchedIn: string[];
}

interface FacetCount {
  value: string;
  count: number;
  selected: boolean;
}

export interface CatalogResult {
  total: number;
  hits: CatalogHit[];
  facets: Record<CatalogFacet, FacetCount[]>;
}

/** Lower case, without accents: "Éénoudercontract" and "eenouder" meet. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A facet's values that contain the text anywhere, case and accents aside, alphabetically. */
export function valuesContaining<T extends { value: string }>(values: T[], q: string, lang: Language): T[] {
  const wanted = fold(q.trim());
  return values.filter((v) => fold(v.value).includes(wanted)).sort((a, b) => a.value.localeCompare(b.value, lang));
}

function queryTerms(q: string): string[] {
  return [...new Set(fold(q).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0))].slice(0, 20);
}

/** Splits text into pieces where a word starts with one of the terms; folding keeps lengths for Latin text, else no marks. */
function highlight(text: string, terms: string[]): Highlighted {
  const folded = fold(text);
  if (terms.length === 0 || folded.length !== text.length) return [{ text, match: false }];
  const pieces: Highlighted = [];
  let last = 0;
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    const term = terms.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!term) continue;
    const start = m.index ?? 0;
    if (start > last) pieces.push({ text: text.slice(last, start), match: false });
    pieces.push({ text: text.slice(start, start + term.length), match: true });
    last = start + term.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false });
  return pieces;
}

const matches = (h: Highlighted) => h.some((p) => p.match);

/** A window of the description around its first match, so a long text still shows why it was found. */
function snippet(text: string, terms: string[], size = 240): string {
  if (text.length <= size) return text;
  const at = terms.map((t) => fold(text).indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - 60);
  const cut = text.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${cut}${start + size < text.length ? '…' : ''}`;
}

function wordsOf(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

const weights = { title: 10, keyword: 6, field: 3, description: 2 };

/** What a search reads of a dataset in one language: its folded words per source and its facet values. */
interface Prepared {
  words: [weight: number, words: string[]][];
  values: Record<Exclude<CatalogFacet, 'modified'>, string[]>;
  modifiedMs: number;
}

/**
 * Per dataset and language, computed at its first search. The catalog's datasets are shared objects, the same until the
 * catalog changes (catalog/snapshot.ts): a change brings new objects, and the old ones' entries go with them.
 */
const prepared = new WeakMap<Dataset, Partial<Record<Language, Prepared>>>();

function prepare(dataset: Dataset, lang: Language): Prepared {
  const perLanguage = prepared.get(dataset) ?? {};
  const known = perLanguage[lang];
  if (known) return known;
  const m = dataset.metadata;
  const made: Prepared = {
    words: [
      [weights.title, wordsOf(localized(m.title, lang) ?? '')],
      [weights.keyword, localizedList(m.keyword, lang).flatMap(wordsOf)],
      [weights.field, dataset.fields.flatMap((f) => [...wordsOf(f.name), ...wordsOf(fieldLabel(f, lang))])],
      [weights.description, wordsOf(localized(m.description, lang) ?? '')],
    ],
    // Each value once: a dataset counts once per value.
    values: {
      theme: [...new Set(m.theme)],
      keyword: [...new Set(localizedList(m.keyword, lang))],
      publisher: m.publisher ? [m.publisher.name] : [],
      license: m.license ? [m.license.title] : [],
      features: features(dataset.fields),
    },
    modifiedMs: new Date(dataset.modifiedAt).getTime(),
  };
  perLanguage[lang] = made;
  prepared.set(dataset, perLanguage);
  return made;
}

/** Every term must start a word somewhere; the score favours titles, whole words and popular datasets. */
function score(dataset: Dataset, lang: Language, terms: string[]): number {
  const sources = prepare(dataset, lang).words;
  let total = 0;
  for (const term of terms) {
    let best = 0;
    for (const [weight, words] of sources) {
      for (const word of words) {
        if (!word.startsWith(term)) continue;
        best = Math.max(best, word === term ? weight * 1.5 : weight);
      }
    }
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

function period(modifiedMs: number, now: Date): string {
  const days = (now.getTime() - modifiedMs) / 86_400_000;
  if (days <= 7) return 'week';
  if (days <= 31) return 'month';
  if (days <= 366) return 'year';
  return 'older';
}


const periodOrder = ['week', 'month', 'year', 'older'];

export function searchCatalog(datasets: Dataset[], query: CatalogQuery, options: { lang: Language; now: Date; popularity: Map<string, number> }): CatalogResult {
  const { lang, now, popularity } = options;
  const terms = queryTerms(query.q);
  const scored = datasets
    .map((dataset) => ({ dataset, score: terms.length ? score(dataset, lang, terms) : 0 }))
    .filter((s) => terms.length === 0 || s.score > 0);
  // Each candidate's prepared values (each value once), looked up once; the facets with a filter.
  const readies = scored.map((s) => prepare(s.dataset, lang));
  const periods = readies.map((ready) => period(ready.modifiedMs, now));
  const has = (i: number, facet: CatalogFacet, wanted: string) => (facet === 'modified' ? periods[i] === wanted : readies[i].values[facet].includes(wanted));
  const active = catalogFacets.filter((facet) => (query.filters[facet] ?? []).length > 0);
  /** Whether candidate `i` passes every filter, that of `except` aside (a facet's own counts ignore its own filter). */
  const selected = (i: number, except?: CatalogFacet) => active.every((facet) => facet === except || query.filters[facet]!.some((w) => has(i, facet, w)));
  const facets = {} as Record<CatalogFacet, FacetCount[]>;
  for (const facet of catalogFacets) {
    const counts = new Map<string, number>();
    const add = (v: string) => counts.set(v, (counts.get(v) ?? 0) + 1);
    for (let i = 0; i < scored.length; i++) {
      if (active.length > 0 && !selected(i, facet)) continue;
      if (facet === 'modified') add(periods[i]);
      else for (const v of readies[i].values[facet]) add(v);
    }
    const wanted = query.filters[facet] ?? [];
    for (const w of wanted) if (!counts.has(w)) counts.set(w, 0);
    facets[facet] = [...counts]
      .map(([value, count]) => ({ value, count, selected: wanted.includes(value) }))
      .sort((a, b) =>
        facet === 'modified' ? periodOrder.indexOf(a.value) - periodOrder.indexOf(b.value) : b.count - a.count || a.value.localeCompare(b.value, lang),
      );
  }
  const title = (d: Dataset) => localized(d.metadata.title, lang) ?? d.id;
  const byTitle = (a: Dataset, b: Dataset) => title(a).localeCompare(title(b), lang);
  const byModified = (a: Dataset, b: Dataset) => b.modifiedAt.localeCompare(a.modifiedAt);
  const byPopularity = (a: Dataset, b: Dataset) => (popularity.get(b.id) ?? 0) - (popularity.get(a.id) ?? 0);
  const kept = active.length > 0 ? scored.filter((_, i) => selected(i)) : scored;
  kept.sort((a, b) => {
    switch (query.sort) {
      case 'title':
        return byTitle(a.dataset, b.dataset);
      case 'modified':
        return byModified(a.dataset, b.dataset) || byTitle(a.dataset, b.dataset);
      case 'popularity':
        return byPopularity(a.dataset, b.dataset) || byTitle(a.dataset, b.dataset);
      case 'relevance':
        return b.score - a.score || byPopularity(a.dataset, b.dataset) || byModified(a.dataset, b.dataset);
    }
  });
  const start = (query.page - 1) * query.pageSize;
  const hits = kept.slice(start, start + query.pageSize).map(({ dataset, score }) => {
    const description = snippet(localized(dataset.metadata.description, lang) ?? '', terms);
    const hit: CatalogHit = {
      dataset,
      score,
      title: highlight(title(dataset), terms),
      description: highlight(description, terms),
      keywords: localizedList(dataset.metadata.keyword, lang).map((k) => highlight(k, terms)),
      fields: dataset.fields.flatMap((f) => {
        const h = highlight(fieldLabel(f, lang), terms);
        const byName = highlight(f.name, terms);
        return matches(h) ? [h] : matches(byName) ? [byName] : [];
      }),
      matchedIn: [],
    };
    if (terms.length) {
      if (matches(hit.title)) hit.matchedIn.push('title');
      if (matches(highlight(localized(dataset.metadata.description, lang) ?? '', terms))) hit.matchedIn.push('description');
      if (hit.keywords.some(matches)) hit.matchedIn.push('keyword');
      if (hit.fields.length) hit.matchedIn.push('field');
    }
    return hit;
  });
  return { total: kept.length, hits, facets };
}
