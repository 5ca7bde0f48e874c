// Builds the HTTP application from the modules: security headers, request ids, logs, health, routes.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import { sql } from 'kysely';
import { installErrorHandler } from './http/errors.ts';
import { exploreRoutes } from './explore/routes.ts';
import type { Portal } from './portal.ts';
import { accountOf, installAuth } from './accounts/auth.ts';
import type { Audience } from './catalog/service.ts';
import { buildAssets } from './web/assets.ts';
import { accountRoutes } from './accounts/routes.ts';
import { twoFactorRoutes, twoFactorSection } from './accounts/two-factor/routes.ts';
import { installApiKeys } from './accounts/api-keys/auth.ts';
import { apiKeyRoutes, apiKeysAccountSection } from './accounts/api-keys/routes.ts';
import { createQuotas } from './accounts/quotas.ts';
import { installPageBudget } from './accounts/page-budget.ts';
import { backofficeRoutes, publishingSection } from './backoffice/index.ts';
import { adminRoutes } from './admin/routes.ts';
import { holdRoutes } from './privacy/retention/holds-routes.ts';
import { privacyRightsRoutes, privacyRightsSection } from './privacy/rights/routes.ts';
import { viewerContext, webRoutes } from './web/routes.ts';
import { badRequestPage, notFoundPage, pageBudgetPage, serverErrorPage } from './web/pages/errors.tsx';
import { errorText } from './web/forms.tsx';
import { tileImageSources } from './web/map-tiles.ts';
import { caseRoutes } from './privacy/cases/routes.ts';
import { installStatementNotice } from './privacy/statement/notice.ts';
import { statementRoutes } from './privacy/statement/routes.ts';
import { privacyOfficeRoutes } from './privacy/office/routes.ts';
import { languagePrefix, type Language } from './i18n/index.ts';
import { webhookApi, webhookPages, webhooksAccountSection } from './webhooks/routes.ts';
import { followRoutes, followsAccountSection, installFollowState } from './follow/routes.ts';
import { reuseRoutes, reusesDatasetSection } from './exchanges/reuses/routes.ts';
import { wishRoutes } from './exchanges/wishes/routes.ts';
import { statsRoutes } from './stats/dashboard-routes.ts';
import { requestRoutes, requestsAccountSection } from './exchanges/requests/routes.ts';
import { discussionRoutes } from './exchanges/discussions/routes.ts';
import { installStats } from './stats/routes.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * Logs carry no personal data: no client address, no user agent, no query string (it can hold an
 * API key or a person's search), only method, path, status and timing.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    // The machine's host name says nothing useful in a container and is left out with the rest.
    base: { pid: process.pid },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        // Single-use links carry their token in the path: long random segments are left out.
        path: request.url.split('?')[0].replace(/[A-Za-z0-9_-]{32,}/g, '…'),
        id: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

