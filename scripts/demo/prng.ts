// Seeded pseudo-random numbers, so the demo catalog is the same bytes on every run and every machine.

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for demo data; integer arithmetic only, so no platform drift. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label: each dataset draws from its own stream, so changing one leaves the others' bytes alone. */
export function hash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function seeded(label: string): Random {
  return mulberry32(hash(label));
}

export function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** An integer from min to max, both included. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

/** Draws an item with probability proportional to its weight. */
export function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/** A factor around 1, at most `spread` away: multiplicative noise for counts. */
export function jitter(random: Random, spread: number): number {
  return 1 + (random() * 2 - 1) * spread;
}

/** Some distinct items, in their original order. */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
}
