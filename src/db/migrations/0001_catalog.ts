// The catalog: datasets, their versions, and the event log that mutations write to.
import type { Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('uid', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('visibility', 'varchar(20)', (c) => c.notNull())
    .addColumn('current_version', 'varchar(40)')
    .addColumn('records_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('modified_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('data_modified_at', 'varchar(40)')
    .addColumn('metadata_modified_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dataset_versions')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('blob', 'varchar(300)', (c) => c.notNull())
    .addColumn('records_count', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('source_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('source_format', 'varchar(20)', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('dataset_versions_number', ['dataset_id', 'number'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor', 'varchar(100)', (c) => c.notNull())
    .addColumn('verb', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_subject').on('events').columns(['subject_type', 'subject_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('dataset_versions').execute();
  await db.schema.dropTable('datasets').execute();
}
