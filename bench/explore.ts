// Benchmark: Explore API queries on a 10M-row dataset over a live server, beside the same queries in PostgreSQL (CKAN DataStore style).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { generateExploreCsv, searchWord } from './explore-data.ts';
import { openPgBaseline, dropPgBaseline, pgDatabase, type PgBaseline } from './explore-pg.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const exportRuns = 3;
const warmups = 2;
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchDir = new URL('./', import.meta.url).pathname;
const cacheDir = join(benchDir, '.data');
const serverScript = join(benchDir, 'explore-server.ts');
mkdirSync(cacheDir, { recursive: true });
const log = (line: string) => console.log(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

// ---- cleanup, whatever happens -------------------------------------------------------------------
let server: ChildProcess | null = null;
let pgBaseline: PgBaseline | null = null;
let pgCreated = false;
let cleaning: Promise<void> | null = null;
function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  server = null;
}
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    stopServer();
    if (pgBaseline) await pgBaseline.drop().catch((e: Error) => console.error(`could not drop ${pgDatabase}: ${e.message}`));
    else if (pgCreated) await dropPgBaseline(pgUrl).catch((e: Error) => console.error(`could not drop ${pgDatabase}: ${e.message}`));
    pgBaseline = null;
  })();
  return cleaning;
}
process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- statistics ----------------------------------------------------------------------------------
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
};
const median = (values: number[]) => percentile(values, 0.5);

interface Timing {
  p50: number;
  p95: number;
  check: string;
}
type Outcome = Timing | { error: string };

async function time(run: () => Promise<string>): Promise<Outcome> {
  let check = '';
  try {
    for (let i = 0; i < warmups; i++) check = await run();
  } catch (error) {
    return { error: (error as Error).message };
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    check = await run();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), check };
}

interface ExportRun {
  rowsPerSecond: number;
  rows: number;
  megabytes: number;
  peakRssMb: number | null;
}

// ---- 1. data: CSV and imported data dir, cached under bench/.data/ -------------------------------
const csv = join(cacheDir, `explore-${rows}.csv`);
if (!existsSync(csv)) {
  const started = performance.now();
  await generateExploreCsv(`${csv}.partial`, rows);
  renameSync(`${csv}.partial`, csv);
  log(`generated ${csv} in ${seconds(started)} s`);
}
log(`input: ${rows.toLocaleString('en')} rows, ${(statSync(csv).size / 1024 / 1024).toFixed(0)} MB (${csv})`);

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`explore-server ${args[0]} exited with ${code}`))));
  });
}

const dataDir = join(cacheDir, `explore-${rows}`);
const marker = join(dataDir, 'bench-imported.json');
if (!existsSync(marker)) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log('importing through portal.catalog.importDataset …');
  const out = await runChild(['import', dataDir, csv]);
  writeFileSync(marker, out.trim().split('\n').pop()!);
}
const imported = JSON.parse(readFileSync(marker, 'utf8')) as { records: number; seconds: number; peakRssMb: number };
log(`opaal import (cached in ${dataDir}): ${imported.records.toLocaleString('en')} records in ${imported.seconds.toFixed(1)} s, peak RSS ${imported.peakRssMb.toFixed(0)} MB`);

// ---- 2. Opaal, over a live server in a child process ---------------------------------------------
function vmHwmMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
/** Resets the process's peak RSS (Linux clear_refs "5"), so the export's own peak can be read. */
function resetHwm(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function startServer(): Promise<{ url: string; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, 'serve', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  server = child;
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  const { port } = JSON.parse(first) as { port: number };
  return { url: `http://127.0.0.1:${port}`, pid: child.pid! };
}

/** Streams a response body to nowhere, counting bytes and newlines. */
async function drain(response: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
  }
  return { bytes, lines };
}

// `page` filters on gemeente, the field the import clusters this dataset on (CLUSTER_MIN_ROWS); `page, sector` is the same
// page filtered on another field, which the clustered copy does not help.
const queryNames = ['page', 'page, sector', 'group_by', 'facet', 'full-text'] as const;
type QueryName = (typeof queryNames)[number];
const opaal: Partial<Record<QueryName, Outcome>> = {};
const opaalExports: ExportRun[] = [];
let opaalExportError: string | null = null;
let serverPeakQueriesMb: number | null = null;
let hwmResettable = false;
const pg: Partial<Record<QueryName, Outcome>> = {};
const pgExports: ExportRun[] = [];
let pgExportError: string | null = null;

