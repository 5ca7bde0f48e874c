// Benchmark: the worst queries an anonymous client can send, four at a time, beside a plain page of records.
// With QUERY_TIMEOUT_MS=2000 the plain page must stay under 500 ms (issue 13); this prints what each query got.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { generateCsv } from './generate-csv.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const benchDir = new URL('./', import.meta.url).pathname;
const dataDir = join(benchDir, '.data', `abuse-${rows}`);
const serverScript = join(benchDir, 'explore-server.ts');
const env = { ...process.env, QUERY_TIMEOUT_MS: '2000' };

let server: ChildProcess | null = null;
process.on('exit', () => server?.kill('SIGTERM'));

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', serverScript, ...args], { env, stdio: ['pipe', 'pipe', 'inherit'] });
}

async function firstLine(process: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: process.stdout! })) return line;
  throw new Error('the server printed nothing');
}

async function load(): Promise<void> {
  if (existsSync(join(dataDir, 'ready'))) return;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const csv = join(dataDir, 'bench.csv');
  await generateCsv(csv, rows);
  const importer = child(['import', dataDir, csv]);
  console.log(`imported ${rows} rows: ${await firstLine(importer)}`);
  await new Promise((resolve) => importer.once('exit', resolve));
  rmSync(csv);
  await import('node:fs').then((fs) => fs.writeFileSync(join(dataDir, 'ready'), ''));
}

const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `zoekwoord${from + i}`).join(' ');
const ring = (n: number) => {
  const points = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return `${(4.2 + 1.5 * Math.cos(a)).toFixed(2)} ${(51 + 0.4 * Math.sin(a)).toFixed(2)}`;
  });
  return `POLYGON((${[...points, points[0]].join(', ')}))`;
};

/** The candidates, each at the caps of odsql/limits.ts where it has one. */
const candidates: Record<string, Record<string, string>> = {
  'fuzzy search, 20 words': { where: `search("${words(20)}")` },
  'bare search, 20 words': { where: `"${words(20)}"` },
  'LIKE, 20 words': { where: `gemeente like "${words(20)}" or sector like "${words(20, 20)}"` },
  'point in a 400-vertex polygon': { where: `within(locatie, geom'${ring(400)}')` },
  'group by every id, sorted': { select: 'id, count(*) as n', group_by: 'id', order_by: 'count(*) desc', limit: '20000' },
  'distinct count and percentiles': { select: 'count(distinct bedrag) as d, median(bedrag) as m, percentile(aantal, 99) as p' },
  'date names sorted': { select: 'id', order_by: `date_format(tijdstip, '${'EEEE MMMM '.repeat(80)}')` },
  'IN list of 1,000': { where: `aantal in (${Array.from({ length: 1000 }, (_, i) => 5000 + i).join(',')})`, order_by: 'bedrag' },
};

async function get(base: string, params: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(`${base}/records?${new URLSearchParams(params)}`);
  const body = (await response.json()) as { error_code?: string };
  return { status: response.status, ms: performance.now() - started, code: body.error_code ?? '' };
}

const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)];
const ms = (n: number) => `${Math.round(n)} ms`;

await load();
server = child(['serve', dataDir]);
const { port } = JSON.parse(await firstLine(server)) as { port: number };
const base = `http://127.0.0.1:${port}/api/explore/v2.1/catalog/datasets/bench`;
const plain = { limit: '10' };
await get(base, plain);

console.log(`\n${rows.toLocaleString('en')} rows, QUERY_TIMEOUT_MS=2000. Each query alone:`);
const alone: [string, number][] = [];
for (const [name, params] of Object.entries(candidates)) {
  const r = await get(base, params);
  alone.push([name, r.ms]);
  console.log(`  ${name.padEnd(34)} ${r.status} ${r.code.padEnd(18)} ${ms(r.ms)}`);
}
// BENCH_WORST="name|name" picks the attackers by hand.
const worst = process.env.BENCH_WORST?.split('|') ?? alone.sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name]) => name);

console.log(`\nThe four slowest, each sent again as soon as it is answered, for ${seconds} s, beside a plain page every 100 ms:`);
const outcomes = new Map<string, string[]>();
const until = performance.now() + seconds * 1000;
const attackers = worst.map(async (name) => {
  while (performance.now() < until) {
    const r = await get(base, candidates[name]);
    outcomes.set(name, [...(outcomes.get(name) ?? []), `${r.status}${r.code ? ` ${r.code}` : ''} in ${ms(r.ms)}`]);
  }
});
const plainTimes: number[] = [];
const plainStatuses = new Set<number>();
while (performance.now() < until) {
  const r = await get(base, plain);
  plainTimes.push(r.ms);
  plainStatuses.add(r.status);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await Promise.all(attackers);
for (const name of worst) {
  const got = outcomes.get(name) ?? [];
  const counts = new Map<string, number>();
  for (const g of got) counts.set(g.replace(/ in .*/, ''), (counts.get(g.replace(/ in .*/, '')) ?? 0) + 1);
  console.log(`  ${name.padEnd(34)} ${[...counts].map(([k, n]) => `${n}× ${k}`).join(', ')}; e.g. ${got.slice(0, 3).join(', ')}`);
}
const max = Math.max(...plainTimes);
console.log(
  `\nPlain page (limit=10), ${plainTimes.length} requests, status ${[...plainStatuses].join('/')}: ` +
    `p50 ${ms(percentile(plainTimes, 0.5))}, p95 ${ms(percentile(plainTimes, 0.95))}, max ${ms(max)} — ${max < 500 ? 'under' : 'OVER'} 500 ms`,
);
server.kill('SIGTERM');
process.exit(max < 500 && plainStatuses.size === 1 && plainStatuses.has(200) ? 0 : 1);
