// The sweep's step for each retention rule with a trigger: which rows of the trigger's table are due, and which a hold keeps.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RetentionId } from '../../personal-data/vocabulary.ts';
import { heldBy } from './holds-store.ts';
import { sweepTable, type StepResult } from './sweep-table.ts';

export interface StepContext {
  db: Kysely<Database>;
  now: Date;
  /** `now` minus the rule's period: a trigger at or before it is due. */
  cutoff: string;
  /** The rule's ISO-8601 period. */
  period: string;
  dryRun: boolean;
}

export type Step = (ctx: StepContext) => Promise<StepResult>;

export interface TableStepsConfig {
  sessionIdleMinutes: number;
}

const ref = sql.ref;

/**
 * The step for a rule that needs nothing but its trigger: rows whose trigger column is at or before the cutoff go
 * (a null trigger is never due), except those an active hold of type `heldAs` names by id. Null if the trigger is not
 * a `table.column`.
 */
export function genericStep(trigger: string, heldAs: string | undefined): Step | null {
  const match = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/.exec(trigger);
  if (!match) return null;
  const [, table, column] = match;
  return ({ db, now, cutoff, dryRun }) =>
    sweepTable(db, table, sql`${sql.ref(`${table}.${column}`)} <= ${cutoff}`, heldAs ? heldBy(now, heldAs, `${table}.id`) : null, dryRun);
}

/** Steps for the rules whose rows simply go when due; the inactivity rule (`account`) has its own module. */
export function tableSteps(config: TableStepsConfig): Partial<Record<RetentionId, Step>> {
  return {
    // Past its absolute end or idle too long: the session is over whatever the account's hold says.
    session: ({ db, now, cutoff, dryRun }) => {
      const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString();
      return sweepTable(db, 'sessions', sql`${ref('expires_at')} <= ${cutoff} or ${ref('last_seen_at')} <= ${idleSince}`, null, dryRun);
    },
    // Expired or used, a grace period ago: a dead link holds nothing worth a hold.
    link: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'account_tokens', sql`${ref('expires_at')} <= ${cutoff} or (${ref('used_at')} is not null and ${ref('used_at')} <= ${cutoff})`, null, dryRun),
    // Sent, or given up on: still pending mail is never swept.
    mail: ({ db, cutoff, dryRun }) =>
      sweepTable(
        db,
        'mail_outbox',
        sql`(${ref('status')} = 'sent' and ${ref('sent_at')} <= ${cutoff}) or (${ref('status')} = 'failed' and ${ref('created_at')} <= ${cutoff})`,
        null,
        dryRun,
      ),
    // An event about a held object, or done by a held account, stays.
    audit: ({ db, now, cutoff, dryRun }) =>
      sweepTable(
        db,
        'events',
        sql`${ref('at')} <= ${cutoff}`,
        sql`${heldBy(now, sql.ref('events.subject_type'), 'events.subject_id')} or ${heldBy(now, 'user', 'events.actor')}`,
        dryRun,
      ),
    // Proofs of consent outlive their account only pseudonymised; those go after the period, an account's own stay with it.
    consent_proof: ({ db, now, cutoff, dryRun }) =>
      sweepTable(
        db,
        'consents',
        sql`${ref('given_at')} <= ${cutoff} and not exists (select 1 from users u where u.id = ${ref('consents.user_id')})`,
        heldBy(now, 'user', 'consents.user_id'),
        dryRun,
      ),
    // A hold's own record is accountability: kept the period after it ended.
    legal_hold: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'legal_holds', sql`${ref('ends_at')} <= ${cutoff} or (${ref('ended_at')} is not null and ${ref('ended_at')} <= ${cutoff})`, null, dryRun),
  };
}
