// Benchmark: Explore API queries on a 10M-row dataset over a live server, beside the same SQL in DuckDB straight on the
// version's Parquet file (in this process) and the same queries in PostgreSQL (CKAN DataStore style), in one table.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { columns, generateExploreCsv } from './explore-data.ts';
import { openPgBaseline, dropPgBaseline, pgDatabase, type PgBaseline } from './explore-pg.ts';
import { benchQueries } from './explore-queries.ts';

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

type Runner = () => Promise<string>;

/**
 * Times one question on each system, interleaved: each round runs every system once, in an order that turns round from
 * one round to the next, so that the machine's other load falls on all of them alike (the benchmark shares its cores).
 */
async function timeInterleaved(runners: Runner[]): Promise<Outcome[]> {
  const checks: string[] = runners.map(() => '');
  const errors: (string | null)[] = runners.map(() => null);
  const samples: number[][] = runners.map(() => []);
  for (let round = 0; round < warmups + runs; round++) {
    for (let k = 0; k < runners.length; k++) {
      const i = (round + k) % runners.length;
      if (errors[i] !== null) continue;
      const started = performance.now();
      try {
        checks[i] = await runners[i]();
      } catch (error) {
        errors[i] = (error as Error).message;
        continue;
      }
      if (round >= warmups) samples[i].push(performance.now() - started);
    }
  }
  return runners.map((_, i) => (errors[i] !== null ? { error: errors[i]! } : { p50: percentile(samples[i], 0.5), p95: percentile(samples[i], 0.95), check: checks[i] }));
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

/** The version's Parquet file in the imported data dir (the newest, should there be several). */
function versionParquet(): string {
  const dir = join(dataDir, 'blobs', 'datasets', 'bench');
  const files = readdirSync(dir).filter((f) => f.endsWith('.parquet')).map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no Parquet file under ${dir}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

type System = 'opaal' | 'duckdb' | 'pg';
const systemNames: Record<System, string> = { opaal: 'opaal', duckdb: 'duckdb', pg: 'postgres' };
const outcomes: Record<System, Map<string, Outcome>> = { opaal: new Map(), duckdb: new Map(), pg: new Map() };
const exportRunsOf: Record<System, ExportRun[]> = { opaal: [], duckdb: [], pg: [] };
const exportErrors: Record<System, string | null> = { opaal: null, duckdb: null, pg: null };
let serverPeakQueriesMb: number | null = null;
let hwmResettable = false;

async function exportRun(system: System, run: () => Promise<ExportRun>) {
  if (exportErrors[system] !== null) return;
  try {
    const t = performance.now();
    const result = await run();
    exportRunsOf[system].push(result);
    log(`${systemNames[system]} export ${exportRunsOf[system].length}: ${result.rows.toLocaleString('en')} rows, ${result.megabytes.toFixed(0)} MB in ${seconds(t)} s, ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s${result.peakRssMb !== null ? `, peak RSS ${result.peakRssMb.toFixed(0)} MB` : ''}`);
  } catch (error) {
    exportErrors[system] = (error as Error).message;
    log(`${systemNames[system]} export: ERROR ${exportErrors[system]}`);
  }
}

const systems = ['opaal', 'duckdb', 'pg'] as const;

try {
  // ---- 2. the three systems, side by side ------------------------------------------------------------
  // Opaal over a live server in a child process; DuckDB in this process on the version's Parquet file, with as many
  // threads as the portal's engine (DUCKDB_THREADS defaults to the cores) and its time zone; PostgreSQL loaded and
  // indexed as CKAN's DataStore would be. All three are up before the first query, so each question is timed on
  // all three in the same minutes.
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
  const parquet = versionParquet();
  const duck = await DuckDBInstance.create(':memory:', { threads: String(Number(process.env.DUCKDB_THREADS ?? availableParallelism())), memory_limit: '512MB' });
  const c = await duck.connect();
  await c.run(`SET TimeZone = 'Europe/Brussels'`);
  const from = `read_parquet('${parquet.replaceAll("'", "''")}')`;
  log(`duckdb ${(await c.runAndReadAll('SELECT version()')).getRows()[0][0]} on ${parquet}`);
  pgCreated = true;
  const loadStarted = performance.now();
  pgBaseline = await openPgBaseline(pgUrl, csv, log);
  log(`postgres: database ${pgDatabase} ready in ${seconds(loadStarted)} s`);
  const client = pgBaseline.client;
  const baseline = pgBaseline;

  try {
    for (const query of benchQueries) {
      const q = performance.now();
      const results = await timeInterleaved([() => query.opaal(get), () => query.duckdb(c, from), () => query.pg(client)]);
      systems.forEach((system, i) => outcomes[system].set(query.name, results[i]));
      const line = results.map((o, i) => `${systemNames[systems[i]]} ${'error' in o ? `ERROR ${o.error}` : `p50 ${o.p50.toFixed(1)} ms (${o.check})`}`).join(' | ');
      log(`${query.name}: ${line} [${seconds(q)} s]`);
    }
    serverPeakQueriesMb = vmHwmMb(pid);

    const duckOut = join(cacheDir, 'duckdb-export.csv');
    for (let i = 0; i < exportRuns; i++) {
      await exportRun('opaal', async () => {
        hwmResettable = resetHwm(pid);
        const t = performance.now();
        const response = await fetch(`${base}/exports/csv`);
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const { bytes, lines } = await drain(response);
        const s = (performance.now() - t) / 1000;
        return { rows: lines - 1, rowsPerSecond: (lines - 1) / s, megabytes: bytes / 1024 / 1024, peakRssMb: vmHwmMb(pid) };
      });
      await exportRun('duckdb', async () => {
        const t = performance.now();
        const result = await c.runAndReadAll(`COPY (SELECT ${columns} FROM ${from}) TO '${duckOut}' (FORMAT csv, HEADER true)`);
        const s = (performance.now() - t) / 1000;
        const written = Number(result.getRows()[0]?.[0] ?? 0);
        const megabytes = statSync(duckOut).size / 1024 / 1024;
        rmSync(duckOut, { force: true });
        return { rows: written, rowsPerSecond: written / s, megabytes, peakRssMb: null };
      });
      await exportRun('pg', async () => {
        const t = performance.now();
        const { bytes, lines } = await baseline.psql(`COPY (SELECT ${columns} FROM bench) TO STDOUT WITH (FORMAT csv, HEADER true)`);
        const s = (performance.now() - t) / 1000;
        return { rows: lines - 1, rowsPerSecond: (lines - 1) / s, megabytes: bytes / 1024 / 1024, peakRssMb: null };
      });
    }
  } finally {
    c.closeSync();
    duck.closeSync();
  }
} catch (error) {
  console.error(`benchmark stopped: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

// ---- 3. the table ------------------------------------------------------------------------------------
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const ratio = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×`;
const verdict = (v: boolean | null) => (v === null ? '' : v ? 'met' : 'MISSED');
const ok = (o: Outcome | undefined): Timing | null => (o && !('error' in o) ? o : null);
const cell = (o: Outcome | undefined) => (ok(o) ? ms(ok(o)!.p50) : o ? 'error' : 'not run');
const table: string[][] = [['query', 'Opaal p50', 'Opaal p95', 'DuckDB p50', 'PG p50', 'Opaal/DuckDB', 'PG/Opaal', 'target', '']];
for (const query of benchQueries) {
  const [o, d, p] = (['opaal', 'duckdb', 'pg'] as const).map((s) => ok(outcomes[s].get(query.name)));
  const versusDuck = o && d ? o.p50 / d.p50 : null;
  const versusPg = o && p ? p.p50 / o.p50 : null;
  const met = versusDuck === null ? null : versusDuck <= 1.5 && (!query.aggregate || (versusPg !== null && versusPg >= 5));
  table.push([
    query.name,
    cell(outcomes.opaal.get(query.name)),
    o ? ms(o.p95) : '',
    cell(outcomes.duckdb.get(query.name)),
    cell(outcomes.pg.get(query.name)),
    versusDuck !== null ? ratio(versusDuck) : '',
    versusPg !== null ? ratio(versusPg) : '',
    query.aggregate ? '≤ 1.5× DuckDB, ≥ 5× PG' : '≤ 1.5× DuckDB',
    verdict(met),
  ]);
}
const exportRate = (s: System) => (exportRunsOf[s].length ? median(exportRunsOf[s].map((r) => r.rowsPerSecond)) : null);
const [oExport, dExport, pExport] = (['opaal', 'duckdb', 'pg'] as const).map(exportRate);
const exportPeak = exportRunsOf.opaal.length && exportRunsOf.opaal.every((r) => r.peakRssMb !== null) ? Math.max(...exportRunsOf.opaal.map((r) => r.peakRssMb!)) : null;
const rate = (n: number | null, s: System) => (n !== null ? `${(n / 1e6).toFixed(2)} M rows/s` : exportErrors[s] ? 'error' : 'not run');
table.push([
  'csv export',
  rate(oExport, 'opaal'),
  exportPeak !== null ? `RSS ${exportPeak.toFixed(0)} MB` : '',
  rate(dExport, 'duckdb'),
  rate(pExport, 'pg'),
  oExport !== null && dExport !== null ? ratio(dExport / oExport) : '',
  oExport !== null && pExport !== null ? ratio(oExport / pExport) : '',
  '≤ 1.5× DuckDB, RSS < 500 MB',
  oExport !== null && dExport !== null ? verdict(dExport / oExport <= 1.5 && exportPeak !== null && exportPeak < 500) : '',
]);
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
console.log('');
console.log(`explore benchmark: ${rows.toLocaleString('en')} rows, ${runs} measured runs after ${warmups} warm-ups (interleaved round by round; Opaal over HTTP on loopback, DuckDB in process, PostgreSQL over its socket); export median of ${exportRuns}`);
for (const [i, row] of table.entries()) {
  console.log(row.map((text, c) => (c === 0 || c >= 7 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
for (const query of benchQueries) {
  const answers = (['opaal', 'duckdb', 'pg'] as const).map((s) => [s, outcomes[s].get(query.name)] as const);
  for (const [s, o] of answers) if (o && 'error' in o) console.log(`${systemNames[s]} ${query.name} error: ${o.error}`);
  const checks = answers.flatMap(([s, o]) => (o && !('error' in o) ? [`${systemNames[s]}: ${o.check}`] : []));
  if (new Set(checks.map((c) => c.slice(c.indexOf(':') + 2))).size > 1) console.log(`note: ${query.name} answers differ — ${checks.join('; ')}`);
}
for (const s of ['opaal', 'duckdb', 'pg'] as const) if (exportErrors[s]) console.log(`${systemNames[s]} export error: ${exportErrors[s]}`);
console.log(
  `server peak RSS (VmHWM): ${serverPeakQueriesMb?.toFixed(0) ?? '?'} MB through start-up and the queries; ` +
    (hwmResettable ? 'export peaks measured from a reset high-water mark (clear_refs)' : 'export peaks include the queries (could not reset the high-water mark)'),
);
console.log('Opaal/DuckDB = Opaal p50 ÷ DuckDB p50 (below 1.5× meets the target); PG/Opaal = PostgreSQL p50 ÷ Opaal p50 (above 1× Opaal is faster).');
console.log('For the export, the ratios compare rows/s the same way round: DuckDB rows/s ÷ Opaal rows/s, and Opaal rows/s ÷ PostgreSQL rows/s.');
