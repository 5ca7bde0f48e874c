// Reads and writes of API keys: the digest is the only form of a key at rest; no rules here.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;

export function createApiKeyStore(db: Kysely<Database>) {
  return {
    insertKey: (row: { id: string; user_id: string; name: string; prefix: string; digest: string; created_at: string; expires_at: string }) =>
      db.insertInto('api_keys').values({ ...row, last_used_at: null, revoked_at: null, revoked_by: null }).execute(),
    keyByDigest: (digest: string) => db.selectFrom('api_keys').selectAll().where('digest', '=', digest).executeTakeFirst(),
    keyById: (id: string) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
    keysOf: (userId: string) => db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute(),
    async countUsable(userId: string, at: string): Promise<number> {
      const row = await db
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    touchKey: (id: string, at: string) => db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute(),
    /** Marks a key revoked; false when it was revoked already. */
    async revokeKey(id: string, at: string, by: string): Promise<boolean> {
      const result = await db.updateTable('api_keys').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Revokes a key only if it is this person's (an admin acting on their page); false when there is no such active key. */
    async revokeKeyOf(userId: string, id: string, at: string, by: string): Promise<boolean> {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at, revoked_by: by })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
