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

test('numbers are written as the language writes them, a year without grouping', () => {
  const nl = numberFormats('nl');
  const en = numberFormats('en');
  assert.equal(nl.full(6_974_000), '6.974.000');
  assert.equal(en.full(6_974_000), '6,974,000');
  assert.equal(nl.full(164.8111), '164,8');
  assert.equal(nl.percent(0.495), '49,5%');
  assert.equal(plainNumber('nl', 2024), '2024');
  assert.equal(periodLabel('nl', '2024-03'), 'mrt 2024');
  assert.equal(periodLabel('en', '2024-03-05'), '5 Mar 2024');
});

/** The labels of the axis niceTicks draws for this range. */
const axisLabels = (lang: 'nl' | 'en', min: number, max: number) => {
  const { ticks, step } = niceTicks(min, max);
  return ticks.map(numberFormats(lang).axis(ticks, step));
};

test('an axis writes every tick with one unit: millions abbreviated on all of them, thousands in full on all of them', () => {
  // Ticks from half a million to a few million: never "500.000" beside "1 mln.".
  assert.deepEqual(axisLabels('nl', 0, 2_400_000), ['0,0', '0,5\u00a0mln.', '1,0\u00a0mln.', '1,5\u00a0mln.', '2,0\u00a0mln.', '2,5\u00a0mln.']);
  assert.deepEqual(axisLabels('en', 0, 2_400_000), ['0.0', '0.5m', '1.0m', '1.5m', '2.0m', '2.5m']);
  assert.deepEqual(axisLabels('nl', 0, 3_645_000), ['0', '1\u00a0mln.', '2\u00a0mln.', '3\u00a0mln.', '4\u00a0mln.']);
  assert.deepEqual(axisLabels('en', 0, 4_200_000_000), ['0', '1bn', '2bn', '3bn', '4bn', '5bn']);
  // Thousands stay in full, never "1,5K" beside "2K".
  assert.deepEqual(axisLabels('nl', 0, 12_400), ['0', '2.000', '4.000', '6.000', '8.000', '10.000', '12.000', '14.000']);
  assert.deepEqual(axisLabels('en', 0, 12_400), ['0', '2,000', '4,000', '6,000', '8,000', '10,000', '12,000', '14,000']);
  assert.deepEqual(axisLabels('nl', -12, 30), ['-20', '-10', '0', '10', '20', '30']);
});

test('an axis gives every tick the same decimals, as many as its step needs, with the language\'s decimal sign', () => {
  assert.deepEqual(axisLabels('nl', 0, 2.3), ['0,0', '0,5', '1,0', '1,5', '2,0', '2,5']);
  assert.deepEqual(axisLabels('en', 0, 2.3), ['0.0', '0.5', '1.0', '1.5', '2.0', '2.5']);
  assert.deepEqual(axisLabels('nl', 0, 0.34), ['0,00', '0,05', '0,10', '0,15', '0,20', '0,25', '0,30', '0,35']);
  assert.deepEqual(axisLabels('nl', 0, 9), ['0', '2', '4', '6', '8', '10']);
  for (const [lang, min, max] of [['nl', 0, 1_234_567], ['en', -0.7, 0.3], ['nl', 0, 87], ['en', 0, 55_000_000]] as const) {
    const labels = axisLabels(lang, min, max);
    const decimals = labels.map((l) => /[.,](\d+)(?!.*\d)/.exec(lang === 'nl' ? l.replace(/\./g, '') : l.replace(/,/g, ''))?.[1].length ?? 0);
    assert.equal(new Set(decimals).size, 1, `one number of decimals on ${labels.join(' | ')}`);
    const suffixes = labels.filter((l) => !/^-?0([.,]0+)?$/.test(l)).map((l) => l.replace(/[-\d.,\s]/g, ''));
    assert.equal(new Set(suffixes).size, 1, `one unit on ${labels.join(' | ')}`);
  }
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
