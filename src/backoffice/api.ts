// The publishing API for automation (/api/opaal/v1): create datasets, edit metadata, upload and publish versions; errors as {error, message}.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import { can } from '../accounts/permissions.ts';
import { guarded as guard } from '../http/guard.ts';
import { parseMetadataInput, readingsOf } from '../catalog/metadata.ts';
import { ChecksPending } from '../catalog/checks.ts';
import { staffAudience } from '../catalog/service.ts';
import type { Dataset, FieldReading } from '../catalog/types.ts';
import { Conflict, Forbidden, Invalid, UnsupportedMediaType } from '../errors.ts';
import type { BackofficeDeps } from './deps.ts';
import { metadataDocument, presentDataset, presentPreview } from './present.ts';
import { drainUnread, readFieldsBeforeFile, receiveFormFile, receiveRawBody, type ReceivedFile } from './uploads.ts';

type Params = { id: string; number: string };

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

function rawName(request: FastifyRequest): string {
  const given = (request.query as { filename?: string }).filename;
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

function flag(request: FastifyRequest, name: string): boolean {
  const value = (request.query as Record<string, string | undefined>)[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Invalid(`"${name}" must be true or false.`);
}

/** An upload's chosen types: `fields` as in the metadata (`[{"name", "type", "format"}]`), a query parameter or a form field before the file. */
function uploadReadings(request: FastifyRequest): Record<string, FieldReading> {
  const given = (request.query as Record<string, string | undefined>).fields ?? ((request.body as Record<string, unknown> | undefined)?.fields as string | undefined);
  if (given === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(given);
  } catch {
    throw new Invalid('"fields" must be JSON: a list such as [{"name": "aantal", "type": "int", "format": "1.234"}].', 'fields');
  }
  return readingsOf(parseMetadataInput({ fields: json }).fields);
}

function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Invalid('Send a JSON object with Content-Type: application/json.');
  return body as Record<string, unknown>;
}

export async function publishingApi(app: FastifyInstance, deps: BackofficeDeps): Promise<void> {
  const { catalog, blobs, config } = deps;
  const maxBytes = config.maxImportBytes;
  const actor = (request: FastifyRequest) => accountOf(request)!.id;

  const describe = async (dataset: Dataset) =>
    presentDataset(dataset, await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true }), await deps.contactWarning(dataset.metadata));
  const created = (reply: FastifyReply, location: string) => reply.status(201).header('Location', location);

  app.get('/datasets', guard('dataset.edit'), async () => {
    const datasets = await catalog.listDatasets(staffAudience);
    return { total_count: datasets.length, results: await Promise.all(datasets.map(describe)) };
  });

  app.post('/datasets', guard('dataset.create'), async (request, reply) => {
    const { id, ...metadata } = jsonObject(request.body);
    if (typeof id !== 'string') throw new Invalid('Give the new dataset\'s "id", e.g. {"id": "cities", "title": {"nl": "Steden"}}.', 'dataset_id');
    const dataset = await catalog.createDataset({ id, input: parseMetadataInput(metadata), actor: actor(request) });
    return created(reply, `/api/opaal/v1/datasets/${dataset.id}`).send(await describe(dataset));
  });

  app.get<{ Params: Params }>('/datasets/:id', guard('dataset.edit'), async (request) => describe(await catalog.datasetForStaff(request.params.id)));

  app.get<{ Params: Params }>('/datasets/:id/metadata', guard('dataset.edit'), async (request) => metadataDocument(await catalog.datasetForStaff(request.params.id)));

  for (const method of ['put', 'patch'] as const) {
    app[method]<{ Params: Params }>('/datasets/:id/metadata', guard('dataset.edit'), async (request) => {
      const input = parseMetadataInput(jsonObject(request.body));
      return describe(await catalog.updateMetadata({ id: request.params.id, input, actor: actor(request), replace: method === 'put' }));
    });
  }

  app.get<{ Params: Params }>('/datasets/:id/versions/:number', guard('dataset.edit'), async (request) => {
    const dataset = await catalog.datasetForStaff(request.params.id);
    return presentPreview(dataset, await catalog.previewVersion(dataset.id, Number(request.params.number)));
  });

  app.post<{ Params: Params }>('/datasets/:id/versions/:number/publish', guard('dataset.publish'), async (request) => {
    const acknowledgeChecks = flag(request, 'acknowledge_checks');
    const { dataset } = await catalog.publishVersion({ datasetId: request.params.id, number: Number(request.params.number), actor: actor(request), acknowledgeChecks });
    return describe(dataset);
  });

  // Reads the version's source again with the given types: the staged version under its number, else a new staged one.
  app.post<{ Params: Params }>('/datasets/:id/versions/:number/readings', guard('dataset.edit'), async (request, reply) => {
    const dataset = await catalog.datasetForStaff(request.params.id);
    const number = Number(request.params.number);
    const readings = readingsOf(parseMetadataInput({ fields: jsonObject(request.body).fields ?? [] }).fields);
    const version = await catalog.rereadVersion({ datasetId: dataset.id, number, readings, actor: actor(request) });
    const body = presentPreview(dataset, await catalog.previewVersion(dataset.id, version.number));
    return version.number === number ? body : created(reply, `/api/opaal/v1/datasets/${dataset.id}/versions/${version.number}`).send(body);
  });

  app.delete<{ Params: Params }>('/datasets/:id/versions/:number', guard('dataset.edit'), async (request, reply) => {
    await catalog.discardVersion({ datasetId: request.params.id, number: Number(request.params.number), actor: actor(request) });
    return reply.status(204).send();
  });

  for (const [suffix, published] of [['publish', true], ['unpublish', false]] as const) {
    app.post<{ Params: Params }>(`/datasets/:id/${suffix}`, guard('dataset.publish'), async (request) =>
      describe(await catalog.setPublished({ id: request.params.id, published, actor: actor(request) })),
    );
  }

  app.delete<{ Params: Params }>('/datasets/:id', guard('dataset.delete'), async (request, reply) => {
    await catalog.deleteDataset(request.params.id, actor(request));
    return reply.status(204).send();
  });

  // Uploads in a context of their own: any body is a file, streamed to disk only after the checks pass.
  await app.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', (_request, _payload, done) => done(null));
    await upload.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes } });
    upload.decorateRequest('pendingUpload', null);
    upload.addHook('onResponse', drainUnread);

    upload.post<{ Params: Params }>('/datasets/:id/versions', { preValidation: readFieldsBeforeFile(maxBytes), ...guard('dataset.edit') }, async (request, reply) => {
      const publish = flag(request, 'publish');
      const acknowledgeChecks = flag(request, 'acknowledge_checks');
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
        throw new Conflict(`${error.message} Version ${number} is staged: see /api/opaal/v1/datasets/${dataset.id}/versions/${number}, then publish it with acknowledge_checks=true.`, 'checks_pending');
      }
      const body = { ...presentPreview(after, await catalog.previewVersion(dataset.id, number)), dataset: await describe(after) };
      return created(reply, `/api/opaal/v1/datasets/${dataset.id}/versions/${number}`).send(body);
    });
  });
}
