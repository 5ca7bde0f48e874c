// Command line: `node --import tsx scripts/demo/cli.ts OUTDIR` writes the demo files and lists them.
import { generateDemo } from './generate.ts';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('Usage: node --import tsx scripts/demo/cli.ts OUTDIR');
  process.exit(2);
}

const started = performance.now();
const datasets = await generateDemo(dir);
const width = Math.max(...datasets.map((d) => d.id.length));
for (const d of datasets) {
  console.log(`${d.id.padEnd(width)}  ${d.format.padEnd(7)}  ${String(d.rows).padStart(7)} rows  ${d.file}`);
}
console.log(`${datasets.length} datasets in ${Math.round(performance.now() - started)} ms`);
