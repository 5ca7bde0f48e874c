// Benchmark (issue 18): what counting costs. Two real servers (child processes, so that the load generator does not
// share their event loops) on loopback serve a records page, one counting and one not (STATS=off); a keep-alive load
// generator sends ~1,000 requests/s to each in turn for a bounded time, and prints per run the rate achieved, p50, p99
// and the server CPU time per request, then the overhead (mean of two sessions with the servers started in either
// order), and the collector's own cost measured apart. Settings: STATS_BENCH_RATE (1000), STATS_BENCH_SECONDS (5),
// STATS_BENCH_ROUNDS (4, per session), STATS_BENCH_CONTROL (1: an A/A run, both servers without counting),
// STATS_BENCH_PROFILE (a directory for CPU profiles of the servers), STATS_BENCH_PATH (the records page of the
// Explore API; `/datasets/bench/table` for the HTML table page).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rate = Number(process.env.STATS_BENCH_RATE ?? 1000);
const seconds = Number(process.env.STATS_BENCH_SECONDS ?? 5);
const rounds = Number(process.env.STATS_BENCH_ROUNDS ?? 4);
/** STATS_BENCH_CONTROL=1: an A/A run, both servers without counting, to see how far two alike servers differ here. */
const control = process.env.STATS_BENCH_CONTROL === '1';
const path = process.env.STATS_BENCH_PATH ?? '/api/explore/v2.1/catalog/datasets/bench/records?limit=20&where=n%20%3E%3D%20100';

