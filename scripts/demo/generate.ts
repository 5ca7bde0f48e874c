// Writes the demo catalog: eight deterministic datasets of a labour and social-economy department, in every source format.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DemoFormat, DemoSource } from './dataset.ts';
import { dienstencheques } from './datasets/dienstencheques.ts';
import { opleidingen } from './datasets/opleidingen.ts';
import { premies } from './datasets/premies.ts';
import { provincies } from './datasets/provincies.ts';
import { socialeEconomie } from './datasets/sociale-economie.ts';
import { vacatures } from './datasets/vacatures.ts';
import { werkzoekenden } from './datasets/werkzoekenden.ts';
import { werkzorg } from './datasets/werkzorg.ts';

export { demoReferenceDate } from './calendar.ts';
export type { DemoFormat } from './dataset.ts';

export interface DemoDataset {
  id: string;
  /** Absolute path of the written data file. */
  file: string;
  meta: Record<string, unknown>;
}

/** What the generator knows beyond the catalog's needs: handy for the command line and tests. */
export interface WrittenDemoDataset extends DemoDataset {
  format: DemoFormat;
  rows: number;
}

export const demoSources: readonly DemoSource[] = [
  werkzoekenden,
  vacatures,
  opleidingen,
  socialeEconomie,
  dienstencheques,
  werkzorg,
  premies,
  provincies,
];

/** Writes every demo file into `dir` (created if missing); the same bytes on every run. */
export async function generateDemo(dir: string): Promise<WrittenDemoDataset[]> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  // The files are independent, so they are written side by side; the big CSV sets the pace.
  return Promise.all(
    demoSources.map(async (source) => {
      const file = join(target, source.fileName);
      const rows = await source.write(file);
      return { id: source.id, file, meta: structuredClone(source.meta), format: source.format, rows };
    }),
  );
}
