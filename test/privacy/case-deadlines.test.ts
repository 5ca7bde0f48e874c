// Deadlines of requests to the DPO: one calendar month, clamped to the month's end, weekends moved to Monday.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, daysBetween, dueDay, localDay, workingDay } from '../../src/privacy/cases/deadlines.ts';

test('31 January is due on the last day of February, in a leap year and in another', () => {
  assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(dueDay('2025-01-31'), '2025-02-28', 'a Friday stays');
  assert.equal(dueDay('2024-01-31'), '2024-02-29', 'a Thursday stays');
});

test('the same day next month, and a Saturday or Sunday moves to the Monday after', () => {
  assert.equal(dueDay('2026-03-10'), '2026-04-10');
  assert.equal(workingDay('2026-04-11'), '2026-04-13', 'Saturday → Monday');
  assert.equal(workingDay('2026-04-12'), '2026-04-13', 'Sunday → Monday');
  assert.equal(dueDay('2026-03-14'), '2026-04-14', 'received on a Saturday, due on a Tuesday: only the due day moves');
  assert.equal(dueDay('2026-04-11'), '2026-05-11', 'Monday 11 May');
  assert.equal(dueDay('2026-01-31'), '2026-03-02', 'Saturday 28 February 2026 → Monday 2 March');
});

test('an extension counts from receipt: three months in all, clamped, and across a year end', () => {
  assert.equal(dueDay('2025-11-30', 3), '2026-03-02', '28 February 2026 is a Saturday');
  assert.equal(dueDay('2025-12-31', 2), '2026-03-02', '31 December + 2 months → Saturday 28 February 2026 → Monday');
  assert.equal(addMonths('2025-12-15', 1), '2026-01-15');
});

test('the calendar day is the portal time zone’s, and day differences count whole days', () => {
  assert.equal(localDay(new Date('2026-01-31T23:30:00Z'), 'Europe/Brussels'), '2026-02-01');
  assert.equal(localDay(new Date('2026-01-31T22:30:00Z'), 'UTC'), '2026-01-31');
  assert.equal(daysBetween('2026-02-22', '2026-03-01'), 7);
  assert.equal(daysBetween('2026-03-02', '2026-03-01'), -1);
});
