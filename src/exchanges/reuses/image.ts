// A reuse's image: recognised by its first bytes (PNG, JPEG, WebP), never by its name or the type the browser sent.
import { open } from 'node:fs/promises';
import type { ImageType } from './types.ts';

/** The largest image accepted. */
export const maxImageBytes = 2 * 1024 * 1024;

/** The type the file's first bytes say, or null for anything else (SVG, HTML, a PNG name on other bytes). */
export async function imageTypeOf(path: string): Promise<ImageType | null> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await file.read(head, 0, 12, 0);
    const b = head.subarray(0, bytesRead);
    if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
    if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
    if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
    return null;
  } finally {
    await file.close();
  }
}
