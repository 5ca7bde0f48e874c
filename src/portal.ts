// Wires the stores and services from the configuration: what every command and the server share.
import { createFileBlobStore, staleTempAfterMs, startTempSweeps, type BlobStore } from './blobs/index.ts';
import { createCatalogService, publicAudience, type CatalogService } from './catalog/service.ts';
import { createCatalogStore } from './catalog/store.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { migrate, openStore, reach, type Store } from './db/index.ts';
import { createEngine, type Engine } from './engine/duckdb.ts';
import { createRecordsService, type RecordsService } from './explore/records.ts';
import { createAnswerCache, type AnswerCache } from './explore/answer-cache.ts';
import { createFigures, type Figures } from './stats/figures.ts';
import { createStatsReports, type StatsReports } from './stats/report.ts';
import type { ExploreMetas } from './explore/present.ts';
import { createStatsService, type StatsService } from './stats/collect.ts';
import { createAccountService, type AccountService } from './accounts/service.ts';
import { createAccountStore } from './accounts/store.ts';
import { createApiKeyService, type ApiKeyService } from './accounts/api-keys/service.ts';
import { createApiKeyStore } from './accounts/api-keys/store.ts';
import { createThrottle } from './accounts/throttle.ts';
import { createAttempts, throttleNames } from './accounts/attempts.ts';
import { createMailLimits } from './accounts/mail-limits.ts';
import { createSecretBox, portalKey } from './accounts/secret-box.ts';
import { createTwoFactorService, type TwoFactorService } from './accounts/two-factor/service.ts';
import { createTwoFactorStore } from './accounts/two-factor/store.ts';
import { createMailer, type Mailer } from './mail/outbox.ts';
import { fileTransport, smtpTransport } from './mail/transport.ts';
import { createStatementService, type StatementService } from './privacy/statement/service.ts';
import { createRecipientService, type RecipientService } from './privacy/recipients/service.ts';
import { createRecipientStore } from './privacy/recipients/store.ts';
import { createBreachService, type BreachService } from './privacy/breaches/service.ts';
import { mayMailAddress } from './privacy/rights/flags.ts';
import { personalDataModules } from './privacy/modules.ts';
import { createRightsService, type RightsService } from './privacy/rights/service.ts';
import { createAdminService, type AdminService } from './admin/service.ts';
import { createAdminStore } from './admin/store.ts';
import { createEventStore } from './events/store.ts';
import { createCaseService, type CaseService } from './privacy/cases/service.ts';
import { createCaseStore } from './privacy/cases/store.ts';
import { createRetention, type Retention } from './privacy/retention/sweep.ts';
import { createHoldService, type HoldService } from './privacy/retention/holds.ts';
import { createAcknowledgements, type Acknowledgements } from './privacy/statement/notice.ts';
import { importLimitsOf } from './engine/ingest/limits.ts';
import { createJobRunner, type JobHandler, type JobRunner, type Schedule } from './jobs/runner.ts';
import { createJobStore } from './jobs/store.ts';
import { createWebhookService, type WebhookService } from './webhooks/service.ts';
import { datasetEventKinds, type DatasetEvent } from './catalog/events.ts';
import { createWebhookStore } from './webhooks/store.ts';
import { createFollowService, type FollowService } from './follow/service.ts';
import { createFollowStore } from './follow/store.ts';
import { createRequestService, type RequestService } from './exchanges/requests/service.ts';
import { createRequestStore } from './exchanges/requests/store.ts';
import { createDiscussionService, type DiscussionService } from './exchanges/discussions/service.ts';
import { createDiscussionStore } from './exchanges/discussions/store.ts';
import { markdownHtml } from './web/markdown.ts';
import { languageOr, type Language } from './i18n/index.ts';
import { can, type Action } from './accounts/permissions.ts';
import type { Role } from './accounts/types.ts';
import type { StaffMember } from './exchanges/staff-notice.ts';
import { digestPeriod } from './follow/notify.ts';
import type { DigestFrequency } from './follow/types.ts';
import { localized } from './explore/present.ts';
import { mailableAddresses, mailableAmong } from './privacy/rights/flags.ts';
import { NotFound } from './errors.ts';
import { createReuseService, type ReuseService } from './exchanges/reuses/service.ts';
import { createReuseStore } from './exchanges/reuses/store.ts';
import { createWishService, type WishService } from './exchanges/wishes/service.ts';
import { createWishStore } from './exchanges/wishes/store.ts';

