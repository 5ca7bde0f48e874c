// Reads a publisher's metadata (the catalog model's own names, as JSON) into checked, typed values.
import { Invalid } from '../errors.ts';
import { accessRightsValues, fieldTypes, frequencies, themes, visibilities, type Annotations, type DatasetMetadata, type FieldReading, type FieldText, type FieldType, type LocalizedList, type LocalizedText, type Visibility } from './types.ts';
import { languages } from '../i18n/index.ts';

export interface FieldOverride {
  name: string;
  /** One label for every language, or one per language. */
  label?: FieldText;
  description?: FieldText | null;
  type?: FieldType;
  /** With `type`: the notation to read the values in (`1.234,5`, `dd/mm/yyyy`). */
  format?: string;
  annotations?: Annotations;
}

/** The readings a publisher's field descriptions choose: every field given a type. */
export function readingsOf(fields: FieldOverride[] | undefined): Record<string, FieldReading> {
  return Object.fromEntries(
    (fields ?? []).filter((f) => f.type !== undefined).map((f) => [f.name, { type: f.type!, ...(f.format ? { format: f.format } : {}) }]),
  );
}

export interface MetadataInput {
  metadata: Partial<DatasetMetadata>;
  visibility?: Visibility;
  fields?: FieldOverride[];
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(key: string, expected: string): never {
  throw new Invalid(`Metadata "${key}" must be ${expected}.`);
}

function text(key: string, v: Json, max = 10_000): string {
  if (typeof v !== 'string') fail(key, 'a string');
  if (v.length > max) fail(key, `at most ${max} characters`);
  return v.trim();
}

function optionalText(key: string, v: Json): string | null {
  return v === null || v === undefined || v === '' ? null : text(key, v);
}

function localized(key: string, v: Json): LocalizedText {
  if (typeof v === 'string') return { nl: text(key, v) };
  if (!isObject(v)) fail(key, 'a string (Dutch) or an object such as {"nl": "…", "en": "…"}');
  const out: LocalizedText = {};
  for (const [language, value] of Object.entries(v)) {
    if (!(languages as readonly string[]).includes(language)) fail(`${key}.${language}`, `in one of ${languages.join(', ')}`);
    if (value !== null && value !== '') out[language as keyof LocalizedText] = text(`${key}.${language}`, value);
  }
  return out;
}

/**
 * A field's label or description: one text for every language, or an object with a text per language, where every
 * language given has a text (an empty one would hide the other language's behind nothing). Errors name the field too.
 */
function fieldText(key: string, field: string, v: Json, max: number): FieldText {
  const bad = (at: string, expected: string): never => {
    throw new Invalid(`Metadata "${at}" (field "${field}") must be ${expected}.`);
  };
  if (typeof v === 'string') {
    if (v.length > max) bad(key, `at most ${max} characters`);
    if (v.trim() === '') bad(key, 'a text, not empty');
    return v.trim();
  }
  if (!isObject(v)) bad(key, 'a string or an object such as {"nl": "…", "en": "…"}');
  const out: LocalizedText = {};
  for (const [language, value] of Object.entries(v as Record<string, Json>)) {
    const at = `${key}.${language}`;
    if (!(languages as readonly string[]).includes(language)) bad(at, `left out: "${language}" is no language of the portal (${languages.join(', ')})`);
    if (typeof value !== 'string' || value.trim() === '') bad(at, 'a text, not empty (leave the language out instead)');
    if ((value as string).length > max) bad(at, `at most ${max} characters`);
    out[language as keyof LocalizedText] = (value as string).trim();
  }
  if (Object.keys(out).length === 0) bad(key, `given in at least one language (${languages.join(', ')})`);
  return out;
}

function stringList(key: string, v: Json): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(key, 'a list of strings');
  return (v as string[]).map((x) => x.trim()).filter((x) => x !== '');
}

function localizedList(key: string, v: Json): LocalizedList {
  if (Array.isArray(v)) return { nl: stringList(key, v) };
  if (!isObject(v)) fail(key, 'a list of strings (Dutch) or an object such as {"nl": […], "en": […]}');
  const out: LocalizedList = {};
  for (const [language, value] of Object.entries(v)) {
    if (!(languages as readonly string[]).includes(language)) fail(`${key}.${language}`, `in one of ${languages.join(', ')}`);
    out[language as keyof LocalizedList] = stringList(`${key}.${language}`, value);
  }
  return out;
}

