// A dataset's record filters in the page URL (q, refine, exclude): the same words as the Explore API, shared by every tab.
import type { Field } from '../catalog/types.ts';
import { fieldLabel } from '../explore/present.ts';
import type { Language } from '../i18n/index.ts';
import { many, one } from '../http/params.ts';

export interface RecordFilters {
  /** Free text, searched as an ODSQL full-text string. */
  q: string;
  /** `field:value`, as the API's `refine`. */
  refine: string[];
  exclude: string[];
}

type Query = Record<string, string | string[] | undefined>;


export function readFilters(query: Query): RecordFilters {
  return { q: one(query, 'q').trim().slice(0, 500), refine: many(query, 'refine').slice(0, 50), exclude: many(query, 'exclude').slice(0, 50) };
}

export function filterPairs(filters: RecordFilters): [string, string][] {
  return [
    ...(filters.q ? [['q', filters.q] as [string, string]] : []),
    ...filters.refine.map((r) => ['refine', r] as [string, string]),
    ...filters.exclude.map((r) => ['exclude', r] as [string, string]),
  ];
}

export function hasFilters(filters: RecordFilters): boolean {
  return filters.q !== '' || filters.refine.length > 0 || filters.exclude.length > 0;
}

/** The `where` clauses for the Explore API: a JSON string is an ODSQL full-text search. */
export function filterWhere(filters: RecordFilters): string[] {
  return filters.q ? [JSON.stringify(filters.q)] : [];
}

/** The filters as Explore API query pairs (where, refine, exclude). */
export function apiFilterPairs(filters: RecordFilters): [string, string][] {
  return [
    ...filterWhere(filters).map((w) => ['where', w] as [string, string]),
    ...filters.refine.map((r) => ['refine', r] as [string, string]),
    ...filters.exclude.map((r) => ['exclude', r] as [string, string]),
  ];
}

/** `field:value` split at the first colon, with the field's label in the page's language for display. */
export function describeFilter(fields: Field[], text: string, lang: Language): { field: string; label: string; value: string } {
  const at = text.indexOf(':');
  const name = at < 0 ? text : text.slice(0, at);
  const field = fields.find((f) => f.name === name);
  return { field: name, label: field ? fieldLabel(field, lang) : name, value: at < 0 ? '' : text.slice(at + 1) };
}

/** The filters with one refine or exclude toggled. */
export function toggleFilter(filters: RecordFilters, kind: 'refine' | 'exclude', value: string): RecordFilters {
  const list = filters[kind];
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return { ...filters, [kind]: next };
}
