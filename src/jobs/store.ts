// The job queue's rows: enqueued once per key, claimed by one process at a time, finished or retried with a backoff.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

interface JobRequest {
  kind: string;
  /** What makes the work one: the same key enqueued twice is one job (two processes, a period's schedule). */
  key: string;
  payload: unknown;
  /** Not before this moment (default: now). */
  runAfter?: Date;
}

interface ClaimedJob {
  id: number;
  kind: string;
  key: string;
  payload: unknown;
  attempts: number;
}

/**
 * Adds the job unless one with its key exists; returns whether it was added. Called inside the transaction that makes
 * the change the job follows from, so the job exists exactly when the change does.
 */
export async function enqueueJob(db: Kysely<Database>, now: Date, job: JobRequest): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      job_key: job.key,
      payload: JSON.stringify(job.payload ?? null),
      status: 'pending',
      attempts: 0,
      run_after: (job.runAfter ?? now).toISOString(),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('job_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export type JobStore = ReturnType<typeof createJobStore>;

export function createJobStore(db: Kysely<Database>) {
  return {
    enqueue: (now: Date, job: JobRequest) => enqueueJob(db, now, job),

    /** Ids of jobs due now, and of jobs whose claim has expired (their process died): the candidates to claim. */
    async due(now: Date, claimExpiredBefore: Date, kinds: readonly string[], limit: number): Promise<number[]> {
      if (kinds.length === 0) return [];
      const rows = await db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', [...kinds])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_after', '<=', now.toISOString())]),
            eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', claimExpiredBefore.toISOString())]),
          ]),
        )
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },

    /**
     * Claims the job for this process in one statement: of two processes racing, exactly one updates the row. Returns
     * the job, or null when another process has it (or it is no longer due).
     */
    async claim(id: number, by: string, now: Date, claimExpiredBefore: Date): Promise<ClaimedJob | null> {
      const result = await db
        .updateTable('jobs')
        .set((eb) => ({ status: 'running', claimed_by: by, claimed_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_after', '<=', now.toISOString())]),
            eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', claimExpiredBefore.toISOString())]),
          ]),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // Another process may have taken the row over after an expired claim; only the holder goes on.
      if (row.claimed_by !== by) return null;
      return { id: Number(row.id), kind: row.kind, key: row.job_key, payload: JSON.parse(row.payload) as unknown, attempts: Number(row.attempts) };
    },

    async finish(id: number, by: string, now: Date): Promise<void> {
      await db.updateTable('jobs').set({ status: 'done', finished_at: now.toISOString(), last_error: null }).where('id', '=', id).where('claimed_by', '=', by).execute();
    },

    /** Back to pending after `retryAt`, or failed for good; the error's kind only (its text may name a person). */
    async fail(id: number, by: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
      await db
        .updateTable('jobs')
        .set(retryAt ? { status: 'pending', run_after: retryAt.toISOString(), claimed_by: null, claimed_at: null, last_error: error.slice(0, 200) } : { status: 'failed', finished_at: now.toISOString(), last_error: error.slice(0, 200) })
        .where('id', '=', id)
        .where('claimed_by', '=', by)
        .execute();
    },

    /** Counts per kind and status: what an admin and the metrics show. */
    async counts(): Promise<{ kind: string; status: string; count: number }[]> {
      const rows = await db.selectFrom('jobs').select(['kind', 'status', db.fn.countAll<number>().as('count')]).groupBy(['kind', 'status']).orderBy('kind').orderBy('status').execute();
      return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
    },

    /** Jobs that failed for good, newest first. */
    failed: (limit: number) =>
      db.selectFrom('jobs').select(['id', 'kind', 'job_key', 'attempts', 'last_error', 'created_at', 'finished_at']).where('status', '=', 'failed').orderBy('id', 'desc').limit(limit).execute(),

    /** Finished jobs older than the cutoff go: the rows are bookkeeping, not history (the event log is). */
    async sweep(cutoff: Date): Promise<number> {
      const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', cutoff.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
