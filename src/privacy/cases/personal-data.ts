// The privacy office's own personal data: what the access archive gets from its tables, what erasure does to them,
// and when a closed case goes.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Subject } from '../../personal-data/registry.ts';
import { sweepTable, type Step } from '../../personal-data/retention.ts';

/**
 * The person whose data is asked for or erased (the registry's Subject), found here by their account, their address,
 * or both: a case can be a requester's without an account.
 */
type CaseSubject = Pick<Subject, 'email'> & { userId: Subject['userId'] | null };

async function casesOf(db: Kysely<Database>, subject: CaseSubject) {
  const email = subject.email?.trim().toLowerCase() ?? null;
  if (!subject.userId && !email) return [];
  return db
    .selectFrom('privacy_cases')
    .selectAll()
    .where((eb) => eb.or([...(subject.userId ? [eb('user_id', '=', subject.userId)] : []), ...(email ? [eb('requester_email', '=', email)] : [])]))
    .orderBy('received_at')
    .execute();
}

/** Every case of the person with its steps; the one-time code's digest is a credential and stays out. */
export async function exportCases(db: Kysely<Database>, subject: CaseSubject) {
  const cases = await casesOf(db, subject);
  const ids = cases.map((c) => c.id);
  const steps = ids.length ? await db.selectFrom('privacy_case_steps').selectAll().where('case_id', 'in', ids).orderBy('id').execute() : [];
  return {
    privacy_cases: cases.map(({ code_digest: _secret, ...c }) => ({ ...c, code_attempts: Number(c.code_attempts) })),
    privacy_case_steps: steps.map((s) => ({ ...s, id: Number(s.id) })),
  };
}

/**
 * Erasure per the map: cases stay as proof of having handled the requests (legal obligation), with the address and
 * account replaced by a pseudonym, the message and any code removed; steps the person took name the pseudonym.
 * `keepReference` spares the case that carries out this very erasure: its answer still has to reach the person,
 * and completing it pseudonymises it then.
 */
export async function eraseCases(db: Kysely<Database>, subject: CaseSubject, options: { pseudonym?: string; keepReference?: string; at?: Date } = {}): Promise<{ cases: number }> {
  const pseudonym = options.pseudonym ?? `erased-${randomBytes(9).toString('base64url')}`;
  const at = (options.at ?? new Date()).toISOString();
  return db.transaction().execute((tx) => eraseCasesIn(tx, subject, { pseudonym, keepReference: options.keepReference, at }));
}

/** The same, in a transaction the caller holds (the account erasure runs every module in one). */
export async function eraseCasesIn(db: Kysely<Database>, subject: CaseSubject, options: { pseudonym: string; keepReference?: string; at: string }): Promise<{ cases: number; steps: number }> {
  const { pseudonym, at } = options;
  const cases = (await casesOf(db, subject)).filter((c) => c.reference !== options.keepReference);
  for (const c of cases) {
    await db.updateTable('privacy_cases').set({ requester_email: `${pseudonym}@erased.invalid`, user_id: c.user_id ? pseudonym : null, message: null, code_digest: null }).where('id', '=', c.id).execute();
    await db.insertInto('privacy_case_steps').values({ case_id: c.id, at, actor: 'system', kind: 'requester_erased', note: null }).execute();
  }
  const steps = subject.userId ? Number((await db.updateTable('privacy_case_steps').set({ actor: pseudonym }).where('actor', '=', subject.userId).executeTakeFirst()).numUpdatedRows) : 0;
  return { cases: cases.length, steps };
}

/** The `case` rule: a case goes five years after it closed (an open one never), unless a hold names it. */
export const caseRetentionStep: Step = ({ db, cutoff, dryRun, held }) =>
  sweepTable(db, 'privacy_cases', sql`${sql.ref('privacy_cases.closed_at')} <= ${cutoff}`, held('case', 'privacy_cases.id'), dryRun);
