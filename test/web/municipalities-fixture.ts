// Test support for long facets: a dataset whose municipality facet has 300 values, Gent far from the top ten.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { ServerHarness } from '../helpers/server.ts';

export const municipalityCount = 300;

/** 300 names: ten big ones first, then Gent, Genk, Sint-Genesius-Rode, Écaussinnes and numbered fillers. */
export function municipalities(): string[] {
  const big = ['Antwerpen', 'Brugge', 'Leuven', 'Mechelen', 'Aalst', 'Hasselt', 'Kortrijk', 'Oostende', 'Namen', 'Luik'];
  const named = ['Gent', 'Genk', 'Sint-Genesius-Rode', 'Écaussinnes', 'Herzele'];
  const fillers = Array.from({ length: municipalityCount - big.length - named.length }, (_, i) => `Dorp ${String(i + 1).padStart(3, '0')}`);
  return [...big, ...named, ...fillers];
}

/** `gemeenten`: one row per municipality, the ten big ones twenty rows each; `gemeente` annotated as a facet. */
export async function importMunicipalities(s: ServerHarness): Promise<void> {
  const names = municipalities();
  const lines = ['gemeente;inwoners'];
  names.forEach((name, i) => {
    for (let r = 0; r < (i < 10 ? 20 : 1); r++) lines.push(`${name};${1000 + i * 10 + r}`);
  });
  const path = join(s.env.config.dataDir, 'gemeenten.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({
    datasetId: 'gemeenten',
    path,
    input: parseMetadataInput({
      title: { nl: 'Inwoners per gemeente', en: 'Inhabitants by municipality' },
      theme: ['GOVE'],
      fields: [{ name: 'gemeente', label: 'Gemeente', annotations: { facet: [] } }],
    }),
    actor: 'test',
  });
}
