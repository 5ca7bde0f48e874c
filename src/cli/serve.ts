// `opaal serve`: starts the portal, seeds the demo catalog on request, and shuts down gracefully.
import type { Config, Flags } from '../config.ts';
import { buildApp } from '../app.ts';
import { openPortal } from '../portal.ts';
import { listenProblem } from '../startup.ts';
import { createDailyRetention, intervalTicker } from '../privacy/retention/schedule.ts';
import { remindDueCases } from '../privacy/cases/reminders.ts';

export async function runServe(config: Config, flags: Flags): Promise<number> {
  const portal = await openPortal(config);
  const app = await buildApp(portal);
  if (flags.demo) {
    // Loaded only when asked for: the generator is not part of a production server's start-up.
    const { seedDemo } = await import('../demo/seed.ts');
    const seeded = await seedDemo(portal);
    if (seeded.length > 0) app.log.info({ datasets: seeded.length }, 'demo catalog loaded');
  }
  // The retention sweep, once a day (the first look right after start-up); its log holds counts only.
  const dailyRetention = createDailyRetention({
    retention: portal.retention,
    db: portal.store.db,
    clock: portal.clock,
    log: ({ report, error }) => {
      if (error) app.log.error({ error }, 'retention sweep failed');
      else if (report) app.log.info({ rules: report.rules, lapsedHolds: report.lapsedHolds.length, unapplied: report.unapplied }, 'retention sweep done');
    },
  });
  // Reminders to the DPO of privacy requests due in 7 days, in 1 day, or overdue: each once per case and threshold
  // (recorded as a step), so looking every hour is safe; `opaal privacy remind` does the same from cron.
  const remind = () =>
    void remindDueCases(portal, portal.clock())
      .then((sent) => sent.length > 0 && app.log.info({ reminders: sent.length }, 'privacy reminders sent'))
      .catch((error: Error) => app.log.error({ error: error.name }, 'privacy reminders failed'));
  let stopReminders: (() => void) | null = null;
  let stopFollowUp: (() => void) | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // close() stops accepting connections and waits for requests in flight.
    await app.close();
    stopReminders?.();
    stopFollowUp?.();
    await dailyRetention.stop();
    await portal.close();
  };
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await portal.close();
    throw listenProblem(error, config.host, config.port) ?? error;
  }
  app.log.info({ url: config.baseUrl, store: portal.store.describe }, 'portal ready');
  portal.logTo((entry, message) => app.log.warn(entry, message));
  // Mail left waiting (by a crash, or written by another process) goes out now and is looked for regularly; so are jobs.
  portal.mailer.start();
  portal.jobs.start();
  dailyRetention.start();
  // Webhook deliveries: what a crash left pending goes out now, then the queue is polled every few seconds.
  portal.webhooks.start();
  // Instant notifications a crash left claimed or waiting: at start-up, then with the jobs' poll.
  const followUp = () => void portal.follow.sendPending().catch((error: Error) => app.log.error({ error: error.name }, 'notifications not sent'));
  followUp();
  stopFollowUp = intervalTicker(config.jobsPollMs, followUp);
  remind();
  stopReminders = intervalTicker(60 * 60_000, remind);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stop(signal).then(resolve));
    }
  });
  return 0;
}
