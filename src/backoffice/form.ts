// The metadata form's fields and the catalog's metadata model, both ways; each key checked on its own so errors point at it.
import { checkAnnotations, checkKey, parseMetadataInput, type FieldOverride, type MetadataInput } from '../catalog/metadata.ts';
import { fieldTypes, type Annotations, type Dataset, type FieldReading, type FieldText, type FieldType, type Version } from '../catalog/types.ts';
import { languages, type Language } from '../i18n/index.ts';
import { Invalid } from '../errors.ts';
import { many, one } from '../http/params.ts';

/** A form as posted or as shown: one string per name, a list for repeated names (checkboxes). */
export type FormValues = Record<string, string | string[] | undefined>;

/** Annotations the form edits; any others a field has (set by the CLI, say) are kept as they are. */
const formAnnotations = ['facet', 'sortable', 'unit', 'decimals', 'aggregation'] as const;

const splitList = (text: string, by: RegExp) => text.split(by).map((x) => x.trim()).filter((x) => x !== '');

/** The form's values for a dataset as stored. */
export function formValuesOf(dataset: Dataset): FormValues {
  const m = dataset.metadata;
  const values: FormValues = {
    title_nl: m.title.nl ?? '', title_en: m.title.en ?? '',
    description_nl: m.description.nl ?? '', description_en: m.description.en ?? '',
    theme: m.theme,
    keyword_nl: (m.keyword.nl ?? []).join(', '), keyword_en: (m.keyword.en ?? []).join(', '),
    publisher_name: m.publisher?.name ?? '', publisher_uri: m.publisher?.uri ?? '',
    contact_name: m.contactPoint?.name ?? '', contact_email: m.contactPoint?.email ?? '', contact_url: m.contactPoint?.url ?? '',
    license_title: m.license?.title ?? '', license_url: m.license?.url ?? '',
    language: m.language.join(', '),
    temporal_start: m.temporal?.start ?? '', temporal_end: m.temporal?.end ?? '',
    spatial: m.spatial.join('\n'),
    frequency: m.accrualPeriodicity ?? '',
    access_rights: m.accessRights,
    landing_page: m.landingPage ?? '',
    issued: m.issued ?? '',
    key: (m.key ?? []).join(', '),
    visibility: dataset.visibility,
  };
  dataset.fields.forEach((field, i) => {
    values[`field_${i}_name`] = field.name;
    for (const language of languages) {
      values[`field_${i}_label_${language}`] = textIn(field.label, language);
      values[`field_${i}_description_${language}`] = textIn(field.description, language);
    }
    if (field.annotations.facet) values[`field_${i}_facet`] = 'yes';
    if (field.annotations.sortable) values[`field_${i}_sortable`] = 'yes';
    values[`field_${i}_unit`] = field.annotations.unit?.[0] ?? '';
    values[`field_${i}_decimals`] = field.annotations.decimals?.[0] ?? '';
    values[`field_${i}_aggregation`] = field.annotations.aggregation?.[0] ?? '';
  });
  return values;
}

/** A field's text as the form's input for one language shows it: a text for every language stands in the first (Dutch) input. */
function textIn(text: FieldText | null, language: Language): string {
  if (text === null) return '';
  if (typeof text === 'string') return language === languages[0] ? text : '';
  return text[language] ?? '';
}

/**
 * A field's text from its inputs per language (`<prefix>_nl`, `<prefix>_en`); null when all are empty. A text for
 * every language the form showed unchanged stays one, so saving the form changes nothing the editor did not.
 */
function textsFrom(values: FormValues, prefix: string, stored: FieldText | null): FieldText | null {
  const given = Object.fromEntries(languages.map((language) => [language, one(values, `${prefix}_${language}`).trim()]).filter(([, text]) => text !== ''));
  const entries = Object.entries(given);
  if (entries.length === 0) return null;
  if (typeof stored === 'string' && entries.length === 1 && given[languages[0]] === stored) return stored;
  return given;
}

function fieldsFrom(values: FormValues, dataset: Dataset): FieldOverride[] {
  return dataset.fields.map((field, i) => {
    if (one(values, `field_${i}_name`) !== field.name) {
      throw new Invalid(`The form's field ${i} is not "${field.name}"; the fields changed since the page was loaded.`, 'unknown_field');
    }
    const annotations: Annotations = Object.fromEntries(Object.entries(field.annotations).filter(([key]) => !(formAnnotations as readonly string[]).includes(key)));
    if (one(values, `field_${i}_facet`)) annotations.facet = [];
    if (one(values, `field_${i}_sortable`)) annotations.sortable = [];
    const unit = one(values, `field_${i}_unit`).trim();
    if (unit) annotations.unit = [unit];
    const decimals = one(values, `field_${i}_decimals`).trim();
    if (decimals) {
      if (!/^\d{1,2}$/.test(decimals)) throw new Invalid(`Decimals of "${field.name}" must be a whole number from 0 to 99.`);
      annotations.decimals = [decimals];
    }
    const aggregation = one(values, `field_${i}_aggregation`).trim();
    if (aggregation) annotations.aggregation = [aggregation];
    checkAnnotations(`fields[${i}].annotations`, annotations);
    const label = textsFrom(values, `field_${i}_label`, field.label);
    return { name: field.name, ...(label !== null ? { label } : {}), description: textsFrom(values, `field_${i}_description`, field.description), annotations };
  });
}

