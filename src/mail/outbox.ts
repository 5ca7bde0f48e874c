// The durable outbox, a claimed queue: a message is a row first; a sender claims the row in one statement before sending,
// so with several processes on one database each message goes out once; a claim expires, so a message a crashed process
// held is sent by another; failures are retried with a growing wait and, after the last attempt, shown to admins.
import { createHash } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { serialPasses } from '../jobs/passes.ts';
import { claimantId } from '../jobs/runner.ts';
import type { Transport } from './transport.ts';

export interface Mail {
  to: string;
  /** Which template wrote it, e.g. `accounts.verify`; kept for the register, not the text. */
  template: string;
  subject: string;
  text: string;
  /** The same message as HTML: sent as multipart with the text. */
  html?: string;
  /** Extra headers (`List-Unsubscribe`, `List-Unsubscribe-Post`). */
  headers?: Record<string, string>;
  /**
   * What makes this one message (a subscription and a version): a second send with the same key adds nothing, so a
   * fan-out that runs again after a crash mails nobody twice.
   */
  idempotencyKey?: string;
  /**
   * An answer to something the person asked for (a link they requested, a reply to their request): it goes out even
   * while their account is restricted (Art. 18). Anything the portal sends on its own initiative leaves it out.
   */
  reply?: boolean;
  /** Clear the address and the text once delivered: a mail that names a person who is gone (the erasure's confirmation). */
  forget?: boolean;
}

type SendResult = 'queued' | 'withheld' | 'duplicate';

const maxAttempts = 5;
/** Rows per multi-row insert of `sendMany`: 13 values each, within SQLite's limit of 32,766 bound values. */
const insertChunk = 2000;

export type Mailer = ReturnType<typeof createMailer>;

interface MailerDeps {
  db: Kysely<Database>;
  clock: Clock;
  transport: Transport;
  from: string;
  log?: (message: string) => void;
  /** Whether the portal may write to this address on its own initiative (see privacy/rights/flags.ts). */
  mayMail?: (address: string) => Promise<boolean>;
  /** The same check for many addresses at once (`sendMany`): those of them the portal may write to. */
  mayMailMany?: (addresses: string[]) => Promise<Set<string>>;
  /** How long a claim holds before another sender may take the message over (default 5 min). */
  claimMs?: number;
  /** How often a started mailer looks for due mail (default 15 s). */
  pollMs?: number;
  /** The wait after the first failed attempt (default 1 min); it doubles at each next one. */
  retryMs?: number;
}

/** A stable Message-ID per outbox row: a resend after a crash between sending and recording is the same message. */
function messageIdOf(id: number, key: string | null, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'opaal.invalid';
  const tag = createHash('sha256').update(`${id}:${key ?? ''}`).digest('hex').slice(0, 24);
  return `<outbox-${id}-${tag}@${domain}>`;
}

/** The outbox row a mail is, pending from `now`. */
function rowOf(mail: Mail, now: string) {
  return {
    to_address: mail.to.toLowerCase(),
    template: mail.template,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    headers: mail.headers ? JSON.stringify(mail.headers) : null,
    idempotency_key: mail.idempotencyKey ?? null,
    forget: mail.forget ? 1 : 0,
    status: 'pending',
    attempts: 0,
    created_at: now,
    next_attempt_at: now,
  };
}

