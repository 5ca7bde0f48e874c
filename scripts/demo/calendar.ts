// Dates and Brussels date-times for the demo data, computed from fixed reference dates rather than the clock.

/** The day the demo catalog pretends it is: every "last updated" and deadline is reckoned from it. */
export const demoReferenceDate = '2025-01-15';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `count` months from year-month, as [year, month] pairs. */
export function months(startYear: number, startMonth: number, count: number): [number, number][] {
  return Array.from({ length: count }, (_, i) => {
    const index = startMonth - 1 + i;
    return [startYear + Math.floor(index / 12), (index % 12) + 1];
  });
}

/** The date `days` after an ISO date (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Moves a Saturday or Sunday to the next Monday: courses and decisions happen on working days. */
export function workingDay(date: string): string {
  const day = weekday(date);
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
}

/** Belgium's UTC offset in hours at a wall-clock time: summer time from the last Sunday of March to that of October. */
export function brusselsOffset(date: string, hour: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const utcGuess = Date.UTC(y, m - 1, d, hour) - 3_600_000;
  return utcGuess >= lastSundayUtc(y, 3) && utcGuess < lastSundayUtc(y, 10) ? 2 : 1;
}

/** ISO 8601 with Brussels' offset, as exports from Belgian systems carry them: `2024-03-05T09:30:00+01:00`. */
export function brusselsDateTime(date: string, hour: number, minute: number, second = 0): string {
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}+${pad(brusselsOffset(date, hour))}:00`;
}
