// Limits on exports: how many run at once (per client and per server), how long one may take, and how much temp disk
// the exports that need whole files may hold. One limiter per server process; one run per export.
import { createHmac, randomBytes } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Engine } from '../engine/duckdb.ts';
import { ClientGone, ExportsBusy, QueryTimeout } from './errors.ts';

interface ExportLimits {
  /** Longest an export may take from its start to its last byte. */
  timeoutMs: number;
  /** Exports one client (API key's account, signed-in account or address) may run at once. */
  perClient: number;
  /** Exports the server runs at once. */
  perServer: number;
  /** How long an export waits for a free slot before it is refused. */
  queueMs: number;
  /** Bytes of temp files the exports that need a whole file (Parquet, shapefile) may hold together. */
  tempBytes: number;
}

/**
 * A client that has taken nothing of its export for this long is cut off, so that a reader that stopped frees its
 * slot and connection before the time limit. Time without progress alone would not do: a client that takes one
 * byte a minute is never idle, so the time limit stays the bound.
 */
const maxStallMs = 60_000;

/** Why a run was stopped: the time limit, a client that stopped reading or left, or the temp space. */
type StopReason = 'timeout' | 'stalled' | 'gone' | 'temp';

/** One export under the limits: stops its engine work when stopped, and counts its temp bytes against the server's. */
export interface ExportRun {
  readonly signal: AbortSignal;
  /** Logs an error that ended an export after its first byte (the client then sees a cut-off body). */
  log(error: Error): void;
  /** Work on a connection of the engine's export instance; it is interrupted when the run is stopped. */
  scan<T>(engine: Engine, work: (connection: DuckDBConnection) => Promise<T>, timeZone: string): Promise<T>;
  /** Counts `bytes` more of temp files; when the server's budget is spent the run stops and this throws. */
  claimTemp(bytes: number): void;
  /** Gives back what a removed temp file claimed, before the run ends. */
  releaseTemp(bytes: number): void;
}

/** The error a run stopped for, as the client should hear it. */
function stopError(reason: StopReason, limits: ExportLimits): Error {
  switch (reason) {
    case 'timeout':
      return new QueryTimeout(`The export took longer than ${limits.timeoutMs / 1000} s and was stopped; narrow it with where or select, or export a smaller format.`);
    case 'stalled':
      return new ClientGone();
    case 'gone':
      return new ClientGone();
    case 'temp':
      return new ExportsBusy('server', retryAfterSeconds(limits), 'The server has no room for another export file right now; try again later, or export csv, json or geojson, which need none.');
  }
}

function retryAfterSeconds(limits: ExportLimits): number {
  return Math.max(1, Math.ceil(limits.queueMs / 1000));
}

/** The HTTP response an export is written to: its buffer says whether the client is reading. */
type Response = NodeJS.EventEmitter & { readonly writableNeedDrain: boolean; readonly destroyed: boolean };

interface Waiter {
  client: string;
  start: () => void;
}