export function createMailer(deps: MailerDeps) {
  const claimMs = deps.claimMs ?? 5 * 60_000;
  /** The wait after the n-th failed attempt: 1 min, 2, 4, 8 by default. */
  const retryDelayMs = (attempts: number) => (deps.retryMs ?? 60_000) * 2 ** (attempts - 1);
  const by = claimantId();
  let poll: NodeJS.Timeout | null = null;
  let wake: NodeJS.Timeout | null = null;

  /** Pending and due, or claimed by a sender whose claim has expired (it died). */
  const due = (eb: ExpressionBuilder<Database, 'mail_outbox'>, now: Date) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now.toISOString())])]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', new Date(now.getTime() - claimMs).toISOString())]),
    ]);

  /** Claims the row for this sender in one statement; false when another sender has it. */
  async function claim(id: number, now: Date): Promise<boolean> {
    const result = await deps.db
      .updateTable('mail_outbox')
      .set({ status: 'sending', claimed_by: by, claimed_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => due(eb, now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function deliverOne(id: number): Promise<void> {
    if (!(await claim(id, deps.clock()))) return;
    const row = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).where('claimed_by', '=', by).executeTakeFirst();
    if (!row) return;
    const attempts = row.attempts + 1;
    try {
      await deps.transport.send({
        id: row.id,
        from: deps.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined,
        messageId: messageIdOf(row.id, row.idempotency_key, deps.from),
      });
      const sentAt = deps.clock().toISOString();
      await deps.db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          sent_at: sentAt,
          attempts,
          last_error: null,
          claimed_by: null,
          claimed_at: null,
          // A mail that names a person who is gone keeps nothing of them once it is out.
          ...(row.forget ? { to_address: '', text_body: '', html_body: null, headers: null } : {}),
        })
        .where('id', '=', row.id)
        .execute();
    } catch (error) {
      // The error text may name the address; keep only its kind.
      const reason = (error as { code?: string }).code ?? (error as Error).name;
      const failed = attempts >= maxAttempts;
      const next = new Date(deps.clock().getTime() + retryDelayMs(attempts));
      await deps.db
        .updateTable('mail_outbox')
        .set({ status: failed ? 'failed' : 'pending', attempts, last_error: reason, next_attempt_at: failed ? null : next.toISOString(), claimed_by: null, claimed_at: null })
        .where('id', '=', row.id)
        .execute();
      deps.log?.(`mail ${row.id} not delivered (attempt ${attempts}): ${reason}`);
      if (!failed) wakeAt(next);
    }
  }

  /** Looks again when a retry falls due, in case nothing polls (a process without the loop). */
  function wakeAt(at: Date): void {
    if (wake) return;
    wake = setTimeout(() => {
      wake = null;
      kick();
    }, Math.max(0, at.getTime() - deps.clock().getTime()));
    wake.unref();
  }

  async function deliverDue(): Promise<void> {
    for (;;) {
      const rows = await deps.db.selectFrom('mail_outbox').select('id').where((eb) => due(eb, deps.clock())).orderBy('id').limit(100).execute();
      for (const { id } of rows) await deliverOne(Number(id));
      if (rows.length < 100) return;
    }
  }

  const passes = serialPasses(deliverDue, (error) => deps.log?.(`outbox: ${error.name}`));
  const kick = passes.kick;

  return {
    /**
     * Stores the message, then delivers it in the background. A notice to a restricted account is withheld; a message
     * whose idempotency key was queued before is a duplicate and adds nothing.
     */
    async send(mail: Mail): Promise<SendResult> {
      if (!mail.reply && deps.mayMail && !(await deps.mayMail(mail.to))) return 'withheld';
      const now = deps.clock().toISOString();
      const result = await deps.db
        .insertInto('mail_outbox')
        .values(rowOf(mail, now))
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return 'duplicate';
      kick();
      return 'queued';
    },
    /**
     * `send` for many mails (a fan-out), with the same results in the same order: the restriction checked for all
     * addresses in a few queries, the rows written in one transaction by multi-row inserts, a key queued before (or
     * twice in the list) a duplicate. Delivery starts once all are in.
     */
    async sendMany(mails: Mail[]): Promise<SendResult[]> {
      const results: SendResult[] = mails.map(() => 'queued');
      const unsolicited = [...new Set(mails.filter((m) => !m.reply).map((m) => m.to.toLowerCase()))];
      let allowed: Set<string> | null = null;
      if (unsolicited.length > 0 && deps.mayMailMany) {
        allowed = new Set();
        for (let i = 0; i < unsolicited.length; i += 5000) for (const address of await deps.mayMailMany(unsolicited.slice(i, i + 5000))) allowed.add(address.toLowerCase());
      } else if (unsolicited.length > 0 && deps.mayMail) {
        allowed = new Set();
        for (const address of unsolicited) if (await deps.mayMail(address)) allowed.add(address);
      }
      const seen = new Set<string>();
      const queued: number[] = [];
      mails.forEach((mail, i) => {
        if (!mail.reply && allowed && !allowed.has(mail.to.toLowerCase())) results[i] = 'withheld';
        else if (mail.idempotencyKey !== undefined && seen.has(mail.idempotencyKey)) results[i] = 'duplicate';
        else {
          if (mail.idempotencyKey !== undefined) seen.add(mail.idempotencyKey);
          queued.push(i);
        }
      });
      const now = deps.clock().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        for (let start = 0; start < queued.length; start += insertChunk) {
          const part = queued.slice(start, start + insertChunk);
          const written = await trx
            .insertInto('mail_outbox')
            .values(part.map((i) => rowOf(mails[i], now)))
            .onConflict((oc) => oc.column('idempotency_key').doNothing())
            .returning('idempotency_key')
            .execute();
          // A keyless row is always written; a keyed one is new only when its key came back.
          const keys = new Set(written.map((r) => r.idempotency_key));
          for (const i of part) if (mails[i].idempotencyKey !== undefined && !keys.has(mails[i].idempotencyKey!)) results[i] = 'duplicate';
        }
      });
      if (results.includes('queued')) kick();
      return results;
    },
    /** Delivers what is due (tests, and before a command exits). */
    async flush(): Promise<void> {
      await passes.settled();
      kick();
      await passes.settled();
    },
    /** Looks for due mail now and every `pollMs`: mail left by a crash or another process goes out without waiting for new mail. */
    start(): void {
      if (poll) return;
      kick();
      poll = setInterval(kick, deps.pollMs ?? 15_000);
      poll.unref();
    },
    /** What admins see: mail given up on, and mail still waiting, newest first (the address, never the text). */
    async undelivered(limit = 100) {
      const rows = await deps.db
        .selectFrom('mail_outbox')
        .select(['id', 'to_address', 'template', 'status', 'attempts', 'last_error', 'created_at', 'next_attempt_at'])
        .where('status', 'in', ['failed', 'pending', 'sending'])
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: Number(r.id), to: r.to_address, template: r.template, status: r.status, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, nextAttemptAt: r.next_attempt_at }));
    },
    /** An admin sends a failed mail again: it is pending from now, with its attempts counted afresh. */
    async retry(id: number): Promise<boolean> {
      const result = await deps.db
        .updateTable('mail_outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: deps.clock().toISOString(), last_error: null })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) kick();
      return Number(result.numUpdatedRows) === 1;
    },
    async close(): Promise<void> {
      if (poll) clearInterval(poll);
      if (wake) clearTimeout(wake);
      poll = null;
      await passes.settled();
      deps.transport.close();
    },
  };
}
