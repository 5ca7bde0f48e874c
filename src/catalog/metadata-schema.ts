// The shape of a publisher's metadata as a JSON Schema (TypeBox): what the publishing API validates and documents; metadata.ts still reads the values.
import Type from 'typebox';
import { languages } from '../i18n/index.ts';
import { accessRightsValues, fieldTypes, frequencies, themes, visibilities } from './types.ts';

/** The longest text a metadata value may hold, as metadata.ts checks it too. */
const maxText = 10_000;

const text = (description?: string, maxLength = maxText) => Type.String({ maxLength, ...(description ? { description } : {}) });
const optionalText = (description?: string, maxLength = maxText) => Type.Optional(Type.Union([text(description, maxLength), Type.Null()]));
const oneOf = (values: readonly string[]) => `One of ${values.join(', ')}.`;
const byLanguage = <T extends Parameters<typeof Type.Union>[0][number]>(value: T) =>
  Type.Object(Object.fromEntries(languages.map((language) => [language, Type.Optional(value)])) as Record<(typeof languages)[number], ReturnType<typeof Type.Optional<T>>>, {
    additionalProperties: false,
  });
const localized = (description: string) => Type.Union([text('Dutch.'), byLanguage(Type.Union([text(), Type.Null()]))], { description });
const stringList = (description?: string) => Type.Array(text(), description ? { description } : {});
const localizedList = (description: string) => Type.Union([stringList('Dutch.'), byLanguage(stringList())], { description });

/** A field's label or description in each language: at least one, none empty. */
const fieldTexts = (maxLength: number) =>
  Type.Object(Object.fromEntries(languages.map((language) => [language, Type.Optional(Type.String({ minLength: 1, maxLength }))])), { additionalProperties: false, minProperties: 1 });
const eachLanguage = 'A string (every language) or {"nl": …, "en": …}.';

/** A field's description: its label and annotations, and the type to read its values in. */
const FieldOverrideSchema = Type.Object(
  {
    name: text('The field as the data names it.', 100),
    label: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 300 }), fieldTexts(300)], { description: eachLanguage })),
    description: Type.Optional(Type.Union([text(), fieldTexts(maxText), Type.Null()], { description: `${eachLanguage} Empty or null: none.` })),
    type: Type.Optional(Type.String({ description: oneOf(fieldTypes) })),
    format: Type.Optional(Type.Union([text('The notation to read the values in, e.g. 1.234,5 or dd/mm/yyyy; with "type".', 40), Type.Null()])),
    annotations: Type.Optional(Type.Record(Type.String(), Type.Union([stringList(), Type.Null()]), { description: 'Opendatasoft annotations, e.g. {"facet": [], "unit": ["EUR"]}; {"aggregation": ["avg"]} (avg, sum or last) says how a measure combines over time: a stock is averaged or its last value taken, a flow summed.' })),
  },
  { title: 'field', additionalProperties: false },
);

export const FieldOverridesSchema = Type.Array(FieldOverrideSchema, { description: 'Descriptions of the data\'s fields, by name.' });

/** The catalog model's own keys; nested objects keep the leniency of metadata.ts (it reads the keys it knows). */
export const metadataProperties = {
  title: Type.Optional(localized('A string (Dutch) or {"nl": …, "en": …}.')),
  description: Type.Optional(localized('A string (Dutch) or {"nl": …, "en": …}.')),
  theme: Type.Optional(stringList(`EU data themes: ${themes.join(', ')}.`)),
  keyword: Type.Optional(localizedList('A list (Dutch) or {"nl": […], "en": […]}.')),
  publisher: Type.Optional(Type.Union([text('The name.'), Type.Object({ name: text(), uri: optionalText('An http(s) URL.') }), Type.Null()])),
  contactPoint: Type.Optional(
    Type.Union([Type.Object({ name: optionalText(), email: optionalText('An email address.'), url: optionalText('An http(s) URL.') }, { description: 'With an email or a url.' }), Type.Null()]),
  ),
  license: Type.Optional(Type.Union([text('The title.'), Type.Object({ title: text(), url: optionalText('An http(s) URL.') }), Type.Null()])),
  language: Type.Optional(stringList()),
  temporal: Type.Optional(Type.Union([Type.Object({ start: optionalText('A date such as 2024-12-31.'), end: optionalText('A date such as 2024-12-31.') }), Type.Null()])),
  spatial: Type.Optional(stringList()),
  accrualPeriodicity: Type.Optional(Type.Union([Type.String({ description: oneOf(frequencies) }), Type.Null()])),
  accessRights: Type.Optional(Type.String({ description: oneOf(accessRightsValues) })),
  landingPage: optionalText('An http(s) URL.'),
  issued: optionalText('A date such as 2024-12-31.'),
  key: Type.Optional(Type.Array(text(undefined, 100), { maxItems: 20, description: 'The fields that name a record, e.g. ["nis_code", "maand"]: a new version whose record keeps its key and changes its values counts it as changed. Empty: records are compared by content.' })),
  visibility: Type.Optional(Type.String({ description: oneOf(visibilities) })),
  fields: Type.Optional(FieldOverridesSchema),
};
