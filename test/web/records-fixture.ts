// Test support for the record tabs: a dataset long enough to page past 10,000 records, with one hostile record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { ServerHarness } from '../helpers/server.ts';

export const hostileValue = "<b>vet</b><script>alert('cel')</script>";
export const numbersCount = 10_030;

/** `numbers`: n = 1…10,030 in file order; group a/b/c as a facet; record 7's label is hostile HTML. */
export async function importNumbers(s: ServerHarness): Promise<void> {
  const lines = ['n;label;groep;dag'];
  for (let n = 1; n <= numbersCount; n++) {
    const label = n === 7 ? hostileValue : `rij ${n}`;
    const day = `2024-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
    lines.push(`${n};${label};${n === 7 ? hostileValue : ['a', 'b', 'c'][n % 3]};${day}`);
  }
  const path = join(s.env.config.dataDir, 'numbers.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({
    datasetId: 'numbers',
    path,
    input: parseMetadataInput({
      title: { nl: 'Getallen', en: 'Numbers' },
      theme: ['TECH'],
      fields: [{ name: 'groep', label: 'Groep', annotations: { facet: [] } }],
    }),
    actor: 'test',
  });
}

/** Text of HTML with the runtime's escapes undone, to compare what a page shows with JSON. */
export function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The JSON twin a page advertises. */
export function jsonTwinOf(html: string): string {
  const m = /<link rel="alternate" type="application\/json" href="([^"]+)"/.exec(html);
  if (!m) throw new Error('no JSON twin');
  return unescapeHtml(m[1]);
}
