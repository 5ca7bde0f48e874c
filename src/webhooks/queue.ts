// The delivery queue: a sender claims a due delivery with one conditional UPDATE before it posts, so several processes
// on one database send each delivery once; failures come back with exponential backoff until the webhook is disabled.
import type { Clock } from '../clock.ts';
import type { SecretBox } from '../accounts/secret-box.ts';
import type { Sender } from './deliver.ts';
import { serialPasses } from '../jobs/passes.ts';
import { signatureHeader } from './sign.ts';
import type { WebhookRow, WebhookStore } from './store.ts';

/** Attempts per delivery: the first, then retries after 1, 2, 4, 8, 16, 32 and 64 minutes (about two hours in all). */
export const maxAttempts = 8;
const firstRetryMs = 60_000;
/** A claim older than this belongs to a sender that died: the request's time limit (10 s) is far shorter. */
const claimExpiresMs = 60_000;
/** Deliveries looked at per pass. */
const batch = 50;

/** When the attempt after `attempts` failed ones is due. */
export function retryDelayMs(attempts: number): number {
  return firstRetryMs * 2 ** Math.max(0, attempts - 1);
}

interface QueueDeps {
  store: WebhookStore;
  clock: Clock;
  box: SecretBox;
  send: Sender;
  instance: string;
  pollMs: number;
  log?: (message: string) => void;
  stillVisible(hook: WebhookRow, datasetId: string): Promise<boolean>;
  onDisabled(hook: WebhookRow, attempts: number): Promise<void>;
}

export function createDeliveryQueue(deps: QueueDeps) {
  const { store, clock } = deps;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  /** Claims, sends and records one delivery; false when another sender had it. */
  async function deliverOne(id: string): Promise<boolean> {
    const now = clock();
    if (!(await store.claim(id, deps.instance, now.toISOString(), new Date(now.getTime() - claimExpiresMs).toISOString()))) return false;
    const delivery = (await store.deliveryById(id))!;
    const hook = await store.webhookById(delivery.webhook_id);
    const attempts = Number(delivery.attempts);
    if (!hook || hook.disabled_at !== null) {
      // Disabled since it was found due: back to waiting, for when it is switched on again.
      await store.finishAttempt(id, deps.instance, { status: 'pending', statusCode: delivery.last_status_code, error: delivery.last_error, nextAttemptAt: now.toISOString() });
      return true;
    }
    if (!(await deps.stillVisible(hook, delivery.dataset_id))) {
      await store.finishAttempt(id, deps.instance, { status: 'cancelled', statusCode: null, error: 'not_visible' });
      return true;
    }
    let result: Awaited<ReturnType<Sender>>;
    try {
      const secret = deps.box.open(hook.secret, hook.id);
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'Opaal-Webhooks/1',
        'Opaal-Event': delivery.event_id,
        'Opaal-Event-Type': delivery.event_type,
        'Opaal-Delivery': delivery.id,
        'Opaal-Signature': signatureHeader(secret, delivery.payload, clock()),
      };
      result = await deps.send(hook.url, headers, delivery.payload);
    } catch (error) {
      // A secret that no longer opens (SECRET_KEY changed) counts as a failed attempt, so the delivery ends instead of
      // being claimed again for ever; the error's kind only, its message could quote what it failed on.
      result = { delivered: false, statusCode: null, error: `internal_${(error as Error).name}` };
    }
    const at = clock();
    if (result.delivered) {
      await store.finishAttempt(id, deps.instance, { status: 'delivered', statusCode: result.statusCode, error: null, deliveredAt: at.toISOString() });
      await store.noteDelivered(hook.id, at.toISOString());
      return true;
    }
    await store.noteFailedAttempt(hook.id);
    deps.log?.(`webhook delivery ${delivery.id} failed (attempt ${attempts}): ${result.error?.split(':')[0] ?? 'unknown'}`);
    if (attempts < maxAttempts) {
      const nextAttemptAt = new Date(at.getTime() + retryDelayMs(attempts)).toISOString();
      await store.finishAttempt(id, deps.instance, { status: 'pending', statusCode: result.statusCode, error: result.error, nextAttemptAt });
      return true;
    }
    await store.finishAttempt(id, deps.instance, { status: 'failed', statusCode: result.statusCode, error: result.error });
    // Of several senders giving up on the same webhook, one disables it and mails its owner.
    if (await store.disableWebhook(hook.id, at.toISOString(), 'failures')) await deps.onDisabled(hook, attempts);
    return true;
  }

  /** One pass: every due delivery this process can claim; returns how many it handled. */
  async function deliverDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = clock();
      const due = await store.dueDeliveries(now.toISOString(), new Date(now.getTime() - claimExpiresMs).toISOString(), batch);
      let claimed = 0;
      for (const { id } of due) if (await deliverOne(id)) claimed += 1;
      handled += claimed;
      // A full batch may have more behind it; a batch others took entirely leaves nothing for this pass.
      if (due.length < batch || claimed === 0) return handled;
    }
  }

  const passes = serialPasses(deliverDue, (error) => deps.log?.(`webhook deliveries: ${error.name}`));
  function kick(): void {
    if (!closed) passes.kick();
  }

  return {
    kick,
    /** Runs a pass now and waits until no pass is running (tests, and the CLI before it exits). */
    async flush(): Promise<void> {
      kick();
      await passes.settled();
    },
    start(): void {
      if (timer || closed) return;
      timer = setInterval(kick, deps.pollMs);
      // The loop never keeps the process alive on its own.
      timer.unref();
      kick();
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      await passes.settled();
    },
  };
}
