// Wires the stores and services from the configuration: what every command and the server share.
import { createFileBlobStore, staleTempAfterMs, startTempSweeps, type BlobStore } from './blobs/index.ts';
import { createCatalogService, type CatalogService } from './catalog/service.ts';
import { createCatalogStore } from './catalog/store.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { migrate, openStore, reach, type Store } from './db/index.ts';
import { createEngine, type Engine } from './engine/duckdb.ts';
import { createRecordsService, type RecordsService } from './explore/records.ts';
import { createUsageService, type UsageService } from './stats/usage.ts';
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
import { createFollowService, type FollowService } from './follow/service.ts';
import { createFollowStore } from './follow/store.ts';
import { localized } from './explore/present.ts';
import { mailableAmong } from './privacy/rights/flags.ts';
import { NotFound } from './errors.ts';
import type { VersionChanges } from './catalog/types.ts';

export interface Portal {
  config: Config;
  store: Store;
  engine: Engine;
  blobs: BlobStore;
  catalog: CatalogService;
  records: RecordsService;
  usage: UsageService;
  mailer: Mailer;
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
  /** Following datasets, the catalog and the newsletter; notifications and digests (issue 16). */
  follow: FollowService;
  clock: Clock;
  /** Removes temp files that killed imports and exports left (run at start and hourly; docs/limits.md). */
  sweepTemp(): Promise<{ files: number; bytes: number }>;
  close(): Promise<void>;
}

interface PortalOptions {
  clock?: Clock;
  migrate?: boolean;
  /** The change summary of a version for follow's mails. TODO(lead): the versions part's catalog.changesOf replaces this. */
  changesOf?: (datasetId: string, number: number) => Promise<VersionChanges | null>;
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
  const catalog = createCatalogService({
    store: createCatalogStore(store.db),
    engine,
    blobs,
    clock,
    maxImportBytes: config.maxImportBytes,
    importLimits: importLimitsOf(config),
  });
  const records = createRecordsService({ catalog, engine, blobs, clock, queryTimeoutMs: config.queryTimeoutMs, baseUrl: config.baseUrl });
  const usage = createUsageService({ db: store.db, clock });
  const accountStore = createAccountStore(store.db);
  const apiKeyStore = createApiKeyStore(store.db);
  const adminStore = createAdminStore(store.db);
  const events = createEventStore(store.db);
  const mailer = createMailer({
    db: store.db,
    clock,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.dataDir),
    from: config.mailFrom,
    mayMail: mayMailAddress(store.db, accountStore),
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
    changesOf: options.changesOf ?? (async () => null),
    datasetTitle: async (userId, datasetId, lang) => {
      const account = userId ? await accounts.getAccount(userId).catch((error: unknown) => (error instanceof NotFound ? null : Promise.reject(error))) : null;
      try {
        const dataset = await catalog.getDataset(datasetId, await accounts.audienceOf(account));
        return localized(dataset.metadata.title, lang) ?? dataset.id;
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw error;
      }
    },
    mayMail: (userIds) => mailableAmong(store.db, userIds),
  });
  return {
    config,
    store,
    engine,
    blobs,
    catalog,
    records,
    usage,
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
    follow,
    clock,
    sweepTemp: tempSweeps.sweep,
    async close() {
      tempSweeps.stop();
      await usage.close();
      await mailer.close();
      await engine.close();
      await store.close();
    },
  };
}
