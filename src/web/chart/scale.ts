// Axis arithmetic and number writing: round ticks that cover the data, values as people of the language read them.
import { dateFormat, locales, numberFormat, type Language } from '../../i18n/index.ts';

/** 1, 2 or 5 times a power of ten: steps a reader can add up in their head. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
}

/** Ticks from a round value at or below the data (and zero, unless left out) to one at or above it. */
export function niceTicks(min: number, max: number, target = 5, includeZero = true): { ticks: number[]; low: number; high: number; step: number } {
  let low = includeZero ? Math.min(0, min) : min;
  let high = includeZero ? Math.max(0, max) : max;
  if (!Number.isFinite(low) || !Number.isFinite(high)) [low, high] = [0, 1];
  if (low === high) high = low + 1;
  const step = niceStep((high - low) / target);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; low + i * step <= high + step / 2; i++) ticks.push(Number((low + i * step).toPrecision(12)));
  return { ticks, low, high, step };
}

export interface NumberFormats {
  /** A value in full, for tables, tooltips and labels. */
  full(value: number): string;
  /**
   * The labels of one axis whose ticks are `step` apart: one number of decimals and one unit for all of them
   * (0,5 mln., 1,0 mln., 1,5 mln.; never 500.000 beside 1 mln., nor 1 beside 1,5). Zero is written without the unit.
   */
  axis(ticks: number[], step: number): (value: number) => string;
  percent(share: number): string;
}

/** Millions and billions get their language's abbreviation; thousands are written in full, with grouping. */
const units = [1e9, 1e6];

export function numberFormats(lang: Language): NumberFormats {
  const locale = locales[lang];
  const byDigits = [0, 1, 2, 4].map((digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
  const compact = new Intl.NumberFormat(locale, { notation: 'compact' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  /** What the language writes around a number in units of `unit` (" mln.", "m"), taken from its compact notation. */
  const affixes = (unit: number): [string, string] => {
    const parts = compact.formatToParts(unit);
    const numeric = parts.map((p) => ['integer', 'group', 'decimal', 'fraction'].includes(p.type));
    const [first, last] = [numeric.indexOf(true), numeric.lastIndexOf(true)];
    return [parts.slice(0, first).map((p) => p.value).join(''), parts.slice(last + 1).map((p) => p.value).join('')];
  };
  return {
    full(value) {
      const size = Math.abs(value);
      // Averages come with many decimals; a few say enough, small values keep more.
      return byDigits[size >= 10_000 ? 0 : size >= 100 ? 1 : size >= 1 || size === 0 ? 2 : 3].format(value);
    },
    axis(ticks, step) {
      const largest = Math.max(0, ...ticks.map(Math.abs));
      const unit = units.find((u) => largest >= u) ?? 1;
      // Enough decimals to tell two ticks apart, and as many on every tick.
      const scaled = Math.abs(step) / unit;
      const digits = scaled > 0 && Number.isFinite(scaled) ? Math.min(6, Math.max(0, -Math.floor(Math.log10(scaled) + 1e-9))) : 0;
      const format = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      const [prefix, suffix] = unit === 1 ? ['', ''] : affixes(unit);
      return (value) => (value === 0 ? format.format(0) : `${prefix}${format.format(value / unit)}${suffix}`);
    },
    percent: (share) => percent.format(share),
  };
}

/** Category values written plainly: a year stays 2024, not 2.024. */
export function plainNumber(lang: Language, value: number): string {
  return numberFormat(locales[lang], { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** A month (`2024-03`) or a day (`2024-03-05`) as the language writes it. */
export function periodLabel(lang: Language, value: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  const options: Intl.DateTimeFormatOptions = m[3] ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  return dateFormat(locales[lang], options).format(date);
}
