// Test support for the pages: a server with a few datasets made to be searched, one hostile and one restricted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

export const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';

export async function startPortal(): Promise<ServerHarness> {
  const s = await startServer();
  await importCities(s.portal);
  const write = (name: string, text: string) => {
    const path = join(s.env.config.dataDir, name);
    writeFileSync(path, text);
    return path;
  };
  await s.portal.catalog.importDataset({
    datasetId: 'werkloosheid',
    path: write('w.csv', 'gemeente;jaar;werkzoekenden\nGent;2024;100\nAalst;2024;50\nGent;2025;90\n'),
    input: parseMetadataInput({
      title: { nl: 'Werkloosheid per gemeente', en: 'Unemployment by municipality' },
      description: { nl: `Aantal werkzoekenden. ${hostile}`, en: `Number of job seekers. ${hostile}` },
      theme: ['ECON', 'SOCI'],
      keyword: { nl: ['arbeidsmarkt', 'Économie'], en: ['labour market'] },
      publisher: { name: 'Departement WSE', uri: null },
      license: { title: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
    }),
    actor: 'test',
  });
  await s.portal.catalog.importDataset({
    datasetId: 'geheim',
    path: write('g.csv', 'code;bedrag\nA;1\n'),
    input: parseMetadataInput({ title: { nl: 'Geheime premies', en: 'Secret grants' }, visibility: 'restricted', theme: ['ECON'] }),
    actor: 'test',
  });
  return s;
}
