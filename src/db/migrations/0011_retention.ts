// Retention: legal holds that stop the sweep for one object, and the inactivity warnings it has sent (once each).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // What is held: `user` with an account id, `case` with a privacy case id, … (GDPR Art. 17(3)).
    .addColumn('object_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('object_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('reason', 'varchar(40)', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('set_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('set_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(40)')
    .addColumn('ended_by', 'varchar(40)')
    .execute();
  await db.schema.createIndex('legal_holds_object').on('legal_holds').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('retention_warnings')
    .addColumn('user_id', 'varchar(40)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('warned_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_warnings').execute();
  await db.schema.dropTable('legal_holds').execute();
}
