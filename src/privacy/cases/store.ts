// Cases and their steps in the relational store; no rules here, only reads and writes.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PrivacyCasesTable } from '../../db/schema.ts';
import type { CaseStatus, CaseStep, PrivacyCase } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<PrivacyCasesTable>;
type CaseRow = Omit<Row, 'code_attempts'> & { code_attempts?: number };

function toCase(row: Row): PrivacyCase {
  return {
    id: row.id, reference: row.reference, type: row.type as PrivacyCase['type'], status: row.status as CaseStatus,
    channel: row.channel as PrivacyCase['channel'], requesterEmail: row.requester_email, userId: row.user_id,
    language: row.language as PrivacyCase['language'], message: row.message, receivedAt: row.received_at, dueAt: row.due_at,
    extendedAt: row.extended_at, extensionReason: row.extension_reason, identityVerifiedAt: row.identity_verified_at,
    identityMethod: row.identity_method, codeAttempts: Number(row.code_attempts), duplicateOf: row.duplicate_of,
    outcome: row.outcome, closedAt: row.closed_at,
  };
}

export type CaseStore = ReturnType<typeof createCaseStore>;

export function createCaseStore(db: Kysely<Database>) {
  const steps = (d: Db) => ({
    add: (step: Omit<CaseStep, 'id'>) => d.insertInto('privacy_case_steps').values({ case_id: step.caseId, at: step.at, actor: step.actor, kind: step.kind, note: step.note }).execute(),
  });
  const api = (d: Db) => ({
    insert: (row: CaseRow) => d.insertInto('privacy_cases').values(row).execute(),
    row: (id: string) => d.selectFrom('privacy_cases').selectAll().where('id', '=', id).executeTakeFirst(),
    byReference: (reference: string) => d.selectFrom('privacy_cases').selectAll().where('reference', '=', reference).executeTakeFirst(),
    update: (id: string, set: Partial<Omit<Row, 'id'>>) => d.updateTable('privacy_cases').set(set).where('id', '=', id).execute(),
    /**
     * Counts a try of the mailed code before it is compared, in one statement: parallel tries get `limit` compares in all.
     * The live code's digest and the tries so far, or undefined when there is no live code or no try left.
     */
    reserveCodeTry: (id: string, limit: number, at: string) =>
      d.updateTable('privacy_cases').set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) })).where('id', '=', id)
        .where('code_attempts', '<', limit).where('code_digest', 'is not', null).where('code_expires_at', '>', at)
        .returning(['code_digest', 'code_attempts']).executeTakeFirst(),
    addStep: steps(d).add,
    /** An earlier case of the same address that is still running, to flag a duplicate. */
    openCaseOf: (email: string, exceptId: string) =>
      d.selectFrom('privacy_cases').select('id').where('requester_email', '=', email).where('id', '!=', exceptId)
        .where('status', 'in', ['identity_unverified', 'open', 'in_progress']).orderBy('received_at').executeTakeFirst(),
  });
  return {
    ...api(db),
    transaction: <T>(work: (tx: ReturnType<typeof api>) => Promise<T>) => db.transaction().execute((tx) => work(api(tx))),
    async get(id: string): Promise<PrivacyCase | null> {
      const row = await api(db).row(id);
      return row ? toCase(row) : null;
    },
    async list(status: CaseStatus | null): Promise<PrivacyCase[]> {
      let query = db.selectFrom('privacy_cases').selectAll().orderBy('due_at').orderBy('received_at');
      if (status) query = query.where('status', '=', status);
      return (await query.limit(500).execute()).map(toCase);
    },
    async unconfirmedSince(email: string, since: string): Promise<number> {
      const row = await db.selectFrom('privacy_cases').select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('requester_email', '=', email).where('status', '=', 'identity_unverified').where('received_at', '>', since).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async running(): Promise<PrivacyCase[]> {
      const rows = await db.selectFrom('privacy_cases').selectAll().where('status', 'in', ['identity_unverified', 'open', 'in_progress']).orderBy('due_at').execute();
      return rows.map(toCase);
    },
    async steps(caseId: string): Promise<CaseStep[]> {
      const rows = await db.selectFrom('privacy_case_steps').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
      return rows.map((r) => ({ id: Number(r.id), caseId: r.case_id, at: r.at, actor: r.actor, kind: r.kind, note: r.note }));
    },
  };
}
