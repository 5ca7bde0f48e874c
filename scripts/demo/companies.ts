// Made-up organisations: names and enterprise numbers (ondernemingsnummers) that pass the KBO check digits.
import { integer, pick, type Random } from './prng.ts';

/**
 * A KBO enterprise number as ten digits without dots, as most exports write it. Older numbers start with 0,
 * newer ones with 1; the last two digits are 97 − (first eight mod 97), so validators accept them.
 */
export function enterpriseNumber(random: Random, newer = false): string {
  const base = (newer ? 10_000_000 : 0) + integer(random, 2_000_000, 9_999_999);
  const check = 97 - (base % 97);
  return `${String(base).padStart(8, '0')}${String(check).padStart(2, '0')}`;
}

/** The same number written with dots, `0412.345.678`, as on letterheads and in the KBO itself. */
export function dotted(number: string): string {
  return `${number.slice(0, 4)}.${number.slice(4, 7)}.${number.slice(7)}`;
}

const placeNames = [
  'De Kouter', 'Het Anker', 'De Brug', 'De Schakel', 'Den Akker', 'De Wissel', 'Het Veer', 'De Linde',
  'De Poort', 'Het Spoor', 'De Sleutel', 'Het Kompas', 'De Vonk', 'De Oever', 'Het Weefsel', 'De Klaproos',
  'Het Molenhuis', 'De Beuk', 'Ter Heide', 'Den Hoek', 'De Meander', 'Het Atelier', 'De Zonnebloem', 'Ter Beke',
];

/** A name such as "Werkplaats De Kouter vzw"; with a municipality, a local name such as "Kringwinkel Lier". */
export function organisationName(random: Random, kinds: readonly string[], forms: readonly string[], municipality?: string): string {
  const kind = pick(random, kinds);
  const place = municipality && random() < 0.5 ? municipality : pick(random, placeNames);
  const form = pick(random, forms);
  return form === '' ? `${kind} ${place}` : `${kind} ${place} ${form}`;
}
