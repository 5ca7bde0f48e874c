// Self-service data rights: restriction and objection flags, access archives waiting for download, the erasure
// ledger (no personal data: a keyed digest of the erased id), and consents that outlive the account they prove.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId, isSqlite } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_privacy_flags')
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    /** The purpose objected to; '' for a restriction, which covers every purpose. */
    .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
    .addColumn('set_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('set_by', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_privacy_flags_pk', ['user_id', 'kind', 'purpose'])
    .execute();

  await db.schema
    .createTable('access_archives')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('erasure_ledger')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('by', 'varchar(20)', (c) => c.notNull())
    .addColumn('reference', 'varchar(100)')
    .execute();
  await db.schema.createIndex('erasure_ledger_subject').on('erasure_ledger').column('subject_digest').execute();

  // Proof of an acceptance stays after erasure with a pseudonym in user_id, so it can no longer point at users.
  if (isSqlite(db)) {
    await db.schema
      .createTable('consents_new')
      .addColumn('id', 'integer', autoIncrementId(db))
      .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
      .addColumn('statement_version', 'varchar(40)', (c) => c.notNull())
      .addColumn('statement_digest', 'varchar(64)', (c) => c.notNull())
      .addColumn('method', 'varchar(40)', (c) => c.notNull())
      .addColumn('language', 'varchar(5)', (c) => c.notNull())
      .addColumn('given_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('withdrawn_at', 'varchar(40)')
      .execute();
    await sql`insert into consents_new select id, user_id, purpose, statement_version, statement_digest, method, language, given_at, withdrawn_at from consents`.execute(db);
    await db.schema.dropTable('consents').execute();
    await db.schema.alterTable('consents_new').renameTo('consents').execute();
    await db.schema.createIndex('consents_user').on('consents').column('user_id').execute();
  } else {
    await sql`alter table consents drop constraint if exists consents_user_id_fkey`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['erasure_ledger', 'access_archives', 'account_privacy_flags']) await db.schema.dropTable(table).execute();
}
