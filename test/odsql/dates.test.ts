// Date literals and now(): the partial forms ODSQL accepts, and now()'s set/add arguments on a fixed clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nowWith, parseDateLiteral, timestampText } from '../../src/odsql/dates.ts';

test('reads partial and full date literals, with or without an offset', () => {
  const text = (s: string) => timestampText(parseDateLiteral(s)!);
  assert.equal(text('2017'), '2017-01-01 00:00:00');
  assert.equal(text('2017-04'), '2017-04-01 00:00:00');
  assert.equal(text('2018/04/01'), '2018-04-01 00:00:00');
  assert.equal(text('2017-04-03T08:02'), '2017-04-03 08:02:00');
  assert.equal(text('2017-04-03 08:02:09Z'), '2017-04-03 08:02:09+00:00');
  assert.equal(text('2017-04-03T08:02:09+0200'), '2017-04-03 08:02:09+02:00');
});

test('refuses dates that do not exist or are not dates', () => {
  for (const bad of ['2023-02-29', '2024-13-01', '31/12/2024', 'gisteren', '2024-01-01T25:00']) {
    assert.equal(parseDateLiteral(bad), null, bad);
  }
});

test('now() adds with plural names, sets with singular ones, and moves to weekdays', () => {
  const clock = new Date('2024-03-15T10:30:00Z'); // a Friday
  assert.equal(nowWith(clock, []).toISOString(), '2024-03-15T10:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'days', value: -7 }]).toISOString(), '2024-03-08T10:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'month', value: 1 }, { name: 'day', value: 1 }, { name: 'hour', value: 0 }]).toISOString(), '2024-01-01T00:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'years', value: 1 }, { name: 'years', value: -1 }]).toISOString(), '2023-03-15T10:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'weekday', value: 0 }]).toISOString(), '2024-03-11T10:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'mondays', value: 1 }]).toISOString(), '2024-03-18T10:30:00.000Z');
  assert.equal(nowWith(clock, [{ name: 'fridays', value: -1 }]).toISOString(), '2024-03-08T10:30:00.000Z');
  assert.throws(() => nowWith(clock, [{ name: 'fortnights', value: 1 }]), /no argument "fortnights"/);
});
