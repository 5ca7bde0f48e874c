// Requests to the DPO: one row per case with its deadline and identity check, and the steps that outlive it.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_cases')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('reference', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('requester_email', 'varchar(320)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)')
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(10)', (c) => c.notNull())
    .addColumn('extended_at', 'varchar(40)')
    .addColumn('extension_reason', 'text')
    .addColumn('identity_verified_at', 'varchar(40)')
    .addColumn('identity_method', 'varchar(30)')
    .addColumn('code_digest', 'varchar(64)')
    .addColumn('code_expires_at', 'varchar(40)')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_of', 'varchar(40)')
    .addColumn('outcome', 'text')
    .addColumn('closed_at', 'varchar(40)')
    // No path reaches work on a request, or its completion, without a verified identity: the store itself refuses it.
    .addCheckConstraint('privacy_cases_identity', sql`status not in ('in_progress', 'completed') or identity_verified_at is not null`)
    .execute();
  await db.schema.createIndex('privacy_cases_due').on('privacy_cases').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('privacy_cases_email').on('privacy_cases').column('requester_email').execute();
  await db.schema.createIndex('privacy_cases_user').on('privacy_cases').column('user_id').execute();

  await db.schema
    .createTable('privacy_case_steps')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('privacy_cases.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('privacy_case_steps_case').on('privacy_case_steps').columns(['case_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('privacy_case_steps').execute();
  await db.schema.dropTable('privacy_cases').execute();
}
