// Reads and writes of subscriptions, preferences, announcements and notifications; no rules here.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, NotificationsTable, SubscriptionsTable } from '../db/schema.ts';
import type { EndReason, Frequency, SubscriptionKind } from './types.ts';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type NotificationRow = Selectable<NotificationsTable>;

/** What a fan-out writes for each confirmed subscription of a target: the event's part of the key and its columns. */
interface FanOut {
  kind: SubscriptionKind;
  datasetId: string;
  /** The event's part of the idempotency key, after `sub:{id}:`. */
  event: string;
  notification: { kind: string; datasetId: string; version: number | null; announcementId: string | null };
  at: string;
}

export type FollowStore = ReturnType<typeof createFollowStore>;

/** Ids bound in one statement: within SQLite's limit of 32,766 values and PostgreSQL's of 65,535. */
export const idsPerQuery = 5000;

export function createFollowStore(db: Kysely<Database>) {
  async function finish(ids: number[], status: 'sent' | 'withheld', at: string): Promise<void> {
    for (let i = 0; i < ids.length; i += idsPerQuery) await db.updateTable('notifications').set({ status, sent_at: at }).where('id', 'in', ids.slice(i, i + idsPerQuery)).execute();
  }

  return {
    insertSubscription: (row: SubscriptionRow) => db.insertInto('subscriptions').values(row).execute(),
    /** The person's one subscription to a target that has not ended. */
    liveSubscription: (userId: string, kind: SubscriptionKind, datasetId: string) =>
      db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('dataset_id', '=', datasetId).where('status', '!=', 'ended').executeTakeFirst(),
    subscriptionById: (id: string) => db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst(),
    subscriptionByConfirmation: (digest: string) => db.selectFrom('subscriptions').selectAll().where('confirm_digest', '=', digest).executeTakeFirst(),
    /** The person's subscriptions that have not ended, oldest first. */
    liveSubscriptionsOf: (userId: string) =>
      db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).where('status', '!=', 'ended').orderBy('created_at').orderBy('id').execute(),
    /** A new confirmation link for a pending subscription (the person asked again). */
    renewConfirmation: (id: string, digest: string, expiresAt: string) =>
      db.updateTable('subscriptions').set({ confirm_digest: digest, confirm_expires_at: expiresAt }).where('id', '=', id).where('status', '=', 'pending').execute(),
    /** Confirms once: false when the link was used (or the subscription ended) meanwhile. */
    async confirm(id: string, at: string, consentId: number | null): Promise<boolean> {
      const result = await db
        .updateTable('subscriptions')
        .set({ status: 'confirmed', confirm_digest: null, confirm_expires_at: null, confirmed_at: at, consent_id: consentId })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    setConsent: (id: string, consentId: number) => db.updateTable('subscriptions').set({ consent_id: consentId }).where('id', '=', id).execute(),
    /** Ends a subscription once: false when it had ended already. Its pending notifications go with it. */
    async end(id: string, at: string, reason: EndReason): Promise<boolean> {
      const result = await db
        .updateTable('subscriptions')
        .set({ status: 'ended', ended_at: at, end_reason: reason, confirm_digest: null, confirm_expires_at: null })
        .where('id', '=', id)
        .where('status', '!=', 'ended')
        .executeTakeFirst();
      await db.deleteFrom('notifications').where('subscription_id', '=', id).where('status', '=', 'pending').execute();
      return Number(result.numUpdatedRows) === 1;
    },

    preferences: (userId: string) => db.selectFrom('follow_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    async setPreferences(userId: string, frequency: Frequency, language: string, at: string): Promise<void> {
      await db
        .insertInto('follow_preferences')
        .values({ user_id: userId, frequency, language, updated_at: at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ frequency, language, updated_at: at }))
        .execute();
      // What waits is sent by the new choice.
      await db.updateTable('notifications').set({ frequency }).where('user_id', '=', userId).where('status', '=', 'pending').where('digest_key', 'is', null).execute();
    },

    /**
     * One notification per subscription of the target confirmed by the event's time, in one statement; a key written
     * before (another process, a re-run) is left alone. Returns how many rows are new.
     */
    async fanOut(f: FanOut): Promise<number> {
      const select = db
        .selectFrom('subscriptions as s')
        .leftJoin('follow_preferences as p', 'p.user_id', 's.user_id')
        .where('s.kind', '=', f.kind)
        .where('s.dataset_id', '=', f.datasetId)
        .where('s.status', '=', 'confirmed')
        // Who followed when it happened: a job run late (its server was down) tells no one who came after.
        .where('s.confirmed_at', '<=', f.at)
        .select((eb) => [
          sql<string>`${sql.lit('sub:')} || ${eb.ref('s.id')} || ${':' + f.event}`.as('key'),
          's.id as subscription_id',
          's.user_id as user_id',
          sql<string>`${f.notification.kind}`.as('kind'),
          sql<string>`${f.notification.datasetId}`.as('dataset_id'),
          sql<number | null>`cast(${f.notification.version} as integer)`.as('version'),
          sql<string | null>`${f.notification.announcementId}`.as('announcement_id'),
          eb.fn.coalesce('p.frequency', sql<string>`${sql.lit('instant')}`).as('frequency'),
          sql<string>`${sql.lit('pending')}`.as('status'),
          sql<string>`${f.at}`.as('created_at'),
        ]);
      const result = await db
        .insertInto('notifications')
        .columns(['key', 'subscription_id', 'user_id', 'kind', 'dataset_id', 'version', 'announcement_id', 'frequency', 'status', 'created_at'])
        .expression(select)
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },
    /**
     * Takes every instant notification waiting (and those a dead sender claimed before `staleBefore`) for one run, in
     * one statement, and returns them: another run's statement takes none of the same.
     */
    async claimInstant(run: string, at: string, staleBefore: string): Promise<NotificationRow[]> {
      const rows = await db
        .updateTable('notifications')
        .set({ status: 'sending', sent_at: at, digest_key: run })
        .where('frequency', '=', 'instant')
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('sent_at', '<=', staleBefore)])]))
        .returningAll()
        .execute();
      return rows.sort((a, b) => Number(a.id) - Number(b.id));
    },
    /** Closes a run of instant notifications: those of `withheld` withheld, the rest of the run sent, in two statements. */
    async finishRun(run: string, withheld: number[], at: string): Promise<void> {
      await finish(withheld, 'withheld', at);
      await db.updateTable('notifications').set({ status: 'sent', sent_at: at }).where('digest_key', '=', run).where('status', '=', 'sending').execute();
    },
    finish,
    subscriptionsByIds: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : db.selectFrom('subscriptions').selectAll().where('id', 'in', ids).execute()),
    preferencesOf: (userIds: string[]) => (userIds.length === 0 ? Promise.resolve([]) : db.selectFrom('follow_preferences').selectAll().where('user_id', 'in', userIds).execute()),

    /** The people with digest notifications written before `before` and not yet in a digest. */
    digestRecipients: async (frequency: Frequency, before: string) =>
      (await db.selectFrom('notifications').select('user_id').distinct().where('frequency', '=', frequency).where('status', '=', 'pending').where('created_at', '<', before).execute()).map((r) => r.user_id),
    /** Puts a person's waiting notifications into one digest (by its key); a re-run finds the same rows under it. */
    async claimDigest(userId: string, frequency: Frequency, before: string, digestKey: string): Promise<NotificationRow[]> {
      await db
        .updateTable('notifications')
        .set({ digest_key: digestKey })
        .where('user_id', '=', userId)
        .where('frequency', '=', frequency)
        .where('status', '=', 'pending')
        .where('digest_key', 'is', null)
        .where('created_at', '<', before)
        .execute();
      return db.selectFrom('notifications').selectAll().where('digest_key', '=', digestKey).where('status', '=', 'pending').orderBy('id').execute();
    },

    insertAnnouncement: (row: { id: string; dataset_id: string | null; title: string; body: string; author: string; created_at: string }) =>
      db.insertInto('announcements').values(row).execute(),
    announcementById: (id: string) => db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The newest first: a dataset's, or with null the portal's own. */
    announcements: (datasetId: string | null, limit: number) => {
      const q = db.selectFrom('announcements').selectAll();
      return (datasetId === null ? q.where('dataset_id', 'is', null) : q.where('dataset_id', '=', datasetId)).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
  };
}
