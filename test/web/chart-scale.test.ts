// The chart's small pieces without a server: round axis ticks, numbers per language, ODSQL names quoted when they must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, numberFormats, periodLabel, plainNumber } from '../../src/web/chart/scale.ts';
import { fieldRef } from '../../src/web/chart/series.ts';
import { lookOf } from '../../src/web/chart/marks.tsx';

test('ticks are round steps that start at zero and cover the largest value', () => {
  assert.deepEqual(niceTicks(0, 87).ticks, [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0, 3_645_000).ticks, [0, 1e6, 2e6, 3e6, 4e6]);
  assert.deepEqual(niceTicks(-12, 30).ticks, [-20, -10, 0, 10, 20, 30]);
  assert.deepEqual(niceTicks(0, 0.34).ticks, [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35], 'no float noise such as 0.15000000000000002');
  assert.deepEqual(niceTicks(0, 0).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

test('numbers are written as the language writes them, compact on a large axis, a year without grouping', () => {
  const nl = numberFormats('nl');
  const en = numberFormats('en');
  assert.equal(nl.full(6_974_000), '6.974.000');
  assert.equal(en.full(6_974_000), '6,974,000');
  assert.equal(nl.full(164.8111), '164,8');
  assert.equal(nl.tick(2_500_000, 500_000), '2,5\u00a0mln.');
  assert.equal(en.tick(2_500_000, 500_000), '2.5m');
  assert.equal(nl.tick(0.25, 0.05), '0,25');
  assert.equal(nl.percent(0.495), '49,5%');
  assert.equal(plainNumber('nl', 2024), '2024');
  assert.equal(periodLabel('nl', '2024-03'), 'mrt 2024');
  assert.equal(periodLabel('en', '2024-03-05'), '5 Mar 2024');
});

test('field names are bare in ODSQL when they can be, back-quoted when a keyword or odd character needs it', () => {
  assert.equal(fieldRef('population'), 'population');
  assert.equal(fieldRef('and'), '`and`');
  assert.equal(fieldRef('naam met spatie'), '`naam met spatie`');
  assert.equal(fieldRef('a`b'), '`a\\`b`');
});

test('series never look alike: colour, pattern and marker combinations stay unique well beyond eight', () => {
  const looks = Array.from({ length: 40 }, (_, i) => lookOf(i)).map((l) => `${l.colour}/${l.pattern}`);
  assert.equal(new Set(looks).size, 40);
  assert.equal(lookOf(0).pattern, 0, 'the first series is a plain fill');
});
