// Reads and writes of accounts, sessions, single-use links and consents given; no rules here.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema.ts';
import type { Account, Role, TokenPurpose } from './types.ts';

export function toAccount(row: Selectable<UsersTable>): Account {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    role: row.role as Role,
    emailVerifiedAt: row.email_verified_at,
    hasPassword: row.password_hash !== null,
    passwordChangedAt: row.password_changed_at,
    totpEnabledAt: row.totp_enabled_at,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    disabledAt: row.disabled_at,
  };
}

/** Whether a write failed on a unique index (a row another request wrote a moment earlier), on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

interface UserQuery {
  /** Part of an email address, first or last name; case does not matter. */
  q: string;
  role: string | null;
  limit: number;
  offset: number;
}

/** `text` as a LIKE pattern that matches it literally anywhere; `!` escapes, the same on both dialects. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The addresses a person was changing to: mail sent there is theirs too (the mail module's erasure asks). */
export async function pendingNewEmails(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('account_tokens').select('new_email').where('user_id', '=', userId).where('new_email', 'is not', null).execute();
  return rows.map((r) => r.new_email).filter((a): a is string => a !== null);
}

export type AccountStore = ReturnType<typeof createAccountStore>;

export function createAccountStore(db: Kysely<Database>) {
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

  return {
    userById: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    userByEmail: (email: string) => db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst(),
    /** Whether an active admin other than this account exists (erasing the last one would lock the portal). */
    otherActiveAdmin: async (userId: string) =>
      (await db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).where('id', '!=', userId).executeTakeFirst()) !== undefined,
    /** The accounts last active on or before a moment, by id: those the inactivity rule may warn or erase. */
    lastActiveOnOrBefore: (at: string) =>
      db.selectFrom('users').select(['id', 'email', 'first_name', 'last_active_at']).where('last_active_at', '<=', at).orderBy('id').execute(),
    listUsers: () => db.selectFrom('users').selectAll().orderBy('email').execute(),
    /** In the order of their addresses. */
    /** The accounts of these addresses (lower-cased), id and address only: the mailer's bulk check. */
    idsByEmails: async (emails: string[]) => (emails.length === 0 ? [] : db.selectFrom('users').select(['id', 'email']).where('email', 'in', emails.map((e) => e.toLowerCase())).execute()),
    usersByIds: async (ids: string[]) => (ids.length === 0 ? [] : db.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('email').execute()),
    async searchUsers(query: UserQuery) {
      const rows = await usersMatching(query).selectAll().orderBy('email').limit(query.limit).offset(query.offset).execute();
      const { count } = await usersMatching(query).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
      return { rows, total: Number(count) };
    },
    insertUser: (row: Selectable<UsersTable>) => db.insertInto('users').values(row).execute(),
    updateUser: (id: string, changes: Partial<Selectable<UsersTable>>) => db.updateTable('users').set(changes).where('id', '=', id).execute(),
    setDisabled: (userId: string, at: string | null) => db.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute(),
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

    insertToken: (row: { id: string; user_id: string; purpose: TokenPurpose; new_email: string | null; created_at: string; expires_at: string }) =>
      db.insertInto('account_tokens').values({ ...row, used_at: null }).execute(),
    tokenById: (id: string) => db.selectFrom('account_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Marks a link used; false when another request used it first. */
    async useToken(id: string, at: string): Promise<boolean> {
      const result = await db.updateTable('account_tokens').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Earlier unused links of the same purpose stop working when a new one is sent. */
    voidTokens: (userId: string, purpose: TokenPurpose, at: string) =>
      db.updateTable('account_tokens').set({ used_at: at }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute(),

    insertSession: (row: { id: string; user_id: string; stage: string; created_at: string; last_seen_at: string; expires_at: string }) =>
      db.insertInto('sessions').values(row).execute(),
    sessionById: (id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
    sessionsOf: (userId: string) => db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute(),
    touchSession: (id: string, at: string) => db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute(),
    setSessionStage: (id: string, stage: string) => db.updateTable('sessions').set({ stage }).where('id', '=', id).execute(),
    deleteSession: (id: string) => db.deleteFrom('sessions').where('id', '=', id).execute(),
    deleteSessionsOf: (userId: string, except?: string) => {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (except) q = q.where('id', '!=', except);
      return q.execute();
    },

    insertConsent: (row: { user_id: string; purpose: string; statement_version: string; statement_digest: string; method: string; language: string; given_at: string }) =>
      db.insertInto('consents').values({ ...row, withdrawn_at: null }).execute(),
    /** A consent given, its row's id returned (a subscription names the consent it rests on). */
    giveConsent: async (row: { user_id: string; purpose: string; statement_version: string; statement_digest: string; method: string; language: string; given_at: string }) =>
      Number((await db.insertInto('consents').values({ ...row, withdrawn_at: null }).returning('id').executeTakeFirstOrThrow()).id),
    /** The latest consent or acknowledgement to this purpose that is not withdrawn. */
    lastConsentTo: (userId: string, purpose: string) =>
      db.selectFrom('consents').select(['statement_version', 'statement_digest']).where('user_id', '=', userId).where('purpose', '=', purpose)
        .where('withdrawn_at', 'is', null).orderBy('given_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
    consentsOf: (userId: string) => db.selectFrom('consents').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
    /** Consents by id, with their owner and whether they were withdrawn (a follow run checks its subscriptions' at once). */
    consentsByIds: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('consents').select(['id', 'user_id', 'withdrawn_at']).where('id', 'in', ids).execute(),
    consentOf: (userId: string, id: number) => db.selectFrom('consents').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst(),
    withdrawConsent: (id: number, at: string) => db.updateTable('consents').set({ withdrawn_at: at }).where('id', '=', id).execute(),
    /** The language of the account's latest consent: the one its mails are written in once the account is gone. */
    consentLanguage: async (userId: string) =>
      (await db.selectFrom('consents').select('language').where('user_id', '=', userId).orderBy('id', 'desc').executeTakeFirst())?.language ?? null,

    /** Whether some account holder's first and last name are both among these lower-case words (spaces in names ignored). */
    nameAmong: async (words: string[]) =>
      words.length >= 2 &&
      (await db
        .selectFrom('users')
        .select('id')
        .where(sql<string>`replace(lower(first_name), ' ', '')`, 'in', words)
        .where(sql<string>`replace(lower(last_name), ' ', '')`, 'in', words)
        .executeTakeFirst()) !== undefined,
  };
}
