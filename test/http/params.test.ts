// The one reader of queries and bodies: a parameter given twice reads as its first value, everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { many, one } from '../../src/http/params.ts';

test('one takes the first of repeated values, as URLSearchParams.get does', () => {
  const query = { page: ['2', '3'], q: 'rivier', empty: ['', 'x'] };
  assert.equal(one(query, 'page'), new URLSearchParams('page=2&page=3').get('page'));
  assert.equal(one(query, 'page'), '2');
  assert.equal(one(query, 'q'), 'rivier');
  assert.equal(one(query, 'empty'), '', 'the first value, even when empty');
  assert.equal(one(query, 'missing'), '');
});

test('many takes every non-empty value in order; one reads numbers and booleans of a JSON body as text', () => {
  assert.deepEqual(many({ theme: ['b', '', 'a'] }, 'theme'), ['b', 'a']);
  assert.deepEqual(many({ theme: 'b' }, 'theme'), ['b']);
  assert.deepEqual(many({}, 'theme'), []);
  assert.equal(one({ n: 5, yes: true }, 'n'), '5');
  assert.equal(one({ n: 5, yes: true }, 'yes'), 'true');
  assert.equal(one({ o: { a: 1 } }, 'o'), '', 'an object is not a parameter');
  assert.equal(one(undefined, 'x'), '');
  assert.equal(one(null, 'x'), '');
});
