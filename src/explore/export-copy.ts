// Exports SQL formats alone: DuckDB writes the rows to a temp file at full speed, Node sends the file as it grows.
import { open, rm, writeFile } from 'node:fs/promises';
import type { Engine } from '../engine/duckdb.ts';
import { literal } from '../engine/sql.ts';
import type { ExportPlan, ExportSink } from './export-stream.ts';

const readSize = 1 << 20;
/** How long to wait for the writer when the reader has caught up with it. */
const idleMs = 5;

/**
 * Why a file rather than rows: handing 10M strings one by one to JavaScript cost more than formatting them,
 * and DuckDB's writer joins, orders and writes in parallel. Why not a pipe: a slow client would then block
 * the engine's worker threads, which every other query shares; the disk takes up the slack instead, and the
 * connection goes back to the pool as soon as the file is written. Each row ends in `separator` (the engine
 * writes its newline, the SQL what comes before it); the last one is cut and the tail written in its place.
 */
export async function copyRows(engine: Engine, plan: ExportPlan, sink: ExportSink, path: string): Promise<boolean> {
  const suffix = plan.separator.slice(0, -1);
  const sql = suffix === '' ? plan.sql : `SELECT line || ${literal(suffix)} FROM (${plan.sql})`;
  // The file exists before the engine writes it (USE_TMP_FILE false keeps the inode), so it can be followed.
  await writeFile(path, '');
  const file = await open(path, 'r');
  const copy = { done: false, error: null as Error | null, wake: () => {} };
  void engine
    .withScanConnection(async (connection) => {
      if (sink.closed) return;
      const detach = sink.onClose(() => connection.interrupt());
      try {
        await connection.run(
          `COPY (${sql}) TO ${literal(path)} (FORMAT csv, HEADER false, DELIMITER ${literal(plan.delimiter ?? ',')}, ` +
            `QUOTE '', ESCAPE '', NULLSTR '', USE_TMP_FILE false)`,
          plan.params,
        );
      } finally {
        detach();
      }
    }, plan.timeZone)
    .then(
      () => (copy.done = true),
      (error: Error) => (copy.error = error),
    )
    .finally(() => copy.wake());

  const cut = Buffer.byteLength(plan.separator);
  let held = Buffer.alloc(0);
  let chunk: Buffer | null = null;
  let position = 0;
  try {
    for (;;) {
      if (sink.closed) return false;
      // Read after looking: once the writer is done, one empty read means everything has been sent.
      const { done, error } = copy;
      if (error) throw error;
      // Hold back the last separator's bytes: only the end knows which one was the last.
      if (!chunk) {
        chunk = Buffer.allocUnsafe(held.length + readSize);
        held.copy(chunk);
      }
      const { bytesRead } = await file.read(chunk, held.length, readSize, position);
      if (bytesRead === 0) {
        if (done) break;
        await new Promise<void>((resolve) => {
          copy.wake = resolve;
          setTimeout(resolve, idleMs);
        });
        continue;
      }
      if (position === 0) await sink.write(plan.head);
      position += bytesRead;
      const end = held.length + bytesRead;
      const keep = Math.min(cut, end);
      held = Buffer.from(chunk.subarray(end - keep, end));
      const body = chunk.subarray(0, end - keep);
      chunk = null; // The sink keeps the bytes it was given; the next read gets a buffer of its own.
      if (body.length > 0) await sink.write(body);
    }
    if (position === 0) await sink.write(plan.head);
    return position > 0;
  } finally {
    await file.close();
    await rm(path, { force: true });
  }
}
