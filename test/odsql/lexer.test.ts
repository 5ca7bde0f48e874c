// The ODSQL lexer: each token kind, escapes, case-insensitive keywords, offsets and refused characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OdsqlError } from '../../src/odsql/errors.ts';
import { tokenize, type Token } from '../../src/odsql/lexer.ts';

const kinds = (text: string) => tokenize(text, 'where').map((t) => `${t.kind}:${t.value}`);
const only = (text: string): Token => {
  const tokens = tokenize(text, 'where');
  assert.equal(tokens.length, 2, `one token in ${text}`);
  return tokens[0];
};

function refuses(text: string, position: number, message: RegExp): void {
  assert.throws(
    () => tokenize(text, 'where'),
    (error: unknown) => {
      assert.ok(error instanceof OdsqlError, String(error));
      assert.equal(error.position, position);
      assert.equal(error.clause, 'where');
      assert.match(error.message, message);
      return true;
    },
  );
}

test('reads names, dotted names and keywords in any case', () => {
  assert.deepEqual(kinds('population metas.default.title _x1 AND Or nOt iN IS NULL True FALSE as ASC desc Distinct LIKE to'), [
    'name:population', 'name:metas.default.title', 'name:_x1', 'keyword:and', 'keyword:or', 'keyword:not', 'keyword:in',
    'keyword:is', 'keyword:null', 'keyword:true', 'keyword:false', 'keyword:as', 'keyword:asc', 'keyword:desc',
    'keyword:distinct', 'keyword:like', 'keyword:to', 'end:',
  ]);
});

test('keeps a name that only starts like a keyword', () => {
  assert.deepEqual(kinds('andrew notes island'), ['name:andrew', 'name:notes', 'name:island', 'end:']);
});

test('reads back-quoted names with \\` and \\\\ escapes', () => {
  assert.deepEqual(only('`12`'), { kind: 'quoted_name', value: '12', start: 0, end: 4 });
  assert.equal(only('`and`').value, 'and');
  assert.equal(only('`a\\`b`').value, 'a`b');
  assert.equal(only('`a\\\\`').value, 'a\\');
  assert.equal(only('`a\\b`').value, 'a\\b');
});

test('reads strings in either quote with JSON escapes', () => {
  assert.equal(only('"paris"').value, 'paris');
  assert.equal(only("'Don\\'t'").value, "Don't");
  assert.equal(only('"say \\"hi\\""').value, 'say "hi"');
  assert.equal(only(String.raw`"a\\b\nc\td\/e"`).value, 'a\\b\nc\td/e');
  assert.equal(only(String.raw`"caf\u00e9 \ud83d\ude00"`).value, 'café 😀');
  assert.equal(only(`"it's"`).value, "it's");
  assert.equal(only(`'say "hi"'`).value, 'say "hi"');
});

test('reads what JSON.stringify writes, whatever the string', () => {
  for (const value of ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\u0001\u001f', '\ud800 lone surrogate', 'é 😀']) {
    assert.equal(only(JSON.stringify(value)).value, value);
  }
});

test('reads numbers as written', () => {
  assert.deepEqual(kinds('100 5.8 .5 1e3 2.5E-3 1.50'), [
    'number:100', 'number:5.8', 'number:.5', 'number:1e3', 'number:2.5E-3', 'number:1.50', 'end:',
  ]);
});

test('splits a range and a distance into their parts', () => {
  assert.deepEqual(kinds('[1..10]'), ['operator:[', 'number:1', 'operator:..', 'number:10', 'operator:]', 'end:']);
  assert.deepEqual(kinds(']1.5...5['), ['operator:]', 'number:1.5', 'operator:..', 'number:.5', 'operator:[', 'end:']);
  assert.deepEqual(kinds('10km 1.5mi 2h'), ['number:10', 'name:km', 'number:1.5', 'name:mi', 'number:2', 'name:h', 'end:']);
  assert.deepEqual(kinds('[a..b]'), ['operator:[', 'name:a', 'operator:..', 'name:b', 'operator:]', 'end:']);
});

test('reads date and geometry literals, with the prefix in any case', () => {
  assert.deepEqual(only("date'2017-04-03T08:02'"), { kind: 'date', value: '2017-04-03T08:02', start: 0, end: 22 });
  assert.equal(only('DATE"2018/04/01"').kind, 'date');
  assert.deepEqual(only("geom'POINT(1 2)'"), { kind: 'geom', value: 'POINT(1 2)', start: 0, end: 16 });
  assert.equal(only(`Geom'{"type": "Point"}'`).value, '{"type": "Point"}');
  // Only a quote right after the prefix makes a literal; `date` alone is a field.
  assert.deepEqual(kinds("date 'x'"), ['name:date', 'string:x', 'end:']);
});

test('reads every operator, longest first', () => {
  assert.deepEqual(
    kinds('= != <> < <= > >= : + - * / ( ) [ ] , ..').filter((k) => k !== 'end:'),
    ['=', '!=', '<>', '<', '<=', '>', '>=', ':', '+', '-', '*', '/', '(', ')', '[', ']', ',', '..'].map((o) => `operator:${o}`),
  );
  assert.deepEqual(kinds('a<=5'), ['name:a', 'operator:<=', 'number:5', 'end:']);
});

test('gives each token its start and end offset', () => {
  const tokens = tokenize('  population >= 5\t AND "x"', 'where');
  assert.deepEqual(tokens.map((t) => [t.start, t.end]), [[2, 12], [13, 15], [16, 17], [19, 22], [23, 26], [26, 26]]);
});

test('refuses unknown characters where they are', () => {
  refuses('population > 5 ; drop', 15, /Unexpected character ";" \(U\+003B\) at position 15 in where/);
  refuses('a ! b', 2, /"!"/);
  refuses('a = 5.', 5, /"\."/);
  refuses('a = \u0000', 4, /U\+0000/);
});

test('refuses unterminated strings and names at their start', () => {
  refuses('name = "abc', 7, /Unterminated string starting at position 7 in where: add the closing "/);
  refuses("name = 'abc\\'", 7, /Unterminated string/);
  refuses('`abc', 0, /Unterminated back-quoted name/);
  refuses("date'2017", 0, /Unterminated literal starting at position 0 in where: add the closing '/);
  refuses('``', 0, /Empty back-quoted name/);
});

test('refuses bad \\u escapes and numbers too large to hold', () => {
  refuses(String.raw`"\u12"`, 1, /four hexadecimal digits/);
  refuses('1e999', 0, /too large/);
});
