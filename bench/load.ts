// Benchmark (issue 19): throughput of a real server under concurrent clients. A server (a child process, so that the
// load generator does not share its event loop) on loopback serves a dataset of BENCH_LOAD_ROWS rows; for each endpoint
// and each number of connections (1, 16, 64), keep-alive clients send requests back to back for BENCH_LOAD_SECONDS and
// the requests per second, p50 and p99 are printed. "repeated" asks the same query again (the answer cache and ETags
// serve it); "distinct" asks a new query each time (the engine answers every one).
//
// Settings: BENCH_LOAD_ROWS (1000000), BENCH_LOAD_SECONDS (5), BENCH_LOAD_CONNECTIONS (1,16,64), BENCH_LOAD_ONLY (a
// substring of the endpoints to run), BENCH_LOAD_URLS (comma-separated base URLs of servers already running, such as
// two processes behind one database: requests go round-robin over them and no server is started here).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateExploreCsv, sectors } from './explore-data.ts';

const rows = Number(process.env.BENCH_LOAD_ROWS ?? 1_000_000);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const connections = (process.env.BENCH_LOAD_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const only = process.env.BENCH_LOAD_ONLY ?? '';
const benchDir = new URL('./', import.meta.url).pathname;
const serverScript = join(benchDir, 'explore-server.ts');

const api = '/api/explore/v2.1/catalog/datasets/bench';
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Each endpoint: the path of its i-th request. */
const endpoints: { name: string; path: (i: number) => string }[] = [
  { name: 'records page, repeated', path: () => `${api}/records?${q({ limit: '10', where: `sector = "${sectors[2]}"`, order_by: 'aantal desc' })}` },
  { name: 'records page, distinct', path: (i) => `${api}/records?${q({ limit: '10', offset: String((i * 10) % 9000), where: `aantal > ${i % 97} and id <> ${i}` })}` },
  { name: 'facets, repeated', path: () => `${api}/facets?${q({ facet: 'gemeente' })}` },
  { name: 'group_by + date filter, repeated', path: () => `${api}/records?${q({ select: 'sector, sum(aantal) as totaal', group_by: 'sector', where: "maand >= date'2021-01-01'", limit: '20' })}` },
  { name: 'group_by + date filter, distinct', path: (i) => `${api}/records?${q({ select: 'sector, sum(aantal) as totaal', group_by: 'sector', where: `maand >= date'2021-01-01' and id <> ${i}`, limit: '20' })}` },
  { name: 'catalog', path: () => `/api/explore/v2.1/catalog/datasets?${q({ limit: '10' })}` },
  { name: 'dataset page (HTML)', path: () => '/datasets/bench' },
];

/** The number of the next request, over all runs: a "distinct" query is never asked twice, not even in another run. */
let next = 0;

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;

/** Closed loop: each connection sends its next request when the last one has answered. */
async function drive(bases: URL[], path: (i: number) => string, concurrency: number, durationS: number) {
  const agents = bases.map(() => new Agent({ keepAlive: true, maxSockets: concurrency }));
  const times: number[] = [];
  const failures = new Map<string, number>();
  const end = performance.now() + durationS * 1000;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const server = i % bases.length;
      const base = bases[server];
      const t0 = performance.now();
      const req = request({ host: base.hostname, port: base.port, path: path(i), agent: agents[server] }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) times.push(performance.now() - t0);
          else failures.set(String(res.statusCode), (failures.get(String(res.statusCode)) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        failures.set(error.code ?? 'error', (failures.get(error.code ?? 'error') ?? 0) + 1);
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await one(next++);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: percentile(times, 0.5), p99: percentile(times, 0.99), ok: times.length, failures: [...failures].map(([k, v]) => `${k}×${v}`).join(' ') };
}

let server: ChildProcess | null = null;
const stopServer = () => server?.kill('SIGTERM');
process.on('exit', stopServer);

async function startServer(): Promise<URL> {
  const dataDir = join(benchDir, '.data', `load-${rows}`);
  if (!existsSync(join(dataDir, 'imported'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const csv = join(dataDir, 'bench.csv');
    console.log(`generating ${rows.toLocaleString('en')} rows and importing them (once; kept in ${dataDir})`);
    await generateExploreCsv(csv, rows);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', serverScript, 'import', dataDir, csv], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`import exited ${code}`))));
    });
    rmSync(csv);
    writeFileSync(join(dataDir, 'imported'), '');
  }
  // Quotas out of the way: this measures the server, not its limits.
  const env = { ...process.env, API_DAILY_QUOTA_ANONYMOUS: '1000000000', PAGE_DAILY_QUOTA: '1000000000' };
  server = spawn(process.execPath, ['--import', 'tsx', serverScript, 'serve', dataDir], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server!.stdout!.setEncoding('utf8');
    server!.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).port);
    });
    server!.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return new URL(`http://127.0.0.1:${port}`);
}

const bases = process.env.BENCH_LOAD_URLS ? process.env.BENCH_LOAD_URLS.split(',').map((u) => new URL(u)) : [await startServer()];
console.log(`load bench: ${rows.toLocaleString('en')} rows, ${seconds} s per run, connections ${connections.join('/')}, ${bases.length} server(s); ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${'endpoint'.padEnd(36)} ${'conn'.padStart(4)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
for (const endpoint of endpoints.filter((e) => e.name.includes(only))) {
  await drive(bases, endpoint.path, 4, 1); // warm-up: JIT, the engine's caches
  for (const concurrency of connections) {
    const r = await drive(bases, endpoint.path, concurrency, seconds);
    console.log(`${endpoint.name.padEnd(36)} ${String(concurrency).padStart(4)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)}${r.failures ? `  failed: ${r.failures}` : ''}`);
  }
}
stopServer();
process.exit(0);
