// The blob store: immutable files (dataset versions, later attachments) under the data directory.
import { mkdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
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
  };
}
