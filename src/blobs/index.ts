// The blob store: immutable files (dataset versions, their sources, attachments) under the data directory.
import { mkdirSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';

export interface BlobStore {
  /** A local path where the engine can read the blob. */
  pathOf(key: string): string;
  /** A fresh path on the same file system, for writing a blob before it is committed. */
  tempPath(extension: string): string;
  /** Moves a finished temp file under its key atomically; readers never see half a file. */
  commit(tempPath: string, key: string): Promise<number>;
  remove(key: string): Promise<void>;
  discard(tempPath: string): Promise<void>;
  /**
   * Removes what killed imports and exports left in the temp area (the engine's spill folder included): files
   * untouched for `olderThanMs`. Younger files may belong to work of this or another process on the same data
   * directory. Returns the files and bytes removed.
   */
  sweepTemp(olderThanMs: number, now?: Date): Promise<{ files: number; bytes: number }>;
}

/** Files under `dir` (recursively) last written before `before`, removed; folders stay (the engine spills into one). */
async function sweepOlder(dir: string, before: number): Promise<{ files: number; bytes: number }> {
  const swept = { files: 0, bytes: 0 };
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await sweepOlder(path, before);
      swept.files += inner.files;
      swept.bytes += inner.bytes;
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (!info || info.mtimeMs >= before) continue;
    await rm(path, { force: true });
    swept.files++;
    swept.bytes += info.size;
  }
  return swept;
}

const keyPattern = /^[a-z0-9][a-z0-9_.\/-]*$/;

export function createFileBlobStore(root: string): BlobStore {
  const base = resolve(root, 'blobs');
  const tmp = resolve(root, 'tmp');
  mkdirSync(base, { recursive: true });
  mkdirSync(tmp, { recursive: true });

  function pathOf(key: string): string {
    const path = resolve(base, key);
    if (!keyPattern.test(key) || key.includes('..') || !path.startsWith(base + sep)) {
      throw new Error(`Not a blob key: ${key}`);
    }
    return path;
  }

  return {
    pathOf,
    tempPath: (extension) => join(tmp, `${randomUUID()}${extension}`),
    async commit(tempPath, key) {
      const target = pathOf(key);
      mkdirSync(dirname(target), { recursive: true });
      await rename(tempPath, target);
      return (await stat(target)).size;
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async discard(tempPath) {
      if (!resolve(tempPath).startsWith(tmp + sep)) return;
      await rm(tempPath, { force: true });
    },
    sweepTemp: (olderThanMs, now = new Date()) => sweepOlder(tmp, now.getTime() - olderThanMs),
  };
}

/**
 * How old a temp file must be before a sweep takes it as left over. An export holds its files at most its time
 * limit; an import has no limit, but writes its files as it goes and reads them within minutes (a 10 GiB CSV
 * takes a few), so six hours without a write leaves a wide margin for another process on the same data directory.
 */
export function staleTempAfterMs(exportTimeoutMs: number): number {
  return Math.max(6 * 3_600_000, 2 * exportTimeoutMs);
}

const sweepEveryMs = 3_600_000;

/** Sweeps the temp area now and every hour after; `stop` clears the timer (the portal's close). */
export async function startTempSweeps(blobs: BlobStore, olderThanMs: number) {
  const sweep = () => blobs.sweepTemp(olderThanMs);
  await sweep();
  const timer = setInterval(() => void sweep().catch(() => {}), sweepEveryMs);
  // The sweep is housekeeping: it never keeps a command that is otherwise done from exiting.
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