export async function buildApp(portal: Portal, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(portal.config.logLevel),
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Only the proxies the operator names may say who the client is (X-Forwarded-For); without them the header is ignored.
    trustProxy: portal.config.trustedProxies ?? false,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', ...tileImageSources(portal.config.mapTileUrl)], objectSrc: ["'none'"], frameAncestors: ["'none'"],
        // Only behind HTTPS: on plain HTTP the browser would send every form and follow every redirect to an https:// that is not there.
        upgradeInsecureRequests: portal.config.baseUrl.startsWith('https:') ? [] : null,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Not helmet's no-referrer: under it browsers send `Origin: null` with a form post, and the CSRF check refuses every
    // form. same-origin still tells other sites nothing.
    referrerPolicy: { policy: 'same-origin' },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  const assets = await buildAssets();
  const contextOf = (request: FastifyRequest) => viewerContext({ config: portal.config, assets }, request);
  // The one error handler; the pages it answers with are the web module's, in the visitor's language.
  installErrorHandler(app, {
    // The page's own sentence only: a domain's message is English, and a missing dataset must read as a hidden one.
    notFound: (request) => notFoundPage(contextOf(request)).value,
    failed: (request, error) => badRequestPage(contextOf(request), errorText(contextOf(request), error)).value,
    serverError: (request) => serverErrorPage(contextOf(request), request.id).value,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = {};
    try {
      await sql`select 1`.execute(portal.store.db);
      checks.database = 'ok';
    } catch {
      checks.database = 'unavailable';
    }
    try {
      await portal.engine.all('select 1');
      checks.engine = 'ok';
    } catch {
      checks.engine = 'unavailable';
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  // Statistics (src/stats): each successful page, API call, export and catalog search is counted, without the address,
  // user agent, account, key or query.
  const statsHook = installStats(app, { stats: portal.stats, baseUrl: portal.config.baseUrl, defaultLanguage: portal.config.defaultLanguage });

  await installAuth(app, { accounts: portal.accounts, baseUrl: portal.config.baseUrl });
  // Counters live in this process's memory: one server process counts for the portal.
  const quotas = createQuotas({ clock: portal.clock, limits: { key: portal.config.apiDailyQuotaKey, anonymous: portal.config.apiDailyQuotaAnonymous } });
  installApiKeys(app, { apiKeys: portal.apiKeys, quotas, clock: portal.clock });
  // The dataset pages' own budget, apart from the API's: a visitor's pages cannot spend their API calls, nor the reverse.
  installPageBudget(app, {
    quotas: createQuotas({ clock: portal.clock, limits: { key: portal.config.pageDailyQuota, anonymous: portal.config.pageDailyQuota } }),
    clock: portal.clock,
    refusal: (request, quota) => pageBudgetPage(contextOf(request), quota).value,
  });
  installStatementNotice(app, { acknowledgements: portal.acknowledgements });
  installFollowState(app, { follow: portal.follow, defaultLanguage: portal.config.defaultLanguage });
  const audienceOf = (request: FastifyRequest): Promise<Audience> => portal.accounts.audienceOf(accountOf(request));

  await app.register(exploreRoutes, { prefix: '/api/explore/v2.1', catalog: portal.catalog, records: portal.records, config: portal.config, audienceOf, exploreMetas: portal.exploreMetas });
  // A dataset's feed carries its announcements; the catalog's, the portal's own (the newsletter's).
  const feedEntries = async (datasetId: string | null, lang: Language) =>
    (await portal.follow.announcements(datasetId, 20)).map((a) => ({
      id: `urn:opaal:announcement:${a.id}`,
      title: a.title,
      text: a.body,
      at: a.createdAt,
      url: `${languagePrefix(lang, portal.config.defaultLanguage)}${a.datasetId ? `/datasets/${a.datasetId}` : '/'}`,
    }));
  await app.register(webRoutes, { config: portal.config, catalog: portal.catalog, records: portal.records, clock: portal.clock, assets, audienceOf, feedEntries,
    datasetSections: reusesDatasetSection(portal.reuses),
    exploreMetas: portal.exploreMetas,
    figures: portal.figures,
    discussionCount: (id) => portal.discussions.count(id),
    searched: statsHook.searched,
  });
  const apiKeyDeps = { config: portal.config, apiKeys: portal.apiKeys, contextOf };
  await app.register(accountRoutes, {
    config: portal.config,
    accounts: portal.accounts,
    contextOf,
    sections: [twoFactorSection(portal.twoFactor), apiKeysAccountSection(apiKeyDeps), webhooksAccountSection(portal.webhooks), followsAccountSection(), requestsAccountSection(), publishingSection, privacyRightsSection(portal.rights)],
  });
  const webhookDeps = { config: portal.config, webhooks: portal.webhooks, contextOf };
  await app.register(backofficeRoutes, {
    config: portal.config,
    catalog: portal.catalog,
    accounts: portal.accounts,
    blobs: portal.blobs,
    contextOf,
    // Webhooks are registered through the same API, and described in its OpenAPI document.
    alsoUnder: async (api) => {
      await api.register(webhookApi, webhookDeps);
    },
    requestCounts: () => portal.requests.counts(),
    exchangeCounts: async () => ({
      pendingReuses: await portal.reuses.pendingCount(),
      moderation: (await portal.discussions.moderationQueue()).length + (await portal.wishes.moderationQueue()).length,
    }),
  });
  await app.register(twoFactorRoutes, { config: portal.config, accounts: portal.accounts, twoFactor: portal.twoFactor, contextOf });
  await app.register(apiKeyRoutes, apiKeyDeps);
  await app.register(adminRoutes, {
    config: portal.config,
    admin: portal.admin,
    delivery: {
      undelivered: () => portal.mailer.undelivered(),
      retry: (id) => portal.mailer.retry(id),
      jobs: () => portal.jobs.counts(),
      failedJobs: async () => (await portal.jobs.failed()).map((j) => ({ ...j, id: Number(j.id) })),
    },
    clock: portal.clock,
    contextOf,
  });
  // The DPO's one-click actions run the self-service rights: the same code as the account page.
  await app.register(caseRoutes, { config: portal.config, cases: portal.privacyCases, contextOf, actions: portal.rights.caseActions, contactPoints: portal.rights.contactPointsOf });
  await app.register(statementRoutes, { config: portal.config, statements: portal.statements, acknowledgements: portal.acknowledgements, contextOf });
  await app.register(privacyOfficeRoutes, { config: portal.config, recipients: portal.recipients, breaches: portal.breaches, statements: portal.statements, contextOf });
  // The privacy office's legal holds (the office's other pages are registered by their own module).
  await app.register(holdRoutes, { config: portal.config, holds: portal.holds, contextOf });

  await app.register(webhookPages, webhookDeps);
  await app.register(followRoutes, { config: portal.config, follow: portal.follow, contextOf });
  // Exchanges (issue 17): reuses and data requests.
  await app.register(reuseRoutes, { config: portal.config, reuses: portal.reuses, blobs: portal.blobs, contextOf });
  await app.register(wishRoutes, { config: portal.config, wishes: portal.wishes, contextOf });
  await app.register(statsRoutes, {
    config: portal.config,
    reports: portal.statsReports,
    catalog: portal.catalog,
    audienceOf,
    contextOf,
    // What this process counted is written and today rolled up before a dashboard reads (the job does it every 10 minutes).
    refresh: async () => {
      await portal.stats.flush();
      await portal.stats.rollup();
    },
  });
  // Information requests: the contact form, the requester's thread and the staff inbox (issue 17).
  await app.register(requestRoutes, { config: portal.config, requests: portal.requests, contextOf });
  // The moderation list holds data-request comments and the count of reuses to decide on beside the discussion posts.
  await app.register(discussionRoutes, {
    config: portal.config, discussions: portal.discussions, contextOf,
    alsoModerated: async () => ({ comments: await portal.wishes.moderationQueue(), pendingReuses: await portal.reuses.pendingCount() }),
  });

  await app.register(privacyRightsRoutes, { config: portal.config, rights: portal.rights, accounts: portal.accounts, contextOf });

  return app;
}
