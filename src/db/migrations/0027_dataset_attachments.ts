// Attachments of a dataset (issue 19): documentation, methodology and other files an editor adds beside the data.
// The file itself is a blob (`attachments/<dataset>/<id>.<ext>`); the row keeps what the Explore API and the
// information tab show. Who uploaded it is not kept here: the event log records that, as for every back-office action.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dataset_attachments')
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    // Unique within the dataset and stable: the download address ends with it.
    .addColumn('id', 'varchar(120)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('blob', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_attachments_pk', ['dataset_id', 'id'])
    .execute();
  await db.schema.createIndex('dataset_attachments_dataset').on('dataset_attachments').columns(['dataset_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dataset_attachments').execute();
}
