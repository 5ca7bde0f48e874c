// Number and date formatters are built once per language and options, and keep writing what Intl writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateFormat, numberFormat } from '../src/i18n/index.ts';

test('a formatter is made once per locale and options, and each combination writes its own way', () => {
  assert.equal(numberFormat('nl-BE', { maximumFractionDigits: 2 }), numberFormat('nl-BE', { maximumFractionDigits: 2 }));
  assert.notEqual(numberFormat('nl-BE'), numberFormat('en-GB'));
  assert.equal(numberFormat('nl-BE').format(12345.5), '12.345,5');
  assert.equal(numberFormat('en-GB').format(12345.5), '12,345.5');
  assert.equal(numberFormat('nl-BE', { useGrouping: false }).format(2004), '2004');
  const day = new Date('2026-03-01T12:00:00Z');
  assert.equal(dateFormat('nl-BE', { dateStyle: 'long', timeZone: 'UTC' }), dateFormat('nl-BE', { dateStyle: 'long', timeZone: 'UTC' }));
  assert.equal(dateFormat('nl-BE', { dateStyle: 'long', timeZone: 'UTC' }).format(day), '1 maart 2026');
  assert.equal(dateFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(day), '1 March 2026');
});
