// CSV as people export it, imported end to end: every fixture in test/fixtures/csv/ that should succeed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineHarness, ingestFixture, type EngineHarness } from '../../helpers/engine.ts';

let h: EngineHarness;
before(async () => {
  h = await engineHarness();
});
after(() => h.close());

test('reads a plain comma file with accented values', async () => {
  const { types, rows } = await ingestFixture(h, 'csv/comma.csv');
  assert.deepEqual(types, { id: 'int', naam: 'text', gemeente: 'text', inwoners: 'int' });
  assert.deepEqual(rows[4], { ...rows[4], naam: 'Château', gemeente: 'Liège', inwoners: '197013' });
});

test('reads semicolons, CRLF line ends and decimal commas', async () => {
  const { types, rows, fields } = await ingestFixture(h, 'csv/semicolon-crlf.csv');
  assert.deepEqual(types, { gemeente: 'text', jaar: 'int', bedrag: 'double', percentage: 'double' });
  assert.deepEqual(fields.map((f) => f.label), ['Gemeente', 'Jaar', 'Bedrag', 'Percentage']);
  assert.equal(rows[1].bedrag, 1250.75);
  assert.equal(rows[0].percentage, 12.25);
  assert.equal(rows[0].gemeente, 'Gent', 'no carriage return is left in a value');
});

test('reads tab-separated values, where commas and semicolons are plain text', async () => {
  const { types, rows } = await ingestFixture(h, 'csv/tab.tsv');
  assert.deepEqual(types, { code: 'text', omschrijving: 'text', waarde: 'int' });
  assert.equal(rows[0].omschrijving, 'Eerste categorie, met komma');
  assert.equal(rows[1].omschrijving, 'Tweede; met puntkomma');
});

test('reads pipe-separated values with decimal commas', async () => {
  const { types, rows } = await ingestFixture(h, 'csv/pipe.csv');
  assert.deepEqual(types, { id: 'int', naam: 'text', score: 'double' });
  assert.equal(rows[0].naam, 'Antwerpen, Stad');
  assert.equal(rows[2].score, 6.25);
});

test('drops a UTF-8 byte order mark and normalises accented headers, keeping them as labels', async () => {
  const { fields, rows } = await ingestFixture(h, 'csv/bom.csv');
  assert.deepEqual(
    fields.map((f) => [f.name, f.label, f.type]),
    [
      ['eenheid', 'Éénheid', 'text'],
      ['annee', 'Année', 'int'],
      ['prijs', 'Prijs (€)', 'double'],
      ['strasse', 'Straße', 'text'],
    ],
  );
  assert.equal(rows[0].eenheid, 'kg');
});

test('reads Windows-1252 text, with its euro sign and curly quotes', async () => {
  const { fields, rows } = await ingestFixture(h, 'csv/latin1.csv');
  assert.deepEqual(fields.map((f) => f.label), ['Gemeente', 'Bedrag (€)', 'Opmerking']);
  assert.equal(rows[0].gemeente, 'Liège');
  assert.equal(rows[1].bedrag, '€ 7,00');
  assert.equal(rows[1].opmerking, 'Café “De Kroon”');
  assert.equal(rows[2].opmerking, 'Façade’s hersteld');
});

test('reads quoted values with delimiters, doubled quotes and line breaks inside', async () => {
  const { rows, recordsCount, types } = await ingestFixture(h, 'csv/quoted.csv');
  assert.equal(recordsCount, 4);
  assert.equal(types.bedrag, 'int');
  assert.equal(rows[0].omschrijving, 'Gent, Oost-Vlaanderen');
  assert.equal(rows[1].omschrijving, 'Hij zei "hallo"');
  assert.equal(rows[2].omschrijving, 'eerste regel\ntweede regel');
});

test('keeps codes with leading zeros as text, digit for digit', async () => {
  const { types, rows } = await ingestFixture(h, 'csv/leading-zeros.csv');
  assert.deepEqual(types, { code: 'text', aantal: 'int' });
  assert.deepEqual(rows.map((r) => r.code), ['0412345678', '00123', '0898765432', '00007']);
});
