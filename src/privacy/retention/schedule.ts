// The daily retention job: a small scheduler on the injected clock that runs the sweep when a day has passed since the last run.
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { lastEventAt } from '../../events/store.ts';
import type { Retention, RetentionReport } from './sweep.ts';

/** Calls `tick` every `ms` until stopped: setInterval in the server; a test drives it by hand with its clock. */
export type Ticker = (ms: number, tick: () => void) => () => void;

export const intervalTicker: Ticker = (ms, tick) => {
  const timer = setInterval(tick, ms);
  // The job never keeps the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
};

const day = 86_400_000;

interface DailyRetentionDeps {
  retention: Retention;
  db: Kysely<Database>;
  clock: Clock;
  ticker?: Ticker;
  /** How often to look whether a run is due; the run itself is at most once a day. */
  checkEveryMs?: number;
  /** Gets the report (counts only) or the kind of error; never personal data. */
  log?: (entry: { report?: RetentionReport; error?: string }) => void;
}

export function createDailyRetention(deps: DailyRetentionDeps) {
  let running: Promise<RetentionReport | null> | null = null;
  let cancel: (() => void) | null = null;

  /** The last run's time, from its report event: shared by every node, and it survives restarts. */
  async function lastRun(): Promise<Date | null> {
    const at = await lastEventAt(deps.db, 'retention.run');
    return at ? new Date(at) : null;
  }

  async function runIfDue(): Promise<RetentionReport | null> {
    const now = deps.clock();
    const last = await lastRun();
    if (last && now.getTime() - last.getTime() < day) return null;
    return deps.retention.run({ now });
  }

  /** Runs the sweep if a day has passed since the last run; one run at a time. */
  function tick(): Promise<RetentionReport | null> {
    running ??= runIfDue()
      .then((report) => {
        if (report) deps.log?.({ report });
        return report;
      })
      .catch((error: Error) => {
        deps.log?.({ error: error.name });
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    tick,
    start(): void {
      if (cancel) return;
      cancel = (deps.ticker ?? intervalTicker)(deps.checkEveryMs ?? 15 * 60_000, () => void tick());
      void tick();
    },
    /** Stops the ticks and waits for a run in progress. */
    async stop(): Promise<void> {
      cancel?.();
      cancel = null;
      await running;
    },
  };
}
