// Explore API v2.1 routes (HTTP only): parse parameters, ask the catalog, answer in the ODS shape.
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Audience, CatalogService } from '../catalog/service.ts';
import { mayRead, publicAudience } from '../catalog/service.ts';
import type { Attachment } from '../catalog/types.ts';
import { createReadStream } from 'node:fs';
import type { Config } from '../config.ts';
import { accountOf } from '../accounts/auth.ts';
import { messages } from '../i18n/index.ts';
import { apiKeyOf } from './credentials.ts';
import { createExportLimiter, type ExportRun } from './export-limits.ts';
import { openApiDocument } from './openapi.ts';
import { dataJson, rssFeed } from './catalog-feeds.ts';
import { dcatDocument } from './catalog-dcat.ts';
import { readsExploreMetas } from './catalog-query.ts';
import { engineValueError, InvalidRestParameter } from './errors.ts';
import { boolean, exportParams, language, list, paging, text, timezone } from './params.ts';
import { exportFormats, type ExportFormat } from './exports.ts';
import { presentAttachment, presentDataset, type ExploreMetas } from './present.ts';
import type { RecordsService } from './records.ts';
import { isValidTimeZone } from './values.ts';
import { parseFacetParam } from './facets.ts';
import { answerTag, clientHas, type VersionAt } from './answer-cache.ts';

type Query = Record<string, string | string[] | undefined>;

/** Catalog export formats this server writes; the listing names no format it cannot serve. */
const catalogExportFormats: string[] = ['csv', 'json', 'jsonl', 'xlsx', 'rss', 'data.json', 'dcat', 'dcat_ap_vl'];

/** `version={n}`: an earlier published version (an Opaal extension); none, the current version as on Opendatasoft. */
function versionParam(query: Query): { version?: number } {
  const value = text(query, 'version');
  if (value === undefined) return {};
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidRestParameter(`Invalid value for version: "${value}" is no version number; give a whole number such as 2.`);
  return { version: Number(value) };
}

function facetParams(query: Query) {
  return {
    ...versionParam(query),
    facets: list(query, 'facet').map(parseFacetParam),
    where: list(query, 'where'),
    refine: list(query, 'refine'),
    exclude: list(query, 'exclude'),
    lang: text(query, 'lang') ?? 'fr',
    timezone: timezone(query, isValidTimeZone),
  };
}

export interface ExploreDeps {
  catalog: CatalogService;
  records: RecordsService;
  config: Config;
  /**
   * Who holds this API key; the accounts module fills this in. Until then, or for an anonymous caller,
   * the audience is the public, which never sees restricted datasets.
   */
  audienceForKey?: (apiKey: string) => Promise<Audience>;
  /** Who is asking, by any means (session or key); the app passes the accounts module's answer. */
  audienceOf?: (request: FastifyRequest) => Promise<Audience>;
  /** `metas.explore` per dataset (approved reuses, figures of use); zeros when left out. */
  exploreMetas?: (datasetIds: string[]) => Promise<Map<string, ExploreMetas>>;
}

