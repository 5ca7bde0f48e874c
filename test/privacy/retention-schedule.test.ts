// The daily retention job on a controlled clock: a run at start-up, then once a day, one at a time, and none after stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDailyRetention, type Ticker } from '../../src/privacy/retention/schedule.ts';
import type { RetentionReport } from '../../src/privacy/retention/sweep.ts';
import { addSession, addUser, retentionHarness } from '../helpers/retention.ts';

/** A ticker the test turns by hand: the job's timer, with the test as the clock's hand. */
function handTicker() {
  const state: { tick: (() => void) | null; every: number | null; stopped: boolean } = { tick: null, every: null, stopped: false };
  const ticker: Ticker = (ms, tick) => {
    state.tick = tick;
    state.every = ms;
    return () => {
      state.stopped = true;
    };
  };
  return { ticker, state };
}

test('the daily job sweeps at start-up, then not again until a day has passed, and stops when asked', async () => {
  const h = await retentionHarness('sqlite');
  try {
    const { ticker, state } = handTicker();
    const reports: RetentionReport[] = [];
    const job = createDailyRetention({ retention: h.retention, db: h.db, clock: () => h.time.now, ticker, log: ({ report }) => report && reports.push(report) });
    const runs = async () => (await h.db.selectFrom('events').select('at').where('verb', '=', 'retention.run').orderBy('at').execute()).map((e) => e.at);

    await addUser(h.db, 'u-1', h.ago('P1D'));
    await addSession(h.db, 's-1', 'u-1', h.ago(), h.from('PT1H'));
    job.start();
    assert.equal(state.every, 15 * 60_000, 'looks every quarter of an hour');
    await job.tick(); // the run started by start() is in flight; this waits for it
    assert.deepEqual(await runs(), [h.time.now.toISOString()]);

    // Later that day: nothing to do, however often it looks.
    h.time.now = new Date(h.time.now.getTime() + 23 * 3_600_000);
    state.tick!();
    assert.equal(await job.tick(), null);
    assert.equal((await runs()).length, 1);

    // A day after the first run: the session that has since expired goes.
    h.time.now = new Date(h.time.now.getTime() + 3_600_000);
    const report = await job.tick();
    assert.equal(report?.rules.find((r) => r.rule === 'session')?.removed, 1);
    assert.equal((await runs()).length, 2);
    assert.equal(reports.length, 2);

    // A second node (or a restart) sees the same last run in the store and does not run again the same day.
    const other = createDailyRetention({ retention: h.retention, db: h.db, clock: () => h.time.now, ticker: handTicker().ticker });
    assert.equal(await other.tick(), null);

    await job.stop();
    assert.equal(state.stopped, true);
  } finally {
    await h.close();
  }
});

test('a failing run is logged by the kind of error only, and the next day tries again', async () => {
  const h = await retentionHarness('sqlite');
  try {
    const errors: string[] = [];
    const failing = { ...h.retention, run: async () => { throw new TypeError('secret@example.org is in this message'); } };
    const job = createDailyRetention({ retention: failing, db: h.db, clock: () => h.time.now, ticker: handTicker().ticker, log: ({ error }) => error && errors.push(error) });
    assert.equal(await job.tick(), null);
    assert.deepEqual(errors, ['TypeError']);
    // No report was recorded, so the next look runs again.
    const working = createDailyRetention({ retention: h.retention, db: h.db, clock: () => h.time.now, ticker: handTicker().ticker });
    assert.ok(await working.tick());
  } finally {
    await h.close();
  }
});
