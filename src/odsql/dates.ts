// Date literals and now(): ODSQL's partial and ISO forms, read into text DuckDB casts in the query's time zone.
interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string | null;
}

const pattern =
  /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** `2017`, `2017-04`, `2018/04/01`, `2017-04-03T08:02`, `…Z`, `…+02:00`; null when it is no date. */
export function parseDateLiteral(text: string): DateParts | null {
  const m = pattern.exec(text.trim());
  if (!m) return null;
  const parts: DateParts = {
    year: Number(m[1]),
    month: m[2] ? Number(m[2]) : 1,
    day: m[3] ? Number(m[3]) : 1,
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    offset: m[7] ? (m[7] === 'Z' ? '+00:00' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : null,
  };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
  if (
    check.getUTCMonth() !== parts.month - 1 ||
    check.getUTCDate() !== parts.day ||
    parts.hour > 23 ||
    parts.minute > 59 ||
    parts.second > 59
  ) {
    return null;
  }
  return parts;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Text for CAST(… AS TIMESTAMPTZ): without an offset DuckDB reads it in the session time zone. */
export function timestampText(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offset ?? ''}`;
}

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'microsecond';

/** How to read and write each part of a UTC date; months are 1-based as ODSQL writes them. */
const accessors: Record<Part, { get(d: Date): number; set(d: Date, v: number): void }> = {
  year: { get: (d) => d.getUTCFullYear(), set: (d, v) => d.setUTCFullYear(v) },
  month: { get: (d) => d.getUTCMonth() + 1, set: (d, v) => d.setUTCMonth(v - 1) },
  day: { get: (d) => d.getUTCDate(), set: (d, v) => d.setUTCDate(v) },
  hour: { get: (d) => d.getUTCHours(), set: (d, v) => d.setUTCHours(v) },
  minute: { get: (d) => d.getUTCMinutes(), set: (d, v) => d.setUTCMinutes(v) },
  second: { get: (d) => d.getUTCSeconds(), set: (d, v) => d.setUTCSeconds(v) },
  microsecond: { get: (d) => d.getUTCMilliseconds() * 1000, set: (d, v) => d.setUTCMilliseconds(Math.floor(v / 1000)) },
};
const weekdays = ['mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays'];
const isoWeekday = (d: Date) => (d.getUTCDay() + 6) % 7;

/**
 * now(days=-7, hour=0, …): a plural adds, a singular sets; the last of a name wins. Computed on UTC parts:
 * the portal passes its clock in, so the result is testable.
 */
export function nowWith(now: Date, args: { name: string; value: number }[]): Date {
  const last = new Map<string, number>();
  for (const a of args) last.set(a.name.toLowerCase(), a.value);
  const d = new Date(now.getTime());
  // Own keys only: `constructor` or `__proto__` names no part, whatever Object.prototype has.
  const part = (key: string) => (Object.hasOwn(accessors, key) ? accessors[key as Part] : undefined);
  for (const [name, value] of last) {
    const set = part(name);
    const add = name.endsWith('s') ? part(name.slice(0, -1)) : undefined;
    if (set) set.set(d, value);
    else if (add) add.set(d, add.get(d) + value);
    else if (name === 'weekday') {
      // 0 = Monday, as ODS counts.
      d.setUTCDate(d.getUTCDate() + (value - isoWeekday(d)));
    } else if (weekdays.includes(name)) {
      // The value-th target weekday after (or before) today, in one step: a loop would run as often as the value says.
      const target = weekdays.indexOf(name);
      const ahead = value > 0 ? (target - isoWeekday(d) + 7) % 7 || 7 : -((isoWeekday(d) - target + 7) % 7 || 7);
      if (value !== 0) d.setUTCDate(d.getUTCDate() + ahead + Math.sign(value) * 7 * (Math.abs(value) - 1));
    } else {
      throw new Error(`now() has no argument "${name}"`);
    }
  }
  // The engine's timestamps, and ISO text, hold years 1 to 9999 without surprises.
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) throw new RangeError('now() falls outside the years 1 to 9999');
  return d;
}
