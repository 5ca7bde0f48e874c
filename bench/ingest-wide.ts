// Type inference on a wide file: COLUMNS × ROWS of mixed values (numbers, decimal commas, dates, yes/no, text), read by
// ingestFile in this process, so the peak RSS printed is the import's.
// `node --import tsx bench/ingest-wide.ts [columns=1000] [rows=3000] [DUCKDB_MEMORY_LIMIT=3GB]`
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '../src/blobs/index.ts';
import { createEngine } from '../src/engine/duckdb.ts';
import { ingestFile } from '../src/engine/ingest/index.ts';
import { defaultImportLimits } from '../src/engine/ingest/limits.ts';

const columns = Number(process.argv[2] ?? 1000);
const rows = Number(process.argv[3] ?? 3000);
const memoryLimit = process.argv[4] ?? '3GB';
const dir = mkdtempSync(join(tmpdir(), 'opaal-wide-'));
const file = join(dir, 'wide.csv');

/** Column c keeps one form throughout, so inference has something to decide. */
function value(c: number, r: number): string {
  switch (c % 5) {
    case 0: return String(r * 7 + c);
    case 1: return `${r},${c % 100}`;
    case 2: return `2024-${String((r % 12) + 1).padStart(2, '0')}-${String((c % 28) + 1).padStart(2, '0')}`;
    case 3: return r % 2 ? 'ja' : 'nee';
    default: return `tekst ${r} ${c}`;
  }
}

const out = createWriteStream(file);
out.write(`${Array.from({ length: columns }, (_, c) => `kolom_${c}`).join(';')}\n`);
for (let r = 0; r < rows; r++) {
  if (!out.write(`${Array.from({ length: columns }, (_, c) => value(c, r)).join(';')}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

const engine = await createEngine({ dataDir: dir, memoryLimit, threads: 2, timezone: 'Europe/Brussels' });
const started = performance.now();
try {
  const result = await ingestFile(engine, createFileBlobStore(dir), file, { limits: { ...defaultImportLimits, columns: Math.max(columns, defaultImportLimits.columns) } });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${columns} columns × ${result.recordsCount} rows, DUCKDB_MEMORY_LIMIT=${memoryLimit}: ${seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
