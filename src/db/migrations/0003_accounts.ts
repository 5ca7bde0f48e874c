// Accounts: users, sessions, single-use links, API keys, consents, access grants to restricted datasets, and the mail outbox.
import type { Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(100)')
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'varchar(40)')
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('email_verified_at', 'varchar(40)')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'varchar(40)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_active_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('disabled_at', 'varchar(40)')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(30)', (c) => c.notNull())
    .addColumn('new_email', 'varchar(320)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('account_tokens_user').on('account_tokens').column('user_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(40)')
    .addColumn('revoked_at', 'varchar(40)')
    .addColumn('revoked_by', 'varchar(40)')
    .execute();
  await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
    .addColumn('statement_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('statement_digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('method', 'varchar(40)', (c) => c.notNull())
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('given_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('withdrawn_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('consents_user').on('consents').column('user_id').execute();

  await db.schema
    .createTable('dataset_grants')
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('granted_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_grants_pk', ['dataset_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
    .addColumn('template', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('mail_outbox_status').on('mail_outbox').column('status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mail_outbox', 'dataset_grants', 'consents', 'api_keys', 'account_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
