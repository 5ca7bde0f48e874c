// Streams an export: the head, the rows the engine formats, the tail; as fast as the client reads, no temp file.
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Engine } from '../engine/duckdb.ts';
import type { ExportRun } from './export-limits.ts';

export interface ExportPlan {
  /** A query with one VARCHAR column: one formatted record (a line, a JSON object, a CSV row) per row. */
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
  /** A query with one VARCHAR column: one formatted record per row. */
  sql: string;
  params: (string | number | boolean | null)[];
  timeZone: string;
  head: string | Uint8Array;
  /** A batch of rows (their one column) as output; empty when it adds nothing. `first` is true until something was written. */
  encode: (lines: string[], first: boolean) => string | Uint8Array;
  tail: (empty: boolean) => string | Uint8Array;
}

/**
 * Returns the stream at once and fills it as the client reads: the engine's streaming result is pulled one batch
 * at a time, and the next batch waits until the client has taken the last (no temp file: ten slow clients once
 * made the server write 1.5 GB of them for 17 MB sent). Pulling the rows into JavaScript costs about twice the
 * engine's own file writer on a fast client (docs/limits.md), which no real network outruns. The head waits for
 * the first batch, so that an engine error before it is still answered with a status; an error after the first
 * byte cuts the body short. The run stops the query at its time limit or when the client leaves.
 */
export function streamChunks(engine: Engine, plan: ChunkPlan, options: { compressed: boolean; run: ExportRun }): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  options.run
    .scan(
      engine,
      async (connection) => {
        const result = await connection.stream(plan.sql, plan.params);
        // One column read straight from each batch: a row array per record would cost a fifth more.
        const batch = async () => {
          const chunk = await result.fetchChunk();
          return chunk && chunk.rowCount > 0 ? (chunk.getColumnValues(0) as string[]) : null;
        };
        let lines = await batch();
        if (out.destroyed) return;
        out.write(plan.head);
        let first = true;
        for (; lines; lines = await batch()) {
          if (out.destroyed) return;
          const chunk = plan.encode(lines, first);
          if (chunk.length === 0) continue;
          first = false;
          if (!out.write(chunk)) await drainedOrClosed(out);
        }
        if (!out.destroyed) out.end(plan.tail(first));
      },
      plan.timeZone,
    )
    .catch((error: Error) => {
      if (out.destroyed) return;
      options.run.log(error);
      out.destroy(error);
    });
  return gzipped(out, options.compressed);
}

/** A line format as chunks: rows joined by the separator (after an optional rewrite), between head and tail. */
export function streamExport(engine: Engine, plan: ExportPlan, options: { compressed: boolean; run: ExportRun }): Readable {
  return streamChunks(
    engine,
    {
      sql: plan.sql,
      params: plan.params,
      timeZone: plan.timeZone,
      head: plan.head,
      encode(lines, first) {
        const text = (plan.rewrite ? lines.map(plan.rewrite).filter((l) => l !== '') : lines).join(plan.separator);
        return text === '' || first ? text : plan.separator + text;
      },
      tail: (empty) => (empty ? (plan.emptyTail ?? plan.tail) : plan.tail),
    },
    options,
  );
}

/** compressed=true: the body itself is gzip (a .gz file), not a transfer encoding. An error on either side ends both. */
export function gzipped(stream: Readable, compressed: boolean): Readable {
  if (!compressed) return stream;
  const gzip = createGzip();
  pipeline(stream, gzip, () => {});
  return gzip;
}
