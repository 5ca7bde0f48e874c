// Benchmark: what changed between two 1,000,000-row versions with a key (1% removed, 1% changed, 1% added), as
// Opaal computes it after a publication, beside a plain DuckDB EXCEPT ALL both ways on the same Parquet files.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { versionChanges } from '../src/catalog/diff.ts';
import { parseMetadataInput } from '../src/catalog/metadata.ts';
import { staffAudience } from '../src/catalog/service.ts';
import { loadConfig } from '../src/config.ts';
import { literal } from '../src/engine/sql.ts';
import { openPortal } from '../src/portal.ts';
import { generateCsv } from './generate-csv.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = new URL('./.data/', import.meta.url).pathname;
mkdirSync(dataDir, { recursive: true });
const first = join(dataDir, `ingest-${rows}.csv`);
if (!existsSync(first)) await generateCsv(first, rows);

const work = mkdtempSync(join(dataDir, 'notify-diff-'));
const portal = await openPortal(loadConfig({ OPAAL_DATA: work, LOG_LEVEL: 'silent' }));
try {
  // The second version from the first: every 100th record removed, another changed, another added under a new id.
  const second = join(work, 'second.csv');
  const columns = 'id, gemeente, nis_code, sector, maand, geslacht, aantal, bedrag, actief, tijdstip, locatie';
  const changed = columns.replace('aantal', "CASE WHEN id::BIGINT % 100 = 7 THEN (aantal::BIGINT + 1)::VARCHAR ELSE aantal END AS aantal");
  const source = `read_csv(${literal(first)}, all_varchar = true, header = true)`;
  await portal.engine.all(
    `COPY (SELECT ${changed} FROM ${source} WHERE id::BIGINT % 100 <> 3 UNION ALL ` +
      `SELECT (id::BIGINT + ${rows * 2})::VARCHAR AS id, ${columns.replace('id, ', '')} FROM ${source} WHERE id::BIGINT % 100 = 5) TO ${literal(second)} (HEADER, DELIMITER ',')`,
  );
  let started = performance.now();
  await portal.catalog.importDataset({ datasetId: 'bench', path: first, input: parseMetadataInput({ key: ['id'] }), actor: 'bench', acceptChecks: true });
  await portal.catalog.importDataset({ datasetId: 'bench', path: second, actor: 'bench', acceptChecks: true });
  console.log(`imported two versions of ${rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const [after, before] = await portal.catalog.listVersions('bench', staffAudience);
  const stored = await portal.catalog.changesOf('bench', after.number);
  console.log(`stored after publishing: ${JSON.stringify({ added: stored?.added, removed: stored?.removed, changed: stored?.changed })}`);

  const side = (v: typeof after) => ({ number: v.number, path: portal.blobs.pathOf(v.blob), fields: v.fields });
  const names = before.fields.map((f) => `"${f.name}"`).join(', ');
  const [a, b] = [side(before).path, side(after).path].map(literal);
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const opaal: number[] = [];
  const except: number[] = [];
  let counts = '';
  let exceptCounts = '';
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    const changes = await versionChanges(portal.engine, side(before), side(after), ['id']);
    opaal.push(performance.now() - started);
    counts = `added ${changes.added}, removed ${changes.removed}, changed ${changes.changed}, ${changes.examples.changed.length} examples changed`;
    started = performance.now();
    const [plus] = await portal.engine.all(`SELECT count(*) AS n FROM (SELECT ${names} FROM read_parquet(${b}) EXCEPT ALL SELECT ${names} FROM read_parquet(${a}))`);
    const [minus] = await portal.engine.all(`SELECT count(*) AS n FROM (SELECT ${names} FROM read_parquet(${a}) EXCEPT ALL SELECT ${names} FROM read_parquet(${b}))`);
    except.push(performance.now() - started);
    exceptCounts = `in the new only ${plus.n}, in the old only ${minus.n}`;
  }
  console.log(`runs: ${runs}, median; DuckDB threads ${portal.config.duckdbThreads}, memory ${portal.config.duckdbMemoryLimit}`);
  console.log(`opaal diff (key id)      ${(median(opaal) / 1000).toFixed(2)} s  ${counts}  (target < 5 s)`);
  console.log(`duckdb EXCEPT ALL ×2     ${(median(except) / 1000).toFixed(2)} s  ${exceptCounts}  (counts only: no key, no examples)`);
} finally {
  await portal.close();
  rmSync(work, { recursive: true, force: true });
}
