// ISO-8601 durations (P5Y, P30D, PT0S, …) as the retention rules state them, subtracted in calendar terms (UTC).
const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

interface Duration {
  years: number;
  months: number;
  days: number;
  seconds: number;
}

export function parseDuration(text: string): Duration {
  const m = pattern.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new Error(`Not an ISO-8601 duration: ${text}`);
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), seconds: n(5) * 3600 + n(6) * 60 + n(7) };
}

/** The moment `duration` before `at`: five years before 29 Feb is 28 Feb (the calendar, not 365-day years). */
export function before(at: Date, duration: string): Date {
  return shift(at, parseDuration(duration), -1);
}

export function after(at: Date, duration: string): Date {
  return shift(at, parseDuration(duration), 1);
}

function shift(at: Date, d: Duration, sign: 1 | -1): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCFullYear(result.getUTCFullYear() + sign * d.years);
  result.setUTCMonth(result.getUTCMonth() + sign * d.months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  result.setTime(result.getTime() + sign * (d.days * 86_400_000 + d.seconds * 1000));
  return result;
}
