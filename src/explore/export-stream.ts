// Streams an export: the head, the rows the engine formats, the tail; backpressure, cancel on disconnect.
import { PassThrough, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Engine } from '../engine/duckdb.ts';
import { copyRows } from './export-copy.ts';

export interface ExportPlan {
  /** A query whose VARCHAR columns are the output: one formatted record per row (`line`), or CSV cells. */
  sql: string;
  params: (string | number | boolean | null)[];
  /** What joins the columns of a row (CSV cells); one-column queries need none. */
  delimiter?: string;
  head: string;
  separator: string;
  tail: string;
  /** What closes an export without rows, where it differs from `tail`. */
  emptyTail?: string;
  timeZone: string;
  /** Turns each row's text into the output's, where SQL alone cannot (KML, GPX). */
  rewrite?: (line: string) => string;
}

/** Where the rows go: waits for room, and knows when the client has gone. */
export interface ExportSink {
  readonly closed: boolean;
  write(chunk: string | Buffer): Promise<void>;
  /** Calls `listener` once the client has gone; returns what removes it. */
  onClose(listener: () => void): () => void;
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
    .withScanConnection(async (connection) => {
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

/** Rows a JavaScript rewrite must touch, read from the engine in batches; resolves to whether there were any. */
async function streamRows(engine: Engine, plan: ExportPlan, sink: ExportSink): Promise<boolean> {
  return engine.withScanConnection(async (connection) => {
    // A client that goes away stops the query too.
    const detach = sink.onClose(() => connection.interrupt());
    try {
      const result = await connection.stream(plan.sql, plan.params);
      await sink.write(plan.head);
      let first = true;
      for await (const rows of result.yieldRows()) {
        if (sink.closed) break;
        const lines = rows.map((r) => r[0] as string);
        const text = (plan.rewrite ? lines.map(plan.rewrite).filter((l) => l !== '') : lines).join(plan.separator);
        if (text === '') continue;
        await sink.write(first ? text : plan.separator + text);
        first = false;
      }
      return !first;
    } finally {
      detach();
    }
  }, plan.timeZone);
}

/**
 * Starts writing at once and returns the stream; an engine error after the first byte ends it early.
 * Formats SQL writes alone go through the engine's file writer (export-copy.ts), the rest row by row.
 */
export function streamExport(
  engine: Engine,
  plan: ExportPlan,
  options: { compressed: boolean; log: (error: Error) => void; tempPath: () => string },
): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  let closed = false;
  out.on('close', () => {
    closed = true;
  });
  const sink: ExportSink = {
    get closed() {
      return closed;
    },
    async write(chunk) {
      if (!closed && !out.write(chunk)) await drainedOrClosed(out);
    },
    onClose(listener) {
      if (closed) listener();
      else out.once('close', listener);
      return () => out.off('close', listener);
    },
  };
  const body = plan.rewrite || !plan.separator.endsWith('\n') ? streamRows(engine, plan, sink) : copyRows(engine, plan, sink, options.tempPath());
  body.then(
    (anyRows) => {
      if (!closed) out.end(anyRows ? plan.tail : (plan.emptyTail ?? plan.tail));
    },
    (error: Error) => {
      if (!closed) {
        options.log(error);
        out.destroy(error);
      }
    },
  );
  return gzipped(out, options.compressed);
}

/** compressed=true: the body itself is gzip (a .gz file), not a transfer encoding. */
export function gzipped(stream: Readable, compressed: boolean): Readable {
  if (!compressed) return stream;
  const gzip = createGzip();
  stream.pipe(gzip);
  gzip.on('close', () => stream.destroy());
  return gzip;
}