export function createExportLimiter(limits: ExportLimits) {
  const running = new Map<string, number>();
  let active = 0;
  let tempUsed = 0;
  const waiting: Waiter[] = [];
  // Addresses are held only as keyed digests under a secret that dies with the process.
  const secret = randomBytes(32);

  const hasRoom = (client: string) => active < limits.perServer && (running.get(client) ?? 0) < limits.perClient;

  function take(client: string): void {
    active++;
    running.set(client, (running.get(client) ?? 0) + 1);
  }

  function give(client: string): void {
    active--;
    const left = (running.get(client) ?? 1) - 1;
    if (left === 0) running.delete(client);
    else running.set(client, left);
    // First come, first served, among those whose client has room.
    for (let i = 0; i < waiting.length && active < limits.perServer; ) {
      if (!hasRoom(waiting[i].client)) {
        i++;
        continue;
      }
      const [next] = waiting.splice(i, 1);
      take(next.client);
      next.start();
    }
  }

  /** Waits for a slot up to the queue time; refuses with 429 when the client's own exports fill its share, else 503. */
  function slot(client: string): Promise<void> {
    if (hasRoom(client)) {
      take(client);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        client,
        start: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        const own = (running.get(client) ?? 0) >= limits.perClient;
        reject(
          own
            ? new ExportsBusy('client', retryAfterSeconds(limits), `You are running ${limits.perClient} export(s) already, the most one client may run at once; wait for one to finish.`)
            : new ExportsBusy('server', retryAfterSeconds(limits), `The server is running ${limits.perServer} exports already, the most it runs at once; try again shortly.`),
        );
      }, limits.queueMs);
      waiting.push(waiter);
    });
  }

  return {
    /** Who a request is, for the per-client cap: an account id, else the address as a keyed digest. */
    clientKey(caller: { accountId: string | null; address: string }): string {
      return caller.accountId !== null ? `u:${caller.accountId}` : `a:${createHmac('sha256', secret).update(caller.address).digest('base64url')}`;
    },

    /** Exports running now and temp bytes held, for tests and the operator. */
    usage: () => ({ active, waiting: waiting.length, tempBytes: tempUsed }),

    /**
     * Takes a slot (or refuses) and starts the time limit. The slot is given back by `finish` (or `watch`'s end),
     * and only once every piece of engine work of the run has ended: a free slot means a free connection. A client
     * that leaves, even before the first byte, stops the run.
     */
    async start(client: string, response: Response, log: (error: Error) => void) {
      await slot(client);
      const controller = new AbortController();
      const work = new Set<Promise<unknown>>();
      let claimed = 0;
      let finished = false;
      const stop = (reason: StopReason) => {
        if (!controller.signal.aborted) controller.abort(reason);
      };
      const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
      // A client may have left while it waited for the slot; its 'close' has then been and gone.
      if (response.destroyed) stop('gone');
      else response.once('close', () => stop('gone'));
      const reasonOf = () => controller.signal.reason as StopReason;

      const run: ExportRun = {
        signal: controller.signal,
        log(error) {
          // A run stopped on purpose ends with an interrupt, which is no failure worth a log line.
          if (!controller.signal.aborted) log(error);
        },
        scan(engine, job, timeZone) {
          const done = engine.withScanConnection(async (connection) => {
            const interrupt = () => connection.interrupt();
            if (controller.signal.aborted) throw stopError(reasonOf(), limits);
            controller.signal.addEventListener('abort', interrupt);
            try {
              return await job(connection);
            } catch (error) {
              throw controller.signal.aborted ? stopError(reasonOf(), limits) : error;
            } finally {
              controller.signal.removeEventListener('abort', interrupt);
            }
          }, timeZone);
          work.add(done);
          const forget = () => void work.delete(done);
          done.then(forget, forget);
          return done;
        },
        claimTemp(bytes) {
          if (bytes <= 0) return;
          if (tempUsed + bytes > limits.tempBytes) {
            stop('temp');
            throw stopError('temp', limits);
          }
          tempUsed += bytes;
          claimed += bytes;
        },
        releaseTemp(bytes) {
          const released = Math.min(Math.max(0, bytes), claimed);
          tempUsed -= released;
          claimed -= released;
        },
      };

      /** Gives the slot and the temp bytes back once the run's engine work has ended. */
      async function finish(): Promise<void> {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        stop('gone');
        while (work.size > 0) await Promise.allSettled([...work]);
        tempUsed -= claimed;
        claimed = 0;
        give(client);
      }

      /**
       * The body as sent: the run stops when the time limit passes or the client has taken nothing for a while,
       * and finishes when the body ends or is torn down. `started` settles at the first byte (or the end), or
       * fails with what failed before it, so that such a failure can still be answered with a status.
       */
      function watch(body: Readable): { stream: Readable; started: Promise<void> } {
        let begin: () => void = () => {};
        let fail: (error: Error) => void = () => {};
        const started = new Promise<void>((resolve, reject) => {
          begin = resolve;
          fail = reject;
        });
        const stallMs = Math.min(maxStallMs, limits.timeoutMs);
        // Since when the response's buffer has been full without draining once (a client taking bytes drains it).
        let waitingSince: number | null = null;
        const drained = () => (waitingSince = null);
        response.on('drain', drained);
        const stall = setInterval(() => {
          if (!response.writableNeedDrain) waitingSince = null;
          else if (waitingSince === null) waitingSince = Date.now();
          else if (Date.now() - waitingSince >= stallMs) stop('stalled');
        }, Math.max(10, Math.floor(stallMs / 4)));
        const sent = new Transform({
          transform(chunk, _encoding, callback) {
            begin();
            callback(null, chunk);
          },
          flush(callback) {
            begin();
            callback();
          },
        });
        const onStop = () => {
          const error = stopError(reasonOf(), limits);
          body.destroy(error);
          sent.destroy(error);
        };
        controller.signal.addEventListener('abort', onStop, { once: true });
        pipeline(body, sent, (error) => {
          if (error) fail(error);
          clearInterval(stall);
          response.off('drain', drained);
          controller.signal.removeEventListener('abort', onStop);
          void finish();
        });
        return { stream: sent, started };
      }

      return { run, finish, watch };
    },
  };
}
