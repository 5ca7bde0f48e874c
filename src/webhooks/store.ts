// Reads and writes of webhooks and their deliveries; the claim is one conditional UPDATE, so two senders never both win a row.
import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from '../db/schema.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export type WebhookStore = ReturnType<typeof createWebhookStore>;

const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0) > 0;

export function createWebhookStore(db: Kysely<Database>) {
  return {
    insertWebhook: (row: Omit<WebhookRow, 'failing_attempts' | 'disabled_at' | 'disabled_reason' | 'last_delivered_at'>) =>
      db.insertInto('webhooks').values({ ...row, disabled_at: null, disabled_reason: null, failing_attempts: 0, last_delivered_at: null }).execute(),
    webhookById: (id: string) => db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst(),
    webhooksOf: (userId: string) => db.selectFrom('webhooks').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute(),
    async countOf(userId: string): Promise<number> {
      const row = await db.selectFrom('webhooks').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** The active webhooks an event of this dataset goes to: the dataset's own and the catalog's. */
    activeWebhooksFor: (datasetId: string) =>
      db
        .selectFrom('webhooks')
        .selectAll()
        .where('disabled_at', 'is', null)
        .where((eb) => eb.or([eb('dataset_id', '=', datasetId), eb('dataset_id', 'is', null)]))
        .orderBy('id')
        .execute(),
    deleteWebhookOf: async (userId: string, id: string) => changed(await db.deleteFrom('webhooks').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()),
    /** Switches a disabled webhook back on, its failures forgotten; false when it was not disabled (or not theirs). */
    enableWebhookOf: async (userId: string, id: string) =>
      changed(
        await db
          .updateTable('webhooks')
          .set({ disabled_at: null, disabled_reason: null, failing_attempts: 0 })
          .where('id', '=', id)
          .where('user_id', '=', userId)
          .where('disabled_at', 'is not', null)
          .executeTakeFirst(),
      ),
    /** Disables a webhook once: of several senders seeing the same failure, only one gets true (and mails the owner). */
    disableWebhook: async (id: string, at: string, reason: 'failures' | 'owner') =>
      changed(await db.updateTable('webhooks').set({ disabled_at: at, disabled_reason: reason }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst()),
    noteDelivered: (id: string, at: string) => db.updateTable('webhooks').set({ failing_attempts: 0, last_delivered_at: at }).where('id', '=', id).execute(),
    noteFailedAttempt: (id: string) => db.updateTable('webhooks').set((eb) => ({ failing_attempts: eb('failing_attempts', '+', 1) })).where('id', '=', id).execute(),

    /** One delivery per webhook and event: a second insert of the same pair does nothing and returns false. */
    async insertDelivery(row: Omit<DeliveryRow, 'attempts' | 'claimed_by' | 'claimed_at' | 'last_status_code' | 'last_error' | 'delivered_at'>): Promise<boolean> {
      const result = await db
        .insertInto('webhook_deliveries')
        .values({ ...row, attempts: 0, claimed_by: null, claimed_at: null, last_status_code: null, last_error: null, delivered_at: null })
        .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** Deliveries a sender may claim now: due ones, and ones whose sender's claim expired (it crashed), of active webhooks. */
    dueDeliveries: (now: string, claimExpiredBefore: string, limit: number) =>
      db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select('d.id')
        .where('w.disabled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('d.status', '=', 'pending'), eb('d.next_attempt_at', '<=', now)]),
            eb.and([eb('d.status', '=', 'sending'), eb('d.claimed_at', '<', claimExpiredBefore)]),
          ]),
        )
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit)
        .execute(),
    /** Takes one delivery for this sender, counting the attempt; false when another sender has it or it is not due. */
    async claim(id: string, by: string, now: string, claimExpiredBefore: string): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({ status: 'sending', claimed_by: by, claimed_at: now, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', claimExpiredBefore)]),
          ]),
        )
        .executeTakeFirst();
      return changed(result);
    },
    deliveryById: (id: string) => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Records how a claimed attempt ended; false when this sender no longer holds the claim. */
    async finishAttempt(
      id: string,
      by: string,
      outcome: { status: 'delivered' | 'pending' | 'failed' | 'cancelled'; statusCode: number | null; error: string | null; nextAttemptAt?: string; deliveredAt?: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({
          status: outcome.status,
          claimed_by: null,
          claimed_at: null,
          last_status_code: outcome.statusCode,
          last_error: outcome.error === null ? null : outcome.error.slice(0, 300),
          ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
          ...(outcome.deliveredAt ? { delivered_at: outcome.deliveredAt } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('claimed_by', '=', by)
        .executeTakeFirst();
      return changed(result);
    },
    /** The latest deliveries of a webhook, newest first: what its owner sees. */
    recentDeliveries: (webhookId: string, limit: number) =>
      db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
  };
}
