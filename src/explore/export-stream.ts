// Streams an export: one engine connection, batches of preformatted rows, backpressure, cancel on disconnect.
import { PassThrough, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Engine } from '../engine/duckdb.ts';

export interface ExportPlan {
  /** A query whose rows have one VARCHAR column: the formatted record. */
  sql: string;
  params: (string | number | boolean | null)[];
  head: string;
  separator: string;
  tail: string;
  /** What closes an export without rows, where it differs from `tail`. */
  emptyTail?: string;
  timeZone: string;
  /** Turns each row's text into the output's, where SQL alone cannot (KML, GPX). */
  rewrite?: (line: string) => string;
}

/** Waits for room in the stream, or for its end; leaves no listener behind either way. */
function drainedOrClosed(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** An export as chunks: what comes first, what each batch of rows becomes, and what closes it. */
export interface ChunkPlan {
  sql: string;
  params: (string | number | boolean | null)[];
  timeZone: string;
  head: string | Uint8Array;
  /** A batch of rows as output; empty when the batch adds nothing. `first` is true until something was written. */
  encode: (rows: unknown[][], first: boolean) => string | Uint8Array;
  tail: (empty: boolean) => string | Uint8Array;
}

/** Starts writing at once and returns the stream; an engine error after the first byte ends it early. */
export function streamChunks(engine: Engine, plan: ChunkPlan, options: { compressed: boolean; log: (error: Error) => void }): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  let closed = false;
  out.on('close', () => {
    closed = true;
  });
  void engine
    .withConnection(async (connection) => {
      // A client that goes away stops the query too.
      const stop = () => connection.interrupt();
      out.once('close', stop);
      try {
        const result = await connection.stream(plan.sql, plan.params);
        out.write(plan.head);
        let first = true;
        for await (const rows of result.yieldRows()) {
          if (closed) break;
          const chunk = plan.encode(rows, first);
          if (chunk.length === 0) continue;
          first = false;
          if (!out.write(chunk)) await drainedOrClosed(out);
        }
        if (!closed) out.end(plan.tail(first));
      } finally {
        out.off('close', stop);
      }
    }, plan.timeZone)
    .catch((error: Error) => {
      if (!closed) {
        options.log(error);
        out.destroy(error);
      }
    });
  return gzipped(out, options.compressed);
}

/** Text exports: one formatted line a row, joined by the plan's separator. */
export function streamExport(engine: Engine, plan: ExportPlan, options: { compressed: boolean; log: (error: Error) => void }): Readable {
  return streamChunks(
    engine,
    {
      sql: plan.sql,
      params: plan.params,
      timeZone: plan.timeZone,
      head: plan.head,
      encode: (rows, first) => {
        const lines = rows.map((r) => r[0] as string);
        const text = (plan.rewrite ? lines.map(plan.rewrite).filter((l) => l !== '') : lines).join(plan.separator);
        return text === '' || first ? text : plan.separator + text;
      },
      tail: (empty) => (empty ? (plan.emptyTail ?? plan.tail) : plan.tail),
    },
    options,
  );
}

/** compressed=true: the body itself is gzip (a .gz file), not a transfer encoding. */
export function gzipped(stream: Readable, compressed: boolean): Readable {
  if (!compressed) return stream;
  const gzip = createGzip();
  stream.pipe(gzip);
  gzip.on('close', () => stream.destroy());
  return gzip;
}
