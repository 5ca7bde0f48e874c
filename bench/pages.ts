// Benchmark: server-side render time of each page type over the demo catalog, and the JavaScript each page ships.
import { mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { openPortal } from '../src/portal.ts';

const runs = Number(process.env.BENCH_RUNS ?? 100);
const dataDir = mkdtempSync(join(tmpdir(), 'opaal-bench-pages-'));
const config = loadConfig({ OPAAL_DATA: dataDir, LOG_LEVEL: 'silent' });
const portal = await openPortal(config);
const app = await buildApp(portal);

const pages: [string, string][] = [
  ['baseline: static file', ''],
  ['home', '/'],
  ['catalog', '/datasets'],
  ['catalog search + facet', '/datasets?q=werk&theme=SOCI'],
  ['dataset information', '/datasets/werkzoekenden-per-gemeente'],
  ['table', '/datasets/werkzoekenden-per-gemeente/table'],
  ['table, filtered', '/datasets/werkzoekenden-per-gemeente/table?refine=provincie:Antwerpen&sort=-aantal_werkzoekenden'],
  ['chart', '/datasets/werkzoekenden-per-gemeente/chart'],
  ['map', '/datasets/dienstencheque-kantoren/map'],
  ['export', '/datasets/werkzoekenden-per-gemeente/export'],
  ['api console', '/datasets/werkzoekenden-per-gemeente/api'],
  ['not found', '/datasets/nope'],
];

const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)];

try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const started = performance.now();
  await seedDemo(portal);
  console.log(`demo catalog seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; ${runs} requests per page, one at a time`);

  const home = await (await fetch(`${base}/`)).text();
  pages[0][1] = /href="(\/-\/static\/portal\.[^"]+\.css)"/.exec(home)?.[1] ?? '/robots.txt';
  const scriptsOf = (html: string) => [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);

  console.log('page                          status   p50 ms   p95 ms   × baseline   JS (gzip)');
  let baseline = 0;
  for (const [name, path] of pages) {
    const times: number[] = [];
    let status = 0;
    let html = '';
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      const response = await fetch(base + path);
      html = await response.text();
      if (i >= 5) times.push(performance.now() - t0);
      status = response.status;
    }
    const p50 = percentile(times, 0.5);
    if (baseline === 0) baseline = p50;
    let js = 0;
    for (const src of scriptsOf(html)) js += gzipSync(Buffer.from(await (await fetch(base + src)).arrayBuffer())).length;
    console.log(
      `${name.padEnd(30)}${String(status).padStart(6)}${p50.toFixed(1).padStart(9)}${percentile(times, 0.95).toFixed(1).padStart(9)}` +
        `${(p50 / baseline).toFixed(1).padStart(12)}${(js ? `${(js / 1024).toFixed(1)} kB` : '0').padStart(12)}`,
    );
  }
  console.log('targets: every page p50 < 50 ms; JavaScript on the catalog and information pages < 100 kB compressed');
} finally {
  await app.close();
  await portal.close();
  rmSync(dataDir, { recursive: true, force: true });
}
