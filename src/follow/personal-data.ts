// Following's personal data for the registry: what a person follows, their preferences and what they were told;
// erased with the account (announcements keep their text, the author pseudonymised); ended subscriptions and sent
// notifications go after their period.
import { sql } from 'kysely';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { sweepTable } from '../personal-data/retention.ts';

const ref = sql.ref;

export const followModule: PersonalDataModule = {
  name: 'follow',
  tables: ['subscriptions', 'follow_preferences', 'notifications', 'announcements'],
  async subjectIds({ db }) {
    return (await db.selectFrom('subscriptions').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const subscriptions = await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const preferences = await db.selectFrom('follow_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const notifications = await db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    const announcements = await db.selectFrom('announcements').select(['dataset_id', 'title', 'created_at']).where('author', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        // The consents these rest on are in the consents section (purpose `notifications`).
        subscriptions: subscriptions.map((s) => ({
          kind: s.kind, dataset: s.dataset_id || null, status: s.status, createdAt: s.created_at, confirmedAt: s.confirmed_at, endedAt: s.ended_at, endReason: s.end_reason,
        })),
        followPreferences: preferences ? { frequency: preferences.frequency, language: preferences.language, updatedAt: preferences.updated_at } : null,
        notifications: notifications.map((n) => ({
          kind: n.kind, dataset: n.dataset_id || null, version: n.version === null ? null : Number(n.version), frequency: n.frequency, status: n.status, createdAt: n.created_at, sentAt: n.sent_at,
        })),
        announcements: announcements.map((a) => ({ dataset: a.dataset_id, title: a.title, createdAt: a.created_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'notifications', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'subscriptions', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'follow_preferences', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'announcements', column: 'author', value: userId, owns: false, pseudonym }),
    ];
  },
  retentionSteps: () => ({
    // Ended (unsubscribed, or never confirmed and expired): the trace of it goes after the period.
    subscription: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'subscriptions', sql`(${ref('status')} = 'ended' and ${ref('ended_at')} <= ${cutoff}) or (${ref('status')} = 'pending' and ${ref('confirm_expires_at')} <= ${cutoff})`, null, dryRun),
    // Mailed or withheld: a notification still waiting is never swept.
    notification: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'notifications', sql`${ref('status')} in ('sent', 'withheld') and ${ref('sent_at')} <= ${cutoff}`, null, dryRun),
  }),
};
