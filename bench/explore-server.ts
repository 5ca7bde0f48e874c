// Child process of the explore benchmark: `import <dataDir> <csv>` loads the dataset, `serve <dataDir>` listens on loopback.
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openPortal } from '../src/portal.ts';

const [mode, dataDir, file] = process.argv.slice(2);
const config = loadConfig({ ...process.env, OPAAL_DATA: dataDir, DATABASE_URL: '', LOG_LEVEL: process.env.BENCH_LOG ?? 'silent' });
const portal = await openPortal(config);

if (mode === 'import') {
  const started = performance.now();
  const { version } = await portal.catalog.importDataset({ datasetId: 'bench', path: file, actor: 'bench' });
  await portal.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ records: version.recordsCount, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (mode === 'serve') {
  const app = await buildApp(portal);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ port }));
  const stop = async () => {
    await app.close();
    await portal.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // The parent going away closes this pipe: stop with it rather than linger.
  process.stdin.resume();
  process.stdin.once('end', () => void stop());
} else {
  await portal.close();
  throw new Error(`usage: explore-server.ts import <dataDir> <csv> | serve <dataDir>`);
}
