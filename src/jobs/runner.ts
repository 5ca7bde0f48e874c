// Runs due jobs: each is claimed in the database before it runs, so with several processes on one database a job runs
// in one of them; a claim expires, so a job whose process died runs again elsewhere (handlers are idempotent).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { JobStore } from './store.ts';

export type JobHandler = (payload: unknown, job: { key: string; attempts: number }) => Promise<void>;

/**
 * Work that recurs (a daily digest): at each look, the period `now` falls in is enqueued under its own key, so every
 * process may look and the period still runs once.
 */
export interface Schedule {
  kind: string;
  /** The period `now` is in: its key (e.g. the day) and when its job may run. */
  period(now: Date): { key: string; runAfter: Date; payload?: unknown };
}

interface JobRunnerOptions {
  store: JobStore;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  schedules?: readonly Schedule[];
  log?: (entry: { job: string; kind: string; error?: string; attempts?: number }) => void;
  /** How often to look for due jobs when started (default 5 s). */
  pollMs?: number;
  /** How long a claim holds before another process may take the job over (default 10 min). */
  claimMs?: number;
  /** Attempts before a job is failed for good (default 8). */
  maxAttempts?: number;
}

/** Who claims: the host, the process and a random part, so two runners in one process are two claimants too. */
export const claimantId = () => `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** The wait before the next attempt: 30 s, 1 min, 2 min, … up to an hour. */
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);

export type JobRunner = ReturnType<typeof createJobRunner>;

export function createJobRunner(options: JobRunnerOptions) {
  const { store, clock, handlers } = options;
  const claimMs = options.claimMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const by = claimantId();
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let sweptAt = 0;

  /** Finished jobs are bookkeeping: after a week they go (the event log is the history). */
  async function sweepFinished(): Promise<void> {
    const now = clock().getTime();
    if (now - sweptAt < 60 * 60_000) return;
    sweptAt = now;
    await store.sweep(new Date(now - 7 * 24 * 60 * 60_000));
  }

  async function runOne(id: number): Promise<boolean> {
    const now = clock();
    const job = await store.claim(id, by, now, new Date(now.getTime() - claimMs));
    if (!job) return false;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await handler(job.payload, { key: job.key, attempts: job.attempts });
      await store.finish(job.id, by, clock());
    } catch (error) {
      // The error's kind and first line: handlers throw domain errors, whose messages name ids, not people.
      const reason = `${(error as Error).name}: ${String((error as Error).message).split('\n')[0]}`.slice(0, 200);
      const retryAt = job.attempts < maxAttempts ? new Date(clock().getTime() + backoffMs(job.attempts)) : null;
      await store.fail(job.id, by, reason, retryAt, clock());
      options.log?.({ job: String(job.id), kind: job.kind, error: reason, attempts: job.attempts });
    }
    return true;
  }

  /** Enqueues each schedule's current period (a no-op when a process did so before). */
  async function plan(): Promise<void> {
    const now = clock();
    for (const schedule of options.schedules ?? []) {
      const period = schedule.period(now);
      await store.enqueue(now, { kind: schedule.kind, key: `${schedule.kind}:${period.key}`, payload: period.payload ?? { period: period.key }, runAfter: period.runAfter });
    }
  }

  /** Runs every job due now (and any a handler enqueued meanwhile); returns how many ran. */
  async function runDue(): Promise<number> {
    await plan();
    let ran = 0;
    for (;;) {
      const now = clock();
      const ids = await store.due(now, new Date(now.getTime() - claimMs), Object.keys(handlers), 50);
      let claimed = 0;
      for (const id of ids) if (await runOne(id)) claimed++;
      ran += claimed;
      if (ids.length < 50 || claimed === 0) return ran;
    }
  }

  function kick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await runDue();
      } while (again);
      await sweepFinished();
      return total;
    })()
      .catch((error: Error) => {
        options.log?.({ job: '-', kind: '-', error: error.name });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    /**
     * Looks for due jobs now, in the background (after a change enqueued one), when this process runs jobs (started):
     * a command that only enqueues leaves them to the server, rather than hold a claim it may not see through.
     */
    kick(): void {
      if (timer) void kick();
    },
    /** Runs what is due and waits for it: tests, and `opaal jobs run`. */
    async runDue(): Promise<number> {
      while (running) await running;
      return kick();
    },
    /** Polls until stopped: the server's and the worker's loop. */
    start(): void {
      if (timer) return;
      void kick();
      timer = setInterval(() => void kick(), options.pollMs ?? 5000);
      timer.unref();
    },
    /** What admins see: jobs per kind and status, and the jobs that failed for good. */
    counts: () => store.counts(),
    failed: (limit = 50) => store.failed(limit),
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running;
    },
  };
}
