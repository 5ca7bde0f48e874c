// Writes the demo catalog's files into a folder: `node --import tsx scripts/generate-demo.ts OUTDIR`.
import { mkdirSync } from 'node:fs';
import { generateDemo } from '../src/demo/generate.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: node --import tsx scripts/generate-demo.ts OUTDIR');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const dataset of await generateDemo(dir)) console.log(`${dataset.id}\t${dataset.file}`);
