// Webhooks' personal data for the registry: a person's webhooks (never their secrets) and deliveries, erased with the
// account, deliveries swept a month after their event.
import { sql } from 'kysely';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { sweepTable } from '../personal-data/retention.ts';

const ref = sql.ref;

export const webhooksModule: PersonalDataModule = {
  name: 'webhooks',
  tables: ['webhooks', 'webhook_deliveries'],
  async subjectIds({ db }) {
    return (await db.selectFrom('webhooks').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const hooks = await db.selectFrom('webhooks').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const deliveries = hooks.length
      ? await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', 'in', hooks.map((h) => h.id)).orderBy('created_at').execute()
      : [];
    return {
      items: {
        webhooks: hooks.map((h) => ({
          url: h.url,
          dataset: h.dataset_id,
          createdAt: h.created_at,
          disabledAt: h.disabled_at,
          lastDeliveredAt: h.last_delivered_at,
          deliveries: deliveries
            .filter((d) => d.webhook_id === h.id)
            .map((d) => ({ event: d.event_id, type: d.event_type, dataset: d.dataset_id, status: d.status, attempts: Number(d.attempts), createdAt: d.created_at, deliveredAt: d.delivered_at, lastStatusCode: d.last_status_code, lastError: d.last_error })),
        })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    const hooks = await ctx.db.selectFrom('webhooks').select('id').where('user_id', '=', userId).execute();
    let deliveries = 0;
    for (const { id } of hooks) deliveries += (await eraseColumn(ctx, { table: 'webhook_deliveries', column: 'webhook_id', value: id, owns: true, pseudonym })).rows;
    return [
      { table: 'webhook_deliveries', column: 'webhook_id', action: 'delete', rows: deliveries },
      await eraseColumn(ctx, { table: 'webhooks', column: 'user_id', value: userId, owns: true, pseudonym }),
    ];
  },
  retentionSteps: () => ({
    webhook_delivery: ({ db, cutoff, dryRun }) => sweepTable(db, 'webhook_deliveries', sql`${ref('status')} <> 'sending' and ${ref('created_at')} <= ${cutoff}`, null, dryRun),
  }),
};
