// The rules of webhooks: who may register which URL, the event each dataset change becomes, and one delivery per webhook and event.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { AccountStore } from '../accounts/store.ts';
import { toAccount } from '../accounts/store.ts';
import type { SecretBox } from '../accounts/secret-box.ts';
import { newId } from '../accounts/secrets.ts';
import type { Account } from '../accounts/types.ts';
import type { DatasetEvent } from '../catalog/events.ts';
import { mayRead, staffAudience, type Audience, type CatalogService } from '../catalog/service.ts';
import type { Dataset } from '../catalog/types.ts';
import { Invalid, NotFound } from '../errors.ts';
import type { EventStore } from '../events/store.ts';
import { languageOr, languagePrefix, type Language } from '../i18n/index.ts';
import type { Mailer } from '../mail/outbox.ts';
import { checkWebhookUrl, httpSender, type Sender } from './deliver.ts';
import { webhookDisabledMail } from './mail.ts';
import { createDeliveryQueue } from './queue.ts';
import { newSigningSecret } from './sign.ts';
import type { DeliveryRow, WebhookRow, WebhookStore } from './store.ts';
import type { DeliveryInfo, EventType, WebhookInfo } from './types.ts';

/** A guard against scripts that register in a loop; nobody needs more. */
const maxWebhooks = 25;
/** Deliveries listed per webhook on the account page and in the API. */
const recentDeliveries = 20;

interface WebhookConfig {
  baseUrl: string;
  portalName: string;
  defaultLanguage: Language;
  webhookPrivateAddresses: 'refuse' | 'allow';
}

interface WebhookServiceDeps {
  store: WebhookStore;
  box: SecretBox;
  clock: Clock;
  mailer: Pick<Mailer, 'send'>;
  catalog: Pick<CatalogService, 'getDataset'>;
  accounts: Pick<AccountStore, 'userById'>;
  audienceOf(account: Account): Promise<Audience>;
  events: Pick<EventStore, 'record'>;
  config: WebhookConfig;
  /** Posts a delivery; the real HTTP sender unless a test gives another. */
  send?: Sender;
  /** Names this process in the claims it takes; random by default. */
  instance?: string;
  /** How often the loop looks for due deliveries (ms). */
  pollMs?: number;
  /** Gets kinds of errors and counts only: never a URL, a secret or a body. */
  log?: (message: string) => void;
}

/** The person behind a webhook, while their account may still receive: who may see what, and where a notice goes. */
interface WebhookOwner {
  account: Account;
  audience: Audience;
}

const eventTypes: Record<DatasetEvent['type'], EventType> = {
  version_published: 'dataset.version_published',
  metadata_updated: 'dataset.metadata_updated',
  dataset_published: 'dataset.published',
};