export async function exploreRoutes(app: FastifyInstance, deps: ExploreDeps): Promise<void> {
  const audienceOf =
    deps.audienceOf ??
    (async (request: FastifyRequest): Promise<Audience> => {
      const key = apiKeyOf(request);
      return key && deps.audienceForKey ? deps.audienceForKey(key) : publicAudience;
    });

  const exploreMetasOf = async (ids: string[]) => (deps.exploreMetas ? deps.exploreMetas(ids) : new Map<string, ExploreMetas>());

  // Public data for any web page: browsers may call the API from anywhere, with an API key header.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Expose-Headers', 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Content-Disposition');
  });

  app.options('/*', async (_request, reply) =>
    reply
      .status(204)
      .header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Authorization, Accept, Content-Type')
      .header('Access-Control-Max-Age', '86400')
      .send(),
  );

  app.get('/', async () => ({
    links: [
      { rel: 'self', href: `${deps.config.baseUrl}/api/explore/v2.1/` },
      { rel: 'catalog', href: `${deps.config.baseUrl}/api/explore/v2.1/catalog/` },
    ],
  }));

  app.get('/swagger.json', async () => openApiDocument(deps.config.baseUrl));

  app.get('/catalog', async () => ({
    links: [
      { rel: 'self', href: `${deps.config.baseUrl}/api/explore/v2.1/catalog/` },
      { rel: 'datasets', href: `${deps.config.baseUrl}/api/explore/v2.1/catalog/datasets/` },
    ],
  }));

  app.get('/catalog/datasets', async (request) => {
    const query = request.query as Query;
    const { limit, offset } = paging(query);
    const lang = language(query, deps.config.defaultLanguage);
    const audience = await audienceOf(request);
    const { snapshot, datasets } = await deps.catalog.visibleCatalog(audience);
    const withLinks = boolean(query, 'include_links', false);
    // The figures and attachments of the datasets shown; the figures of every dataset only for a query that may read them.
    const present = (d: (typeof datasets)[number], metas: Map<string, ExploreMetas>, attachments: Map<string, Attachment[]>) => {
      const object = presentDataset(d, { lang, baseUrl: deps.config.baseUrl, explore: metas.get(d.id), attachments: attachments.get(d.id) });
      return withLinks ? { ...object, _links: datasetLinks(deps.config.baseUrl, d.id) } : object;
    };
    const presentAll = async (shown: typeof datasets) => {
      const [metas, attachments] = await Promise.all([exploreMetasOf(shown.map((d) => d.id)), deps.catalog.attachmentsOf(shown)]);
      return shown.map((d) => present(d, metas, attachments));
    };
    const page = (total_count: number, results: unknown[]) =>
      withLinks ? { total_count, _links: pageLinks(request.url, deps.config.baseUrl, total_count, limit, offset), results } : { total_count, results };
    const odsql = ['select', 'where', 'group_by', 'order_by', 'refine', 'exclude'].some((p) => query[p] !== undefined);
    if (!odsql) return page(datasets.length, await presentAll(datasets.slice(offset, offset + limit)));
    const select = text(query, 'select');
    const groupBy = text(query, 'group_by');
    const params = {
      select: select && select.trim() !== '*' ? select : undefined,
      where: list(query, 'where'),
      groupBy,
      orderBy: text(query, 'order_by'),
      refine: list(query, 'refine'),
      exclude: list(query, 'exclude'),
      limit,
      offset,
      lang,
      timezone: timezone(query, isValidTimeZone),
    };
    const clauses = [...params.where, ...params.refine, ...params.exclude, groupBy ?? '', params.orderBy ?? ''];
    const metas = readsExploreMetas({ select: params.select, clauses }) ? await exploreMetasOf(datasets.map((d) => d.id)) : undefined;
    const { total_count, rows } = await deps.records.catalog(snapshot, audience, lang, params, metas);
    // Without a select of its own, each hit is the whole dataset object, as without ODSQL.
    if ((!select || select.trim() === '*') && !groupBy) {
      const byId = new Map(datasets.map((d) => [d.id, d]));
      return page(total_count, await presentAll(rows.map((r) => byId.get(String(r.dataset_id))!)));
    }
    return page(total_count, rows);
  });

  app.get('/catalog/facets', async (request) => {
    const query = request.query as Query;
    const audience = await audienceOf(request);
    const { snapshot } = await deps.catalog.visibleCatalog(audience);
    return deps.records.catalogFacets(snapshot, audience, language(query, deps.config.defaultLanguage), facetParams(query));
  });

  app.get('/catalog/exports', async () => {
    const base = `${deps.config.baseUrl}/api/explore/v2.1/catalog/exports`;
    const links = [{ rel: 'self', href: `${base}/` }, ...catalogExportFormats.map((f) => ({ rel: f, href: `${base}/${f}` }))];
    return { links, _links: links };
  });

  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId', async (request) => {
    const query = request.query as Query;
    const lang = language(query, deps.config.defaultLanguage);
    const dataset = await deps.catalog.getDataset(request.params.datasetId, await audienceOf(request));
    const attachments = (await deps.catalog.attachmentsOf([dataset])).get(dataset.id);
    const object = presentDataset(dataset, { lang, baseUrl: deps.config.baseUrl, explore: (await exploreMetasOf([dataset.id])).get(dataset.id), attachments });
    return boolean(query, 'include_links', false) ? { ...object, _links: datasetLinks(deps.config.baseUrl, dataset.id) } : object;
  });

  /**
   * An answer about one version of a dataset: tagged with a strong ETag (answer-cache.ts) and answered 304 Not Modified,
   * without touching the engine, when the client has it. A public dataset's answer may be kept by shared caches, which
   * ask again each time (`no-cache`) since the current version can change; a version named by number never changes.
   */
  function tagOf(request: FastifyRequest<{ Params: { datasetId: string } }>, at: VersionAt, number: number | undefined) {
    const tag = answerTag(request.routeOptions.url ?? request.url, at.stamp, { ...(request.query as Query), ...request.params });
    if (tag === null) return null;
    const cacheControl = at.dataset.visibility === 'public' ? (number === undefined ? 'public, no-cache' : 'public, max-age=86400') : 'private, no-cache';
    return { tag, cacheControl };
  }

  async function versioned(request: FastifyRequest<{ Params: { datasetId: string } }>, reply: FastifyReply, answer: (at: VersionAt, audience: Audience) => Promise<unknown>) {
    const query = request.query as Query;
    const number = versionParam(query).version;
    const audience = await audienceOf(request);
    const at = await deps.records.versionAt(request.params.datasetId, audience, number);
    const tagged = tagOf(request, at, number);
    if (tagged === null) return answer(at, audience);
    const { tag, cacheControl } = tagged;
    if (clientHas(request.headers['if-none-match'], tag)) return reply.code(304).header('ETag', tag).header('Cache-Control', cacheControl).send();
    const body = await answer(at, audience);
    // Headers only on an answer: an error carries no tag.
    reply.header('ETag', tag).header('Cache-Control', cacheControl);
    return body;
  }

  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId/records', async (request, reply) => {
    const query = request.query as Query;
    const groupBy = text(query, 'group_by');
    const page = groupBy ? paging(query, { maxLimit: 20_000, maxWindow: 20_000 }) : paging(query);
    const withLinks = boolean(query, 'include_links', false);
    const params = {
      select: text(query, 'select'),
      where: list(query, 'where'),
      groupBy,
      orderBy: text(query, 'order_by'),
      refine: list(query, 'refine'),
      exclude: list(query, 'exclude'),
      ...page,
      lang: text(query, 'lang') ?? 'fr',
      timezone: timezone(query, isValidTimeZone),
      ...versionParam(query),
      withIds: withLinks,
    };
    return versioned(request, reply, async (at, audience) => {
      const answer = await deps.records.records(at, audience, params, clientGone(reply));
      if (!withLinks) return answer;
      const dataset = datasetLinks(deps.config.baseUrl, request.params.datasetId)[0].href;
      return {
        total_count: answer.total_count,
        _links: pageLinks(request.url, deps.config.baseUrl, answer.total_count, page.limit, page.offset),
        results: answer.results.map((record) => withRecordLinks(record, dataset, answer.timestamp ?? null)),
      };
    });
  });

  app.get<{ Params: { datasetId: string; recordId: string } }>('/catalog/datasets/:datasetId/records/:recordId', async (request, reply) => {
    const query = request.query as Query;
    const params = {
      select: text(query, 'select'),
      lang: text(query, 'lang') ?? 'fr',
      timezone: timezone(query, isValidTimeZone),
      ...versionParam(query),
    };
    return versioned(request, reply, (at, audience) => deps.records.record(at, request.params.recordId, audience, params));
  });

  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId/facets', async (request, reply) => {
    const params = facetParams(request.query as Query);
    return versioned(request, reply, (at, audience) => deps.records.facets(at, audience, params));
  });

  // A dataset's attachments (src/catalog/attachments.ts), for whoever may see the dataset.
  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId/attachments', async (request) => {
    const attachments = await deps.catalog.listAttachments(request.params.datasetId, await audienceOf(request));
    return { _links: [], attachments: attachments.map((a) => presentAttachment(a, deps.config.baseUrl)) };
  });

  app.get<{ Params: { datasetId: string; attachmentId: string } }>('/catalog/datasets/:datasetId/attachments/:attachmentId', async (request, reply) => {
    const audience = await audienceOf(request);
    const dataset = await deps.catalog.getDataset(request.params.datasetId, audience);
    const { attachment, path } = await deps.catalog.attachmentFile(dataset.id, request.params.attachmentId, audience);
    return sendAttachment(request, reply, attachment, path, mayRead(dataset, publicAudience));
  });

  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId/exports', async (request) => {
    const dataset = await deps.catalog.getDataset(request.params.datasetId, await audienceOf(request));
    const base = `${deps.config.baseUrl}/api/explore/v2.1/catalog/datasets/${dataset.id}/exports`;
    const links = [{ rel: 'self', href: `${base}/` }, ...Object.keys(exportFormats).map((f) => ({ rel: f, href: `${base}/${f}` }))];
    return { links, _links: links };
  });

  const exportLimiter = createExportLimiter({
    timeoutMs: deps.config.exportTimeoutMs,
    perClient: deps.config.exportMaxPerClient,
    perServer: deps.config.exportMaxConcurrent,
    queueMs: deps.config.exportQueueMs,
    tempBytes: deps.config.exportMaxTempBytes,
  });

  /**
   * Runs an export under the limits: a slot for the client (per account, else per address), the time limit, and
   * a status for a failure before the first byte. The slot is held until the body has ended and the engine is done.
   */
  async function limitedExport(request: FastifyRequest, reply: FastifyReply, make: (run: ExportRun) => Promise<Exported>, tagged: { tag: string; cacheControl: string } | null = null) {
    const client = exportLimiter.clientKey({ accountId: accountOf(request)?.id ?? null, address: request.ip });
    const { run, finish, watch } = await exportLimiter.start(client, reply.raw, (error) => request.log.error({ err: error }, 'export failed after it started'));
    let exported: Exported;
    try {
      exported = await make(run);
    } catch (error) {
      await finish();
      throw engineValueError(error) ?? error;
    }
    const { stream, started } = watch(exported.stream);
    // An overflow or a failed conversion found while the first rows are read is the query's, as for a page.
    await started.catch((error: unknown) => {
      throw engineValueError(error) ?? error;
    });
    if (tagged) reply.header('ETag', tagged.tag).header('Cache-Control', tagged.cacheControl);
    return sendExport(reply, { ...exported, stream });
  }

  app.get<{ Params: { datasetId: string; format: string } }>('/catalog/datasets/:datasetId/exports/:format', async (request, reply) => {
    const query = request.query as Query;
    const format = exportFormat(request.params.format);
    const params = { ...exportParams(query), ...versionParam(query) };
    const lang = language(query, deps.config.defaultLanguage);
    const audience = await audienceOf(request);
    const at = await deps.records.versionAt(request.params.datasetId, audience, params.version);
    // An export is as much a function of its version as a page: tagged alike, and not written again for a client that has it.
    const tagged = tagOf(request, at, params.version);
    if (tagged && clientHas(request.headers['if-none-match'], tagged.tag)) return reply.code(304).header('ETag', tagged.tag).header('Cache-Control', tagged.cacheControl).send();
    return limitedExport(request, reply, (run) => deps.records.exportRecords(at, audience, lang, format, params, run), tagged);
  });

  app.get('/catalog/exports/rss', async (request, reply) => {
    const lang = language(request.query as Query, deps.config.defaultLanguage);
    const datasets = await deps.catalog.listDatasets(await audienceOf(request));
    const title = messages(lang).catalog.feedTitle;
    return reply.header('Content-Type', 'application/rss+xml; charset=utf-8').send(rssFeed(datasets, { baseUrl: deps.config.baseUrl, lang, title }));
  });

  app.get('/catalog/exports/data.json', async (request) => {
    const lang = language(request.query as Query, deps.config.defaultLanguage);
    return dataJson(await deps.catalog.listDatasets(await audienceOf(request)), { baseUrl: deps.config.baseUrl, lang });
  });

  app.get<{ Params: { format: string } }>('/catalog/exports/:format', async (request, reply) => {
    const query = request.query as Query;
    const dcat = /^dcat(?:([_-])ap\1vl)?(?:\.(ttl|rdf))?$/.exec(request.params.format);
    if (dcat) {
      const rdfxml = dcat[2] === 'rdf' || text(query, 'format') === 'rdfxml' || (!dcat[2] && /application\/rdf\+xml/.test(request.headers.accept ?? ''));
      const datasets = await deps.catalog.listDatasets(await audienceOf(request));
      const document = await dcatDocument(datasets, dcat[1] ? 'dcat_ap_vl' : 'dcat_ap', rdfxml, deps.config);
      return reply.header('Content-Type', document.contentType).send(document.body);
    }
    const format = exportFormat(request.params.format);
    const params = exportParams(query);
    const datasets = await deps.catalog.listDatasets(await audienceOf(request));
    const lang = language(query, deps.config.defaultLanguage);
    return limitedExport(request, reply, (run) => deps.records.exportCatalog(datasets, lang, format, params, run));
  });
}

