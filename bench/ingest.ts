// Benchmark: import a 1,000,000-row (~100 MB) CSV; rows/s and peak RSS beside DuckDB's own read_csv → Parquet.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCsv } from './generate-csv.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = new URL('./.data/', import.meta.url).pathname;
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, `ingest-${rows}.csv`);
if (!existsSync(file)) {
  const started = performance.now();
  await generateCsv(file, rows);
  console.log(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const megabytes = statSync(file).size / 1024 / 1024;
console.log(`input: ${rows.toLocaleString('en')} rows, ${megabytes.toFixed(1)} MB`);

interface Run {
  records: number;
  seconds: number;
  peakRssMb: number;
}

function measure(mode: 'opaal' | 'duckdb'): Run {
  const work = mkdtempSync(join(dataDir, 'run-'));
  try {
    const output = execFileSync(process.execPath, ['--import', 'tsx', new URL('./ingest-run.ts', import.meta.url).pathname, mode, file, work], {
      encoding: 'utf8',
    });
    return JSON.parse(output.trim().split('\n').pop()!);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results: Record<string, Run[]> = { opaal: [], duckdb: [] };
for (let i = 0; i < runs; i++) {
  for (const mode of ['opaal', 'duckdb'] as const) results[mode].push(measure(mode));
}
const summary = Object.fromEntries(
  Object.entries(results).map(([mode, list]) => [
    mode,
    { seconds: median(list.map((r) => r.seconds)), peak: Math.max(...list.map((r) => r.peakRssMb)), records: list[0].records },
  ]),
);
const o = summary.opaal;
const d = summary.duckdb;
console.log(`runs: ${runs} each, median time, highest peak RSS`);
console.log(`opaal import     ${o.seconds.toFixed(2)} s  ${Math.round(o.records / o.seconds).toLocaleString('en')} rows/s  peak RSS ${o.peak.toFixed(0)} MB  (target ≥ 300,000 rows/s, < 600 MB)`);
console.log(`duckdb baseline  ${d.seconds.toFixed(2)} s  ${Math.round(d.records / d.seconds).toLocaleString('en')} rows/s  peak RSS ${d.peak.toFixed(0)} MB  (read_csv → zstd Parquet, no inference, no record ids)`);
console.log(`ratio opaal/baseline time: ${(o.seconds / d.seconds).toFixed(2)}×`);
if (o.records !== rows) console.log(`WARNING: opaal imported ${o.records} records, expected ${rows}`);
