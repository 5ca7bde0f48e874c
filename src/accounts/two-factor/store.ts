// Reads and writes of the second factor: the sealed TOTP secret, the last step accepted, recovery codes, wrong codes per session.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type TwoFactorStore = ReturnType<typeof createTwoFactorStore>;

export function createTwoFactorStore(db: Kysely<Database>) {
  return {
    userById: (id: string) =>
      db.selectFrom('users').select(['id', 'role', 'password_hash', 'totp_secret', 'totp_enabled_at']).where('id', '=', id).executeTakeFirst(),

    /** Stores a secret not yet confirmed; an enabled one is never replaced this way. */
    async setPendingSecret(userId: string, sealed: string): Promise<boolean> {
      const result = await db.updateTable('users').set({ totp_secret: sealed, totp_last_step: null }).where('id', '=', userId).where('totp_enabled_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Turns a pending secret on; false when it was on already. */
    async enable(userId: string, at: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ totp_enabled_at: at, totp_last_step: step })
        .where('id', '=', userId)
        .where('totp_enabled_at', 'is', null)
        .where('totp_secret', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    disable: (userId: string) => db.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', userId).execute(),

    /** Records a code's step as used; false when that step or a later one was used already (replay). */
    async useStep(userId: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replaceRecoveryCodes(userId: string, digests: string[], at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        await trx.insertInto('recovery_codes').values(digests.map((digest) => ({ user_id: userId, digest, created_at: at, used_at: null }))).execute();
      });
    },
    /** Spends a recovery code; false when it is unknown or spent (also by a request a moment earlier). */
    async useRecoveryCode(userId: string, digest: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('digest', '=', digest)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async recoveryCodesLeft(userId: string): Promise<number> {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    deleteRecoveryCodes: (userId: string) => db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute(),

    /** Counts a code against the session before it is checked; false when the session has had `limit` already (or is gone). */
    async reserveCode(sessionId: string, limit: number): Promise<boolean> {
      const row = await db
        .updateTable('sessions')
        .set((eb) => ({ failed_codes: eb('failed_codes', '+', 1) }))
        .where('id', '=', sessionId)
        .where('failed_codes', '<', limit)
        .returning('failed_codes')
        .executeTakeFirst();
      return row !== undefined;
    },
    /** The codes counted against the session so far. */
    async failedCodes(sessionId: string): Promise<number> {
      const row = await db.selectFrom('sessions').select('failed_codes').where('id', '=', sessionId).executeTakeFirst();
      return row?.failed_codes ?? Number.POSITIVE_INFINITY;
    },
    deleteSession: (sessionId: string) => db.deleteFrom('sessions').where('id', '=', sessionId).execute(),
  };
}
