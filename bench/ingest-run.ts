// One measured run in a process of its own, so peak RSS is the run's: `opaal` import, or DuckDB alone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../src/config.ts';
import { openPortal } from '../src/portal.ts';

const [mode, file, workDir] = process.argv.slice(2);
const started = performance.now();
let records = 0;
if (mode === 'opaal') {
  const config = loadConfig({ OPAAL_DATA: workDir, LOG_LEVEL: 'silent' });
  const portal = await openPortal(config);
  const { version } = await portal.catalog.importDataset({ datasetId: 'bench', path: file, actor: 'bench' });
  records = version.recordsCount;
  await portal.close();
} else {
  // The baseline: DuckDB's own sniffing read_csv straight into a zstd Parquet file, same limits.
  const config = loadConfig({ OPAAL_DATA: workDir });
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: config.duckdbMemoryLimit,
    threads: String(config.duckdbThreads),
    temp_directory: join(workDir, 'spill'),
  });
  const connection = await instance.connect();
  const out = join(workDir, 'baseline.parquet');
  const result = await connection.run(
    `COPY (SELECT * FROM read_csv('${file}')) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  records = Number(result.rowsChanged);
  connection.closeSync();
  instance.closeSync();
  rmSync(out, { force: true });
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ mode, records, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
