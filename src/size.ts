// Sizes as the settings take them (`512MB`, `2GiB`): config.ts checks them with this, the engine divides them. A bottom module.
const units: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** Bytes in a size: decimal units are powers of 1000, as in DuckDB, binary ones powers of 1024. Throws on anything else. */
export function sizeBytes(size: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B)$/i.exec(size);
  if (!match) throw new Error(`Not a size: ${size}`);
  return Number(match[1]) * units[match[2].toLowerCase()];
}
