// Loads the demo catalog into an empty portal, through the same import path publishers use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { parseMetadataInput } from '../catalog/metadata.ts';
import { staffAudience } from '../catalog/service.ts';
import type { Portal } from '../portal.ts';

/** Returns the ids it imported; does nothing when the catalog already has datasets. */
export async function seedDemo(portal: Portal): Promise<string[]> {
  const existing = await portal.catalog.listDatasets(staffAudience);
  if (existing.length > 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'opaal-demo-'));
  try {
    const datasets = await generateDemo(dir);
    const ids: string[] = [];
    for (const demo of datasets) {
      await portal.catalog.importDataset({
        datasetId: demo.id,
        path: demo.file,
        displayName: basename(demo.file),
        input: parseMetadataInput(demo.meta),
        actor: 'system',
      });
      ids.push(demo.id);
    }
    return ids;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
