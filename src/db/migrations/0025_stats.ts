// Statistics without watching anyone (src/stats): raw events for at most seven days, hourly and daily aggregates kept
// as counts, the day's random key for counting unique visitors (destroyed within 48 hours; the visitor hash itself
// comes with its retention in 0026). No address, user agent,
// account, API key or full URL is ever a column here. The per-dataset daily counts of 0002 move into the daily rollup.
import { sql, type Kysely } from 'kysely';
import { autoIncrementId } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stats_events')
    .addColumn('id', 'integer', autoIncrementId(db))
    // The instant, to the second (ISO, UTC).
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    // view | api | export | search
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // view: the page type; api: the endpoint; export: the format; search: '' .
    .addColumn('page', 'varchar(40)', (c) => c.notNull().defaultTo(''))
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    // api and export: 'key' (with an API key) or 'anonymous'; never which key. '' for views and searches.
    .addColumn('caller', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    // search: the normalised terms and the number of results.
    .addColumn('term', 'varchar(100)')
    .addColumn('results', 'integer')
    // The referring site's host only, when it is another site.
    .addColumn('referrer', 'varchar(255)')
    .execute();
  await db.schema.createIndex('stats_events_at').on('stats_events').column('at').execute();

  // Counts per UTC hour: views, API calls, exports (searches are counted per day, with k-anonymity).
  await db.schema
    .createTable('stats_hourly')
    .addColumn('hour', 'varchar(13)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('page', 'varchar(40)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('caller', 'varchar(20)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_hourly_pk', ['hour', 'kind', 'page', 'dataset_id', 'caller'])
    .execute();

  // Counts per day in the portal's time zone, kept as long as the portal: they say nothing about anyone.
  await db.schema
    .createTable('stats_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('page', 'varchar(40)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('caller', 'varchar(20)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_daily_pk', ['day', 'kind', 'page', 'dataset_id', 'caller'])
    .execute();
  await db.schema.createIndex('stats_daily_dataset').on('stats_daily').columns(['dataset_id', 'day']).execute();

  // Unique visitors per day (portal-wide), counted from the day's keyed hashes before they are cleared.
  await db.schema
    .createTable('stats_daily_visitors')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('visitors', 'bigint', (c) => c.notNull())
    .execute();

  // Search terms per day: a term used by fewer than 5 distinct visitors that day is counted under '' ("other").
  await db.schema
    .createTable('stats_daily_terms')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('term', 'varchar(100)', (c) => c.notNull())
    .addColumn('searches', 'bigint', (c) => c.notNull())
    // Searches that found nothing.
    .addColumn('empty', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_daily_terms_pk', ['day', 'term'])
    .execute();

  // Referring sites per day, by host.
  await db.schema
    .createTable('stats_daily_referrers')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_daily_referrers_pk', ['day', 'host'])
    .execute();

  // The day's random key for visitor hashes: created by the first process that needs it (insert, conflict does
  // nothing, read back), so every process hashes alike; deleted once the day is rolled up, at the latest after 48 hours.
  await db.schema
    .createTable('stats_day_keys')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  // 0002's counts per dataset and UTC day become daily views, API calls and downloads.
  for (const [column, kind, page] of [['page_views', 'view', 'dataset'], ['api_calls', 'api', 'records'], ['downloads', 'export', 'csv']] as const) {
    await sql`insert into stats_daily (day, kind, page, dataset_id, caller, count)
      select day, ${kind}, ${page}, dataset_id, 'anonymous', ${sql.ref(column)} from dataset_usage where ${sql.ref(column)} > 0`.execute(db);
  }
  await sql`update stats_daily set caller = '' where kind = 'view'`.execute(db);
  await db.schema.dropTable('dataset_usage').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dataset_usage')
    .addColumn('dataset_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('page_views', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('api_calls', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('downloads', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dataset_usage_pk', ['dataset_id', 'day'])
    .execute();
  for (const table of ['stats_day_keys', 'stats_daily_referrers', 'stats_daily_terms', 'stats_daily_visitors', 'stats_daily', 'stats_hourly', 'stats_events']) {
    await db.schema.dropTable(table).execute();
  }
}