function oneOf<T extends string>(key: string, v: Json, values: readonly T[]): T {
  const s = typeof v === 'string' ? v.trim() : v;
  if (!values.includes(s as T)) fail(key, `one of ${values.join(', ')}`);
  return s as T;
}

function url(key: string, v: Json): string | null {
  const s = optionalText(key, v);
  if (s === null) return null;
  try {
    const parsed = new URL(s);
    if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) throw new Error();
  } catch {
    fail(key, 'an http(s) URL');
  }
  return s;
}

function isoDate(key: string, v: Json): string | null {
  const s = optionalText(key, v);
  if (s === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(s) || Number.isNaN(Date.parse(s))) {
    fail(key, 'a date such as 2024-12-31');
  }
  return s;
}

function email(key: string, v: Json): string | null {
  const s = optionalText(key, v);
  if (s !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) fail(key, 'an email address');
  return s;
}

const readers: { [K in keyof DatasetMetadata]: (key: string, v: Json) => DatasetMetadata[K] } = {
  title: localized,
  description: localized,
  theme: (key, v) => stringList(key, v).map((t, i) => oneOf(`${key}[${i}]`, t.toUpperCase(), themes)),
  keyword: localizedList,
  publisher: (key, v) => {
    if (v === null) return null;
    if (typeof v === 'string') return { name: text(key, v), uri: null };
    if (!isObject(v)) fail(key, 'an object {"name": …, "uri": …}');
    return { name: text(`${key}.name`, v.name), uri: url(`${key}.uri`, v.uri) };
  },
  contactPoint: (key, v) => {
    if (v === null) return null;
    if (!isObject(v)) fail(key, 'an object {"name": …, "email": …, "url": …}');
    const contact = { name: optionalText(`${key}.name`, v.name), email: email(`${key}.email`, v.email), url: url(`${key}.url`, v.url) };
    if (!contact.email && !contact.url) fail(key, 'given with an email or a url');
    return contact;
  },
  license: (key, v) => {
    if (v === null) return null;
    if (typeof v === 'string') return { title: text(key, v), url: null };
    if (!isObject(v)) fail(key, 'an object {"title": …, "url": …}');
    return { title: text(`${key}.title`, v.title), url: url(`${key}.url`, v.url) };
  },
  language: stringList,
  temporal: (key, v) => {
    if (v === null) return null;
    if (!isObject(v)) fail(key, 'an object {"start": …, "end": …}');
    return { start: isoDate(`${key}.start`, v.start), end: isoDate(`${key}.end`, v.end) };
  },
  spatial: stringList,
  accrualPeriodicity: (key, v) => (v === null ? null : oneOf(key, typeof v === 'string' ? v.toUpperCase() : v, frequencies)),
  accessRights: (key, v) => oneOf(key, typeof v === 'string' ? v.toUpperCase() : v, accessRightsValues),
  landingPage: url,
  issued: isoDate,
  key: (key, v) => {
    const names = stringList(key, v);
    if (names.length > 20) fail(key, 'at most 20 field names');
    if (new Set(names).size !== names.length) fail(key, 'a list of different field names');
    return names;
  },
};

/** A key names fields the data has: an unknown name is refused, naming the fields there are. */
export function checkKey(key: string[], fields: { name: string }[]): void {
  const unknown = key.find((name) => !fields.some((f) => f.name === name));
  if (unknown === undefined) return;
  if (fields.length === 0) throw new Invalid('The dataset has no fields yet: upload a version first, then choose its key fields.', 'no_fields');
  throw new Invalid(`Metadata "key" names "${unknown}", which is no field of the data; its fields are: ${fields.map((f) => f.name).join(', ')}.`, 'unknown_field');
}

/** The levels a `nis_code` annotation can name: which Statbel NIS codes a field holds, so the map can join them to shapes. */
export const nisLevels = ['municipality', 'province', 'region'] as const;
export type NisLevel = (typeof nisLevels)[number];

/** How a measure may be combined over time: a flow (new registrations) adds up, a stock (people registered) does not. */
export const aggregations = ['avg', 'sum', 'last'] as const;

