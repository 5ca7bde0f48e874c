// The publishing API for automation (/api/opaal/v1): create datasets, edit metadata, upload and publish versions; errors as {error, message}.
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import { can, type Action } from '../accounts/permissions.ts';
import { guard as permissionGuard } from '../http/guard.ts';
import { parseMetadataInput, readingsOf } from '../catalog/metadata.ts';
import { ChecksPending } from '../catalog/checks.ts';
import { staffAudience } from '../catalog/service.ts';
import type { Dataset, FieldReading } from '../catalog/types.ts';
import { Conflict, Forbidden, Invalid, UnsupportedMediaType } from '../errors.ts';
import { collectRoutes, openApiDocument } from '../http/openapi.ts';
import { refuseInvalid, useSchemaValidation } from '../http/validation.ts';
import { DatasetParams, MetadataBody, NewDatasetBody, PublishQuery, ReadingsBody, UploadQuery, VersionParams } from './api-schemas.ts';
import type { BackofficeDeps } from './deps.ts';
import { metadataDocument, presentDataset, presentPreview } from './present.ts';
import { drainUnread, readFieldsBeforeFile, receiveFormFile, receiveRawBody, type ReceivedFile } from './uploads.ts';

export const publishingApiPrefix = '/api/opaal/v1';

/** A raw body's file name from its media type, when the caller gives no name. */
const nameByType: Record<string, string> = {
  'text/csv': 'upload.csv',
  'text/tab-separated-values': 'upload.tsv',
  'text/plain': 'upload.txt',
  'application/json': 'upload.json',
  'application/x-ndjson': 'upload.jsonl',
  'application/jsonl': 'upload.jsonl',
  'application/geo+json': 'upload.geojson',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'upload.xlsx',
};

function rawName(request: FastifyRequest<{ Querystring: { filename?: string } }>): string {
  const given = request.query.filename;
  if (given) return given;
  const disposition = /filename="?([^";]+)"?/i.exec(request.headers['content-disposition'] ?? '')?.[1];
  if (disposition) return disposition;
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const byType = nameByType[type];
  if (!byType) {
    throw new UnsupportedMediaType(`Cannot tell the file's format from Content-Type "${type || 'none'}": send one of ${Object.keys(nameByType).join(', ')}, or name the file with ?filename=data.csv.`);
  }
  return byType;
}

/** A `true`/`false` query parameter, its values already checked by the route's schema. */
const flag = (value: 'true' | 'false' | undefined): boolean => value === 'true';

/** An upload's chosen types: `fields` as in the metadata (`[{"name", "type", "format"}]`), a query parameter or a form field before the file. */
function uploadReadings(request: FastifyRequest<{ Querystring: { fields?: string } }>): Record<string, FieldReading> {
  const given = request.query.fields ?? ((request.body as Record<string, unknown> | undefined)?.fields as string | undefined);
  if (given === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(given);
  } catch {
    throw new Invalid('"fields" must be JSON: a list such as [{"name": "aantal", "type": "int", "format": "1.234"}].', 'fields');
  }
  return readingsOf(parseMetadataInput({ fields: json }).fields);
}

