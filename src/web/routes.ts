// The public portal's pages, in every language, each with its JSON twin; their errors answer in the one handler (src/http/errors.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountOf, csrfToken } from '../accounts/auth.ts';
import { publicAudience, type Audience, type CatalogService } from '../catalog/service.ts';
import { themes, type Dataset } from '../catalog/types.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import { NotFound } from '../errors.ts';
import { presentDataset, type ExploreMetas } from '../explore/present.ts';
import type { RecordsService } from '../explore/records.ts';
import { noFigures, recentDays, recentUses, type DatasetFigures, type Figures } from '../stats/figures.ts';
import type { Assets } from './assets.ts';
import { pageContext, type PageContext } from './context.ts';
import { datasetTabs, tabsOf, type DatasetTab } from './dataset-frame.tsx';
import { readFilters } from './filters.ts';
import { languagePrefix, languages, splitLanguage, type Language } from '../i18n/index.ts';
import { catalogFeed, datasetFeed, type FeedEntry } from './feeds.ts';
import { datasetVersionPage, versionDownloads } from './pages/dataset-version.tsx';
import { changesJson } from './version-changes.ts';
import { catalogPage } from './pages/catalog.tsx';
import { datasetInfoPage } from './pages/dataset-info.tsx';
import { homePage } from './pages/home.tsx';
import { apiGuidePage } from './pages/api-guide.tsx';
import { faviconIco } from './favicon.ts';
import { catalogFacets, catalogSorts, searchCatalog, type CatalogFacet, type CatalogQuery, type CatalogSort } from './search.ts';
import { seoRoutes } from './seo.ts';
import type { TabRenderer } from './tab-request.ts';
import { datasetConsolePage } from './pages/dataset-console.tsx';
import { datasetExportPage } from './pages/dataset-export.tsx';
import { datasetTablePage } from './pages/dataset-table.tsx';
import { datasetChartTab } from './pages/dataset-chart.tsx';
import { datasetMapPage } from './pages/dataset-map.tsx';
import { pageRoute, type PageRouteSpec } from '../http/page-route.ts';
import { many, one } from '../http/params.ts';
import type { Html } from '../html/jsx-runtime.ts';

/** The dataset tabs beyond information: each renders its page from the dataset, the filters and its own URL parameters. */
const tabRenderers: Partial<Record<Exclude<DatasetTab, 'information'>, TabRenderer>> = {
  table: datasetTablePage,
  export: datasetExportPage,
  api: datasetConsolePage,
  chart: datasetChartTab,
  map: datasetMapPage,
};

interface WebDeps {
  config: Config;
  catalog: CatalogService;
  records: RecordsService;
  clock: Clock;
  assets: Assets;
  /** Who is asking; the accounts module fills this in. */
  audienceOf?: (request: FastifyRequest) => Promise<Audience>;
  /** Entries the feeds add beside the versions (the follow module's announcements): a dataset's, or the catalog's (null). */
  feedEntries?: (datasetId: string | null, lang: Language) => Promise<FeedEntry[]>;
  /** Sections other modules add to a dataset's information tab (its reuses), after its own. */
  datasetSections?: (ctx: PageContext, datasetId: string) => Promise<Html>;
  /** `metas.explore` per dataset (approved reuses, figures of use), for the information tab's twin. */
  exploreMetas?: (datasetIds: string[]) => Promise<Map<string, ExploreMetas>>;
  /** The public figures of use per dataset (src/stats/figures.ts). */
  figures: Figures;
  /** How many discussions anyone may read about a dataset (the discussions module's), for the information tab's link. */
  discussionCount?: (datasetId: string) => Promise<number>;
  /** The catalog page's search (its first page): the statistics count the term and how many datasets it found. */
  searched?: (request: FastifyRequest, q: string, results: number) => void;
}

type Query = Record<string, string | string[] | undefined>;

