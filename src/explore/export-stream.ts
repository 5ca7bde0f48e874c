// Streams an export: the head, the rows the engine formats, the tail; as fast as the client reads, never the whole file on disk.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Engine } from '../engine/duckdb.ts';
import { literal } from '../engine/sql.ts';
import type { ExportRun } from './export-limits.ts';

interface ExportPlan {
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
interface ChunkPlan {
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
 * made the server write 1.5 GB of them for 17 MB sent). Pulling the rows into JavaScript costs about three times the
 * engine's own file writer on a fast client, so an export that can be cut into parts goes through `streamSegments`
 * instead; this is for the others (sorted, grouped, limited, or rewritten line by line). The head waits for
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

/** A line format read from a Parquet file in file order, without a sort, group or limit: it can be cut into parts. */
interface SegmentedPlan extends Omit<ExportPlan, 'sql' | 'params' | 'rewrite'> {
  /** The Parquet file the rows come from. */
  parquet: string;
  /** The rows' query (one `line` column) over the file's rows [start, end), in file order. */
  segment(start: number, end: number): { sql: string; params: (string | number | boolean | null)[] };
  /** A fresh path in the temp area. */
  tempPath(): string;
}

/**
 * Bytes of output the first part aims at, and the most any part does. Past the first 16 MB a part is twice the one
 * before while the client takes them fast; for a slow client parts stay the size they reached. Each part costs a
 * statement and a look at the file: measured on 10M rows (831 MB of CSV), fixed parts of 4 MB sent 0.8M rows/s and of
 * 64 MB 1.28M; these growing parts 1.27–1.33M; the whole file written first 1.63M; rows pulled into JavaScript 0.42M.
 */
const firstPartBytes = 1 << 20;
const largestPartBytes = 32 << 20;
/** 20 MB/s: a client taking parts faster than this gets larger ones. */
const fastClientBytesPerMs = 20_000;
/**
 * More than the response's buffers and the sockets' take (on loopback, up to ~10 MB) before a client that reads nothing
 * stops the sending: parts stay at their first size until this much was sent, so such a client leaves two of them on
 * disk, a couple of megabytes, however large the file.
 */
const buffersBytes = 16 << 20;
const readSize = 1 << 20;

/** The file's row group boundaries (the first row of each, then the row count), and the bytes of output a row makes. */
async function fileShape(connection: DuckDBConnection, parquet: string): Promise<{ bounds: number[]; rowBytes: number }> {
  const groups = (
    await connection.runAndReadAll(
      `SELECT row_group_id AS id, any_value(row_group_num_rows) AS rows, sum(total_uncompressed_size) AS bytes FROM parquet_metadata(${literal(parquet)}) GROUP BY ALL ORDER BY id`,
    )
  ).getRowObjects();
  const bounds = [0];
  let bytes = 0;
  for (const g of groups) {
    bounds.push(bounds[bounds.length - 1] + Number(g.rows));
    bytes += Number(g.bytes);
  }
  const rows = bounds[bounds.length - 1];
  return { bounds, rowBytes: Math.max(1, bytes / Math.max(1, rows)) };
}

/**
 * The end of the part that starts at `start` and aims at `rows` rows: at a row group's end where the part reaches one,
 * since a row group is read whole for any of its rows (a part across three groups read each of them).
 */
function partEnd(bounds: number[], start: number, rows: number): number {
  const aim = start + rows;
  let end = start;
  for (const b of bounds) if (b > start && b <= aim) end = b;
  return end > start ? end : Math.min(aim, bounds[bounds.length - 1]);
}

/**
 * A line export written by the engine's own file writer, a part at a time: each part is copied to a temp file while
 * the one before goes to the client, and the next waits until the client has taken it. The writer runs at disk
 * speed (pulling rows into JavaScript one by one took three times as long); the disk holds two parts per export at
 * most, however slow the client (ten slow clients once made the server write 1.5 GB for 17 MB sent, when the whole
 * file went to disk first). Parts are row ranges of the Parquet file, whose other row groups the reader skips; a
 * filter that keeps few rows makes the next part cover more rows (at most eight times as many). Every row ends with
 * the separator; the last one is held back and the tail written in its place. Nothing is written before the first
 * part with rows is ready, so an error in it is answered with a status. Parts are counted against the temp budget.
 */
export function streamSegments(engine: Engine, plan: SegmentedPlan, options: { compressed: boolean; run: ExportRun }): Readable {
  const out = new PassThrough({ highWaterMark: readSize });
  const suffix = plan.separator.slice(0, -1);
  const cut = Buffer.byteLength(plan.separator);
  const made = new Set<string>();
  const remove = async (path: string, bytes: number) => {
    made.delete(path);
    await rm(path, { force: true });
    options.run.releaseTemp(bytes);
  };
  options.run
    .scan(
      engine,
      async (connection) => {
        const shape = await fileShape(connection, plan.parquet);
        const bounds = shape.bounds;
        // Bytes of output per row of the file: a filter that keeps few rows makes it small, and parts cover more rows.
        let rowBytes = shape.rowBytes;
        let lastRows = 0;
        const rows = bounds[bounds.length - 1];
        // At most eight times the rows of the part before, so that rows dense after sparse ones stay a part's size.
        const endFor = (start: number, bytes: number) =>
          partEnd(bounds, start, Math.max(128, Math.min(Math.floor(bytes / rowBytes), lastRows > 0 ? lastRows * 8 : Infinity)));
        const copy = async (start: number, end: number): Promise<{ path: string; bytes: number; rows: number }> => {
          const path = plan.tempPath();
          made.add(path);
          const { sql, params } = plan.segment(start, end);
          const lines = suffix === '' ? sql : `SELECT line || ${literal(suffix)} AS line FROM (${sql})`;
          await connection.run(`COPY (${lines}) TO ${literal(path)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', NULLSTR '', USE_TMP_FILE false)`, params);
          const bytes = (await stat(path)).size;
          options.run.claimTemp(bytes);
          return { path, bytes, rows: end - start };
        };
        let held = Buffer.alloc(0);
        let written = false;
        let partBytes = firstPartBytes;
        let sent = 0;
        let end = endFor(0, partBytes);
        let next: Promise<{ path: string; bytes: number; rows: number }> | null = copy(0, end);
        while (next) {
          const part: { path: string; bytes: number; rows: number } = await next;
          next = null;
          rowBytes = Math.max(part.bytes / part.rows, 1e-6);
          lastRows = part.rows;
          if (out.destroyed) {
            await remove(part.path, part.bytes);
            break;
          }
          if (end < rows) {
            // The next part is written while this one is sent: sending reads the file, not the connection.
            const start = end;
            end = endFor(start, partBytes);
            next = copy(start, end);
            // Awaited on the next turn; until then a rejection must not count as unhandled.
            next.catch(() => {});
          }
          const sending = performance.now();
          for await (const chunk of createReadStream(part.path, { highWaterMark: readSize }) as AsyncIterable<Buffer>) {
            if (out.destroyed) break;
            if (!written) {
              out.write(plan.head);
              written = true;
            }
            const body = held.length ? Buffer.concat([held, chunk]) : chunk;
            const keep = Math.min(cut, body.length);
            held = Buffer.from(body.subarray(body.length - keep));
            if (body.length > keep && !out.write(body.subarray(0, body.length - keep))) await drainedOrClosed(out);
          }
          sent += part.bytes;
          // A client that has taken more than its buffers hold, at disk-like speed, gets larger parts; a slow one keeps
          // small parts on disk.
          const fast = part.bytes >= (performance.now() - sending) * fastClientBytesPerMs;
          if (sent >= buffersBytes && fast) partBytes = Math.min(largestPartBytes, partBytes * 2);
          await remove(part.path, part.bytes);
        }
        return written ? plan.tail : plan.head + (plan.emptyTail ?? plan.tail);
      },
      plan.timeZone,
    )
    // Ended once the connection is back, so that a client who has the whole body finds the export's slot free.
    // A client gone mid-part left the loop at the next part, once its writing had ended.
    .then((last) => {
      if (!out.destroyed) out.end(last);
    })
    .catch((error: Error) => {
      if (out.destroyed) return;
      options.run.log(error);
      out.destroy(error);
    })
    .finally(() => Promise.all([...made].map((path) => rm(path, { force: true }))));
  return gzipped(out, options.compressed);
}

/** compressed=true: the body itself is gzip (a .gz file), not a transfer encoding. An error on either side ends both. */
export function gzipped(stream: Readable, compressed: boolean): Readable {
  if (!compressed) return stream;
  const gzip = createGzip();
  pipeline(stream, gzip, () => {});
  return gzip;
}
