// The period a digest run closes: the day or the ISO week that ended before the run, in UTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestPeriod } from '../../src/follow/notify.ts';

test('a daily run closes the day before it; any run that day names the same period', () => {
  assert.deepEqual(digestPeriod('daily', new Date('2031-03-11T06:00:00Z')), { before: '2031-03-11T00:00:00.000Z', period: '2031-03-10' });
  assert.deepEqual(digestPeriod('daily', new Date('2031-03-11T23:59:59Z')).period, '2031-03-10');
  assert.deepEqual(digestPeriod('daily', new Date('2031-01-01T00:00:00Z')).period, '2030-12-31');
});

test('a weekly run closes the ISO week before the Monday it falls in', () => {
  // 2031-03-12 is a Wednesday; the week before its Monday (10 March) is week 10 of 2031.
  assert.deepEqual(digestPeriod('weekly', new Date('2031-03-12T08:00:00Z')), { before: '2031-03-10T00:00:00.000Z', period: '2031-W10' });
  assert.equal(digestPeriod('weekly', new Date('2031-03-16T23:00:00Z')).period, '2031-W10', 'Sunday is still the same week');
  // Monday 4 January 2027 starts week 1; the week before is 2026's last, week 53.
  assert.equal(digestPeriod('weekly', new Date('2027-01-05T00:00:00Z')).period, '2026-W53');
});
