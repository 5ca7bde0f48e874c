// /favicon.ico: the portal's icon (the drawing of assets/favicon.svg) as a 32×32 PNG inside an ICO, drawn here at start-up
// so that no binary file and no image package is needed.
import { deflateSync } from 'node:zlib';

const size = 32;
const samples = 4; // per pixel and axis: smooth edges
const background = [0x00, 0x55, 0x7f] as const;
const ring = [0xff, 0xd2, 0x00] as const;

/** The colour at a point of the 32-unit square, or null outside it: a rounded square (radius 6) with a ring (r 9, width 4). */
function colourAt(x: number, y: number): readonly number[] | null {
  const r = 6;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const d = Math.hypot(x - 16, y - 16);
  return d >= 7 && d <= 11 ? ring : background;
}

function pixels(): Buffer {
  // Each PNG row starts with its filter type (0, none), then RGBA.
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 1;
        }
      }
      const at = row + 1 + x * 4;
      for (let c = 0; c < 3; c++) rows[at + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      rows[at + 3] = Math.round((sum[3] / (samples * samples)) * 255);
    }
  }
  return rows;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels())), chunk('IEND', Buffer.alloc(0))]);
}

/** An ICO file holding one 32×32 PNG image (ICO allows PNG images since Windows Vista; every current browser reads it). */
export function faviconIco(): Buffer {
  const image = png();
  const directory = Buffer.alloc(6 + 16);
  directory.writeUInt16LE(0, 0); // reserved
  directory.writeUInt16LE(1, 2); // type: icon
  directory.writeUInt16LE(1, 4); // one image
  directory.writeUInt8(size, 6);
  directory.writeUInt8(size, 7);
  directory.writeUInt8(0, 8); // no palette
  directory.writeUInt8(0, 9);
  directory.writeUInt16LE(1, 10); // colour planes
  directory.writeUInt16LE(32, 12); // bits per pixel
  directory.writeUInt32LE(image.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, image]);
}