/** include_links=true: self, first, last and next of a page, as ODS's HATEOAS links. */
function pageLinks(url: string, baseUrl: string, total: number, limit: number, offset: number) {
  const at = (o: number) => {
    const u = new URL(url, baseUrl);
    u.searchParams.set('offset', String(o));
    u.searchParams.set('limit', String(limit));
    return `${baseUrl}${u.pathname}?${u.searchParams}`;
  };
  const last = limit > 0 ? Math.max(0, Math.floor((total - 1) / limit) * limit) : 0;
  return [
    { rel: 'self', href: at(offset) },
    { rel: 'first', href: at(0) },
    { rel: 'last', href: at(last) },
    ...(limit > 0 && offset + limit < total ? [{ rel: 'next', href: at(offset + limit) }] : []),
  ];
}

/**
 * include_links=true on records: ODS's technical fields first — the record id (`_id`, what `records/{record_id}`
 * takes), when its version was made current (`_timestamp`) and its links — then its values. A grouped row is no
 * record: it stays as it is.
 */
function withRecordLinks(record: Record<string, unknown>, datasetHref: string, timestamp: string | null) {
  if (typeof record._id !== 'string') return record;
  const { _id, ...values } = record;
  const links = [
    { rel: 'self', href: `${datasetHref}/records/${_id}` },
    { rel: 'dataset', href: datasetHref },
  ];
  return { _id, ...(timestamp ? { _timestamp: odsTimestamp(timestamp) } : {}), _links: links, ...values };
}

