// ODSQL over the catalog's metadata: the datasets a caller may see, as a relation the records compiler can query.
import type { Dataset, Field } from '../catalog/types.ts';
import type { Language } from '../i18n/index.ts';
import { literal } from '../engine/sql.ts';
import { exploreNames, features, localized, localizedList, noExploreMetas, type ExploreMetas } from './present.ts';

const field = (name: string, type: Field['type'], multivalued = false, alias: string[] = []): Field => ({
  name,
  label: name,
  type,
  description: null,
  annotations: { ...(multivalued ? { multivalued: [','] } : {}), ...(alias.length ? { alias } : {}) },
});

/** The catalog fields ODSQL can name, as ODS documents them for /catalog/datasets. */
export const catalogFields: Field[] = [
  field('dataset_id', 'text'),
  field('title', 'text'),
  field('description', 'text'),
  field('theme', 'text', true),
  field('keyword', 'text', true),
  field('publisher', 'text'),
  field('license', 'text'),
  field('language', 'text'),
  field('modified', 'datetime'),
  field('data_processed', 'datetime'),
  field('metadata_processed', 'datetime'),
  field('records_count', 'int'),
  field('features', 'text', true),
  field('has_records', 'boolean'),
  field('visibility', 'text'),
  // The `explore` template's figures, named bare or as `explore.…` / `metas.explore.…`.
  ...exploreNames.map((name) => field(name, name === 'popularity_score' ? 'double' : 'int', false, [`explore.${name}`, `metas.explore.${name}`])),
];

function row(d: Dataset, lang: Language, explore: ExploreMetas) {
  const m = d.metadata;
  return {
    dataset_id: d.id,
    title: localized(m.title, lang),
    description: localized(m.description, lang),
    theme: m.theme,
    keyword: localizedList(m.keyword, lang),
    publisher: m.publisher?.name ?? null,
    license: m.license?.title ?? null,
    language: m.language[0] ?? null,
    modified: d.modifiedAt,
    data_processed: d.dataModifiedAt,
    metadata_processed: d.metadataModifiedAt,
    records_count: d.recordsCount,
    features: features(d.fields),
    has_records: d.recordsCount > 0,
    visibility: d.visibility === 'public' ? 'domain' : 'restricted',
    ...explore,
  };
}

const structure: Record<string, string> = {
  dataset_id: 'VARCHAR',
  title: 'VARCHAR',
  description: 'VARCHAR',
  theme: 'VARCHAR[]',
  keyword: 'VARCHAR[]',
  publisher: 'VARCHAR',
  license: 'VARCHAR',
  language: 'VARCHAR',
  modified: 'TIMESTAMPTZ',
  data_processed: 'TIMESTAMPTZ',
  metadata_processed: 'TIMESTAMPTZ',
  records_count: 'BIGINT',
  features: 'VARCHAR[]',
  has_records: 'BOOLEAN',
  visibility: 'VARCHAR',
  ...Object.fromEntries(exploreNames.map((name) => [name, name === 'popularity_score' ? 'DOUBLE' : 'BIGINT'])),
};

/** A published dataset that is not restricted: what anyone may see (catalog/service.ts `mayRead`). */
export const publicColumn = '_public';

/**
 * The SQL that reads the datasets' rows, in their order: the metadata travels as one quoted JSON literal, so no text of
 * a publisher's ever becomes SQL outside the quotes. Read once per catalog change into a table (catalog-table.ts).
 */
export function catalogRowsSql(datasets: readonly Dataset[], lang: Language, metas: ReadonlyMap<string, ExploreMetas>): string {
  const json = JSON.stringify(
    datasets.map((d) => ({ ...row(d, lang, metas.get(d.id) ?? noExploreMetas), [publicColumn]: d.publishedAt !== null && d.visibility !== 'restricted' })),
  );
  const shape = `[{${Object.entries({ ...structure, [publicColumn]: 'BOOLEAN' }).map(([k, v]) => `"${k}": "${v}"`).join(', ')}}]`;
  return `SELECT unnest(from_json(${literal(json)}, ${literal(shape)}), recursive := true), CAST(NULL AS VARCHAR) AS _recordid`;
}

const exploreMention = new RegExp(exploreNames.join('|'), 'i');
const patternSelect = /\b(?:include|exclude)\s*\(|(?:^|,)\s*\*\s*(?:,|$)/i;

/**
 * Whether an ODSQL query over the catalog may read the `explore` figures: a clause names one, or the select picks
 * fields by pattern. Otherwise their values cannot change the answer, and no figure of 10,000 datasets is looked up.
 */
export function readsExploreMetas(query: { select?: string; clauses: string[] }): boolean {
  return [query.select ?? '', ...query.clauses].some((clause) => exploreMention.test(clause)) || patternSelect.test(query.select ?? '');
}
