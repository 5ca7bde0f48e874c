// Reads and writes of the administration: finding people, their keys and grants, role and state changes, the audit log.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface UserQuery {
  /** Part of an email address, first or last name; case does not matter. */
  q: string;
  role: string | null;
  limit: number;
  offset: number;
}

export interface EventQuery {
  verb: string | null;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  limit: number;
  offset: number;
}

/** `text` as a LIKE pattern that matches it literally anywhere; `!` escapes, the same on both dialects. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export type AdminStore = ReturnType<typeof createAdminStore>;

export function createAdminStore(db: Kysely<Database>) {
  function usersMatching(query: Pick<UserQuery, 'q' | 'role'>) {
    let select = db.selectFrom('users');
    if (query.q) {
      const pattern = containing(query.q);
      select = select.where((eb) =>
        eb.or(['email', 'first_name', 'last_name'].map((column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '!'`)),
      );
    }
    if (query.role) select = select.where('role', '=', query.role);
    return select;
  }

  function eventsMatching(query: Omit<EventQuery, 'limit' | 'offset'>) {
    let select = db.selectFrom('events');
    if (query.verb) select = select.where('verb', '=', query.verb);
    if (query.actor) select = select.where('actor', '=', query.actor);
    if (query.subjectType) select = select.where('subject_type', '=', query.subjectType);
    if (query.subjectId) select = select.where('subject_id', '=', query.subjectId);
    return select;
  }

  return {
    async searchUsers(query: UserQuery) {
      const rows = await usersMatching(query).selectAll().orderBy('email').limit(query.limit).offset(query.offset).execute();
      const { count } = await usersMatching(query).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
      return { rows, total: Number(count) };
    },

    /** Current addresses of these accounts, for staff reading ids in the audit log. */
    async emailsOf(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.email]));
    },

    /**
     * Sets a role unless that would leave no active admin: one statement, so two admins demoting
     * each other at once cannot both succeed. False when refused.
     */
    async setRoleKeepingAnAdmin(userId: string, role: string): Promise<boolean> {
      let update = db.updateTable('users').set({ role }).where('id', '=', userId);
      if (role !== 'admin') {
        update = update.where((eb) =>
          eb.or([
            eb('role', '!=', 'admin'),
            eb(
              eb.selectFrom('users as other').select((o) => o.fn.countAll<number>().as('n')).where('other.role', '=', 'admin').where('other.disabled_at', 'is', null).where('other.id', '!=', userId),
              '>',
              0,
            ),
          ]),
        );
      }
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    setDisabled: (userId: string, at: string | null) => db.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute(),

    keysOf: (userId: string) => db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute(),

    /** Revokes a key of this person; false when there is no such key or it was revoked already. */
    async revokeKey(userId: string, keyId: string, by: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at, revoked_by: by })
        .where('id', '=', keyId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    grantsOfUser: (userId: string) =>
      db.selectFrom('dataset_grants').select(['dataset_id', 'granted_by', 'granted_at']).where('user_id', '=', userId).orderBy('dataset_id').execute(),

    grantsOfDataset: (datasetId: string) =>
      db
        .selectFrom('dataset_grants')
        .innerJoin('users', 'users.id', 'dataset_grants.user_id')
        .select(['dataset_grants.user_id', 'users.email', 'users.first_name', 'users.last_name', 'dataset_grants.granted_by', 'dataset_grants.granted_at'])
        .where('dataset_grants.dataset_id', '=', datasetId)
        .orderBy('users.email')
        .execute(),

    async grantCounts(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('dataset_grants')
        .select((eb) => ['dataset_id', eb.fn.countAll<number | string>().as('n')])
        .groupBy('dataset_id')
        .execute();
      return new Map(rows.map((r) => [r.dataset_id, Number(r.n)]));
    },

    hasGrant: async (datasetId: string, userId: string) =>
      (await db.selectFrom('dataset_grants').select('user_id').where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst()) !== undefined,

    insertGrant: (row: { dataset_id: string; user_id: string; granted_by: string; granted_at: string }) => db.insertInto('dataset_grants').values(row).execute(),

    async deleteGrant(datasetId: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom('dataset_grants').where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Newest first. */
    async searchEvents(query: EventQuery) {
      const rows = await eventsMatching(query).selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
      const { count } = await eventsMatching(query).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
      return { rows, total: Number(count) };
    },

    verbs: async () => (await db.selectFrom('events').select('verb').distinct().orderBy('verb').execute()).map((r) => r.verb),
    subjectTypes: async () => (await db.selectFrom('events').select('subject_type').distinct().orderBy('subject_type').execute()).map((r) => r.subject_type),
  };
}