/** ODS writes technical times as `2021-06-23T14:59:57.123000+00:00`. */
const odsTimestamp = (iso: string) => new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');

/**
 * An attachment's file: its own type (from the allow-list, never sniffed by the browser), saved under its name, in a
 * sandbox should a browser open it; cached by anyone for a public dataset, by the caller alone otherwise. The blob is
 * never rewritten (a new upload is a new blob), so its key is a strong validator.
 */
function sendAttachment(request: FastifyRequest, reply: FastifyReply, attachment: Attachment, path: string, isPublic: boolean) {
  const etag = `"${attachment.blob.replace(/^.*\//, '').replace(/\..*$/, '')}"`;
  reply
    .header('Content-Type', attachment.mimeType)
    .header('Content-Disposition', contentDisposition(attachment.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'")
    .header('Cache-Control', isPublic ? 'public, max-age=300' : 'private, no-cache')
    .header('ETag', etag);
  // If-None-Match may list several tags, weak or strong: any that names this file will do (RFC 9110, 13.1.2).
  const known = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (known.includes(etag) || known.includes('*')) return reply.status(304).send();
  return reply.header('Content-Length', attachment.bytes).send(createReadStream(path));
}

/** `attachment` with an ASCII name for old clients and the UTF-8 name (RFC 6266) for the others. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function datasetLinks(baseUrl: string, id: string) {
  const self = `${baseUrl}/api/explore/v2.1/catalog/datasets/${id}`;
  return [
    { rel: 'self', href: self },
    { rel: 'records', href: `${self}/records` },
    { rel: 'exports', href: `${self}/exports` },
    { rel: 'facets', href: `${self}/facets` },
  ];
}

/** Aborts when the response closes before it was written: the client went away. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function exportFormat(name: string): ExportFormat {
  // Own keys only: `constructor` or `toString` is no format, whatever Object.prototype has.
  if (!Object.hasOwn(exportFormats, name)) {
    throw new InvalidRestParameter(`Unknown export format "${name}"; Opaal exports ${Object.keys(exportFormats).join(', ')}.`);
  }
  return name as ExportFormat;
}

interface Exported {
  stream: Readable;
  filename: string;
  contentType: string;
}

function sendExport(reply: FastifyReply, exported: Exported) {
  return reply
    .header('Content-Type', exported.contentType)
    .header('Content-Disposition', `attachment; filename="${exported.filename}"`)
    .send(exported.stream);
}