/** The annotations with rules of their own, checked so that a typo does not silently change what a chart adds up. */
export function checkAnnotations(key: string, annotations: Annotations): Annotations {
  const nis = annotations.nis_code;
  if (nis !== undefined && (nis.length !== 1 || !(nisLevels as readonly string[]).includes(nis[0]))) {
    fail(`${key}.nis_code`, `one of ${nisLevels.map((l) => `["${l}"]`).join(', ')} (the level of the NIS codes the field holds), not ${JSON.stringify(nis)}`);
  }
  const aggregation = annotations.aggregation;
  if (aggregation !== undefined) {
    const value = aggregation.length === 1 ? aggregation[0].toLowerCase() : '';
    if (!(aggregations as readonly string[]).includes(value)) {
      fail(`${key}.aggregation`, `one of ${aggregations.join(', ')}, given as a list of one such as ["avg"] (found ${JSON.stringify(aggregation)})`);
    }
    return { ...annotations, aggregation: [value] };
  }
  return annotations;
}

/** An annotation only a number can carry, given to a field that holds none, is refused rather than ignored. */
export function checkAnnotationsFit(field: { name: string; type: FieldType }, annotations: Annotations): void {
  if (annotations.aggregation !== undefined && field.type !== 'int' && field.type !== 'double') {
    throw new Invalid(`The "aggregation" annotation needs a numeric field; "${field.name}" holds ${field.type} values.`, 'aggregation_field');
  }
}

function fieldOverride(index: number, v: Json): FieldOverride {
  const key = `fields[${index}]`;
  if (!isObject(v)) fail(key, 'an object {"name": …, "label": …, "description": …, "annotations": {…}}');
  const override: FieldOverride = { name: text(`${key}.name`, v.name, 100) };
  if (v.label !== undefined) override.label = fieldText(`${key}.label`, override.name, v.label, 300);
  if (v.description !== undefined) {
    override.description = v.description === null || v.description === '' ? null : fieldText(`${key}.description`, override.name, v.description, 10_000);
  }
  if (v.type !== undefined) override.type = oneOf(`${key}.type`, v.type, fieldTypes);
  if (v.format !== undefined && v.format !== null) {
    if (override.type === undefined) fail(`${key}.format`, 'given with a "type"');
    override.format = text(`${key}.format`, v.format, 40);
  }
  if (v.annotations !== undefined) {
    if (!isObject(v.annotations)) fail(`${key}.annotations`, 'an object such as {"facet": []}');
    override.annotations = checkAnnotations(
      `${key}.annotations`,
      Object.fromEntries(Object.entries(v.annotations).map(([name, params]) => [name, stringList(`${key}.annotations.${name}`, params ?? [])])),
    );
  }
  return override;
}

/** Checks every key; an unknown key is an error so that a typo does not vanish silently. */
export function parseMetadataInput(input: Json): MetadataInput {
  if (!isObject(input)) throw new Invalid('Metadata must be a JSON object.');
  const result: MetadataInput = { metadata: {} };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'visibility') result.visibility = oneOf(key, value, visibilities);
    else if (key === 'fields') {
      if (!Array.isArray(value)) fail(key, 'a list of field descriptions');
      result.fields = value.map((f, i) => fieldOverride(i, f));
    } else if (Object.hasOwn(readers, key)) {
      // Own keys only: `constructor` or `__proto__` is no metadata, whatever Object.prototype has.
      const read = readers[key as keyof DatasetMetadata] as (k: string, v: Json) => unknown;
      (result.metadata as Record<string, unknown>)[key] = read(key, value);
    } else {
      throw new Invalid(`Unknown metadata "${key}"; known are: ${[...Object.keys(readers), 'visibility', 'fields'].join(', ')}.`);
    }
  }
  return result;
}

export function defaultMetadata(id: string): DatasetMetadata {
  return {
    title: { nl: id },
    description: {},
    theme: [],
    keyword: {},
    publisher: null,
    contactPoint: null,
    license: null,
    language: ['nl'],
    temporal: null,
    spatial: [],
    accrualPeriodicity: null,
    accessRights: 'PUBLIC',
    landingPage: null,
    issued: null,
    key: [],
  };
}