if (process.argv[2] === 'serve') {
  // The server: a portal over its own data directory, with the quotas out of the way of the load.
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { openPortal } = await import('../src/portal.ts');
  const { parseMetadataInput } = await import('../src/catalog/metadata.ts');
  const dataDir = process.argv[3];
  const config = loadConfig({ ...process.env, OPAAL_DATA: dataDir, LOG_LEVEL: 'silent', API_DAILY_QUOTA_ANONYMOUS: '1000000000', PAGE_DAILY_QUOTA: '1000000000' });
  const portal = await openPortal(config);
  const csv = join(dataDir, 'bench.csv');
  writeFileSync(csv, `n;naam;gemeente\n${Array.from({ length: 2000 }, (_, i) => `${i};Naam ${i};Gemeente ${i % 50}`).join('\n')}\n`);
  await portal.catalog.importDataset({ datasetId: 'bench', path: csv, input: parseMetadataInput({ title: { nl: 'Bench' } }), actor: 'bench' });
  const app = await buildApp(portal);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`port ${typeof address === 'object' && address ? address.port : 0}\n`);
  // The server's CPU time so far, when asked: what a request costs, whatever else the machine is doing.
  process.on('SIGUSR2', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`cpu ${user + system}\n`);
  });
  process.on('SIGTERM', () => {
    void (async () => {
      await app.close();
      await portal.close();
      // What was counted, written at close: the benchmark's check that counting happened.
      const { sql } = await import('kysely');
      const { openStore } = await import('../src/db/index.ts');
      const store = openStore(config);
      const { rows } = await sql<{ n: number }>`select count(*) as n from stats_events`.execute(store.db);
      await store.close();
      process.stdout.write(`events ${Number(rows[0].n)}\n`);
      process.exit(0);
    })();
  });
} else {
  const self = fileURLToPath(import.meta.url);
  const percentile = (values: number[], q: number) => values[Math.max(0, Math.ceil(q * values.length) - 1)];

  async function startServer(stats: 'on' | 'off', dataDir: string): Promise<{ child: ChildProcess; port: number; output: string[] }> {
    // STATS_BENCH_PROFILE=DIR: each server writes a CPU profile there (open it in Chrome's DevTools).
    const profile = process.env.STATS_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.STATS_BENCH_PROFILE, `counting-${stats}`)}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', self, 'serve', dataDir], { env: { ...process.env, STATS: control ? 'off' : stats }, stdio: ['ignore', 'pipe', 'inherit'] });
    const output: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        output.push(...chunk.split('\n').filter(Boolean));
        const line = output.find((l) => l.startsWith('port '));
        if (line) resolve(Number(line.slice(5)));
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    return { child, port, output };
  }

  async function cpuOf(server: { child: ChildProcess; output: string[] }): Promise<number> {
    const seen = server.output.filter((l) => l.startsWith('cpu ')).length;
    server.child.kill('SIGUSR2');
    for (;;) {
      const lines = server.output.filter((l) => l.startsWith('cpu '));
      if (lines.length > seen) return Number(lines.at(-1)!.slice(4));
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function stopServer(server: { child: ChildProcess; output: string[] }): Promise<number> {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    return Number(server.output.find((l) => l.startsWith('events '))?.slice(7) ?? 0);
  }

  /** Open loop: requests are sent on a schedule of `rate` per second, whether or not earlier ones have answered. */
  async function load(port: number, durationS: number): Promise<{ sent: number; ok: number; failed: number; times: number[]; elapsed: number; statuses: string }> {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const times: number[] = [];
    let ok = 0;
    let failed = 0;
    let sent = 0;
    let skipped = 0;
    const statuses = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const one = () =>
      new Promise<void>((resolve) => {
        const t0 = performance.now();
        const req = request({ host: '127.0.0.1', port, path, agent, headers: { 'user-agent': `bench-${sent % 50}` } }, (res) => {
          res.resume();
          res.on('end', () => {
            times.push(performance.now() - t0);
            if (res.statusCode === 200) ok++;
            else {
              failed++;
              statuses.set(String(res.statusCode), (statuses.get(String(res.statusCode)) ?? 0) + 1);
            }
            resolve();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          failed++;
          statuses.set(error.code ?? 'error', (statuses.get(error.code ?? 'error') ?? 0) + 1);
          resolve();
        });
        req.end();
      });
    const start = performance.now();
    const total = Math.round(rate * durationS);
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        sent++;
        // Past 64 requests in flight the server is saturated: the request is skipped rather than queued without end.
        if (inFlight.size >= 64) {
          skipped++;
          continue;
        }
        const p = one().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;
    agent.destroy();
    times.sort((a, b) => a - b);
    if (skipped > 0) statuses.set('skipped (saturated)', skipped);
    return { sent, ok, failed, times, elapsed, statuses: [...statuses].map(([k, v]) => `${k}×${v}`).join(' ') };
  }

  console.log(`stats bench: ${rate} req/s for ${seconds} s per run, ${rounds} round(s) of on/off; ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`GET ${path}`);
  type Figures = Record<'on' | 'off', { rps: number[]; p50: number[]; p99: number[]; cpu: number[] }>;
  const fresh = (): Figures => ({ on: { rps: [], p50: [], p99: [], cpu: [] }, off: { rps: [], p50: [], p99: [], cpu: [] } });
  const sessions: Figures[] = [];
  let results = fresh();
  // Both servers run side by side and take turns (which goes first alternates): whatever else the machine does falls
  // on both alike. Two processes started one after the other do not run alike even with the same settings (an A/A run,
  // both without counting, showed the first one ~9 % slower), so there are two sessions, the server that counts
  // started first in one and second in the other, and the medians are over both.
  const serverSession = async (order: readonly ('on' | 'off')[], session: number) => {
    results = fresh();
    sessions.push(results);
    const servers = {} as Record<'on' | 'off', { child: ChildProcess; port: number; output: string[]; dataDir: string }>;
    for (const stats of order) {
      const dataDir = mkdtempSync(join(tmpdir(), 'opaal-bench-stats-'));
      servers[stats] = { ...(await startServer(stats, dataDir)), dataDir };
    }
    try {
      for (const stats of order) await load(servers[stats].port, 3); // warm-up: JIT, the engine's caches, the day's key
      for (let round = 0; round < rounds; round++) {
        for (const stats of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
          const server = servers[stats];
          const cpu0 = await cpuOf(server);
          const run = await load(server.port, seconds);
          const cpuPerRequest = (await cpuOf(server)) - cpu0;
          const rps = run.ok / run.elapsed;
          const p50 = percentile(run.times, 0.5);
          const p99 = percentile(run.times, 0.99);
          results[stats].rps.push(rps);
          results[stats].p50.push(p50);
          results[stats].p99.push(p99);
          results[stats].cpu.push(cpuPerRequest / run.ok);
          console.log(`session ${session} (${order.join(' first, ')} second), round ${round + 1}, counting ${stats.padEnd(3)}: ${rps.toFixed(0)} req/s (${run.ok} ok, ${run.failed} failed${run.statuses ? `: ${run.statuses}` : ''}), p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, server CPU ${(cpuPerRequest / run.ok).toFixed(0)} µs/request`);
        }
      }
    } finally {
      for (const stats of order) {
        const events = await stopServer(servers[stats]);
        if (stats === 'on') console.log(`session ${session}: counting on wrote ${events} event rows`);
        rmSync(servers[stats].dataDir, { recursive: true, force: true });
      }
    }
  };
  await serverSession(['on', 'off'], 1);
  await serverSession(['off', 'on'], 2);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  // The collector's own cost, apart from the noise of a loaded machine: classifying and recording a request, and
  // writing the events (hashing and the multi-row inserts), per request.
  {
    const { loadConfig } = await import('../src/config.ts');
    const { openPortal } = await import('../src/portal.ts');
    const { routeClass } = await import('../src/stats/classify.ts');
    const dataDir = mkdtempSync(join(tmpdir(), 'opaal-bench-stats-'));
    const portal = await openPortal(loadConfig({ OPAAL_DATA: dataDir, LOG_LEVEL: 'silent', STATS_FLUSH_MS: '60000' }));
    try {
      const n = 100_000;
      portal.stats.record({ kind: 'view', page: 'home', identity: 'warm\nup' });
      await portal.stats.flush();
      // As the hook does: the route's class decided once, applied per response.
      const classOf = routeClass('/api/explore/v2.1/catalog/datasets/:datasetId/records', 'nl')!;
      const offCpu = median(sessions.flatMap((s) => s.off.cpu));
      for (const visitors of [n, 2000]) {
        const t0 = performance.now();
        for (let i = 0; i < n; i++) {
          const event = classOf({ datasetId: 'bench' }, 200, 'application/json')!;
          const v = i % visitors;
          portal.stats.record({ kind: event.kind, page: event.page, datasetId: event.datasetId, caller: 'anonymous', referrer: null, identity: `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}\nbench-agent` });
        }
        const t1 = performance.now();
        await portal.stats.flush();
        const t2 = performance.now();
        const recordUs = ((t1 - t0) * 1000) / n;
        const flushUs = ((t2 - t1) * 1000) / n;
        const who = visitors === n ? 'each request a new visitor' : `${visitors.toLocaleString('en')} visitors`;
        console.log(`collector alone (SQLite), ${who}: record ${recordUs.toFixed(2)} µs/request in the request's path, flush ${flushUs.toFixed(2)} µs/request in the background; beside ${offCpu.toFixed(0)} µs of server CPU per request without counting: ${(((recordUs + flushUs) / offCpu) * 100).toFixed(2)} %`);
      }
    } finally {
      await portal.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  // Per session, the medians of its rounds and the overhead; the figure is the mean of the two sessions' overheads, in
  // which the advantage of being started second falls once on each side.
  const medians = (r: Figures['on']) => ({ rps: median(r.rps), p50: median(r.p50), p99: median(r.p99), cpu: median(r.cpu) });
  const change = (a: number, b: number) => ((a - b) / b) * 100;
  const keys = ['cpu', 'p50', 'p99', 'rps'] as const;
  const overheads = sessions.map((s, i) => {
    const [on, off] = [medians(s.on), medians(s.off)];
    console.log(`session ${i + 1} median  on: ${on.rps.toFixed(0)} req/s, p50 ${on.p50.toFixed(2)} ms, p99 ${on.p99.toFixed(2)} ms, ${on.cpu.toFixed(0)} µs CPU/request`);
    console.log(`session ${i + 1} median off: ${off.rps.toFixed(0)} req/s, p50 ${off.p50.toFixed(2)} ms, p99 ${off.p99.toFixed(2)} ms, ${off.cpu.toFixed(0)} µs CPU/request`);
    return Object.fromEntries(keys.map((k) => [k, change(on[k], off[k])])) as Record<(typeof keys)[number], number>;
  });
  const mean = (k: (typeof keys)[number]) => `${(overheads.reduce((sum, o) => sum + o[k], 0) / overheads.length).toFixed(1)} %`;
  console.log(`${control ? 'A/A control, no counting on either side' : 'overhead of counting'} (mean of the sessions): throughput ${mean('rps')}, p50 ${mean('p50')}, p99 ${mean('p99')}, server CPU per request ${mean('cpu')}`);
}
