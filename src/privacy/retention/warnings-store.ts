// Inactivity warnings in the relational store: when each account was last warned of its coming erasure.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export function createWarningStore(db: Kysely<Database>) {
  return {
    /** The last warning of each account warned, by account id. */
    all: async () => new Map((await db.selectFrom('retention_warnings').select(['user_id', 'warned_at']).execute()).map((w) => [w.user_id, w.warned_at])),
    /** One warning per account: a new one replaces the last. */
    record: (userId: string, at: string) =>
      db.insertInto('retention_warnings').values({ user_id: userId, warned_at: at }).onConflict((oc) => oc.column('user_id').doUpdateSet({ warned_at: at })).execute(),
  };
}
