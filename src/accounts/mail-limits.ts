// Limits on the forms that send mail to an address someone types (register, reset, change of address, privacy request):
// per recipient address, so no one can flood a mailbox, and per client, so no one can flood many. Counted before the
// mail is written, in the database (src/accounts/attempts.ts), for known and unknown addresses alike (no enumeration).
import { TooMany } from '../errors.ts';
import { mailScopes, type AttemptRule, type Attempts } from './attempts.ts';

const mailsPerAddress: AttemptRule = { limit: 5, windowMs: 60 * 60_000 };
const mailsPerClient: AttemptRule = { limit: 30, windowMs: 60 * 60_000 };

export type MailLimits = ReturnType<typeof createMailLimits>;

export function createMailLimits(attempts: Attempts) {
  return {
    /**
     * Counts one mail to `recipient` asked for by `client` (a client address), or throws a 429 and nothing is sent.
     * Without a client (an operator's own command) only the recipient's limit applies.
     */
    async reserve(recipient: string, client: string | null): Promise<void> {
      const wait = await attempts.reserve([
        { scope: mailScopes.address, value: recipient, rule: mailsPerAddress },
        ...(client === null ? [] : [{ scope: mailScopes.client, value: client, rule: mailsPerClient }]),
      ]);
      if (wait > 0) throw new TooMany(`Too many messages were asked for in a short time. Try again in ${Math.ceil(wait / 60)} minutes.`, 'too_many_mails');
    },
  };
}
