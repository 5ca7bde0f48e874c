// Test support for a stock and a flow: job seekers counted at each month's end in two municipalities over 48 months.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { ServerHarness } from '../helpers/server.ts';

/** 2021-01 to 2024-12: Gent's and Brugge's job seekers (a stock) and new registrations (a flow). */
export const stockMonths = Array.from({ length: 48 }, (_, m) => ({
  month: `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`,
  year: 2021 + Math.floor(m / 12),
  gent: 1000 + 10 * m,
  brugge: 500 + m,
  inflow: 30 + (m % 12),
}));

/**
 * `stand`: one row per month and municipality; `werkzoekenden` annotated `aggregation: avg` (a stock, with a unit),
 * `inschrijvingen` `aggregation: sum` (a flow), `gemeente` a facet. By year, the stock's true figure is the average
 * (or the last) of the monthly totals, never their sum.
 */
export async function importStock(s: ServerHarness): Promise<void> {
  const path = join(s.env.config.dataDir, 'stock.csv');
  const lines = stockMonths.flatMap((m) => [`${m.month};Gent;${m.gent};${m.inflow}`, `${m.month};Brugge;${m.brugge};${m.inflow * 2}`]);
  writeFileSync(path, `maand;gemeente;werkzoekenden;inschrijvingen\n${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({
    datasetId: 'stand',
    path,
    input: parseMetadataInput({
      title: { nl: 'Werkzoekenden', en: 'Job seekers' },
      theme: ['ECON'],
      fields: [
        { name: 'maand', label: 'Maand' },
        { name: 'gemeente', label: 'Gemeente', annotations: { facet: [] } },
        { name: 'werkzoekenden', label: 'Werkzoekenden', annotations: { aggregation: ['avg'], unit: ['personen'] } },
        { name: 'inschrijvingen', label: 'Inschrijvingen', annotations: { aggregation: ['sum'] } },
      ],
    }),
    actor: 'test',
  });
}
