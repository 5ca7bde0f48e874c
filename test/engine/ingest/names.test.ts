// Field names from header labels; no fixtures, the labels are written inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldNamesFor, normalizeFieldName } from '../../../src/engine/ingest/names.ts';

test('lower-cases a label and joins its words with underscores', () => {
  assert.equal(normalizeFieldName('NIS-code'), 'nis_code');
  assert.equal(normalizeFieldName('Aantal  werkzoekenden'), 'aantal_werkzoekenden');
  assert.equal(normalizeFieldName('  Datum / Tijd  '), 'datum_tijd');
});

test('drops symbols at either end instead of leaving underscores', () => {
  assert.equal(normalizeFieldName('Prijs (€)'), 'prijs');
  assert.equal(normalizeFieldName('__id__'), 'id');
  assert.equal(normalizeFieldName('% werkloos'), 'werkloos');
});

test('folds accents and ligatures to plain letters', () => {
  assert.equal(normalizeFieldName('Éénheid'), 'eenheid');
  assert.equal(normalizeFieldName('Geëvalueerd'), 'geevalueerd');
  assert.equal(normalizeFieldName('Façade'), 'facade');
  assert.equal(normalizeFieldName('Straße'), 'strasse');
  assert.equal(normalizeFieldName('Ærø'), 'aero');
  assert.equal(normalizeFieldName('Œuvre'), 'oeuvre');
  assert.equal(normalizeFieldName('Łódź'), 'lodz');
  assert.equal(normalizeFieldName('m²'), 'm2');
  assert.equal(normalizeFieldName('ﬁets'), 'fiets');
});

test('prefixes names that would start with a digit', () => {
  assert.equal(normalizeFieldName('2023'), 'f_2023');
  assert.equal(normalizeFieldName('1e kwartaal'), 'f_1e_kwartaal');
});

test('returns an empty name when nothing usable is left', () => {
  assert.equal(normalizeFieldName(''), '');
  assert.equal(normalizeFieldName('   '), '');
  assert.equal(normalizeFieldName('(€)'), '');
  assert.equal(normalizeFieldName('日本'), '');
});

test('caps names at 64 characters without a trailing underscore', () => {
  const long = normalizeFieldName('a'.repeat(100));
  assert.equal(long, 'a'.repeat(64));
  const cutAtSeparator = normalizeFieldName(`${'b'.repeat(63)} c`);
  assert.equal(cutAtSeparator, 'b'.repeat(63));
});

test('names empty headers after their 1-based position and labels them with that name', () => {
  assert.deepEqual(fieldNamesFor(['Gemeente', '', '(€)']), [
    { name: 'gemeente', label: 'Gemeente' },
    { name: 'field_2', label: 'field_2' },
    { name: 'field_3', label: '(€)' },
  ]);
});

test('keeps the trimmed header as the label', () => {
  assert.deepEqual(fieldNamesFor(['  Prijs (€) ']), [{ name: 'prijs', label: 'Prijs (€)' }]);
});

test('numbers duplicate names from _2 on, skipping names already taken', () => {
  const names = fieldNamesFor(['Jaar', 'jaar', 'JAAR', 'jaar_2', 'Jaar '].map((l) => l)).map((n) => n.name);
  assert.deepEqual(names, ['jaar', 'jaar_2', 'jaar_3', 'jaar_2_2', 'jaar_4']);
});

test('does not let a generated name collide with a header of the same name', () => {
  const names = fieldNamesFor(['field_2', '', '']).map((n) => n.name);
  assert.deepEqual(names, ['field_2', 'field_2_2', 'field_3']);
});

test('keeps numbered duplicates of a 64-character name within 64 characters', () => {
  const label = 'x'.repeat(80);
  const names = fieldNamesFor([label, label]).map((n) => n.name);
  assert.deepEqual(names, ['x'.repeat(64), `${'x'.repeat(62)}_2`]);
});

test('never produces a name starting with an underscore, which Opaal reserves', () => {
  const labels = ['_id', '__index', '', ' _ ', '_2023', '-x-', '€', '_', 'Geometrie'];
  for (const { name } of fieldNamesFor(labels)) {
    assert.match(name, /^[a-z][a-z0-9_]*$/);
  }
});