/** The same id for the same change in every process and on every run: what makes a second enqueue a no-op. */
export function eventIdOf(event: DatasetEvent): string {
  const identity = [event.type, event.datasetId, event.version ?? '', event.at].join('\u0000');
  return `evt_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

function deliveryInfo(row: DeliveryRow): DeliveryInfo {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    datasetId: row.dataset_id,
    status: row.status as DeliveryInfo['status'],
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;

export function createWebhookService(deps: WebhookServiceDeps) {
  const { store, clock, config } = deps;
  const allowPrivate = config.webhookPrivateAddresses === 'allow';

  async function ownerOf(userId: string): Promise<WebhookOwner | null> {
    const user = await deps.accounts.userById(userId);
    if (!user || user.disabled_at !== null || user.email_verified_at === null) return null;
    const account = toAccount(user);
    return { account, audience: await deps.audienceOf(account) };
  }

  /** The dataset as its owner may see it, or null: deleted, a draft, or restricted and not granted to them. */
  async function datasetFor(datasetId: string, audience: Audience): Promise<Dataset | null> {
    try {
      const dataset = await deps.catalog.getDataset(datasetId, staffAudience);
      return mayRead(dataset, audience) ? dataset : null;
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  }

  function eventBody(event: DatasetEvent, dataset: Dataset, eventId: string): string {
    const base = config.baseUrl.replace(/\/$/, '');
    const page = `${base}/datasets/${encodeURIComponent(dataset.id)}`;
    return JSON.stringify({
      id: eventId,
      type: eventTypes[event.type],
      created_at: event.at,
      data: {
        dataset_id: dataset.id,
        title: dataset.metadata.title,
        version: event.version ?? null,
        previous_version: event.previousVersion ?? null,
        ...(event.firstPublication !== undefined ? { first_publication: event.firstPublication } : {}),
        ...(event.keys ? { keys: event.keys } : {}),
        url: page,
        ...(event.version !== undefined ? { version_url: `${page}/versions/${event.version}` } : {}),
        records_url: `${base}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset.id)}/records`,
      },
    });
  }

  function info(row: WebhookRow, deliveries: DeliveryRow[]): WebhookInfo {
    return {
      id: row.id,
      url: row.url,
      datasetId: row.dataset_id,
      createdAt: row.created_at,
      state: row.disabled_at === null ? 'active' : 'disabled',
      disabledAt: row.disabled_at,
      disabledReason: row.disabled_reason as WebhookInfo['disabledReason'],
      failingAttempts: Number(row.failing_attempts),
      lastDeliveredAt: row.last_delivered_at,
      deliveries: deliveries.map(deliveryInfo),
    };
  }

  const queue = createDeliveryQueue({
    store,
    clock,
    box: deps.box,
    send: deps.send ?? httpSender({ timeoutMs: 10_000, allowPrivate }),
    instance: deps.instance ?? newId('sender'),
    pollMs: deps.pollMs ?? 5_000,
    log: deps.log,
    // Checked again at sending: a grant withdrawn or a dataset made restricted since the event stops the delivery.
    stillVisible: async (hook, datasetId) => {
      const owner = await ownerOf(hook.user_id);
      return owner !== null && (await datasetFor(datasetId, owner.audience)) !== null;
    },
    onDisabled: async (hook, attempts) => {
      await deps.events.record(clock(), { actor: 'system', verb: 'webhook.disabled', subjectType: 'webhook', subjectId: hook.id, data: { attempts } });
      const user = await deps.accounts.userById(hook.user_id);
      // An erased account has no row; a disabled or unverified one gets nothing; the mailer withholds it from a restricted one.
      if (!user || user.disabled_at !== null || user.email_verified_at === null) return;
      const lang = languageOr(hook.language, config.defaultLanguage);
      const link = `${config.baseUrl.replace(/\/$/, '')}${languagePrefix(lang, config.defaultLanguage)}/-/account/webhooks`;
      await deps.mailer.send({ to: user.email, ...webhookDisabledMail(lang, { portal: config.portalName, firstName: user.first_name, url: hook.url, attempts, link }) });
    },
  });

  return {
    /**
     * Registers a URL for a dataset the person may see, or for the catalog (`datasetId` null). The returned `secret` is
     * the only time it exists outside the database, where it is sealed under the portal key.
     */
    async create(account: Account, input: { url: string; datasetId?: string | null; language?: Language }): Promise<{ secret: string; webhook: WebhookInfo }> {
      const url = checkWebhookUrl(input.url, { allowPrivate });
      const datasetId = input.datasetId?.trim() || null;
      if (datasetId !== null && !(await datasetFor(datasetId, await deps.audienceOf(account)))) {
        throw new NotFound(`There is no dataset ${datasetId} that your account may see.`, 'webhook_dataset');
      }
      if ((await store.countOf(account.id)) >= maxWebhooks) {
        throw new Invalid(`An account holds at most ${maxWebhooks} webhooks; delete one you no longer use first.`, 'webhook_limit');
      }
      const at = clock();
      const id = newId('wh');
      const secret = newSigningSecret();
      const row = { id, user_id: account.id, dataset_id: datasetId, url, secret: deps.box.seal(secret, id), language: input.language ?? config.defaultLanguage, created_at: at.toISOString() };
      await store.insertWebhook(row);
      await deps.events.record(at, { actor: account.id, verb: 'webhook.created', subjectType: 'webhook', subjectId: id, data: { catalog: datasetId === null } });
      const created = await store.webhookById(id);
      return { secret, webhook: info(created!, []) };
    },

    /** The person's webhooks, newest first, each with its latest deliveries. */
    async listOf(userId: string): Promise<WebhookInfo[]> {
      const rows = await store.webhooksOf(userId);
      return Promise.all(rows.map(async (row) => info(row, await store.recentDeliveries(row.id, recentDeliveries))));
    },

    /** One of the person's webhooks; someone else's id is as unknown as a made-up one. */
    async getOf(userId: string, id: string): Promise<WebhookInfo> {
      const row = await store.webhookById(id);
      if (!row || row.user_id !== userId) throw new NotFound('There is no such webhook.', 'webhook_unknown');
      return info(row, await store.recentDeliveries(row.id, recentDeliveries));
    },

    /** Deletes one of the person's webhooks and its deliveries; someone else's id is as unknown as a made-up one. */
    async remove(userId: string, id: string): Promise<void> {
      if (!(await store.deleteWebhookOf(userId, id))) throw new NotFound('There is no such webhook.', 'webhook_unknown');
      await deps.events.record(clock(), { actor: userId, verb: 'webhook.deleted', subjectType: 'webhook', subjectId: id });
    },

    /** Switches a disabled webhook on again; its next event (and any still pending) goes out. */
    async enable(userId: string, id: string): Promise<void> {
      const row = await store.webhookById(id);
      if (!row || row.user_id !== userId) throw new NotFound('There is no such webhook.', 'webhook_unknown');
      if (!(await store.enableWebhookOf(userId, id))) return;
      await deps.events.record(clock(), { actor: userId, verb: 'webhook.enabled', subjectType: 'webhook', subjectId: id });
      queue.kick();
    },

    /**
     * One delivery per active webhook of the dataset (or of the catalog), registered by the event's time, whose owner
     * may see it. Idempotent: the same
     * event again, from a re-run job or another process, inserts nothing.
     */
    async onDatasetEvent(event: DatasetEvent): Promise<void> {
      const hooks = await store.activeWebhooksFor(event.datasetId);
      if (hooks.length === 0) return;
      const dataset = await datasetFor(event.datasetId, staffAudience);
      if (!dataset) return;
      const eventId = eventIdOf(event);
      const body = eventBody(event, dataset, eventId);
      const now = clock().toISOString();
      for (const hook of hooks) {
        // A webhook hears of what happened after it was registered: a job run late tells no hook that came after.
        if (hook.created_at > event.at) continue;
        const owner = await ownerOf(hook.user_id);
        if (!owner || !mayRead(dataset, owner.audience)) continue;
        await store.insertDelivery({
          id: newId('whd'),
          webhook_id: hook.id,
          event_id: eventId,
          event_type: eventTypes[event.type],
          dataset_id: event.datasetId,
          payload: body,
          status: 'pending',
          next_attempt_at: now,
          created_at: now,
        });
      }
      queue.kick();
    },

    /** Delivers what is due now and waits for it (the loop does this every few seconds; tests call it with their clock). */
    flush: queue.flush,
    /** Looks for due deliveries every few seconds, from now on. */
    start: queue.start,
    kick: queue.kick,
    /** Stops looking and waits for a pass in progress. */
    close: queue.close,
  };
}