/** The posted form as the metadata JSON of the catalog model (the same JSON the API and `--meta` take). */
function metadataJson(values: FormValues): Record<string, unknown> {
  const v = (name: string) => one(values, name).trim();
  return {
    title: { nl: v('title_nl'), en: v('title_en') },
    description: { nl: v('description_nl'), en: v('description_en') },
    theme: many(values, 'theme'),
    keyword: { nl: splitList(v('keyword_nl'), /[,;]/), en: splitList(v('keyword_en'), /[,;]/) },
    // A URI without a name leaves the name out, which the model refuses: the publisher needs a name.
    publisher: v('publisher_name') || v('publisher_uri') ? { name: v('publisher_name') || undefined, uri: v('publisher_uri') } : null,
    contactPoint: v('contact_name') || v('contact_email') || v('contact_url') ? { name: v('contact_name'), email: v('contact_email'), url: v('contact_url') } : null,
    license: v('license_title') || v('license_url') ? { title: v('license_title') || v('license_url'), url: v('license_url') } : null,
    language: splitList(v('language'), /[,;\s]+/),
    temporal: v('temporal_start') || v('temporal_end') ? { start: v('temporal_start'), end: v('temporal_end') } : null,
    spatial: splitList(v('spatial'), /\r?\n/),
    accrualPeriodicity: v('frequency') || null,
    accessRights: v('access_rights') || 'PUBLIC',
    landingPage: v('landing_page'),
    issued: v('issued'),
    key: splitList(v('key'), /[,;\s]+/),
    visibility: v('visibility') || 'public',
  };
}

/**
 * Reads the posted metadata form. Every key is checked on its own, so a problem is reported
 * against its field (by metadata key, with the model's own message) and the others still read.
 */
export function readMetadataForm(values: FormValues, dataset: Dataset): { input: MetadataInput; errors: Map<string, string> } {
  const input: MetadataInput = { metadata: {} };
  const errors = new Map<string, string>();
  const pieces: [string, () => MetadataInput][] = Object.entries(metadataJson(values)).map(([key, value]) => [key, () => parseMetadataInput({ [key]: value })]);
  const readKey = pieces.find(([key]) => key === 'key')!;
  const parseKey = readKey[1];
  // Key fields name fields the dataset has, as the API and --meta check them.
  readKey[1] = () => {
    const part = parseKey();
    checkKey(part.metadata.key ?? [], dataset.fields);
    return part;
  };
  pieces.push([
    'fields',
    () => {
      const fields = fieldsFrom(values, dataset);
      // The labels and descriptions by the model's own rules (lengths, languages), as the API and --meta check them.
      parseMetadataInput({ fields: fields.map(({ name, label, description }) => ({ name, label, description })) });
      return { metadata: {}, fields };
    },
  ]);
  for (const [key, read] of pieces) {
    try {
      const part = read();
      Object.assign(input.metadata, part.metadata);
      if (part.visibility) input.visibility = part.visibility;
      if (part.fields) input.fields = part.fields;
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      errors.set(key, error.message);
    }
  }
  const title = input.metadata.title;
  if (title && !title.nl && !title.en) errors.set('title', 'A dataset needs a title.');
  return { input, errors };
}

/** The review page's type choices (`reading.<field>` = `type` or `type|format`; empty keeps the reading found). */
export function readReadingsForm(values: FormValues): Record<string, FieldReading> {
  const readings: Record<string, FieldReading> = {};
  for (const key of Object.keys(values)) {
    if (!key.startsWith('reading.')) continue;
    const value = one(values, key).trim();
    if (value === '') continue;
    const [type, ...format] = value.split('|');
    if (!(fieldTypes as readonly string[]).includes(type)) throw new Invalid(`"${type}" is not a field type.`, 'field_type');
    readings[key.slice('reading.'.length)] = { type: type as FieldType, ...(format.length ? { format: format.join('|') } : {}) };
  }
  return readings;
}

/**
 * The field editor's type choices (`field_<i>_reading`), as the whole set of readings, when they differ from those the
 * version was read with; null when nothing changed, so that saving the metadata does not read the version again.
 */
export function fieldReadings(values: FormValues, dataset: Dataset, version: Version): Record<string, FieldReading> | null {
  const asForm: FormValues = {};
  dataset.fields.forEach((field, i) => {
    const value = values[`field_${i}_reading`];
    if (value !== undefined && one(values, `field_${i}_name`) === field.name) asForm[`reading.${field.name}`] = value;
  });
  if (Object.keys(asForm).length === 0) return null;
  const chosen = { ...version.readings, ...readReadingsForm(asForm) };
  for (const name of Object.keys(asForm)) if (one(asForm, `reading.${name}`).trim() === '') delete chosen[name];
  const same = (a: Record<string, FieldReading>, b: Record<string, FieldReading>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, r]) => b[k]?.type === r.type && (b[k]?.format ?? null) === (r.format ?? null));
  return same(chosen, version.readings) ? null : chosen;
}
