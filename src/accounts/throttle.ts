// Sign-in and second-factor throttling per account and per client address, counted in the database before the check
// (src/accounts/attempts.ts): a burst of parallel guesses gets no more checks than the limit allows.
import type { AttemptRule, Attempts } from './attempts.ts';

export type { AttemptRule as ThrottleRule } from './attempts.ts';

export type Throttle = ReturnType<typeof createThrottle>;

export function createThrottle(deps: { attempts: Attempts; name: string; perAccount?: AttemptRule; perAddress?: AttemptRule }) {
  const perAccount = deps.perAccount ?? { limit: 5, windowMs: 15 * 60_000 };
  const perAddress = deps.perAddress ?? { limit: 20, windowMs: 15 * 60_000 };
  const account = (value: string) => ({ scope: `${deps.name}:account`, value, rule: perAccount });
  const address = (value: string) => ({ scope: `${deps.name}:address`, value, rule: perAddress });

  return {
    /** Counts an attempt before it is checked: seconds to wait (nothing was counted), or 0 to go ahead. */
    reserve: (accountKey: string, clientAddress: string): Promise<number> => deps.attempts.reserve([account(accountKey), address(clientAddress)]),
    /** A right answer: the account's run of failures ends, and the address gets its attempt back. */
    async succeed(accountKey: string, clientAddress: string): Promise<void> {
      await deps.attempts.clear(account(accountKey));
      await deps.attempts.giveBack(address(clientAddress));
    },
  };
}
