// The privacy office: the published versions of the privacy statement, recipients and processors, the breach register.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_statements')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    // SHA-256 of the Dutch and English text together: a change in either makes a new version. Not unique: a text can
    // return to an earlier wording (a processor ended), and that is a new version, published anew.
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    // The text as it was published, per language (JSON of its sections), so an old version reads as it did.
    .addColumn('text_nl', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('published_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('privacy_recipients')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    // JSON arrays of purpose and category ids of the vocabulary.
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('location', 'varchar(200)', (c) => c.notNull())
    .addColumn('contract_ref', 'varchar(200)')
    .addColumn('contact', 'varchar(320)')
    .addColumn('added_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(40)')
    .execute();

  await db.schema
    .createTable('privacy_breaches')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('aware_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('opened_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('opened_by', 'varchar(40)', (c) => c.notNull())
    // Letters of confidentiality, integrity, availability, e.g. `CA`.
    .addColumn('nature', 'varchar(3)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('approx_subjects', 'integer')
    .addColumn('approx_records', 'integer')
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    // none | risk | high; null until assessed.
    .addColumn('risk', 'varchar(10)')
    // notify | no_notify; null until decided.
    .addColumn('decision', 'varchar(10)')
    .addColumn('notified_at', 'varchar(40)')
    .addColumn('delay_reason', 'text')
    .addColumn('subjects_informed_at', 'varchar(40)')
    .addColumn('closed_at', 'varchar(40)')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['privacy_breaches', 'privacy_recipients', 'privacy_statements']) await db.schema.dropTable(table).execute();
}
