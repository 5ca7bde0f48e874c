// Sign-in throttling per account and per client address, in memory; the address is kept only as a keyed digest.
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

export interface ThrottleRule {
  /** Failures allowed in the window before the key is locked. */
  limit: number;
  windowMs: number;
}

export type Throttle = ReturnType<typeof createThrottle>;

export function createThrottle(deps: { clock: Clock; perAccount?: ThrottleRule; perAddress?: ThrottleRule }) {
  const perAccount = deps.perAccount ?? { limit: 5, windowMs: 15 * 60_000 };
  const perAddress = deps.perAddress ?? { limit: 20, windowMs: 15 * 60_000 };
  // A secret per process: the digests cannot be turned back into addresses, and they vanish on restart.
  const secret = randomBytes(32);
  const failures = new Map<string, number[]>();
  const key = (kind: string, value: string) => `${kind}:${createHmac('sha256', secret).update(value.toLowerCase()).digest('hex')}`;

  const recent = (k: string, windowMs: number) => {
    const now = deps.clock().getTime();
    const kept = (failures.get(k) ?? []).filter((t) => now - t < windowMs);
    if (kept.length) failures.set(k, kept);
    else failures.delete(k);
    return kept;
  };

  return {
    /** Seconds to wait before trying again, or 0. */
    retryAfter(account: string, address: string): number {
      const now = deps.clock().getTime();
      let wait = 0;
      for (const [k, rule] of [[key('account', account), perAccount], [key('address', address), perAddress]] as const) {
        const times = recent(k, rule.windowMs);
        if (times.length >= rule.limit) wait = Math.max(wait, Math.ceil((times[0] + rule.windowMs - now) / 1000));
      }
      return wait;
    },
    fail(account: string, address: string): void {
      const now = deps.clock().getTime();
      for (const k of [key('account', account), key('address', address)]) failures.set(k, [...(failures.get(k) ?? []), now]);
    },
    succeed(account: string): void {
      failures.delete(key('account', account));
    },
  };
}
