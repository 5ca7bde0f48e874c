// The statistics service (issue 18): what a request was is recorded in memory (never awaiting the database) and written
// in multi-row inserts every few seconds; a scheduled job rolls the raw events up into hourly and daily counts.
//
// Unique visitors: an event carries HMAC-SHA256(the day's key, address + user agent). The key is random, one per day in
// the portal's time zone, shared by every process through `stats_day_keys`; once the day has ended and is rolled up,
// its hashes are cleared and its key deleted (within 48 hours at the latest), so no one can link two days.
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { zonedDay, zonedMidnight, type Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { createStatsStore, type EventRow } from './store.ts';

/** What a request was; `identity` (address and user agent) is hashed under the day's key and never kept. */
interface StatsEvent {
  kind: 'view' | 'api' | 'export' | 'search';
  page: string;
  datasetId?: string;
  caller?: '' | 'key' | 'anonymous';
  term?: string | null;
  results?: number | null;
  referrer?: string | null;
  /** null for a request that asked not to be tracked (Sec-GPC, DNT): counted in the totals only. */
  identity: string | null;
}

interface Pending extends EventRow {
  /** Until hashed: only in memory, only until the next flush. */
  identity: string | null;
  day: string | null;
}

/** Events alike in every column (same second, same visitor) are one row with their number `n`. */
const keyOf = (e: Pending) => `${e.at}\u0000${e.kind}\u0000${e.page}\u0000${e.dataset_id}\u0000${e.caller}\u0000${e.term ?? '\u0001'}\u0000${e.results ?? '\u0001'}\u0000${e.referrer ?? '\u0001'}\u0000${e.visitor ?? '\u0001'}\u0000${e.identity ?? '\u0001'}`;

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Events of a day are hashed until this long after its end (a flush then may still carry some). */
const hashWindowMs = 5 * 60_000;
/** A day is finished this long after its end: its hashes are counted a last time, cleared, and its key deleted. */
const finishMs = 10 * 60_000;
/**
 * Raw events are kept this long; rollups recompute only periods that began within `recomputeMs` (all of whose events
 * are still there): events arrive within seconds of their instant, and the rollup runs every ten minutes.
 */
const keepRawMs = 7 * dayMs;
const recomputeMs = 2 * dayMs;
/** A day's key is deleted this long after it was made, whatever happened to the rollups. */
const keyLifeMs = 47 * hourMs;
/** A search term is shown only when this many distinct visitors used it that day. */
const termMinVisitors = 5;
/** Events written per insert: small enough that a flush never holds the event loop for long. */
const flushChunk = 100;
/** Distinct events kept in memory at most while the database does not take them. */
const maxPending = 100_000;

const secondsIso = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

export type StatsService = ReturnType<typeof createStatsService>;

export function createStatsService(deps: { db: Kysely<Database>; clock: Clock; timeZone: string; flushMs: number; enabled: boolean; log?: (entry: object, message: string) => void }) {
  const store = createStatsStore(deps.db);
  const { clock, timeZone } = deps;
  let pending = new Map<string, Pending>();
  /** Adds events to those waiting, alike ones counted together; past `maxPending` distinct ones the rest is dropped. */
  const addOne = (e: Pending) => {
    const key = keyOf(e);
    const held = pending.get(key);
    if (held) held.n += e.n;
    else if (pending.size < maxPending) pending.set(key, e);
  };
  const add = (events: Iterable<Pending>) => {
    for (const e of events) addOne(e);
  };
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  /** The keys this process holds, by day: only for days still being hashed. */
  const keys = new Map<string, Buffer>();
  /**
   * Today's key, with the instants its day spans, for hashing at once; `hashes` remembers each identity's hash until the
   * next flush (a visitor's requests come in bursts), in memory only.
   */
  let today: { day: string; from: number; to: number; key: Buffer; hashes: Map<string, string> } | null = null;
  let warming: Promise<void> | null = null;
  let lastSecond = Number.NaN;
  let lastSecondIso = '';

  // The zone's days and their instants, remembered (Intl takes a millisecond or more per question).
  const spans = new Map<string, { from: Date; to: Date }>();
  const bounds = (day: string) => {
    let span = spans.get(day);
    if (!span) {
      const start = new Date(`${day}T00:00:00.000Z`);
      span = { from: zonedMidnight(start, timeZone), to: zonedMidnight(new Date(start.getTime() + dayMs), timeZone) };
      if (spans.size > 64) spans.clear();
      spans.set(day, span);
    }
    return span;
  };
  const dayOf = (at: Date) => {
    const t = at.getTime();
    for (const [day, span] of spans) if (span.from.getTime() <= t && t < span.to.getTime()) return day;
    const day = zonedDay(at, timeZone).toISOString().slice(0, 10);
    bounds(day);
    return day;
  };
  const hmac = (key: Buffer, identity: string) => createHmac('sha256', key).update(identity).digest('hex');

  async function keyFor(day: string, now: Date): Promise<Buffer> {
    const held = keys.get(day);
    if (held) return held;
    const secret = await store.dayKey(day, randomBytes(32).toString('hex'), now);
    const key = Buffer.from(secret, 'hex');
    keys.set(day, key);
    const { from, to } = bounds(day);
    if (from.getTime() <= now.getTime() && now.getTime() < to.getTime()) today = { day, from: from.getTime(), to: to.getTime(), key, hashes: new Map() };
    return key;
  }

  /** Forgets the keys of days no longer hashed. */
  function forgetKeys(now: Date): void {
    for (const day of keys.keys()) if (now.getTime() >= bounds(day).to.getTime() + hashWindowMs) keys.delete(day);
    if (today && now.getTime() >= today.to) today = null;
  }

  function warm(now: Date): void {
    if (warming) return;
    warming = keyFor(dayOf(now), now)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        warming = null;
      });
  }

  async function writePending(): Promise<void> {
    const now = clock();
    forgetKeys(now);
    today?.hashes.clear();
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    try {
      for (const e of batch) {
        if (e.identity === null) continue;
        const day = e.day!;
        // A day that ended a while ago is not hashed any more: its key may be gone (the rollup finished the day).
        if (now.getTime() < bounds(day).to.getTime() + hashWindowMs) e.visitor = hmac(await keyFor(day, now), e.identity);
        e.identity = null;
      }
    } catch (error) {
      // The key could not be read: the batch waits for the next flush, its identities still unhashed.
      requeue(batch);
      throw error;
    }
    const rows: EventRow[] = batch.map(({ identity: _i, day: _d, ...row }) => row);
    for (let i = 0; i < rows.length; i += flushChunk) {
      // SQLite writes in this process's event loop: requests waiting are served between two chunks.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        await store.insertEvents(rows.slice(i, i + flushChunk));
      } catch (error) {
        // What was not written waits for the next flush (hashed already: nothing of the person stays in memory).
        requeue(batch.slice(i));
        throw error;
      }
    }
  }

  /** Events not written go back before those counted since, merged with them where alike. */
  function requeue(events: Pending[]): void {
    const since = pending;
    pending = new Map();
    add(events);
    add(since.values());
  }

  function flush(): Promise<void> {
    flushing = flushing.then(writePending, writePending);
    return flushing;
  }

  function schedule(): void {
    if (timer) return;
    timer = setInterval(() => {
      flush().catch((error: Error) => deps.log?.({ error: error.name }, 'statistics not written'));
    }, deps.flushMs);
    timer.unref();
  }

  /** The terms of a day under k-anonymity: a term used by fewer than `termMinVisitors` distinct visitors goes under ''. */
  function anonymousTerms(rows: { term: string | null; searches: number; empty: number; visitors: number }[]) {
    const shown = new Map<string, { term: string; searches: number; empty: number }>();
    for (const r of rows) {
      const term = r.term !== null && r.term !== '' && r.visitors >= termMinVisitors ? r.term : '';
      const row = shown.get(term) ?? { term, searches: 0, empty: 0 };
      row.searches += r.searches;
      row.empty += r.empty;
      shown.set(term, row);
    }
    return [...shown.values()];
  }

  return {
    enabled: deps.enabled,

    /** Counts one event; in memory only (alike events of a second as one with their number), written at the next flush. Never waits. */
    record(event: StatsEvent): void {
      if (!deps.enabled) return;
      const now = clock();
      const t = now.getTime();
      let visitor: string | null = null;
      let identity = event.identity;
      let day: string | null = null;
      if (identity !== null) {
        if (today && today.from <= t && t < today.to) {
          visitor = today.hashes.get(identity) ?? null;
          if (visitor === null) {
            visitor = hmac(today.key, identity);
            today.hashes.set(identity, visitor);
          }
          identity = null;
        } else {
          day = dayOf(now);
          warm(now);
        }
      }
      // The second's text is made once per second, not per event.
      const second = t - (t % 1000);
      if (second !== lastSecond) {
        lastSecond = second;
        lastSecondIso = secondsIso(now);
      }
      const row: Pending = {
        at: lastSecondIso,
        kind: event.kind,
        page: event.page,
        dataset_id: event.datasetId ?? '',
        caller: event.caller ?? '',
        term: event.term ?? null,
        results: event.results ?? null,
        referrer: event.referrer ?? null,
        visitor,
        n: 1,
        identity,
        day,
      };
      addOne(row);
      schedule();
    },

    /** Writes what was counted, in multi-row inserts; one flush at a time in this process. */
    flush,

    /**
     * Recomputes, from the raw events, the hours and days that have them (those that began within the last two days): absolute values, so running it twice, or in two processes, writes the same rows. Days that ended are
     * finished: their visitors and terms counted a last time, their hashes cleared, their key deleted. Raw events older
     * than seven days are deleted.
     */
    async rollup(now: Date = clock()): Promise<void> {
      const since = new Date(Math.ceil((now.getTime() - recomputeMs) / hourMs) * hourMs);
      const sinceIso = since.toISOString();

      const fresh = await store.hourlyCounts(sinceIso);
      const existing = await store.existingHourly(sinceIso.slice(0, 13));
      await store.upsertHourly(fresh.filter((r) => existing.get([r.hour, r.kind, r.page, r.dataset_id, r.caller].join('\u0000')) !== r.count));

      const days = new Set<string>();
      for (const hour of await store.eventHours(sinceIso)) {
        const start = new Date(`${hour}:00:00.000Z`);
        days.add(dayOf(start));
        days.add(dayOf(new Date(start.getTime() + hourMs - 1)));
      }
      for (const day of [...days].sort()) {
        const { from, to } = bounds(day);
        if (from.getTime() < since.getTime()) continue;
        const range = [from.toISOString(), to.toISOString()] as const;
        await store.upsertDaily(day, await store.countsBetween(...range));
        await store.upsertReferrers(day, await store.referrersBetween(...range));
        const done = now.getTime() >= to.getTime() + finishMs;
        const { visitors, hashed } = await store.visitorsBetween(...range);
        // A finished day without hashes was finished before: its visitors and terms were counted then.
        if (done && hashed === 0) continue;
        await store.upsertVisitors(day, visitors);
        await store.upsertTerms(day, anonymousTerms(await store.termsBetween(...range)));
        if (done) await store.clearVisitors(range[1]);
      }
      // The keys of finished days (all counted above), and any key older than 47 hours, are destroyed.
      const todayStart = bounds(dayOf(now)).from.getTime();
      const yesterday = dayOf(new Date(todayStart - 1));
      const lastFinished = now.getTime() >= todayStart + finishMs ? yesterday : dayOf(new Date(bounds(yesterday).from.getTime() - 1));
      await store.deleteKeys(lastFinished, new Date(now.getTime() - keyLifeMs).toISOString());
      await store.deleteEventsBefore(new Date(now.getTime() - keepRawMs).toISOString());
    },

    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
      keys.clear();
      today = null;
    },
  };
}
