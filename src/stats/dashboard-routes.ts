// The statistics dashboards over HTTP, for editors and admins (`stats.read`): the page /-/stats, its JSON twin and the
// daily figures as CSV, for the portal or one dataset over a chosen range of days.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Audience, CatalogService } from '../catalog/service.ts';
import type { Config } from '../config.ts';
import { DomainError, Invalid } from '../errors.ts';
import { guard } from '../http/guard.ts';
import { pageRoute } from '../http/page-route.ts';
import { one as field } from '../http/params.ts';
import { languagePrefix, languages } from '../i18n/index.ts';
import type { PageContext } from '../web/context.ts';
import { statsPage } from '../web/pages/stats.tsx';
import { reasonText } from '../web/reasons.ts';
import type { StatsReports } from './report.ts';
import type { Range } from './report-store.ts';

interface StatsRoutesDeps {
  config: Config;
  reports: StatsReports;
  catalog: Pick<CatalogService, 'listDatasets'>;
  audienceOf: (request: FastifyRequest) => Promise<Audience>;
  contextOf: (request: FastifyRequest) => PageContext;
  /** Brings today's counts up to date before they are read (this process's events written, today rolled up). */
  refresh?: () => Promise<void>;
}

type Query = Record<string, string>;

export async function statsRoutes(app: FastifyInstance, deps: StatsRoutesDeps): Promise<void> {
  const { config, reports } = deps;
  const asked = (request: FastifyRequest) => {
    const query = request.query as Query;
    return { from: field(query, 'from') ?? '', to: field(query, 'to') ?? '', dataset: field(query, 'dataset') ?? '' };
  };
  /** The range asked for, its dataset one the viewer may see. */
  const rangeOf = async (request: FastifyRequest, datasets: { id: string }[]): Promise<Range> => {
    const range = reports.range(asked(request));
    if (range.datasetId !== null && !datasets.some((d) => d.id === range.datasetId)) throw new Invalid(`There is no dataset ${range.datasetId}.`, 'stats_dataset');
    return range;
  };
  const load = async (request: FastifyRequest) => {
    const datasets = await deps.catalog.listDatasets(await deps.audienceOf(request));
    const range = await rangeOf(request, datasets);
    await deps.refresh?.();
    return { datasets, range, report: await reports.report(range) };
  };

  pageRoute(app, config.defaultLanguage, {
    path: '/-/stats',
    guard: ['stats.read'],
    cacheControl: 'no-store',
    load: async (request) => {
      try {
        const { datasets, report } = await load(request);
        return { datasets, report, asked: { from: report.range.from, to: report.range.to, dataset: report.range.datasetId ?? '' }, error: null as DomainError | null };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { datasets: await deps.catalog.listDatasets(await deps.audienceOf(request)), report: null, asked: asked(request), error };
      }
    },
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      const error = data.error ? reasonText(ctx.t.stats.errors, data.error.reason) || data.error.message : undefined;
      const page = statsPage(ctx, { report: data.report, asked: data.asked, datasets: data.datasets, error });
      return data.error ? { value: page.value, status: data.error.status } : page;
    },
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, config.defaultLanguage);
    const options = { preHandler: guard('stats.read') };
    app.get(`${p}/-/stats.json`, options, async (request, reply) => {
      const { report } = await load(request);
      reply.header('Cache-Control', 'no-store');
      return {
        from: report.range.from,
        to: report.range.to,
        dataset_id: report.range.datasetId,
        totals: {
          views: report.totals.views, downloads: report.totals.downloads, api_calls: report.totals.apiCalls, api_calls_with_key: report.totals.apiCallsWithKey,
          api_calls_anonymous: report.totals.apiCallsAnonymous, visitors: report.totals.visitors, searches: report.totals.searches, empty_searches: report.totals.emptySearches,
        },
        days: report.days.map((d) => ({ day: d.day, views: d.views, downloads: d.downloads, api_calls: d.apiCalls, visitors: d.visitors })),
        pages: report.pages,
        downloads_by_format: report.downloadsByFormat,
        api_calls_by_endpoint: report.apiByEndpoint.map((e) => ({ endpoint: e.endpoint, with_key: e.withKey, anonymous: e.anonymous })),
        top_datasets: report.topDatasets.map((d) => ({ dataset_id: d.datasetId, views: d.views, downloads: d.downloads, api_calls: d.apiCalls })),
        search_terms: report.terms,
        other_search_terms: report.other,
        not_found: report.notFound,
        referrers: report.referrers,
      };
    });
    app.get(`${p}/-/stats.csv`, options, async (request, reply) => {
      const datasets = await deps.catalog.listDatasets(await deps.audienceOf(request));
      const range = await rangeOf(request, datasets);
      await deps.refresh?.();
      const rows = await reports.rows(range);
      const lines = ['day,kind,page,dataset_id,caller,count', ...rows.map((r) => [r.day, r.kind, r.page, r.dataset_id, r.caller, String(Number(r.count))].map(csvCell).join(','))];
      const name = `statistics-${range.datasetId ? `${range.datasetId}-` : ''}${range.from}-${range.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(`${lines.join('\r\n')}\r\n`);
    });
  }
}

/** A CSV cell: quoted when it must be; a leading =, +, - or @ is defused, so no spreadsheet runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
