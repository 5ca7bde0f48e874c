// The facets beside a dataset's table: the fields annotated `facet`, or else its text fields with few values.
import type { Audience } from '../catalog/service.ts';
import type { Dataset, Field } from '../catalog/types.ts';
import type { FacetRequest, FacetValue } from '../explore/facets.ts';
import type { RecordsService } from '../explore/records.ts';
import { filterWhere, type RecordFilters } from './filters.ts';

export interface Facet {
  field: Field;
  values: FacetValue[];
}

/** Values fetched per facet: enough for a long list behind "more", not a whole column. */
const valuesPerFacet = 50;
/** Without annotations, a text field is a facet when it has at most this many values (and at least two). */
const fewValues = 20;
const facetable = (f: Field) => !['geo_point_2d', 'geo_shape', 'json_blob', 'file'].includes(f.type);

const request = (name: string, limit: number): FacetRequest => ({ name, disjunctive: false, sort: '-count', limit });

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
): Promise<Facet[]> {
  const fields = await facetFields(records, dataset, audience, options);
  if (fields.length === 0) return [];
  const result = await records.facets(dataset.id, audience, {
    facets: fields.map((f) => request(f.name, valuesPerFacet)),
    where: filterWhere(filters),
    refine: filters.refine,
    exclude: filters.exclude,
    ...options,
  });
  return fields.map((field) => ({ field, values: result.facets.find((f) => f.name === field.name)?.facets ?? [] }));
}
