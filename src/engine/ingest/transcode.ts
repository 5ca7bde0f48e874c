// Rewrites a Windows-1252 file as UTF-8, streaming, so DuckDB only ever reads UTF-8.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Windows-1252 is Latin-1 except for 0x80–0x9F (WHATWG index-windows-1252). We do not use
// TextDecoder('windows-1252'): Node 20.18.3 and later decode it as Latin-1 outside stream mode
// (nodejs/node#60888), turning € into U+0080, and small-ICU builds lack the converter altogether.
const C1_BLOCK = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];
const CODE_UNITS = Uint16Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x80 && byte < 0xa0 ? C1_BLOCK[byte - 0x80] : byte,
);
// String.fromCharCode takes its code units as arguments; this keeps the argument list well under engine limits.
const SLICE = 8192;

/** Decodes Windows-1252 bytes; every byte maps to exactly one character, so chunks can be decoded independently. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = CODE_UNITS[bytes[i]];
  let text = '';
  for (let start = 0; start < units.length; start += SLICE) {
    text += String.fromCharCode(...units.subarray(start, start + SLICE));
  }
  return text;
}

/** Writes `src`, read as `encoding`, to `dest` as UTF-8 without a BOM, in constant memory. */
export async function transcodeToUtf8(src: string, dest: string, encoding: 'windows-1252'): Promise<void> {
  if (encoding !== 'windows-1252') throw new Error(`cannot transcode from ${String(encoding)}`);
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decodeWindows1252(chunk), 'utf8'));
    },
  });
  await pipeline(createReadStream(src), toUtf8, createWriteStream(dest));
}
