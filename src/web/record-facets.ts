// The facets beside a dataset's table: the fields annotated `facet`, or else its text fields with few values.
import type { Audience } from '../catalog/service.ts';
import type { Dataset, Field } from '../catalog/types.ts';
import type { FacetRequest, FacetValue } from '../explore/facets.ts';
import type { RecordsService } from '../explore/records.ts';
import { filterWhere, type RecordFilters } from './filters.ts';

export interface Facet {
  field: Field;
  values: FacetValue[];
  /** How many values the facet has under the current filters, however many were fetched. */
  total: number;
  /** The facet opened in full ("show all"): its values containing `q`, alphabetically. */
  expanded?: { q: string; values: FacetValue[]; total: number };
}

/** The facet a page shows in full (`?facet=`) and the text its filter box narrows it to (`?facet_q=`). */
export interface FacetExpansion {
  field: string;
  q: string;
}

/** Values fetched per facet: enough for a long list behind "more", not a whole column. */
const valuesPerFacet = 50;
/** Without annotations, a text field is a facet when it has at most this many values (and at least two). */
const fewValues = 20;
/** A facet shown in full lists at most this many values at once; its filter box finds the others. */
const allValuesLimit = 1000;
const facetable = (f: Field) => !['geo_point_2d', 'geo_shape', 'json_blob', 'file'].includes(f.type);

const request = (name: string, limit: number, more: Partial<FacetRequest> = {}): FacetRequest => ({ name, disjunctive: false, sort: '-count', limit, ...more });

/** The facet fields: annotated ones, else text fields with few values in the whole dataset (not only the filtered part). */
async function facetFields(records: RecordsService, dataset: Dataset, audience: Audience, options: { lang: string; timezone: string }): Promise<Field[]> {
  const annotated = dataset.fields.filter((f) => f.annotations.facet && facetable(f));
  if (annotated.length > 0) return annotated;
  const candidates = dataset.fields.filter((f) => f.type === 'text').slice(0, 8);
  if (candidates.length === 0) return [];
  const counted = await records.facets(dataset.id, audience, {
    facets: candidates.map((f) => request(f.name, fewValues + 1)),
    where: [],
    refine: [],
    exclude: [],
    ...options,
  });
  return candidates.filter((f) => {
    const n = counted.facets.find((c) => c.name === f.name)?.facets.length ?? 0;
    return n >= 2 && n <= fewValues;
  });
}

/** Counts per value under the current filters; an invalid filter throws, as the records query would. */
export async function loadFacets(
  records: RecordsService,
  dataset: Dataset,
  audience: Audience,
  filters: RecordFilters,
  options: { lang: string; timezone: string },
  expansion: FacetExpansion | null = null,
): Promise<Facet[]> {
  const fields = await facetFields(records, dataset, audience, options);
  if (fields.length === 0) return [];
  const filtered = { where: filterWhere(filters), refine: filters.refine, exclude: filters.exclude, ...options };
  const expanded = expansion && fields.some((f) => f.name === expansion.field) ? expansion : null;
  // The engine counts and narrows the full list too: a facet of any size is never read into memory whole.
  const [result, full] = await Promise.all([
    records.facets(dataset.id, audience, { facets: fields.map((f) => request(f.name, valuesPerFacet, { withTotal: true })), ...filtered }),
    expanded
      ? records.facets(dataset.id, audience, {
          facets: [request(expanded.field, allValuesLimit, { sort: 'alphanum', withTotal: true, ...(expanded.q ? { contains: expanded.q } : {}) })],
          ...filtered,
        })
      : null,
  ]);
  return fields.map((field) => {
    const counted = result.facets.find((f) => f.name === field.name);
    const facet: Facet = { field, values: counted?.facets ?? [], total: counted?.total ?? 0 };
    const all = full?.facets[0];
    if (expanded && all && field.name === expanded.field) facet.expanded = { q: expanded.q, values: all.facets, total: all.total ?? 0 };
    return facet;
  });
}
