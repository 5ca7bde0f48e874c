// Daily API call quotas, counted in memory: per key, per signed-in account, and per anonymous address (as a keyed digest only).
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

/** Who a call is counted against. */
export type Caller = { kind: 'key'; id: string } | { kind: 'account'; id: string } | { kind: 'anonymous'; address: string };

export interface QuotaState {
  limit: number;
  remaining: number;
  /** The next 00:00 UTC, when every counter starts again, as Opendatasoft does. */
  resetAt: Date;
  exceeded: boolean;
}

export type Quotas = ReturnType<typeof createQuotas>;

export function createQuotas(deps: { clock: Clock; limits: { key: number; anonymous: number } }) {
  let day = '';
  let counts = new Map<string, number>();
  // Addresses are counted as HMACs under a secret that lives one day in memory and is never written anywhere:
  // yesterday's digests cannot be linked to an address, nor to today's.
  let secret = randomBytes(32);

  function roll(now: Date): void {
    const today = now.toISOString().slice(0, 10);
    if (today === day) return;
    day = today;
    counts = new Map();
    secret = randomBytes(32);
  }

  function bucketOf(caller: Caller): { name: string; limit: number } {
    if (caller.kind === 'anonymous') {
      return { name: `a:${createHmac('sha256', secret).update(caller.address).digest('base64url')}`, limit: deps.limits.anonymous };
    }
    return { name: `${caller.kind === 'key' ? 'k' : 'u'}:${caller.id}`, limit: deps.limits.key };
  }

  function state(name: string, limit: number, now: Date): QuotaState {
    const used = counts.get(name) ?? 0;
    const resetAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    return { limit, remaining: Math.max(0, limit - used), resetAt, exceeded: false };
  }

  return {
    /** Counts one call and says whether it is still within the day's quota; a refused call is not counted. */
    take(caller: Caller): QuotaState {
      const now = deps.clock();
      roll(now);
      const { name, limit } = bucketOf(caller);
      const used = counts.get(name) ?? 0;
      if (used >= limit) return { ...state(name, limit, now), exceeded: true };
      counts.set(name, used + 1);
      return state(name, limit, now);
    },

    /** The quota without counting a call (a CORS preflight is not a call). */
    peek(caller: Caller): QuotaState {
      const now = deps.clock();
      roll(now);
      const { name, limit } = bucketOf(caller);
      return state(name, limit, now);
    },
  };
}
