// Counted words: one helper chooses the form by Intl.PluralRules, and no catalog chooses it by hand with `n === 1`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languages, messages, plural } from '../src/i18n/index.ts';

test('plural picks the singular for one and the plural otherwise, with the number as the language writes it', () => {
  const forms = { one: (n: string) => `${n} dataset`, other: (n: string) => `${n} datasets` };
  assert.equal(plural('nl', 1, forms), '1 dataset');
  assert.equal(plural('en', 1, forms), '1 dataset');
  assert.equal(plural('nl', 0, forms), '0 datasets');
  assert.equal(plural('en', 2, forms), '2 datasets');
  assert.equal(plural('nl', 1.5, forms), '1,5 datasets');
  assert.equal(plural('nl', 1234, forms), '1.234 datasets');
  assert.equal(plural('en', 1234, forms), '1,234 datasets');
  assert.equal(plural('en', 1, { other: (n) => `${n} sheep` }), '1 sheep', 'a language without a singular form falls back to other');
  assert.equal(plural('nl', 1, { one: (n, q: string) => `${n} waarde bevat "${q}"`, other: (n, q) => `${n} waarden bevatten "${q}"` }, 'Gent'), '1 waarde bevat "Gent"');
});

test('the catalogs count with plural forms: "1 record", "2 records" in both languages', () => {
  for (const lang of languages) {
    const t = messages(lang);
    assert.equal(plural(lang, 1, t.common.records), '1 record');
    assert.equal(plural(lang, 2, t.common.records), '2 records');
    assert.equal(plural(lang, 1, t.common.datasetsCount), '1 dataset');
    assert.equal(plural(lang, 2, t.common.datasetsCount), '2 datasets');
  }
  assert.equal(plural('nl', 1, messages('nl').catalog.found), '1 dataset gevonden');
  assert.equal(plural('en', 3, messages('en').catalog.found), '3 datasets found');
});

test('no catalog chooses a counted form by hand: every count goes through plural()', () => {
  const i18n = new URL('../src/i18n/', import.meta.url).pathname;
  const handmade = /\b\w+ [!=]== 1 \?/;
  const found = languages.flatMap((lang) =>
    readdirSync(join(i18n, lang)).flatMap((file) =>
      readFileSync(join(i18n, lang, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (handmade.test(line) ? [`${lang}/${file}:${i + 1}: ${line.trim()}`] : [])),
    ),
  );
  assert.deepEqual(found, []);
  assert.ok(handmade.test("waiting: (n) => (n === 1 ? '1 versie' : `${n} versies`)"), 'the check sees what it looks for');
});
