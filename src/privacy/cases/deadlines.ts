// Deadlines of requests to the DPO in calendar days of the portal's time zone: one month, at most two more.
// A month ends on the same day of the next month, or that month's last day; a Saturday or Sunday moves to Monday.

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const format = (date: Date) => date.toISOString().slice(0, 10);

/** `months` later on the same day of the month, clamped to that month's last day (31 Jan + 1 → 28 or 29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay))));
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = parts(day);
  return format(new Date(Date.UTC(year, month - 1, date + days)));
}

/** A Saturday or Sunday moves to the Monday after. */
export function workingDay(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}

/** The day an answer is due: `months` after the day the request was received. */
export function dueDay(receivedDay: string, months = 1): string {
  return workingDay(addMonths(receivedDay, months));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
