// The durable outbox: a message is a row first, then delivered; failures are retried, and nothing is lost on a crash.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Transport } from './transport.ts';

export interface Mail {
  to: string;
  /** Which template wrote it, e.g. `accounts.verify`; kept for the register, not the text. */
  template: string;
  subject: string;
  text: string;
  /**
   * An answer to something the person asked for (a link they requested, a reply to their request): it goes out even
   * while their account is restricted (Art. 18). Anything the portal sends on its own initiative leaves it out.
   */
  reply?: boolean;
  /** An HTML alternative to `text` (issue 16: the lead's outbox delivers it). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** A message with a key queued before is not queued again (`duplicate`). */
  idempotencyKey?: string;
  language?: 'nl' | 'en';
}

const maxAttempts = 5;

export type Mailer = ReturnType<typeof createMailer>;

interface MailerDeps {
  db: Kysely<Database>;
  clock: Clock;
  transport: Transport;
  from: string;
  log?: (message: string) => void;
  /** Whether the portal may write to this address on its own initiative (see privacy/rights/flags.ts). */
  mayMail?: (address: string) => Promise<boolean>;
}

export function createMailer(deps: MailerDeps) {
  let running: Promise<void> | null = null;
  let again = false;
  let retry: NodeJS.Timeout | null = null;

  async function deliverPending(): Promise<void> {
    const pending = await deps.db.selectFrom('mail_outbox').selectAll().where('status', '=', 'pending').orderBy('id').limit(100).execute();
    for (const row of pending) {
      try {
        await deps.transport.send({ id: row.id, from: deps.from, to: row.to_address, subject: row.subject, text: row.text_body });
        await deps.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: deps.clock().toISOString(), attempts: row.attempts + 1, last_error: null }).where('id', '=', row.id).execute();
      } catch (error) {
        const attempts = row.attempts + 1;
        // The error text may name the address; keep only its kind.
        const reason = (error as { code?: string }).code ?? (error as Error).name;
        await deps.db.updateTable('mail_outbox').set({ status: attempts >= maxAttempts ? 'failed' : 'pending', attempts, last_error: reason }).where('id', '=', row.id).execute();
        deps.log?.(`mail ${row.id} not delivered (attempt ${attempts}): ${reason}`);
        if (attempts < maxAttempts && !retry) {
          retry = setTimeout(() => {
            retry = null;
            kick();
          }, 2 ** attempts * 1000);
          retry.unref();
        }
      }
    }
  }

  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await deliverPending();
      } while (again);
    })()
      .catch((error: Error) => deps.log?.(`outbox: ${error.name}`))
      .finally(() => {
        running = null;
      });
  }

  return {
    /** Stores the message, then delivers it in the background; a notice to a restricted account is withheld. */
    async send(mail: Mail): Promise<'queued' | 'withheld'> {
      if (!mail.reply && deps.mayMail && !(await deps.mayMail(mail.to))) return 'withheld';
      await deps.db
        .insertInto('mail_outbox')
        .values({ to_address: mail.to.toLowerCase(), template: mail.template, subject: mail.subject, text_body: mail.text, status: 'pending', attempts: 0, created_at: deps.clock().toISOString() })
        .execute();
      kick();
      return 'queued';
    },
    /** Delivers what is waiting (at start-up, and from tests). */
    async flush(): Promise<void> {
      kick();
      while (running) await running;
    },
    async close(): Promise<void> {
      if (retry) clearTimeout(retry);
      while (running) await running;
      deps.transport.close();
    },
  };
}
