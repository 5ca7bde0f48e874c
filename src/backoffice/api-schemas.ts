// The publishing API's request schemas: the routes validate with them and its OpenAPI document is generated from them.
import Type from 'typebox';
import { metadataProperties, FieldOverridesSchema } from '../catalog/metadata-schema.ts';

export const DatasetParams = Type.Object({ id: Type.String({ description: 'The dataset id, e.g. premies.' }) });

export const VersionParams = Type.Object({
  id: Type.String({ description: 'The dataset id, e.g. premies.' }),
  number: Type.String({ description: 'The version number, e.g. 2.' }),
});

const trueOrFalse = (description: string) => Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description }));

/** `POST /datasets`: the new dataset's id beside its metadata. */
export const NewDatasetBody = Type.Object(
  { id: Type.String({ description: 'The new dataset\'s id: lower case letters, digits, - and _, e.g. premies.' }), ...metadataProperties },
  { title: 'metadata', additionalProperties: false },
);

/** A metadata document: every key optional, an unknown key refused so that a typo does not vanish silently. */
export const MetadataBody = Type.Object(metadataProperties, { title: 'metadata', additionalProperties: false });

export const ReadingsBody = Type.Object(
  { fields: Type.Optional(FieldOverridesSchema) },
  { additionalProperties: false, description: 'The types to read the fields in: {"fields": [{"name", "type", "format"}]}.' },
);

export const PublishQuery = Type.Object({
  acknowledge_checks: trueOrFalse('true publishes a version whose import report has checks.'),
});

export const UploadQuery = Type.Object({
  publish: trueOrFalse('true publishes the version at once (needs dataset.publish).'),
  acknowledge_checks: trueOrFalse('With publish=true: publish even though the import report has checks.'),
  filename: Type.Optional(Type.String({ maxLength: 255, description: 'The file\'s name, whose extension says its format, e.g. data.csv.' })),
  fields: Type.Optional(Type.String({ maxLength: 100_000, description: 'The types to read fields in, as JSON: [{"name": "aantal", "type": "int", "format": "1.234"}].' })),
});
