// Explore API v2.1 routes (HTTP only): parse parameters, ask the catalog, answer in the ODS shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Audience, CatalogService } from '../catalog/service.ts';
import { publicAudience } from '../catalog/service.ts';
import type { Config } from '../config.ts';
import { odsError } from './errors.ts';
import { language, paging } from './params.ts';
import { presentDataset } from './present.ts';

type Query = Record<string, string | string[] | undefined>;

export interface ExploreDeps {
  catalog: CatalogService;
  config: Config;
  /** Who is asking; the accounts module fills this in (API keys, sessions). */
  audienceOf?: (request: FastifyRequest) => Promise<Audience>;
}

export async function exploreRoutes(app: FastifyInstance, deps: ExploreDeps): Promise<void> {
  const audienceOf = deps.audienceOf ?? (async () => publicAudience);

  app.setErrorHandler((error, request, reply) => {
    const mapped = odsError(error);
    if (mapped) return reply.status(mapped.status).send(mapped.body);
    request.log.error({ err: error }, 'explore request failed');
    return reply.status(500).send({ error_code: 'InternalServerError', message: 'An internal error occurred.' });
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
  });

  app.get('/', async () => ({
    links: [
      { rel: 'self', href: `${deps.config.baseUrl}/api/explore/v2.1/` },
      { rel: 'catalog', href: `${deps.config.baseUrl}/api/explore/v2.1/catalog/` },
    ],
  }));

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
    const datasets = await deps.catalog.listDatasets(await audienceOf(request));
    return {
      total_count: datasets.length,
      results: datasets.slice(offset, offset + limit).map((d) => presentDataset(d, { lang, baseUrl: deps.config.baseUrl })),
    };
  });

  app.get<{ Params: { datasetId: string } }>('/catalog/datasets/:datasetId', async (request) => {
    const query = request.query as Query;
    const lang = language(query, deps.config.defaultLanguage);
    const dataset = await deps.catalog.getDataset(request.params.datasetId, await audienceOf(request));
    return presentDataset(dataset, { lang, baseUrl: deps.config.baseUrl });
  });
}