export async function publishingApi(plugin: FastifyInstance, deps: BackofficeDeps): Promise<void> {
  const { catalog, blobs, config } = deps;
  const maxBytes = config.maxImportBytes;
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  useSchemaValidation(app);
  const routes = collectRoutes(app, publishingApiPrefix, ['/openapi.json']);
  // The permission first (after the root's CSRF check), then the schema: a stranger learns nothing of what a body should hold.
  const guard = (action: Action, answers?: Record<number, string>) => ({
    attachValidation: true,
    preHandler: [permissionGuard(action), refuseInvalid],
    config: { permission: action, ...(answers ? { answers } : {}) },
  });
  const actor = (request: FastifyRequest) => accountOf(request)!.id;

  const describe = async (dataset: Dataset) =>
    presentDataset(dataset, await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true }), await deps.contactWarning(dataset.metadata));
  const created = (reply: FastifyReply, location: string) => reply.status(201).header('Location', location);

  app.get('/datasets', { schema: { summary: 'Every dataset, drafts and restricted ones included' }, ...guard('dataset.edit') }, async () => {
    const datasets = await catalog.listDatasets(staffAudience);
    return { total_count: datasets.length, results: await Promise.all(datasets.map(describe)) };
  });

  app.post('/datasets', { schema: { summary: 'Creates a draft dataset', body: NewDatasetBody }, ...guard('dataset.create', { 201: 'The new dataset; Location names it' }) }, async (request, reply) => {
    const { id, ...metadata } = request.body;
    const dataset = await catalog.createDataset({ id, input: parseMetadataInput(metadata), actor: actor(request) });
    return created(reply, `${publishingApiPrefix}/datasets/${dataset.id}`).send(await describe(dataset));
  });

  app.get('/datasets/:id', { schema: { summary: 'The dataset', params: DatasetParams }, ...guard('dataset.edit') }, async (request) =>
    describe(await catalog.datasetForStaff(request.params.id)),
  );

  app.get('/datasets/:id/metadata', { schema: { summary: 'The metadata document, in the form PUT takes back', params: DatasetParams }, ...guard('dataset.edit') }, async (request) =>
    metadataDocument(await catalog.datasetForStaff(request.params.id)),
  );

  const metadataSummary = { put: 'Replaces the metadata: keys left out return to their defaults', patch: 'Changes only the metadata keys given' };
  for (const method of ['put', 'patch'] as const) {
    app[method]('/datasets/:id/metadata', { schema: { summary: metadataSummary[method], params: DatasetParams, body: MetadataBody }, ...guard('dataset.edit') }, async (request) => {
      const input = parseMetadataInput(request.body);
      return describe(await catalog.updateMetadata({ id: request.params.id, input, actor: actor(request), replace: method === 'put' }));
    });
  }

  app.get('/datasets/:id/versions/:number', { schema: { summary: 'The version with its inferred fields and its first rows', params: VersionParams }, ...guard('dataset.edit') }, async (request) => {
    const dataset = await catalog.datasetForStaff(request.params.id);
    return presentPreview(dataset, await catalog.previewVersion(dataset.id, Number(request.params.number)));
  });

  app.post(
    '/datasets/:id/versions/:number/publish',
    { schema: { summary: 'Makes the version current and the dataset published', params: VersionParams, querystring: PublishQuery }, ...guard('dataset.publish') },
    async (request) => {
      const acknowledgeChecks = flag(request.query.acknowledge_checks);
      const { dataset } = await catalog.publishVersion({ datasetId: request.params.id, number: Number(request.params.number), actor: actor(request), acknowledgeChecks });
      return describe(dataset);
    },
  );

  // Reads the version's source again with the given types: the staged version under its number, else a new staged one.
  app.post(
    '/datasets/:id/versions/:number/readings',
    {
      schema: { summary: 'Reads the version again with the types given', params: VersionParams, body: ReadingsBody },
      ...guard('dataset.edit', { 200: 'The staged version, read again', 201: 'A new staged version, read from a published one' }),
    },
    async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const number = Number(request.params.number);
      const readings = readingsOf(parseMetadataInput({ fields: request.body.fields ?? [] }).fields);
      const version = await catalog.rereadVersion({ datasetId: dataset.id, number, readings, actor: actor(request) });
      const body = presentPreview(dataset, await catalog.previewVersion(dataset.id, version.number));
      return version.number === number ? body : created(reply, `${publishingApiPrefix}/datasets/${dataset.id}/versions/${version.number}`).send(body);
    },
  );

  app.delete('/datasets/:id/versions/:number', { schema: { summary: 'Discards a staged version and its file', params: VersionParams }, ...guard('dataset.edit', { 204: 'Discarded' }) }, async (request, reply) => {
    await catalog.discardVersion({ datasetId: request.params.id, number: Number(request.params.number), actor: actor(request) });
    return reply.status(204).send();
  });

  const publishSummary = { publish: 'Publishes a draft with its current version', unpublish: 'Takes the dataset back to a draft; data and metadata stay' };
  for (const [suffix, published] of [['publish', true], ['unpublish', false]] as const) {
    app.post(`/datasets/:id/${suffix}`, { schema: { summary: publishSummary[suffix], params: DatasetParams }, ...guard('dataset.publish') }, async (request) =>
      describe(await catalog.setPublished({ id: request.params.id, published, actor: actor(request) })),
    );
  }

  app.delete('/datasets/:id', { schema: { summary: 'Deletes the dataset, its versions and their files', params: DatasetParams }, ...guard('dataset.delete', { 204: 'Deleted' }) }, async (request, reply) => {
    await catalog.deleteDataset(request.params.id, actor(request));
    return reply.status(204).send();
  });

  // Uploads in a context of their own: any body is a file, streamed to disk only after the checks pass.
  await app.register(async (context) => {
    const upload = context.withTypeProvider<TypeBoxTypeProvider>();
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', (_request, _payload, done) => done(null));
    await upload.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes } });
    upload.decorateRequest('pendingUpload', null);
    upload.addHook('onResponse', drainUnread);

    const schema = {
      summary: 'Uploads a file as a new version',
      description: 'The file as the body with its media type (or ?filename=), or multipart/form-data with one file part.',
      params: DatasetParams,
      querystring: UploadQuery,
      consumes: [...Object.keys(nameByType), 'multipart/form-data'],
    };
    const { preHandler, ...rest } = guard('dataset.edit', { 201: 'The version and the dataset after the upload; Location names the version' });
    upload.post('/datasets/:id/versions', { schema, preValidation: readFieldsBeforeFile(maxBytes), preHandler, ...rest }, async (request, reply) => {
      const publish = flag(request.query.publish);
      const acknowledgeChecks = flag(request.query.acknowledge_checks);
      if (publish && !can(accountOf(request), 'dataset.publish')) throw new Forbidden('Your account may upload versions but not publish them; leave out publish=true.', 'permission');
      const dataset = await catalog.datasetForStaff(request.params.id);
      const file: ReceivedFile = request.isMultipart() ? await receiveFormFile(request, blobs, maxBytes) : await receiveRawBody(request, blobs, maxBytes, rawName(request));
      let number: number;
      try {
        number = (await catalog.stageVersion({ datasetId: dataset.id, path: file.path, displayName: file.name, actor: actor(request), readings: uploadReadings(request) })).number;
      } finally {
        await blobs.discard(file.path);
      }
      let after = dataset;
      try {
        if (publish) after = (await catalog.publishVersion({ datasetId: dataset.id, number, actor: actor(request), acknowledgeChecks })).dataset;
      } catch (error) {
        if (!(error instanceof ChecksPending)) throw error;
        throw new Conflict(`${error.message} Version ${number} is staged: see ${publishingApiPrefix}/datasets/${dataset.id}/versions/${number}, then publish it with acknowledge_checks=true.`, 'checks_pending');
      }
      const body = { ...presentPreview(after, await catalog.previewVersion(dataset.id, number)), dataset: await describe(after) };
      return created(reply, `${publishingApiPrefix}/datasets/${dataset.id}/versions/${number}`).send(body);
    });
  });

  // Routes of other modules under this prefix (webhooks), registered here so the document lists them too.
  if (deps.alsoUnder) await app.register(deps.alsoUnder);

  // Public, like the Explore API's: generated from the routes above, so it lists what they validate.
  const document = openApiDocument(routes, {
    title: 'Opaal publishing API',
    version: '1',
    description: 'Create datasets, edit their metadata, upload and publish versions; register webhooks. See docs/publishing-api.md and docs/webhooks.md.',
    server: publishingApiPrefix,
  });
  app.get('/openapi.json', async () => document);
}
