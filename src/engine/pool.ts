// Admission to the records engine for requests: a lane each for light and heavy queries, first come first served.
import { DomainError } from '../errors.ts';

/**
 * `light`: a page of records, a count, a plain filter. `heavy`: a search, a function, an aggregate, a group or a sort
 * (odsql/limits.ts decides). Internal work (imports, attaching a version) passes no lane and is never refused.
 */
export type Lane = 'light' | 'heavy';

/** Every slot of a lane taken and its queue full, or a request waited too long: answered 503 with Retry-After. */
export class EngineBusy extends DomainError {
  /** Seconds after which a retry has a fair chance. */
  override readonly retryAfter: number;
  constructor(retryAfter: number) {
    // 503, not 429: the server is busy, whoever asks; the caller did nothing too often.
    super('too_many', `The records engine is busy with other queries; try again in ${retryAfter} s.`, undefined, 503);
    this.retryAfter = retryAfter;
  }
}

interface LaneLimits {
  /** Queries of the lane that run at once. */
  slots: number;
  /** Queries that may wait for a slot; one more is refused at once. */
  queue: number;
  /** Longest wait for a slot before the request is refused. */
  waitMs: number;
}

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * At most `slots` holders at once and `queue` waiting in arrival order. A slot passes straight from the holder that
 * leaves to the first waiter, so a newcomer never overtakes the queue.
 */
export class Gate {
  private held = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: LaneLimits) {}

  /** Resolves with the function that gives the slot back (once), or rejects with EngineBusy. */
  async enter(): Promise<() => void> {
    if (this.held < this.limits.slots && this.waiting.length === 0) {
      this.held++;
      return this.leaver();
    }
    if (this.waiting.length >= this.limits.queue) throw this.busy();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(this.busy());
        }, this.limits.waitMs),
      };
      this.waiting.push(waiter);
    });
    return this.leaver();
  }

  /** Slots in use and requests waiting, for tests and the benchmark. */
  get load(): { held: number; waiting: number } {
    return { held: this.held, waiting: this.waiting.length };
  }

  private busy(): EngineBusy {
    return new EngineBusy(Math.max(1, Math.ceil(this.limits.waitMs / 1000)));
  }

  private leaver(): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (!next) {
        this.held--;
        return;
      }
      clearTimeout(next.timer);
      next.admit();
    };
  }
}

/**
 * The lanes for an engine of `threads` threads. Heavy queries get one slot fewer than there are threads (at least
 * one), so light ones always find a thread between two morsels of theirs; light ones get twice the threads, as they
 * finish in milliseconds. Each lane waits at most one query's time limit; the heavy queue holds a burst of a few
 * visitors' charts and groups (sixteen at two threads: a queue of four refused the sixth of six charts opened at once),
 * and past it a request is refused at once rather than left to wait for nothing.
 */
export function laneLimits(threads: number, queryTimeoutMs: number): Record<Lane, LaneLimits> {
  const heavy = Math.max(1, threads - 1);
  const light = 2 * threads + 2;
  return {
    heavy: { slots: heavy, queue: 8 * heavy + 8, waitMs: queryTimeoutMs },
    light: { slots: light, queue: 4 * light, waitMs: queryTimeoutMs },
  };
}