export interface Portal {
  config: Config;
  store: Store;
  engine: Engine;
  blobs: BlobStore;
  catalog: CatalogService;
  records: RecordsService;
  answers: AnswerCache;
  /** The public figures of use per dataset (downloads, API calls, popularity), from the statistics. */
  figures: Figures;
  /** The statistics dashboards' reports (src/stats/report.ts). */
  statsReports: StatsReports;
  /** `metas.explore` of these datasets: approved reuses and figures of use. */
  exploreMetas(datasetIds: string[]): Promise<Map<string, ExploreMetas>>;
  /** Usage statistics (issue 18): `record` in memory, `flush` in batches, `rollup` into hourly and daily counts. */
  stats: StatsService;
  mailer: Mailer;
  /** The durable job queue: what follows a change (notifications, webhooks), run once across processes. */
  jobs: JobRunner;
  /** Where background work (jobs, the outbox) logs its failures: the server's logger. */
  logTo(log: (entry: object, message: string) => void): void;
  accounts: AccountService;
  twoFactor: TwoFactorService;
  apiKeys: ApiKeyService;
  admin: AdminService;
  privacyCases: CaseService;
  /** The data subject's rights: the account page, the DPO's case actions and the retention sweep call it. */
  rights: RightsService;
  statements: StatementService;
  recipients: RecipientService;
  breaches: BreachService;
  retention: Retention;
  holds: HoldService;
  /** Who read which version of the privacy statement (the notice of a changed statement). */
  acknowledgements: Acknowledgements;
  /** Webhooks: registration, the idempotent fan-out of dataset events (`onDatasetEvent`) and the delivery loop (`start`). */
  webhooks: WebhookService;
  /** Following datasets, the catalog and the newsletter; notifications and digests (issue 16). */
  follow: FollowService;
  /** Reuses of datasets: submitted, moderated, shown (issue 17). */
  reuses: ReuseService;
  /** Data requests: asked, supported, commented, given a status (issue 17). */
  wishes: WishService;
  /** Information requests: questions to the department and the staff inbox (issue 17). */
  requests: RequestService;
  discussions: DiscussionService;
  clock: Clock;
  /** Removes temp files that killed imports and exports left (run at start and hourly; docs/limits.md). */
  sweepTemp(): Promise<{ files: number; bytes: number }>;
  close(): Promise<void>;
}

interface PortalOptions {
  clock?: Clock;
  migrate?: boolean;
}

