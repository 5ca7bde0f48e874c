// Wide records on a small memory budget: the Parquet writer holds a whole row group in memory, so its row groups are
// sized to the record, and an import or a Parquet export of wide records does not run out of memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffAudience } from '../../src/catalog/service.ts';
import { maxRowGroupRows } from '../../src/engine/parquet.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

const rows = 20_000;
const columns = 20;

// ~2 KB a record, ~40 MB in all: at the old fixed 122,880 rows a group, the whole file is one group, more than the
// 16 MB the export instance has under DUCKDB_MEMORY_LIMIT=64MB.
function csv(): string {
  const header = ['id', ...Array.from({ length: columns }, (_, c) => `tekst_${c}`)].join(',');
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    lines.push([i, ...Array.from({ length: columns }, (_, c) => `${String(i * 31 + c).padStart(8, '0')} ${'x'.repeat(90)}`)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

let s: ServerHarness;
let parquetPath: string;
before(async () => {
  s = await startServer('sqlite', { DUCKDB_MEMORY_LIMIT: '128MB' });
  const file = join(s.env.config.dataDir, 'breed.csv');
  writeFileSync(file, csv());
  await s.portal.catalog.importDataset({ datasetId: 'breed', path: file, actor: 'test' });
  parquetPath = (await s.portal.catalog.currentVersion('breed', staffAudience)).path!;
});
after(() => s.close());

const rowGroups = async (path: string) =>
  (await s.portal.engine.all(`SELECT row_group_id, max(row_group_num_rows) AS n FROM parquet_metadata('${path}') GROUP BY ALL ORDER BY 1`)).map((r) => Number(r.n));

test('an import of wide records writes row groups sized to them, and keeps every record in order', async () => {
  const groups = await rowGroups(parquetPath);
  assert.ok(groups.length > 1, `several row groups, not one of ${rows} rows`);
  assert.ok(Math.max(...groups) < maxRowGroupRows);
  assert.equal(groups.reduce((a, b) => a + b, 0), rows);
  const [first] = await s.portal.engine.all(`SELECT id, tekst_3 FROM read_parquet('${parquetPath}') LIMIT 1 OFFSET 12345`);
  assert.deepEqual([Number(first.id), first.tekst_3], [12345, `${String(12345 * 31 + 3).padStart(8, '0')} ${'x'.repeat(90)}`]);
});

test('a Parquet export of wide records answers 200 with every record', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/datasets/breed/exports/parquet');
  assert.equal(response.status, 200);
  const file = join(s.env.config.dataDir, 'export.parquet');
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const [count] = await s.portal.engine.all(`SELECT count(*) AS n, count(DISTINCT tekst_7) AS d FROM read_parquet('${file}')`);
  assert.deepEqual([Number(count.n), Number(count.d)], [rows, rows]);
  assert.ok((await rowGroups(file)).length > 1);
});
