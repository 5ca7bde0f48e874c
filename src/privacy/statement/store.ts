// Reads and writes of the published versions of the privacy statement.
import type { Kysely } from 'kysely';
import type { Database, PrivacyStatementsTable } from '../../db/schema.ts';

export function createStatementStore(db: Kysely<Database>) {
  return {
    latest: () => db.selectFrom('privacy_statements').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst(),
    get: (version: number) => db.selectFrom('privacy_statements').selectAll().where('version', '=', version).executeTakeFirst(),
    list: () => db.selectFrom('privacy_statements').select(['version', 'digest', 'published_at']).orderBy('version', 'desc').execute(),
    insert: (row: PrivacyStatementsTable) => db.insertInto('privacy_statements').values(row).execute(),
  };
}