try {
  const started = performance.now();
  const { url, pid } = await startServer();
  log(`opaal server pid ${pid} on ${url} (started in ${seconds(started)} s)`);
  const base = `${url}/api/explore/v2.1/catalog/datasets/bench`;
  const get = async (path: string, params: Record<string, string>) => {
    const response = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`);
    return body;
  };
  // group_by pages like /records (default limit 10): limit=100 asks for every sector's group, as the SQL does.
  // A facet returns its top 100 values by count, so the SQL has the same ORDER BY … LIMIT 100.
  // Each run returns a short summary of its answer, printed once so the two systems can be compared.
  const totalCount = (body: string) => `total_count ${JSON.parse(body).total_count}`;
  const opaalQueries: Record<QueryName, () => Promise<string>> = {
    page: async () => totalCount(await get('/records', { where: 'gemeente="Gent" and aantal > 100', order_by: 'bedrag desc', limit: '20' })),
    'page, sector': async () => totalCount(await get('/records', { where: 'sector="Bouw" and aantal > 100', order_by: 'bedrag desc', limit: '20' })),
    group_by: async () => {
      const body = JSON.parse(await get('/records', { select: 'sector, count(*) as n, avg(bedrag) as avg', group_by: 'sector', limit: '100' }));
      const results = body.results as { n: number }[];
      return `${results.length} groups, Σn ${results.reduce((s, r) => s + Number(r.n), 0)}`;
    },
    facet: async () => {
      const body = JSON.parse(await get('/facets', { facet: 'gemeente' }));
      const values = (body.facets?.[0]?.facets ?? []) as { count: number }[];
      return `${values.length} values, top count ${values[0]?.count}`;
    },
    'full-text': async () => totalCount(await get('/records', { where: `"${searchWord}"`, limit: '10' })),
  };
  for (const name of queryNames) {
    const q = performance.now();
    opaal[name] = await time(opaalQueries[name]);
    const o = opaal[name]!;
    log(`opaal ${name}: ${'error' in o ? `ERROR ${o.error}` : `p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms (${o.check})`} [${seconds(q)} s]`);
  }
  serverPeakQueriesMb = vmHwmMb(pid);

  for (let i = 0; i < exportRuns; i++) {
    hwmResettable = resetHwm(pid);
    const t = performance.now();
    const response = await fetch(`${base}/exports/csv`);
    if (response.status !== 200) {
      opaalExportError = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
      log(`opaal export: ERROR ${opaalExportError}`);
      break;
    }
    const { bytes, lines } = await drain(response);
    const s = (performance.now() - t) / 1000;
    const run = { rows: lines - 1, rowsPerSecond: (lines - 1) / s, megabytes: bytes / 1024 / 1024, peakRssMb: vmHwmMb(pid) };
    opaalExports.push(run);
    log(`opaal export ${i + 1}: ${run.rows.toLocaleString('en')} rows, ${run.megabytes.toFixed(0)} MB in ${s.toFixed(2)} s, ${Math.round(run.rowsPerSecond).toLocaleString('en')} rows/s, server peak RSS ${run.peakRssMb?.toFixed(0)} MB`);
  }
  stopServer();

  // ---- 3. PostgreSQL baseline ------------------------------------------------------------------------
  pgCreated = true;
  const loadStarted = performance.now();
  pgBaseline = await openPgBaseline(pgUrl, csv, log);
  log(`postgres: database ${pgDatabase} ready in ${seconds(loadStarted)} s`);
  const client = pgBaseline.client;
  const fts = `to_tsvector('simple', omschrijving) @@ plainto_tsquery('simple', '${searchWord}')`;
  // A DataStore search returns the page and the total: both statements go in one round trip.
  const lastCount = (result: unknown) => {
    const list = result as { rows: { count: string }[] }[];
    return `total_count ${list[list.length - 1].rows[0].count}`;
  };
  const pgQueries: Record<QueryName, () => Promise<string>> = {
    page: async () =>
      lastCount(
        await client.query(
          `SELECT * FROM bench WHERE gemeente = 'Gent' AND aantal > 100 ORDER BY bedrag DESC LIMIT 20;
           SELECT count(*) FROM bench WHERE gemeente = 'Gent' AND aantal > 100`,
        ),
      ),
    'page, sector': async () =>
      lastCount(
        await client.query(
          `SELECT * FROM bench WHERE sector = 'Bouw' AND aantal > 100 ORDER BY bedrag DESC LIMIT 20;
           SELECT count(*) FROM bench WHERE sector = 'Bouw' AND aantal > 100`,
        ),
      ),
    group_by: async () => {
      const { rows: result } = await client.query<{ n: string }>('SELECT sector, count(*) AS n, avg(bedrag) AS avg FROM bench GROUP BY sector');
      return `${result.length} groups, Σn ${result.reduce((s, r) => s + Number(r.n), 0)}`;
    },
    facet: async () => {
      const { rows: result } = await client.query<{ count: string }>('SELECT gemeente, count(*) AS count FROM bench WHERE gemeente IS NOT NULL GROUP BY gemeente ORDER BY count DESC LIMIT 100');
      return `${result.length} values, top count ${result[0]?.count}`;
    },
    'full-text': async () => lastCount(await client.query(`SELECT * FROM bench WHERE ${fts} LIMIT 10; SELECT count(*) FROM bench WHERE ${fts}`)),
  };
  for (const name of queryNames) {
    const q = performance.now();
    pg[name] = await time(pgQueries[name]);
    const o = pg[name]!;
    log(`postgres ${name}: ${'error' in o ? `ERROR ${o.error}` : `p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms (${o.check})`} [${seconds(q)} s]`);
  }
  for (let i = 0; i < exportRuns; i++) {
    const t = performance.now();
    try {
      const { bytes, lines } = await pgBaseline.psql(
        'COPY (SELECT id, gemeente, sector, maand, geslacht, aantal, bedrag, omschrijving FROM bench) TO STDOUT WITH (FORMAT csv, HEADER true)',
      );
      const s = (performance.now() - t) / 1000;
      const run = { rows: lines - 1, rowsPerSecond: (lines - 1) / s, megabytes: bytes / 1024 / 1024, peakRssMb: null };
      pgExports.push(run);
      log(`postgres export ${i + 1}: ${run.rows.toLocaleString('en')} rows, ${run.megabytes.toFixed(0)} MB in ${s.toFixed(2)} s, ${Math.round(run.rowsPerSecond).toLocaleString('en')} rows/s`);
    } catch (error) {
      pgExportError = (error as Error).message;
      log(`postgres export: ERROR ${pgExportError}`);
      break;
    }
  }
} catch (error) {
  console.error(`benchmark stopped: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

// ---- 4. the table ------------------------------------------------------------------------------------
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const targets: Record<QueryName, { text: string; met: (o: Timing, p: Timing | null) => boolean | null }> = {
  page: { text: 'p50 ≤ 30 ms', met: (o) => o.p50 <= 30 },
  'page, sector': { text: '(p50 ≤ 30 ms off the clustered field)', met: (o) => o.p50 <= 30 },
  group_by: { text: 'p50 ≤ 300 ms; ≥ 5× PG', met: (o, p) => o.p50 <= 300 && (p ? p.p50 / o.p50 >= 5 : false) },
  facet: { text: '≥ 5× PG', met: (o, p) => (p ? p.p50 / o.p50 >= 5 : null) },
  'full-text': { text: '(none)', met: () => null },
};
const verdict = (v: boolean | null) => (v === null ? '' : v ? 'met' : 'MISSED');
const table: string[][] = [['query', 'Opaal p50', 'Opaal p95', 'PG p50', 'PG p95', 'PG/Opaal', 'target', '']];
for (const name of queryNames) {
  const o = opaal[name];
  const p = pg[name];
  const oOk = o && !('error' in o) ? o : null;
  const pOk = p && !('error' in p) ? p : null;
  table.push([
    name,
    oOk ? ms(oOk.p50) : o ? 'error' : 'not run',
    oOk ? ms(oOk.p95) : '',
    pOk ? ms(pOk.p50) : p ? 'error' : 'not run',
    pOk ? ms(pOk.p95) : '',
    oOk && pOk ? `${(pOk.p50 / oOk.p50).toFixed(1)}×` : '',
    targets[name].text,
    oOk ? verdict(targets[name].met(oOk, pOk)) : '',
  ]);
}
const oExport = opaalExports.length ? median(opaalExports.map((r) => r.rowsPerSecond)) : null;
const pExport = pgExports.length ? median(pgExports.map((r) => r.rowsPerSecond)) : null;
const exportPeak = opaalExports.length && opaalExports.every((r) => r.peakRssMb !== null) ? Math.max(...opaalExports.map((r) => r.peakRssMb!)) : null;
const rate = (n: number) => `${(n / 1e6).toFixed(2)} M rows/s`;
table.push([
  'csv export',
  oExport !== null ? rate(oExport) : opaalExportError ? 'error' : 'not run',
  exportPeak !== null ? `RSS ${exportPeak.toFixed(0)} MB` : '',
  pExport !== null ? rate(pExport) : pgExportError ? 'error' : 'not run',
  '',
  oExport !== null && pExport !== null ? `${(oExport / pExport).toFixed(1)}×` : '',
  '≥ 1 M rows/s, RSS < 500 MB',
  oExport !== null ? verdict(oExport >= 1_000_000 && exportPeak !== null && exportPeak < 500) : '',
]);
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
console.log('');
console.log(`explore benchmark: ${rows.toLocaleString('en')} rows, ${runs} measured runs after ${warmups} warm-ups (sequential, client round trip); export median of ${exportRuns}`);
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c === 0 || c >= 6 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
for (const name of queryNames) {
  const o = opaal[name];
  const p = pg[name];
  if (o && 'error' in o) console.log(`opaal ${name} error: ${o.error}`);
  if (p && 'error' in p) console.log(`postgres ${name} error: ${p.error}`);
  if (o && p && !('error' in o) && !('error' in p) && o.check !== p.check) console.log(`note: ${name} answers differ — opaal: ${o.check}; postgres: ${p.check}`);
}
if (opaalExportError) console.log(`opaal export error: ${opaalExportError}`);
if (pgExportError) console.log(`postgres export error: ${pgExportError}`);
console.log(
  `server peak RSS (VmHWM): ${serverPeakQueriesMb?.toFixed(0) ?? '?'} MB through start-up and the queries; ` +
    (hwmResettable ? 'export peaks measured from a reset high-water mark (clear_refs)' : 'export peaks include the queries (could not reset the high-water mark)'),
);
console.log(`PG/Opaal = PostgreSQL p50 ÷ Opaal p50 (for the export, Opaal rows/s ÷ PostgreSQL rows/s): above 1× Opaal is faster.`);
