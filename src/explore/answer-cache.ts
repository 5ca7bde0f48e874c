// Answers cached by version (issue 19). A version's file never changes, so an answer of records, facets or one record is
// a pure function of the version, the dataset's description (fields, labels), the normalised query and the language and
// time zone it names. Such an answer gets a strong ETag computed from those (the same in every process), is answered 304
// when the client already has it, and is kept in a bounded in-process cache (least recently used goes first). A query
// that reads the clock (`now()`) is no pure function: it is neither tagged nor cached.
import { createHash } from 'node:crypto';
import type { Dataset } from '../catalog/types.ts';

/** What an answer depends on besides its query: the version read and the dataset's description. */
export interface VersionAt {
  dataset: Dataset;
  /** The version's Parquet file; null for a dataset without data. */
  path: string | null;
  /** When the version was made current (null for none, or one staged). */
  publishedAt: string | null;
  /** A digest of the version's id and the dataset's description: changes whenever an answer may. */
  stamp: string;
}

export function versionStamp(versionId: string | null, dataset: Dataset): string {
  return createHash('sha256')
    .update(`${versionId ?? '-'}\n${dataset.visibility}\n${dataset.modifiedAt}\n`)
    .update(JSON.stringify(dataset.fields))
    .digest('base64url')
    .slice(0, 22);
}

type Query = Record<string, unknown>;

/** Parameters that say who asks, not what: never part of a tag (an API key is no part of an answer). */
const notOfTheAnswer = new Set(['apikey']);

/** Whether the query reads the clock: `now(…)` anywhere in a parameter. */
export function readsClock(query: object): boolean {
  return Object.values(query).some((value) => (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && /\bnow\s*\(/i.test(v)));
}

/**
 * The strong ETag of an answer: the route, the version stamp and the query's parameters in a fixed order (repeated
 * parameters keep their order, which can matter). Null when the answer is not a pure function of them.
 */
export function answerTag(route: string, stamp: string, query: Query): string | null {
  if (readsClock(query)) return null;
  const entries = Object.keys(query)
    .filter((k) => !notOfTheAnswer.has(k.toLowerCase()) && query[k] !== undefined)
    .sort()
    .map((k) => [k, query[k]]);
  return `"${createHash('sha256').update(`${route}\n${stamp}\n${JSON.stringify(entries)}`).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match against a tag, by weak comparison as RFC 9110 asks for this header; `*` matches any. */
export function clientHas(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const t = candidate.trim();
    return t === '*' || t.replace(/^W\//, '') === tag;
  });
}

/** Freezes an answer kept in the cache, so that no caller changes what the next one is given. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type AnswerCache = ReturnType<typeof createAnswerCache>;

/**
 * A bounded cache of answers by key, least recently used out first; concurrent misses of one key compute once. Failures
 * are not kept. `maxBytes` 0 turns keeping off (the single flight stays).
 */
export function createAnswerCache(maxBytes: number) {
  const entries = new Map<string, { value: unknown; bytes: number }>();
  const computing = new Map<string, Promise<unknown>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  function keep(key: string, value: unknown): void {
    // The size of what the answer would be on the wire: close enough to what it holds in memory, and bounded.
    const size = (JSON.stringify(value)?.length ?? 0) + key.length;
    if (size > maxBytes / 8) return;
    entries.set(key, { value, bytes: size });
    bytes += size;
    for (const [oldest, entry] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.bytes;
    }
  }

  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const held = entries.get(key);
      if (held) {
        hits++;
        // Most recently used goes to the end of the order.
        entries.delete(key);
        entries.set(key, held);
        return held.value as T;
      }
      const running = computing.get(key);
      if (running) {
        hits++;
        return running as Promise<T>;
      }
      misses++;
      const promise = compute().then((value) => {
        deepFreeze(value);
        keep(key, value);
        return value;
      });
      computing.set(key, promise);
      try {
        return await promise;
      } finally {
        computing.delete(key);
      }
    },

    /** Hits, misses, entries and bytes held since start: for the metrics. */
    stats() {
      return { hits, misses, entries: entries.size, bytes };
    },
  };
}
