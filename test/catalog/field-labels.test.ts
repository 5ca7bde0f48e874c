// A field's label and description in both languages: how metadata reads them, how versions keep them, how they are picked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { publicAudience } from '../../src/catalog/service.ts';
import { Invalid } from '../../src/errors.ts';
import { fieldLabel, fieldText } from '../../src/explore/present.ts';
import { openPortal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { testEnvironment } from '../helpers/stores.ts';

const fieldsOf = (fields: unknown) => parseMetadataInput({ fields }).fields;

test('a label or description is a text for every language or one per language', () => {
  assert.deepEqual(fieldsOf([{ name: 'regio', label: ' Regio ', description: 'Waar' }]), [{ name: 'regio', label: 'Regio', description: 'Waar' }]);
  assert.deepEqual(fieldsOf([{ name: 'regio', label: { nl: 'Regio', en: 'Region' }, description: { en: ' Where ' } }]), [
    { name: 'regio', label: { nl: 'Regio', en: 'Region' }, description: { en: 'Where' } },
  ]);
  assert.deepEqual(fieldsOf([{ name: 'regio', description: null }, { name: 'jaar', description: '' }]), [{ name: 'regio', description: null }, { name: 'jaar', description: null }], 'an empty description is none');
});

test('a malformed label or description is refused with the key and the field it belongs to', () => {
  const refused = (field: Record<string, unknown>, message: string) =>
    assert.throws(() => fieldsOf([{ name: 'jaar' }, { name: 'aantal', ...field }]), (error: unknown) => error instanceof Invalid && error.message === message, JSON.stringify(field));
  refused({ label: { de: 'Anzahl' } }, 'Metadata "fields[1].label.de" (field "aantal") must be left out: "de" is no language of the portal (nl, en).');
  refused({ label: { nl: '' } }, 'Metadata "fields[1].label.nl" (field "aantal") must be a text, not empty (leave the language out instead).');
  refused({ label: { nl: 'Aantal', en: '  ' } }, 'Metadata "fields[1].label.en" (field "aantal") must be a text, not empty (leave the language out instead).');
  refused({ label: { en: 7 } }, 'Metadata "fields[1].label.en" (field "aantal") must be a text, not empty (leave the language out instead).');
  refused({ label: {} }, 'Metadata "fields[1].label" (field "aantal") must be given in at least one language (nl, en).');
  refused({ label: '' }, 'Metadata "fields[1].label" (field "aantal") must be a text, not empty.');
  refused({ label: 5 }, 'Metadata "fields[1].label" (field "aantal") must be a string or an object such as {"nl": "…", "en": "…"}.');
  refused({ label: ['Aantal'] }, 'Metadata "fields[1].label" (field "aantal") must be a string or an object such as {"nl": "…", "en": "…"}.');
  refused({ label: { nl: 'x'.repeat(301) } }, 'Metadata "fields[1].label.nl" (field "aantal") must be at most 300 characters.');
  refused({ description: { fr: 'Nombre' } }, 'Metadata "fields[1].description.fr" (field "aantal") must be left out: "fr" is no language of the portal (nl, en).');
  refused({ description: { nl: null } }, 'Metadata "fields[1].description.nl" (field "aantal") must be a text, not empty (leave the language out instead).');
});

test('a page picks the label of its language, else the other language, else the field name', () => {
  const field = (label: unknown) => ({ name: 'aantal', label, type: 'int', description: null, annotations: {} }) as Parameters<typeof fieldLabel>[0];
  assert.equal(fieldLabel(field({ nl: 'Aantal', en: 'Count' }), 'en'), 'Count');
  assert.equal(fieldLabel(field({ nl: 'Aantal', en: 'Count' }), 'nl'), 'Aantal');
  assert.equal(fieldLabel(field({ nl: 'Aantal' }), 'en'), 'Aantal');
  assert.equal(fieldLabel(field({ en: 'Count' }), 'nl'), 'Count');
  assert.equal(fieldLabel(field('Aantal'), 'en'), 'Aantal', 'a plain text is every language’s');
  assert.equal(fieldLabel(field(''), 'en'), 'aantal');
  assert.equal(fieldText(null, 'en'), null);
  assert.equal(fieldText({ nl: 'Waar' }, 'en'), 'Waar');
});

test('bilingual labels are stored as given, kept by the next version, and a plain label stays one', async () => {
  const env = await testEnvironment('sqlite');
  const portal = await openPortal(env.config);
  try {
    const input = parseMetadataInput({ fields: [{ name: 'regio', label: { nl: 'Regio', en: 'Region' }, description: { nl: 'Provincie of stad', en: 'Province or city' } }, { name: 'jaar', label: 'Jaar' }] });
    await portal.catalog.importDataset({ datasetId: 't', path: fixture('json/lines.jsonl'), input, actor: 'cli' });
    const more = join(env.dataDir, 'more.jsonl');
    writeFileSync(more, '{"jaar": 2024, "trajecten": 1800, "regio": "Leuven"}\n');
    await portal.catalog.importDataset({ datasetId: 't', path: more, actor: 'cli' });
    const fields = Object.fromEntries((await portal.catalog.getDataset('t', publicAudience)).fields.map((f) => [f.name, f]));
    assert.deepEqual(fields.regio.label, { nl: 'Regio', en: 'Region' });
    assert.deepEqual(fields.regio.description, { nl: 'Provincie of stad', en: 'Province or city' });
    assert.equal(fields.jaar.label, 'Jaar');
    assert.equal(fields.trajecten.label, 'trajecten');

    // Only the English label changes; the Dutch one and the description stay.
    await portal.catalog.updateMetadata({ id: 't', input: parseMetadataInput({ fields: [{ name: 'regio', label: { nl: 'Regio', en: 'Area' } }] }), actor: 'test' });
    const updated = (await portal.catalog.getDataset('t', publicAudience)).fields.find((f) => f.name === 'regio')!;
    assert.deepEqual(updated.label, { nl: 'Regio', en: 'Area' });
    assert.deepEqual(updated.description, { nl: 'Provincie of stad', en: 'Province or city' });
  } finally {
    await portal.close();
    await env.cleanup();
  }
});