function readCatalogQuery(query: Query): CatalogQuery {
  const q = one(query, 'q').trim().slice(0, 200);
  const sort = one(query, 'sort') as CatalogSort;
  const page = Number(one(query, 'page') || 1);
  const filters: CatalogQuery['filters'] = {};
  for (const facet of catalogFacets) filters[facet] = many(query, facet).slice(0, 20);
  const expand = one(query, 'facet') as CatalogFacet;
  return {
    ...((catalogFacets as readonly string[]).includes(expand) ? { expand: { facet: expand, q: one(query, 'facet_q').trim().slice(0, 200) } } : {}),
    q,
    filters,
    sort: (catalogSorts as readonly string[]).includes(sort) && (sort !== 'relevance' || q) ? sort : q ? 'relevance' : 'modified',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    pageSize: 20,
  };
}

/** The catalog's popularity sort: each dataset's score (src/stats/figures.ts). */
const popularityOf = (figures: Map<string, DatasetFigures>) => new Map([...figures].map(([id, f]) => [id, f.popularity]));

export async function webRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const audienceOf = deps.audienceOf ?? (async () => publicAudience);
  const contextOf = (request: FastifyRequest): PageContext => viewerContext(deps, request);
  async function catalogData(request: FastifyRequest, ctx: PageContext) {
    const datasets = await deps.catalog.listDatasets(await audienceOf(request));
    const query = readCatalogQuery(request.query as Query);
    const result = searchCatalog(datasets, query, { lang: ctx.lang, now: deps.clock(), popularity: popularityOf(await deps.figures.all()) });
    return { datasets, query, result };
  }

  const catalogJson = (ctx: PageContext, data: Awaited<ReturnType<typeof catalogData>>) => ({
    total_count: data.result.total,
    page: data.query.page,
    results: data.result.hits.map((hit) => ({
      dataset_id: hit.dataset.id,
      title: hit.title.map((p) => p.text).join(''),
      url: ctx.link(`/datasets/${hit.dataset.id}`),
      api: `/api/explore/v2.1/catalog/datasets/${hit.dataset.id}`,
      matched_in: hit.matchedIn,
      highlights: {
        title: hit.title.filter((p) => p.match).map((p) => p.text),
        description: hit.description.filter((p) => p.match).map((p) => p.text),
      },
    })),
    facets: data.result.facets,
  });

  const homeData = async (request: FastifyRequest) => {
    const datasets = await deps.catalog.listDatasets(await audienceOf(request));
    const used = await deps.figures.all();
    const uses = (id: string) => recentUses(used.get(id) ?? noFigures);
    const counts = new Map<string, number>();
    for (const d of datasets) for (const th of d.metadata.theme) counts.set(th, (counts.get(th) ?? 0) + 1);
    return {
      total: datasets.length,
      themes: themes.filter((th) => counts.has(th)).map((theme) => ({ theme, count: counts.get(theme) ?? 0 })),
      newest: [...datasets].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5),
      // Only what was used: a dataset nobody used in the period is not "most used", however new.
      mostUsed: datasets
        .filter((d) => uses(d.id) > 0)
        .sort((a, b) => uses(b.id) - uses(a.id) || a.id.localeCompare(b.id))
        .slice(0, 5)
        .map((dataset) => ({ dataset, uses: uses(dataset.id) })),
      mostUsedDays: recentDays,
    };
  };

  // Each page and its JSON twin from one loader (src/http/page-route.ts), in every language.
  const page = <D>(spec: Omit<PageRouteSpec<D>, 'cacheControl'>) => pageRoute(app, deps.config.defaultLanguage, { cacheControl: 'no-cache', ...spec });

  page({
    path: '/',
    load: (request) => homeData(request),
    render: (request, data) => homePage(contextOf(request), data),
    json: (request, data) => {
      const ctx = contextOf(request);
      const brief = (d: Dataset) => ({ dataset_id: d.id, url: ctx.link(`/datasets/${d.id}`), api: `/api/explore/v2.1/catalog/datasets/${d.id}` });
      return {
        total_count: data.total,
        themes: data.themes,
        newest: data.newest.map(brief),
        most_used: data.mostUsed.map((m) => ({ ...brief(m.dataset), uses: m.uses })),
        most_used_days: data.mostUsedDays,
      };
    },
  });

  page({
    path: '/datasets',
    load: (request) => catalogData(request, contextOf(request)),
    render: (request, data) => {
      if (data.query.q && data.query.page === 1) deps.searched?.(request, data.query.q, data.result.total);
      return catalogPage(contextOf(request), data.query, data.result);
    },
    json: (request, data) => catalogJson(contextOf(request), data),
  });

  // The information tab; its twin is the catalog API's view of the dataset.
  page({
    path: '/datasets/:id',
    load: async (request) => {
      const audience = await audienceOf(request);
      const dataset = await deps.catalog.getDataset(request.params.id, audience);
      const explore = deps.exploreMetas ? (await deps.exploreMetas([dataset.id])).get(dataset.id) : undefined;
      return { audience, dataset, explore };
    },
    render: async (request, { audience, dataset }) => {
      const listed = await deps.catalog.listVersions(dataset.id, audience);
      // The newest versions' changes, where they were not computed after publishing (versions from before).
      const versions = [];
      for (const [i, v] of listed.entries()) {
        const changes = v.changes ?? (i < 3 ? await deps.catalog.changesOf(dataset.id, v.number).catch(() => null) : null);
        versions.push({ ...v, changes });
      }
      const ctx = contextOf(request);
      const extra = deps.datasetSections ? await deps.datasetSections(ctx, dataset.id) : undefined;
      const discussions = deps.discussionCount ? await deps.discussionCount(dataset.id) : null;
      const figures = await deps.figures.of(dataset.id);
      const attachments = await deps.catalog.listAttachments(dataset.id, audience);
      return datasetInfoPage(ctx, dataset, versions, readFilters(request.query as Query), extra, discussions, figures, attachments);
    },
    json: (request, { dataset, explore }, lang) => presentDataset(dataset, { lang, baseUrl: deps.config.baseUrl, explore }),
  });

  // A published version: what changed against the one before, examples and downloads. A staged one does not exist here.
  page({
    path: '/datasets/:id/versions/:n',
    load: async (request) => {
      const audience = await audienceOf(request);
      const { dataset, version } = await deps.catalog.publishedVersion(request.params.id, /^\d{1,9}$/.test(request.params.n) ? Number(request.params.n) : NaN, audience);
      // Computed here when it was not after publishing (a version from before, or a comparison that failed then).
      const changes = version.changes ?? (await deps.catalog.changesOf(dataset.id, version.number).catch((error: unknown) => {
        request.log.error({ err: error }, 'the changes of a version could not be computed');
        return null;
      }));
      // An older version's page says which one is current now.
      const current = dataset.currentVersion && dataset.currentVersion !== version.id ? (await deps.catalog.currentVersion(dataset.id, audience)).version?.number ?? null : null;
      return { dataset, version, changes, current };
    },
    render: (request, data) => datasetVersionPage(contextOf(request), data),
    json: (request, { dataset, version, changes }) => ({
      dataset_id: dataset.id,
      number: version.number,
      published_at: version.publishedAt,
      records_count: version.recordsCount,
      current: dataset.currentVersion === version.id,
      compared_to: changes?.comparedTo ?? null,
      changes: changesJson(changes),
      key: dataset.metadata.key ?? [],
      examples: changes?.examples ?? null,
      fields: version.fields.map((f) => ({ name: f.name, type: f.type })),
      source_name: version.sourceName,
      url: contextOf(request).link(`/datasets/${dataset.id}/versions/${version.number}`),
      downloads: versionDownloads(dataset.id, version.number),
    }),
  });

  // Atom feeds in every language: a dataset's versions, and the catalog's new datasets and versions.
  const atom = 'application/atom+xml; charset=utf-8';
  for (const lang of languages) {
    const prefix = languagePrefix(lang, deps.config.defaultLanguage);
    app.get<{ Params: { id: string } }>(`${prefix}/datasets/:id/feed.atom`, async (request, reply) => {
      const audience = await audienceOf(request);
      const dataset = await deps.catalog.getDataset(request.params.id, audience);
      const versions = await deps.catalog.listVersions(dataset.id, audience);
      const entries = deps.feedEntries ? await deps.feedEntries(dataset.id, lang) : [];
      return reply.type(atom).header('Cache-Control', 'no-cache').send(datasetFeed(contextOf(request), dataset, versions, entries));
    });
    app.get(`${prefix}/catalog/feed.atom`, async (request, reply) => {
      const audience = await audienceOf(request);
      const datasets = await deps.catalog.listDatasets(audience);
      const versions = await deps.catalog.recentVersions(audience, 100);
      const entries = deps.feedEntries ? await deps.feedEntries(null, lang) : [];
      return reply.type(atom).header('Cache-Control', 'no-cache').send(catalogFeed(contextOf(request), datasets, versions, entries));
    });
  }

  // The tabs run records queries for the visitor: they draw from the daily page budget (src/accounts/page-budget.ts).
  page({
    path: '/datasets/:id/:tab',
    config: { pageBudget: true },
    load: async (request) => {
      const audience = await audienceOf(request);
      return { audience, dataset: await deps.catalog.getDataset(request.params.id, audience) };
    },
    render: async (request, { audience, dataset }) => {
      const ctx = contextOf(request);
      const tab = request.params.tab as DatasetTab;
      const render = tab !== 'information' && (datasetTabs as readonly string[]).includes(tab) && tabsOf(dataset).includes(tab) ? tabRenderers[tab] : undefined;
      if (!render) throw new NotFound(ctx.t.errors.notFoundText);
      const html = await render({ ctx, dataset, filters: readFilters(request.query as Query), query: request.query as Query, records: deps.records, catalog: deps.catalog, audience });
      return { value: html.value, status: ctx.status };
    },
  });

  // The API for people; the OpenAPI files are served by the Explore API and the publishing API (test/web/api-guide.test.ts
  // follows both links).
  page({
    path: '/-/api',
    load: async () => ({
      quotaAnonymous: deps.config.apiDailyQuotaAnonymous,
      quotaKey: deps.config.apiDailyQuotaKey,
      exploreSpec: '/api/explore/v2.1/swagger.json',
      publishingSpec: '/api/opaal/v1/openapi.json',
    }),
    render: (request, data) => apiGuidePage(contextOf(request), data),
  });

  // Browsers and feed readers ask for /favicon.ico whatever the page links; its URL has no hash, so a month's cache, not a year's.
  const favicon = faviconIco();
  app.get('/favicon.ico', async (_request, reply) => reply.type('image/x-icon').header('Cache-Control', 'public, max-age=2592000').send(favicon));

  app.get<{ Params: { file: string } }>('/-/static/:file', async (request, reply) => {
    const asset = deps.assets.get(request.params.file);
    if (!asset) throw new NotFound(`No file ${request.params.file}.`);
    return reply.type(asset.contentType).header('Cache-Control', 'public, max-age=31536000, immutable').send(asset.body);
  });

  await app.register(seoRoutes, { config: deps.config, catalog: deps.catalog });
}

/** A page's context from its request: language from the path, the viewer from the session. */
export function viewerContext(deps: Pick<WebDeps, 'config' | 'assets'>, request: FastifyRequest): PageContext {
  const { lang, path, search } = splitLanguage(request.url, deps.config.defaultLanguage);
  const account = accountOf(request);
  const csrf = request.sessionToken ? csrfToken(request.sessionToken) : null;
  const viewer = account && csrf ? { account, csrf } : null;
  const ctx = pageContext(deps.config, deps.assets, lang, path, search, viewer, csrf);
  ctx.statementNotice = viewer ? request.statementNotice : null;
  ctx.following = viewer ? request.following : null;
  return ctx;
}
