// The mail outbox for the registry: messages to the person's address, in the database and as .eml files, and how long they stay.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pendingNewEmails } from '../accounts/store.ts';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { sweepTable } from '../personal-data/retention.ts';

const ref = sql.ref;

/** Where the file transport wrote a message (see transport.ts). */
export const emlPath = (dataDir: string, id: number) => join(dataDir, 'mail', `${String(id).padStart(8, '0')}.eml`);

export const mailModule: PersonalDataModule = {
  name: 'mail',
  tables: ['mail_outbox'],
  async exportFor({ db }, { email }) {
    if (!email) return { items: { mail: [] } };
    const rows = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id').execute();
    return {
      items: {
        // Single-use links in the text are credentials while they live: the archive shows that there was a link, not its token.
        mail: rows.map((m) => ({ to: m.to_address, template: m.template, subject: m.subject, text: m.text_body.replace(/[A-Za-z0-9_-]{32,}/g, '…'), status: m.status, createdAt: m.created_at, sentAt: m.sent_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, email, pseudonym }) {
    // The account's address, and any address it was changing to (the link mailed there is the person's too).
    const pending = await pendingNewEmails(ctx.db, userId);
    const addresses = [...new Set([email, ...pending].filter((a): a is string => !!a))];
    const lines = [];
    for (const address of addresses) {
      const ids = await ctx.db.selectFrom('mail_outbox').select('id').where('to_address', '=', address).execute();
      lines.push(await eraseColumn(ctx, { table: 'mail_outbox', column: 'text_body', matchColumn: 'to_address', value: address, owns: true, pseudonym }));
      for (const { id } of ids) rmSync(emlPath(ctx.dataDir, Number(id)), { force: true });
    }
    // A delivered mail marked `forget` keeps no address, only its idempotency key, which names the accounts it is to or
    // quotes (`discussion:{post}:{recipient}:by:{author}`): those rows go too, with their files.
    const named = await ctx.db.selectFrom('mail_outbox').select('id').where('idempotency_key', 'like', `%${userId}%`).execute();
    if (named.length > 0) {
      await ctx.db.deleteFrom('mail_outbox').where('id', 'in', named.map((r) => r.id)).execute();
      for (const { id } of named) rmSync(emlPath(ctx.dataDir, Number(id)), { force: true });
      lines.push({ table: 'mail_outbox', column: 'idempotency_key', action: 'delete' as const, rows: named.length });
    }
    return lines.length > 0 ? lines : [{ table: 'mail_outbox', column: 'text_body', action: 'delete', rows: 0 }];
  },
  retentionSteps: () => ({
    // Sent, or given up on: still pending mail is never swept.
    mail: ({ db, cutoff, dryRun }) =>
      sweepTable(
        db,
        'mail_outbox',
        sql`(${ref('status')} = 'sent' and ${ref('sent_at')} <= ${cutoff}) or (${ref('status')} = 'failed' and ${ref('created_at')} <= ${cutoff})`,
        null,
        dryRun,
      ),
  }),
};
