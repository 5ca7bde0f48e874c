// Time comes from an injected clock so that retention, digests and deadlines are testable.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** How far the zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The calendar day an instant falls on in the zone, as that date's UTC midnight (for day and week arithmetic). */
export function zonedDay(instant: Date, timeZone: string): Date {
  const wall = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

/** The instant a calendar day (given as its UTC midnight, as `zonedDay` returns) begins in the zone. */
export function zonedMidnight(day: Date, timeZone: string): Date {
  const wall = day.getTime();
  // The offset at the guess, then at the instant it gives: right on either side of a change of clocks.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(guess, timeZone));
}