export async function openPortal(config: Config, options: PortalOptions = {}): Promise<Portal> {
  const clock = options.clock ?? systemClock;
  const store = openStore(config);
  try {
    await reach(store, config.databaseUrl);
    if (options.migrate !== false) await migrate(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  const engine = await createEngine({
    dataDir: config.dataDir,
    memoryLimit: config.duckdbMemoryLimit,
    threads: config.duckdbThreads,
    timezone: config.timezone,
    clusterMinRows: config.clusterMinRows,
    queryTimeoutMs: config.queryTimeoutMs,
  });
  const blobs = createFileBlobStore(config.dataDir);
  const tempSweeps = await startTempSweeps(blobs, staleTempAfterMs(config.exportTimeoutMs));
  // Background work logs through the server's logger once it has one (logTo); a command's own run logs nothing here.
  const sink: { log: ((entry: object, message: string) => void) | null } = { log: null };
  let kickJobs: () => void = () => undefined;
  const catalog = createCatalogService({
    store: createCatalogStore(store.db),
    engine,
    blobs,
    clock,
    maxImportBytes: config.maxImportBytes,
    importLimits: importLimitsOf(config),
    // A change told its job: where this process runs jobs, it looks at once rather than at the next poll.
    changed: () => kickJobs(),
    // A version's changes not computed at publication (they are when asked for): the error's kind, never its text.
    log: (message, error) => sink.log?.({ error: (error as Error).name }, message),
  });
  const answers = createAnswerCache(config.answerCacheMb * 1024 * 1024);
  const records = createRecordsService({ catalog, engine, blobs, clock, queryTimeoutMs: config.queryTimeoutMs, baseUrl: config.baseUrl, answers });
  const figures = createFigures({ db: store.db, clock, timezone: config.timezone });
  const stats = createStatsService({
    db: store.db,
    clock,
    timeZone: config.timezone,
    flushMs: config.statsFlushMs,
    enabled: config.stats === 'on',
    log: (entry, message) => sink.log?.(entry, message),
  });
  const accountStore = createAccountStore(store.db);
  const apiKeyStore = createApiKeyStore(store.db);
  const adminStore = createAdminStore(store.db);
  const events = createEventStore(store.db);
  const mailer = createMailer({
    log: (message) => sink.log?.({ mail: message }, 'mail not delivered'),
    db: store.db,
    clock,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.dataDir),
    from: config.mailFrom,
    pollMs: config.mailPollMs,
    retryMs: config.mailRetryMs,
    mayMail: mayMailAddress(store.db, accountStore),
    mayMailMany: mailableAddresses(store.db, accountStore),
  });
  const statements = createStatementService({ db: store.db, clock, config });
  const recipients = createRecipientService({ store: createRecipientStore(store.db), db: store.db, clock, config });
  const breaches = createBreachService({ db: store.db, clock });
  const key = portalKey(config);
  // In the database under the portal's key: servers sharing the database (and SECRET_KEY) share the limits.
  const attempts = createAttempts({ db: store.db, clock, key });
  const mailLimits = createMailLimits(attempts);
  const accounts = createAccountService({
    store: accountStore,
    events,
    clock,
    mailer,
    throttle: createThrottle({ attempts, name: throttleNames.signIn }),
    mailLimits,
    config,
    statement: async () => {
      const { version, digest } = await statements.current();
      return { version, digest };
    },
    grantedDatasets: adminStore.grantedDatasets,
  });
  const twoFactor = createTwoFactorService({
    store: createTwoFactorStore(store.db),
    events,
    box: createSecretBox(key),
    clock,
    throttle: createThrottle({ attempts, name: throttleNames.secondFactor, perAccount: { limit: 10, windowMs: 15 * 60_000 }, perAddress: { limit: 50, windowMs: 15 * 60_000 } }),
    issuer: config.portalName,
  });
  const webhooks = createWebhookService({
    log: (message) => sink.log?.({ webhook: message }, 'webhook not delivered'),
    store: createWebhookStore(store.db),
    box: createSecretBox(key),
    clock,
    mailer,
    catalog,
    accounts: accountStore,
    audienceOf: (account) => accounts.audienceOf(account),
    events,
    config,
  });
  const apiKeys = createApiKeyService({ store: apiKeyStore, accounts: accountStore, events, clock, config });
  const admin = createAdminService({ store: adminStore, accounts: accountStore, apiKeys: apiKeyStore, events, catalog, clock });
  const privacyCases = createCaseService({
    store: createCaseStore(store.db),
    clock,
    mailer,
    mailLimits,
    config,
    accountIdByEmail: async (email) => (await accountStore.userByEmail(email))?.id ?? null,
  });
  const rights = createRightsService({ db: store.db, dialect: store.dialect, clock, config, mailer, accounts: accountStore, recipients, catalog, modules: personalDataModules });
  const retention = createRetention({
    db: store.db,
    mailer,
    clock,
    config,
    // The same erasure as the account's own "delete my account".
    eraseAccount: async (userId, options) => {
      await rights.eraseAccount(userId, options);
    },
    modules: personalDataModules,
  });
  /** A dataset's title in a language when this person (null: anyone) may see it; null when they may not, or it is gone. */
  const datasetTitle = async (userId: string | null, datasetId: string, lang: Language): Promise<string | null> => {
    const account = userId ? await accounts.getAccount(userId).catch((error: unknown) => (error instanceof NotFound ? null : Promise.reject(error))) : null;
    try {
      const dataset = await catalog.getDataset(datasetId, await accounts.audienceOf(account));
      return localized(dataset.metadata.title, lang) ?? dataset.id;
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  };

  const follow = createFollowService({
    store: createFollowStore(store.db),
    accounts: accountStore,
    events,
    clock,
    mailer,
    config,
    key,
    currentStatement: async () => {
      const { version, digest } = await statements.current();
      return { version, digest };
    },
    changesOf: (datasetId, number) => catalog.changesOf(datasetId, number),
    datasetTitle,
    mayMail: (userIds) => mailableAmong(store.db, userIds),
  });
  /** Staff allowed an action, each with the language of their mail (their latest consent's, else the portal's). */
  const staffAllowed = async (action: Action): Promise<StaffMember[]> => {
    const users = (await accountStore.listUsers()).filter((u) => u.email_verified_at !== null && can({ role: u.role as Role, disabledAt: u.disabled_at }, action));
    return Promise.all(users.map(async (u) => ({ id: u.id, email: u.email, language: languageOr(await accountStore.consentLanguage(u.id), config.defaultLanguage) })));
  };
  const reuses = createReuseService({
    store: createReuseStore(store.db),
    accounts: accountStore,
    catalog,
    audienceOf: (account) => accounts.audienceOf(account),
    blobs,
    mailer,
    attempts,
    clock,
    config,
    staff: () => staffAllowed('dataset.edit'),
  });
  const wishes = createWishService({
    store: createWishStore(store.db),
    accounts: accountStore,
    catalog,
    audienceOf: (account) => accounts.audienceOf(account),
    mailer,
    attempts,
    clock,
    config,
    events,
    staff: () => staffAllowed('dataset.edit'),
  });
  const asPerson = (u: { id: string; email: string; first_name: string; last_name: string; display_name: string | null }) => ({ id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, displayName: u.display_name });
  const requests = createRequestService({
    store: createRequestStore(store.db),
    clock,
    mailer,
    mailLimits,
    events,
    config,
    key,
    person: async (id) => {
      const user = await accountStore.userById(id);
      return user ? asPerson(user) : null;
    },
    staff: async () => {
      const languageOf = new Map((await staffAllowed('requests.handle')).map((m) => [m.id, m.language]));
      return (await accountStore.listUsers()).filter((u) => languageOf.has(u.id)).map((u) => ({ ...asPerson(u), language: languageOf.get(u.id) }));
    },
    dataset: async (datasetId, lang) => {
      try {
        const dataset = await catalog.getDataset(datasetId, publicAudience);
        return { title: localized(dataset.metadata.title, lang) ?? dataset.id, contactEmail: dataset.metadata.contactPoint?.email ?? null };
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw error;
      }
    },
  });
  // Discussions on datasets (issue 17): posts counted per account against the shared attempt counters.
  const discussions = createDiscussionService({
    store: createDiscussionStore(store.db),
    accounts: accountStore,
    events,
    clock,
    mailer,
    attempts,
    config,
    datasetTitle,
    markdown: markdownHtml,
  });
  // What follows a change to a dataset: each part that hears of it is handed the event (idempotent, so a re-run is safe).
  const onDatasetEvent: JobHandler = async (payload) => {
    const event = payload as DatasetEvent;
    await follow.onDatasetEvent(event);
    await webhooks.onDatasetEvent(event);
  };
  const handlers: Record<string, JobHandler> = Object.fromEntries(datasetEventKinds.map((kind) => [kind, onDatasetEvent]));
  // Work that recurs, planned per period so that it runs once however many processes look.
  const digestFrequencies: DigestFrequency[] = ['daily', 'weekly'];
  const schedules: Schedule[] = [
    ...digestFrequencies.map((frequency) => ({
      kind: `follow.digest.${frequency}`,
      // The period that ended in the portal's time zone (yesterday, last week), mailed from five hours after its local
      // midnight on (05:00, or 04:00 or 06:00 on the night the clocks change).
      period: (at: Date) => {
        const { before, period } = digestPeriod(frequency, at, config.timezone);
        return { key: period, runAfter: new Date(Date.parse(before) + 5 * 3_600_000) };
      },
    })),
  ];
  if (stats.enabled) {
    // The statistics' rollup, once per ten-minute slot across processes (idempotent: recomputing a period writes the same rows).
    const slotMs = 10 * 60_000;
    schedules.push({
      kind: 'stats.rollup',
      period: (at: Date) => {
        const start = new Date(Math.floor(at.getTime() / slotMs) * slotMs);
        return { key: start.toISOString().slice(0, 16), runAfter: start };
      },
    });
    handlers['stats.rollup'] = async () => {
      await stats.flush();
      await stats.rollup(clock());
    };
  }
  for (const frequency of digestFrequencies) {
    handlers[`follow.digest.${frequency}`] = async () => {
      await follow.sendDigests(frequency, clock());
    };
  }
  const jobs = createJobRunner({
    store: createJobStore(store.db),
    clock,
    handlers,
    schedules,
    pollMs: config.jobsPollMs,
    log: (entry) => sink.log?.(entry, 'job failed'),
  });
  kickJobs = () => jobs.kick();
  return {
    config,
    store,
    jobs,
    logTo(log: (entry: object, message: string) => void) {
      sink.log = log;
    },
    engine,
    blobs,
    catalog,
    records,
    /** The Explore API's answers kept by version (hit rate for the metrics). */
    answers,
    figures,
    statsReports: createStatsReports({ db: store.db, clock, timezone: config.timezone }),
    async exploreMetas(datasetIds) {
      const [reuseCounts, used] = await Promise.all([reuses.approvedCounts(datasetIds), figures.all()]);
      return new Map(
        datasetIds.map((id) => {
          const f = used.get(id);
          return [id, { reuse_count: reuseCounts.get(id) ?? 0, download_count: f?.downloads ?? 0, api_call_count: f?.apiCalls ?? 0, popularity_score: f?.popularity ?? 0 }];
        }),
      );
    },
    stats,
    mailer,
    accounts,
    twoFactor,
    apiKeys,
    admin,
    privacyCases,
    rights,
    statements,
    recipients,
    breaches,
    retention,
    holds: createHoldService({ db: store.db, clock, timeZone: config.timezone, accounts: accountStore }),
    acknowledgements: createAcknowledgements({ db: store.db, clock, statements, accounts: accountStore }),
    webhooks,
    follow,
    reuses,
    wishes,
    requests,
    discussions,
    clock,
    sweepTemp: tempSweeps.sweep,
    async close() {
      tempSweeps.stop();
      await webhooks.close();
      await stats.close();
      await jobs.stop();
      await mailer.close();
      await engine.close();
      await store.close();
    },
  };
}
