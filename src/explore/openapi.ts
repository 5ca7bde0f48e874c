// The OpenAPI 3 document of Opaal's Explore API, served as /api/explore/v2.1/swagger.json.
import { exportFormats } from './exports.ts';
import { supportedEpsg } from './reproject.ts';

const param = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  description,
  schema,
  ...extra,
});

const shared = {
  select: param('select', 'ODSQL select: fields, expressions with aliases, aggregates, include()/exclude().'),
  where: param('where', 'ODSQL condition; repeat the parameter to AND several.', { type: 'array', items: { type: 'string' } }, { explode: true }),
  group_by: param('group_by', 'ODSQL group_by: fields or expressions with optional aliases.'),
  order_by: param('order_by', 'ODSQL order_by: expressions with asc/desc; nulls sort last.'),
  limit: param('limit', 'Records per page: -1 to 100 (20,000 with group_by); offset + limit ≤ 10,000.', { type: 'integer', default: 10, minimum: -1, maximum: 100 }),
  offset: param('offset', 'Records to skip.', { type: 'integer', default: 0, minimum: 0 }),
  refine: param('refine', 'FACET:VALUE filter; repeatable. Dates refine by 2024, 2024/03 or 2024/03/05.', { type: 'array', items: { type: 'string' } }, { explode: true }),
  exclude: param('exclude', 'FACET:VALUE to leave out; repeatable.', { type: 'array', items: { type: 'string' } }, { explode: true }),
  lang: param('lang', 'Language of metadata (nl, en) and of day and month names.', { type: 'string', enum: ['en', 'fr', 'nl', 'pt', 'it', 'ar', 'de', 'es', 'ca', 'eu', 'sv'] }),
  timezone: param('timezone', 'Time zone for date literals, date parts and date-time output.', { type: 'string', default: 'UTC' }),
  version: param('version', 'Opaal extension: an earlier published version of the dataset (its number, as its page /datasets/{id}/versions/{n} shows it); the current version when left out.', { type: 'integer', minimum: 1 }),
  include_links: param('include_links', 'Add _links: to the page, and on records to each record with its _id and _timestamp.', { type: 'boolean', default: false }),
  facet: param('facet', 'A field, or facet(name="f", disjunctive=true, sort="-count", limit=10); repeatable.', { type: 'array', items: { type: 'string' } }, { explode: true }),
};

const datasetId = { name: 'dataset_id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,99}$' } };
const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const exportParams = [
  shared.select, shared.where, shared.group_by, shared.order_by, shared.refine, shared.exclude, shared.lang, shared.timezone,
  param('limit', 'Records to export; -1 (the default) is all.', { type: 'integer', default: -1 }),
  param('compressed', 'Gzip the file (.gz).', { type: 'boolean', default: false }),
  param('use_labels', 'Field labels instead of names in headers (false by default; true for xlsx).', { type: 'boolean', default: false }),
  param('delimiter', 'CSV delimiter.', { type: 'string', enum: [';', ',', '\t', '|'], default: ';' }),
  param('list_separator', 'CSV separator inside multivalued fields.', { type: 'string', default: ',' }),
  param('quote_all', 'Quote every CSV value.', { type: 'boolean', default: false }),
  param('with_bom', 'Start CSV with a byte order mark.', { type: 'boolean', default: true }),
  param('decimal', 'Opaal extension: CSV doubles with a decimal comma (1234,5), as Excel reads them with Belgian or Dutch settings.', { type: 'string', enum: ['point', 'comma'], default: 'point' }),
  param('parquet_compression', 'Parquet compression.', { type: 'string', enum: ['snappy', 'zstd'], default: 'snappy' }),
  param('epsg', 'Coordinate system of geojson, shp and fgb (kml and gpx are always 4326).', { type: 'integer', enum: [...supportedEpsg], default: 4326 }),
  param('use_extension', 'GPX: fields as <extensions> (true) or in <desc> (false).', { type: 'boolean', default: true }),
];
const formatParam = { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: Object.keys(exportFormats) } };

export function openApiDocument(baseUrl: string) {
  const op = (summary: string, parameters: unknown[], responses: Record<string, unknown> = { 200: json(summary) }) => ({
    get: { summary, parameters, responses: { ...responses, 400: error, 404: error } },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Opaal Explore API',
      version: '2.1',
      description: 'Wire-compatible with the Opendatasoft Explore API v2.1 and ODSQL. Authenticate with `Authorization: Apikey <key>` or `?apikey=`. See docs/compatibility.md for choices where ODS is unspecified.',
    },
    servers: [{ url: `${baseUrl}/api/explore/v2.1` }],
    paths: {
      '/': op('Links to the sources', []),
      '/catalog': op('Links of the catalog', []),
      '/catalog/datasets': op('Datasets, queryable with ODSQL over their metadata', [shared.select, shared.where, shared.group_by, shared.order_by, shared.limit, shared.offset, shared.refine, shared.exclude, shared.lang, shared.timezone, shared.include_links]),
      '/catalog/facets': op('Facets over the catalog metadata', [shared.facet, shared.where, shared.refine, shared.exclude, shared.lang, shared.timezone]),
      '/catalog/exports': op('Catalog export formats', []),
      '/catalog/exports/rss': op('The catalog as an RSS 2.0 feed, newest first', [shared.lang], { 200: { description: 'RSS' } }),
      '/catalog/exports/data.json': op('The catalog as Project Open Data data.json (DCAT-US 1.1)', [shared.lang]),
      '/catalog/exports/{format}': op('The catalog as a file', [formatParam, ...exportParams], { 200: { description: 'The file' } }),
      '/catalog/datasets/{dataset_id}': op('One dataset', [datasetId, shared.lang, shared.include_links]),
      '/catalog/datasets/{dataset_id}/records': op('Records, queried with ODSQL', [datasetId, shared.select, shared.where, shared.group_by, shared.order_by, shared.limit, shared.offset, shared.refine, shared.exclude, shared.lang, shared.timezone, shared.version, shared.include_links]),
      '/catalog/datasets/{dataset_id}/records/{record_id}': op('One record', [datasetId, { name: 'record_id', in: 'path', required: true, schema: { type: 'string' } }, shared.select, shared.lang, shared.timezone, shared.version]),
      '/catalog/datasets/{dataset_id}/facets': op('Facets of the records', [datasetId, shared.facet, shared.where, shared.refine, shared.exclude, shared.lang, shared.timezone, shared.version]),
      '/catalog/datasets/{dataset_id}/exports': op('Record export formats', [datasetId]),
      '/catalog/datasets/{dataset_id}/attachments': op('Files attached to the dataset', [datasetId]),
      '/catalog/datasets/{dataset_id}/attachments/{attachment_id}': op('One attached file', [datasetId, { name: 'attachment_id', in: 'path', required: true, schema: { type: 'string' } }], { 200: { description: 'The file' } }),
      '/catalog/datasets/{dataset_id}/exports/{format}': op('Every matching record as a file, streamed', [datasetId, formatParam, ...exportParams, shared.version], { 200: { description: 'The file' } }),
      '/swagger.json': op('This document', []),
    },
    components: {
      schemas: {
        Error: { type: 'object', required: ['error_code', 'message'], properties: { error_code: { type: 'string' }, message: { type: 'string' } } },
      },
      securitySchemes: { apikey: { type: 'apiKey', in: 'query', name: 'apikey' } },
    },
  };
}
