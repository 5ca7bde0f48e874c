// Work that must happen once, whichever process does it: a durable job queue, and the mail outbox as a claimed queue
// (a sender claims a row before sending; a claim expires, so work a crashed process held is taken up again).
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    // Unique: enqueueing the same work twice (two processes, a retried request, a period's schedule) adds nothing.
    .addColumn('job_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', 'varchar(40)', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(80)')
    .addColumn('claimed_at', 'varchar(40)')
    .addColumn('last_error', 'varchar(200)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_after']).execute();

  await db.schema.alterTable('mail_outbox').addColumn('html_body', 'text').execute();
  // Extra headers as JSON (List-Unsubscribe and the like): they may carry a single-use link, so they go with the body.
  await db.schema.alterTable('mail_outbox').addColumn('headers', 'text').execute();
  // What the sender says is one message (a subscription and a version): a second send with the same key adds nothing.
  await db.schema.alterTable('mail_outbox').addColumn('idempotency_key', 'varchar(200)').execute();
  await db.schema.alterTable('mail_outbox').addColumn('next_attempt_at', 'varchar(40)').execute();
  await db.schema.alterTable('mail_outbox').addColumn('claimed_by', 'varchar(80)').execute();
  await db.schema.alterTable('mail_outbox').addColumn('claimed_at', 'varchar(40)').execute();
  // Once delivered, the address and the text are cleared (the confirmation of an erasure, a notice naming the erased address).
  await db.schema.alterTable('mail_outbox').addColumn('forget', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('mail_outbox_idempotency').unique().on('mail_outbox').column('idempotency_key').execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  // Rows written before: due now.
  await sql`update mail_outbox set next_attempt_at = created_at where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_due').execute();
  await db.schema.dropIndex('mail_outbox_idempotency').execute();
  for (const column of ['forget', 'claimed_at', 'claimed_by', 'next_attempt_at', 'idempotency_key', 'headers', 'html_body']) {
    await db.schema.alterTable('mail_outbox').dropColumn(column).execute();
  }
  await db.schema.dropTable('jobs').execute();
}
