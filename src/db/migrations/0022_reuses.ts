// Reuses of datasets that people submit and staff approve, and data requests ("wishes") with their votes and comments.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reuses')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // The submitter's account id; a pseudonym once the account is erased (an approved reuse stays, by "former user").
    .addColumn('user_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    // Markdown, rendered safely (src/web/markdown.ts).
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    // application | visualisation | article | research
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    // The image's blob key and media type (PNG, JPEG or WebP, checked by its first bytes); null without an image.
    .addColumn('image_key', 'varchar(100)')
    .addColumn('image_type', 'varchar(20)')
    // pending → approved | rejected
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('reject_reason', 'varchar(2000)')
    // The language the submitter wrote in: the decision is mailed in it.
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(40)')
    .addColumn('decided_by', 'varchar(60)')
    .execute();
  await db.schema.createIndex('reuses_status').on('reuses').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('reuses_user').on('reuses').column('user_id').execute();
  await db.schema
    .createTable('reuse_datasets')
    .addColumn('reuse_id', 'varchar(40)', (c) => c.notNull().references('reuses.id').onDelete('cascade'))
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('reuse_datasets_pk', ['reuse_id', 'dataset_id'])
    .execute();
  await db.schema.createIndex('reuse_datasets_dataset').on('reuse_datasets').column('dataset_id').execute();

  await db.schema
    .createTable('wishes')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // The requester's account id; a pseudonym once the account is erased.
    .addColumn('user_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // open → under_study | planned | published | refused
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    // The dataset that answers it (status published).
    .addColumn('dataset_id', 'varchar(100)', (c) => c.references('datasets.id').onDelete('set null'))
    .addColumn('refuse_reason', 'varchar(2000)')
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    // Kept with the votes in one transaction: the list sorts on it.
    .addColumn('support', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('status_changed_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('wishes_support').on('wishes').columns(['support', 'created_at']).execute();
  await db.schema.createIndex('wishes_user').on('wishes').column('user_id').execute();
  await db.schema
    .createTable('wish_votes')
    .addColumn('wish_id', 'varchar(40)', (c) => c.notNull().references('wishes.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(60)', (c) => c.notNull())
    // The language the supporter used: status changes are mailed in it.
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('wish_votes_pk', ['wish_id', 'user_id'])
    .execute();
  await db.schema.createIndex('wish_votes_user').on('wish_votes').column('user_id').execute();
  await db.schema
    .createTable('wish_comments')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('wish_id', 'varchar(40)', (c) => c.notNull().references('wishes.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wish_comments_wish').on('wish_comments').columns(['wish_id', 'created_at']).execute();
  await db.schema.createIndex('wish_comments_user').on('wish_comments').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['wish_comments', 'wish_votes', 'wishes', 'reuse_datasets', 'reuses']) await db.schema.dropTable(table).execute();
}
