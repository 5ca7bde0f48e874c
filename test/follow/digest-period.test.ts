// The period a digest run closes: the day or the ISO week that ended before the run, in the portal's time zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestPeriod } from '../../src/follow/notify.ts';

const brussels = 'Europe/Brussels';

test('a daily run closes the local day before it; any run that local day names the same period', () => {
  // Brussels in March before the change of clocks is UTC+1: the 11th begins at 23:00 UTC on the 10th.
  assert.deepEqual(digestPeriod('daily', new Date('2031-03-11T06:00:00Z'), brussels), { before: '2031-03-10T23:00:00.000Z', period: '2031-03-10' });
  assert.equal(digestPeriod('daily', new Date('2031-03-11T22:59:59Z'), brussels).period, '2031-03-10');
  assert.equal(digestPeriod('daily', new Date('2031-03-11T23:00:00Z'), brussels).period, '2031-03-11', 'local midnight of the 12th');
  assert.equal(digestPeriod('daily', new Date('2030-12-31T23:30:00Z'), brussels).period, '2030-12-31', 'New Year already in Brussels');
  // In summer (UTC+2) the day ends at 22:00 UTC.
  assert.deepEqual(digestPeriod('daily', new Date('2031-07-02T04:00:00Z'), brussels), { before: '2031-07-01T22:00:00.000Z', period: '2031-07-01' });
  assert.deepEqual(digestPeriod('daily', new Date('2031-03-11T06:00:00Z'), 'UTC'), { before: '2031-03-11T00:00:00.000Z', period: '2031-03-10' });
});

test('across a change of clocks a local day is 23 or 25 hours long', () => {
  // Sunday 30 March 2031: the clocks go forward at 02:00; the day began at 23:00 UTC and ended at 22:00 UTC.
  const spring = digestPeriod('daily', new Date('2031-03-31T05:00:00Z'), brussels);
  assert.deepEqual(spring, { before: '2031-03-30T22:00:00.000Z', period: '2031-03-30' });
  const dayBefore = digestPeriod('daily', new Date('2031-03-30T05:00:00Z'), brussels);
  assert.equal(Date.parse(spring.before) - Date.parse(dayBefore.before), 23 * 3_600_000);
  // Sunday 26 October 2031: the clocks go back at 03:00; that day lasts 25 hours.
  const autumn = digestPeriod('daily', new Date('2031-10-27T05:00:00Z'), brussels);
  assert.deepEqual(autumn, { before: '2031-10-26T23:00:00.000Z', period: '2031-10-26' });
  assert.equal(Date.parse(autumn.before) - Date.parse(digestPeriod('daily', new Date('2031-10-26T05:00:00Z'), brussels).before), 25 * 3_600_000);
});

test('a weekly run closes the local ISO week before the Monday it falls in', () => {
  // 2031-03-12 is a Wednesday; the week before its Monday (10 March, from 23:00 UTC on the 9th) is week 10 of 2031.
  assert.deepEqual(digestPeriod('weekly', new Date('2031-03-12T08:00:00Z'), brussels), { before: '2031-03-09T23:00:00.000Z', period: '2031-W10' });
  assert.equal(digestPeriod('weekly', new Date('2031-03-16T22:59:00Z'), brussels).period, '2031-W10', 'late Sunday in Brussels is still the same week');
  assert.equal(digestPeriod('weekly', new Date('2031-03-16T23:00:00Z'), brussels).period, '2031-W11', 'Monday in Brussels while Sunday in UTC');
  // Monday 4 January 2027 starts week 1; the week before is 2026's last, week 53.
  assert.equal(digestPeriod('weekly', new Date('2027-01-05T00:00:00Z'), brussels).period, '2026-W53');
  // The week with the spring change (Monday 24 March 2031 to Monday 31 March) is an hour short.
  const after = digestPeriod('weekly', new Date('2031-03-31T08:00:00Z'), brussels);
  assert.deepEqual(after, { before: '2031-03-30T22:00:00.000Z', period: '2031-W13' });
  assert.equal(Date.parse(after.before) - Date.parse(digestPeriod('weekly', new Date('2031-03-25T08:00:00Z'), brussels).before), 7 * 24 * 3_600_000 - 3_600_000);
});
