// File helpers for adapters: safe names for the engine, and format detection.
import { link, symlink } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Gives the file a name the importer chose (hard link, else symlink) without copying its bytes. */
export async function linkedCopy(path: string, target: string): Promise<string> {
  try {
    await link(path, target);
  } catch {
    await symlink(resolve(path), target);
  }
  return target;
}
