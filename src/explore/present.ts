// Shapes catalog objects as the Opendatasoft Explore API v2.1 serialises them.
import type { Attachment, Dataset, Field, FieldText } from '../catalog/types.ts';
import { languages, type Language } from '../i18n/index.ts';

/** ODS writes date-times as `2021-06-23T14:59:57+00:00`. */
function odsDateTime(iso: string | null): string | null {
  if (!iso) return null;
  return new Date(iso).toISOString().replace(/\.000Z$/, '+00:00').replace(/Z$/, '+00:00');
}

/** The text in the asked language, else Dutch, else English. */
export function localized(text: Partial<Record<Language, string>>, lang: Language): string | null {
  return text[lang] ?? text.nl ?? text.en ?? null;
}

export function localizedList(list: Partial<Record<Language, string[]>>, lang: Language): string[] {
  return list[lang] ?? list.nl ?? list.en ?? [];
}

/** A field's label or description in the asked language: a plain text is every language's, else the asked one, else another. */
export function fieldText(text: FieldText | null, lang: Language): string | null {
  if (text === null || typeof text === 'string') return text || null;
  return text[lang] || languages.map((other) => text[other]).find(Boolean) || null;
}

/** What a field is called on a page in the asked language: its label there, in another language, or its name. */
export const fieldLabel = (field: Field, lang: Language): string => fieldText(field.label, lang) ?? field.name;

export function features(fields: Field[]): string[] {
  const out: string[] = [];
  if (fields.some((f) => f.type === 'geo_point_2d' || f.type === 'geo_shape')) out.push('geo');
  if (fields.some((f) => ['int', 'double', 'date', 'datetime'].includes(f.type))) out.push('analyze');
  if (fields.some((f) => f.type === 'date' || f.type === 'datetime')) out.push('timeserie');
  return out;
}

/** ODS keeps a field's label and description strings: those of the asked language. */
function presentField(field: Field, lang: Language) {
  return {
    name: field.name,
    label: fieldLabel(field, lang),
    type: field.type,
    annotations: field.annotations,
    description: fieldText(field.description, lang),
  };
}

/** `metas.explore` of a dataset: its approved reuses (src/exchanges/reuses) and its use (src/stats/figures.ts). */
export interface ExploreMetas {
  reuse_count: number;
  download_count: number;
  api_call_count: number;
  popularity_score: number;
}
export const exploreNames = ['reuse_count', 'download_count', 'api_call_count', 'popularity_score'] as const;
export const noExploreMetas: ExploreMetas = { reuse_count: 0, download_count: 0, api_call_count: 0, popularity_score: 0 };

/** The stable address of an attachment's file. */
const attachmentHref = (baseUrl: string, a: Pick<Attachment, 'datasetId' | 'id'>) =>
  `${baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(a.datasetId)}/attachments/${encodeURIComponent(a.id)}`;

/** The media type without its parameters (`text/csv`, not `text/csv; charset=utf-8`), as ODS's metas give it. */
const bareType = (mimeType: string) => mimeType.split(';')[0].trim();

/**
 * An attachment in the dataset object, as ODS lists them: `url` is ODS's `odsfile://<name>`, the file's name on the
 * platform; the file itself is at the attachments endpoint's `href`.
 */
function datasetAttachment(a: Attachment) {
  return { id: a.id, mimetype: bareType(a.mimeType), title: a.title, url: `odsfile://${a.fileName}` };
}

/**
 * One element of `catalog/datasets/{id}/attachments`, as ODS answers it: the download address and the metas. ODS's
 * example spells the type `mime-type`, its dataset object `mimetype`: both are given, so a client of either reads it.
 */
export function presentAttachment(a: Attachment, baseUrl: string) {
  const { id, mimetype, title, url } = datasetAttachment(a);
  return { href: attachmentHref(baseUrl, a), metas: { 'mime-type': mimetype, mimetype, title, url, id } };
}

/**
 * `explore`: the dataset's approved reuses and use (src/explore/catalog-query.ts), as ODS's `metas.explore`;
 * `attachments`: the dataset's attachments (none when left out).
 */
export function presentDataset(dataset: Dataset, options: { lang: Language; baseUrl: string; explore?: ExploreMetas; attachments?: Attachment[] }) {
  const m = dataset.metadata;
  const keywords = localizedList(m.keyword, options.lang);
  return {
    dataset_id: dataset.id,
    dataset_uid: dataset.uid,
    attachments: (options.attachments ?? []).map(datasetAttachment),
    has_records: dataset.recordsCount > 0,
    data_visible: true,
    features: features(dataset.fields),
    visibility: dataset.visibility === 'public' ? 'domain' : 'restricted',
    metas: {
      default: {
        title: localized(m.title, options.lang),
        description: localized(m.description, options.lang),
        theme: m.theme,
        keyword: keywords,
        license: m.license?.title ?? null,
        license_url: m.license?.url ?? null,
        language: m.language[0] ?? null,
        metadata_languages: Object.keys(m.title),
        timezone: null,
        modified: odsDateTime(dataset.modifiedAt),
        modified_updates_on_data_change: true,
        modified_updates_on_metadata_change: true,
        data_processed: odsDateTime(dataset.dataModifiedAt),
        metadata_processed: odsDateTime(dataset.metadataModifiedAt),
        geographic_reference: [],
        geographic_reference_auto: false,
        territory: m.spatial,
        geographic_area: null,
        geographic_area_mode: null,
        publisher: m.publisher?.name ?? null,
        references: m.landingPage,
        records_count: dataset.recordsCount,
        attributions: null,
        source_domain: null,
        source_domain_address: null,
        source_domain_title: null,
        source_dataset: null,
        parent_domain: null,
        shared_catalog: null,
        federated: false,
        oauth_scope: null,
      },
      dcat: {
        created: odsDateTime(dataset.createdAt),
        issued: m.issued,
        creator: null,
        contributor: null,
        contact_name: m.contactPoint?.name ?? null,
        contact_email: m.contactPoint?.email ?? null,
        accrualperiodicity: m.accrualPeriodicity,
        spatial: m.spatial.join(', ') || null,
        temporal: m.temporal ? [m.temporal.start, m.temporal.end].filter(Boolean).join('/') || null : null,
        granularity: null,
        dataquality: null,
        publisher_type: null,
        conforms_to: null,
        temporal_coverage_start: m.temporal?.start ?? null,
        temporal_coverage_end: m.temporal?.end ?? null,
        accessRights: m.accessRights,
        relation: null,
      },
      explore: { ...(options.explore ?? noExploreMetas) },
    },
    fields: dataset.fields.map((field) => presentField(field, options.lang)),
  };
}
