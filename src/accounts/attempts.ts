// Attempt limits counted in the database: an attempt is reserved (counted) in one statement before the costly check it
// guards (argon2, a code compare, a mail), so parallel requests cannot all pass a check-then-record gap, and servers
// sharing the database share the limits. What is counted is kept only as an HMAC under the portal's key.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

export interface AttemptRule {
  /** Attempts allowed in the window. */
  limit: number;
  windowMs: number;
}

/** One counter: a kind of attempt (`sign-in:account`) and what it counts (an address, an account id, a client). */
interface Counted {
  scope: string;
  value: string;
  rule: AttemptRule;
}

export type Attempts = ReturnType<typeof createAttempts>;

/** The throttles' names (`<name>:account`, `<name>:address`). */
export const throttleNames = { signIn: 'sign-in', secondFactor: 'second-factor' } as const;
export const mailScopes = { address: 'mail:address', client: 'mail:client' } as const;

/** The counters that name a person (by address or account id), so the access archive and erasure can find them. */
export function countersOf(key: Buffer, person: { userId: string; email: string | null }): string[] {
  const byEmail = person.email === null ? [] : [`${throttleNames.signIn}:account`, mailScopes.address].map((scope) => attemptKey(key, scope, person.email!));
  return [...byEmail, attemptKey(key, `${throttleNames.secondFactor}:account`, person.userId)];
}

/** The stored key of a counter: servers with the same portal key compute the same one; it cannot be read back. */
function attemptKey(key: Buffer, scope: string, value: string): string {
  return createHmac('sha256', key).update(`attempts\u0000${scope}\u0000${value.trim().toLowerCase()}`).digest('hex');
}

export function createAttempts(deps: { db: Kysely<Database>; clock: Clock; key: () => Buffer }) {
  const { db } = deps;
  const keyOf = (c: Pick<Counted, 'scope' | 'value'>) => attemptKey(deps.key(), c.scope, c.value);

  /** Counts one attempt unless the window's limit is reached; the seconds to wait, or 0 when counted. */
  async function reserveOne(c: Counted): Promise<number> {
    const now = deps.clock();
    const at = now.toISOString();
    const ends = new Date(now.getTime() + c.rule.windowMs).toISOString();
    const key = keyOf(c);
    const expired = sql<boolean>`attempt_counters.expires_at <= ${at}`;
    // One statement: the row is locked (PostgreSQL) or the database is (SQLite) from the test to the increment.
    const counted = await db
      .insertInto('attempt_counters')
      .values({ key, attempts: 1, expires_at: ends })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            attempts: sql<number>`case when ${expired} then 1 else attempt_counters.attempts + 1 end`,
            expires_at: sql<string>`case when ${expired} then ${ends} else attempt_counters.expires_at end`,
          })
          .where(sql<boolean>`${expired} or attempt_counters.attempts < ${c.rule.limit}`),
      )
      .returning('attempts')
      .executeTakeFirst();
    if (counted) return 0;
    const row = await db.selectFrom('attempt_counters').select('expires_at').where('key', '=', key).executeTakeFirst();
    return Math.max(1, Math.ceil(((row ? Date.parse(row.expires_at) : now.getTime()) - now.getTime()) / 1000));
  }

  /** Gives one counted attempt back (a success that should not use up the limit). */
  async function giveBack(c: Pick<Counted, 'scope' | 'value'>): Promise<void> {
    await db
      .updateTable('attempt_counters')
      .set({ attempts: sql<number>`attempts - 1` })
      .where('key', '=', keyOf(c))
      .where('attempts', '>', 0)
      .execute();
  }

  return {
    /**
     * Reserves an attempt on every counter, or on none: when one is at its limit, those already counted are given
     * back and the longest wait is returned. 0 means the attempt is counted and the check may run.
     */
    async reserve(counters: Counted[]): Promise<number> {
      const taken: Counted[] = [];
      for (const c of counters) {
        const wait = await reserveOne(c);
        if (wait > 0) {
          for (const t of taken) await giveBack(t);
          return wait;
        }
        taken.push(c);
      }
      return 0;
    },
    giveBack,
    /** Starts a counter again (a right password ends the account's run of failures). */
    async clear(c: Pick<Counted, 'scope' | 'value'>): Promise<void> {
      await db.deleteFrom('attempt_counters').where('key', '=', keyOf(c)).execute();
    },
  };
}
