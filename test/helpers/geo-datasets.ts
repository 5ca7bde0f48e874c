// Test support: datasets for the geo exports — mixed geometry types, many points, no geo field, a restricted one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { Portal } from '../../src/portal.ts';
import { fixture } from './engine.ts';

/** How many points `many` holds: more than one engine batch (2,048 rows), so batches are stitched together. */
export const manyPoints = 5000;

export async function importGeoDatasets(portal: Portal, dataDir: string): Promise<void> {
  const add = (datasetId: string, path: string, visibility: 'public' | 'restricted' = 'public') =>
    portal.catalog.importDataset({ datasetId, path, input: parseMetadataInput({ visibility }), actor: 'test' });
  await add('mixed', fixture('geojson/mixed.geojson'));
  await add('shapes', fixture('geojson/shapes.geojson'));
  await add('secret-shapes', fixture('geojson/shapes.geojson'), 'restricted');
  await add('plain', fixture('json/lines.jsonl'));
  const path = join(dataDir, 'many.json');
  const rows = Array.from({ length: manyPoints }, (_, i) => ({ n: i, label: `punt ${i}`, location: { lat: 50 + i / 10000, lon: 4 + i / 10000 } }));
  writeFileSync(path, JSON.stringify(rows));
  await add('many', path);
}
