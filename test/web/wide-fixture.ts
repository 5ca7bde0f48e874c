// Test support for the table's layout: a wide dataset (12 columns, 9 of them numbers) with more records than the
// pages reach, as a municipal statistics file is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { ServerHarness } from '../helpers/server.ts';

/** The numeric fields, in their order in the file. */
export const wideNumericFields = ['jaar', 'inwoners', 'mannen', 'vrouwen', 'huishoudens', 'oppervlakte_km2', 'dichtheid', 'gemiddeld_inkomen', 'werkzoekenden'];
export const wideCount = 560 * 21;

const named = ['Sint-Genesius-Rode', 'Kapelle-op-den-Bos', 'Sint-Pieters-Leeuw', 'Oud-Heverlee', 'Antwerpen', 'Gent', 'Écaussinnes', 'Braine-le-Château'];
const provinces: [string, string][] = [
  ['Antwerpen', 'Vlaams Gewest'], ['Oost-Vlaanderen', 'Vlaams Gewest'], ['Vlaams-Brabant', 'Vlaams Gewest'], ['Limburg', 'Vlaams Gewest'],
  ['West-Vlaanderen', 'Vlaams Gewest'], ['Henegouwen', 'Waals Gewest'], ['Luik', 'Waals Gewest'], ['Namen', 'Waals Gewest'],
];

/** `bevolking`: 560 municipalities × 21 years (11,760 records); provincie and gewest annotated as facets. */
export async function importWide(s: ServerHarness): Promise<void> {
  const lines = [['gemeente', 'provincie', 'gewest', ...wideNumericFields].join(';')];
  for (let m = 0; m < 560; m++) {
    const name = named[m] ?? `Gemeente ${String(m + 1).padStart(3, '0')}`;
    const [province, region] = provinces[m % provinces.length];
    const area = 10 + ((m * 37) % 190) + (m % 10) / 10;
    for (let year = 2004; year <= 2024; year++) {
      const people = 2_000 + ((m * 7919 + year * 31) % 180_000);
      const men = Math.round(people * 0.49);
      const row = [name, province, region, year, people, men, people - men, Math.round(people / 2.3), area.toFixed(1).replace('.', ','),
        (people / area).toFixed(1).replace('.', ','), 19_000 + ((m * 131 + year) % 9_000), Math.round(people * 0.04)];
      lines.push(row.join(';'));
    }
  }
  const path = join(s.env.config.dataDir, 'bevolking.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({
    datasetId: 'bevolking',
    path,
    input: parseMetadataInput({
      title: { nl: 'Bevolking en inkomen per gemeente', en: 'Population and income by municipality' },
      theme: ['SOCI'],
      fields: [
        { name: 'gemeente', label: 'Gemeente' },
        { name: 'provincie', label: 'Provincie', annotations: { facet: [] } },
        { name: 'gewest', label: 'Gewest', annotations: { facet: [] } },
        { name: 'jaar', label: 'Jaar' },
        { name: 'inwoners', label: 'Inwoners' },
        { name: 'mannen', label: 'Mannen' },
        { name: 'vrouwen', label: 'Vrouwen' },
        { name: 'huishoudens', label: 'Huishoudens' },
        { name: 'oppervlakte_km2', label: 'Oppervlakte (km²)' },
        { name: 'dichtheid', label: 'Bevolkingsdichtheid (inw./km²)' },
        { name: 'gemiddeld_inkomen', label: 'Gemiddeld inkomen', annotations: { unit: ['EUR'] } },
        { name: 'werkzoekenden', label: 'Werkzoekenden' },
      ],
    }),
    actor: 'test',
  });
}
