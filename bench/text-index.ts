// Benchmark: full-text searches on BENCH_ROWS records (default 10,000,000) with the version's text index and with the
// scan of every text value, and what the index costs: its build time and size. `npm run bench:text`.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateExploreCsv } from './explore-data.ts';
import { staffAudience } from '../src/catalog/service.ts';
import { loadConfig } from '../src/config.ts';
import { buildTextIndex } from '../src/engine/text-index.ts';
import { twinOf } from '../src/engine/tables.ts';
import { identifier, literal } from '../src/engine/sql.ts';
import { buildRecordsQuery } from '../src/odsql/query.ts';
import { openPortal } from '../src/portal.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const cacheDir = join(import.meta.dirname, '.data');
const log = (text: string) => console.log(text);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)];

/** What a person types: frequent and rare words, prefixes, several words, accents and capitals, with other filters. */
const queries: { name: string; where: string[]; refine?: string[]; orderBy?: string }[] = [
  { name: 'word, 8% of rows', where: ['"warmtepomp"'] },
  { name: 'place name, 0.3%', where: ['"Gent"'] },
  { name: 'prefix', where: ['"zonnepa"'] },
  { name: 'short prefix', where: ['"bib"'] },
  { name: 'two words', where: ['"warmtepomp subsidie"'] },
  { name: 'accents, capitals', where: ['"VACCINATIE Brüssel"'] },
  { name: 'search(), fuzzy', where: ['search("premei isolatie")'] },
  { name: 'suggest()', where: ['suggest("kinder")'] },
  { name: 'with refine', where: ['"fiets"'], refine: ['sector:Zorg'] },
  { name: 'with where', where: ['"museum"', 'aantal > 4000'] },
  { name: 'order_by', where: ['"vervoer"'], orderBy: 'bedrag desc' },
];

mkdirSync(cacheDir, { recursive: true });
const csv = join(cacheDir, `explore-${rows}.csv`);
if (!existsSync(csv)) {
  const started = performance.now();
  await generateExploreCsv(`${csv}.partial`, rows);
  renameSync(`${csv}.partial`, csv);
  log(`generated ${csv} in ${seconds(started)} s`);
}
const dataDir = join(cacheDir, `text-index-${rows}`);
rmSync(dataDir, { recursive: true, force: true });
const portal = await openPortal(loadConfig({ ...process.env, OPAAL_DATA: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }));
try {
  let started = performance.now();
  await portal.catalog.importDataset({ datasetId: 'bench', path: csv, actor: 'bench' });
  log(`import of ${rows.toLocaleString('en')} records (text index included): ${seconds(started)} s`);
  const { dataset, path } = await portal.catalog.currentVersion('bench', staffAudience);
  const source = await portal.engine.recordsFrom(path!);
  if (!source.textIndex) throw new Error('the imported version has no text index');

  // The index once more, apart, to time it and weigh it alone.
  const apart = join(dataDir, 'index-apart.duckdb');
  started = performance.now();
  await portal.engine.withConnection(async (c) => {
    await c.run(`ATTACH ${literal(twinOf(path!))} AS ${identifier('bench_twin')} (READ_ONLY)`);
    await c.run(`ATTACH ${literal(apart)} AS ${identifier('bench_index')}`);
    try {
      await buildTextIndex(c, 'bench_twin.records', 'bench_index', dataset.fields);
    } finally {
      await c.run('DETACH bench_index');
      await c.run('DETACH bench_twin');
    }
  });
  const buildSeconds = seconds(started);
  const [words] = await portal.engine.all(`SELECT count(*) AS n FROM ${source.textIndex.words}`);
  const [vocabulary] = await portal.engine.all(`SELECT count(*) AS n FROM ${source.textIndex.vocabulary}`);
  const mb = (file: string) => (statSync(file).size / 1e6).toFixed(0);
  log(
    `text index: built in ${buildSeconds} s, ${mb(apart)} MB (${Number(words.n).toLocaleString('en')} words of records, ` +
      `${Number(vocabulary.n).toLocaleString('en')} distinct); the twin with it ${mb(twinOf(path!))} MB, the Parquet file ${mb(path!)} MB`,
  );

  /** A page of 10 and its total, as the records endpoint asks them (explore/records.ts). */
  async function page(query: (typeof queries)[number], indexed: boolean): Promise<{ ms: number; total: number; ids: string }> {
    const built = buildRecordsQuery({
      fields: dataset.fields,
      from: source.from,
      orderFreeFrom: source.orderFree,
      textIndex: indexed ? source.textIndex : null,
      where: query.where,
      refine: query.refine,
      orderBy: query.orderBy,
      select: 'id',
      limit: 10,
      offset: 0,
    });
    if (indexed !== built.sql.includes('text_words')) throw new Error(`${query.name}: the index was ${indexed ? 'not ' : ''}read`);
    const t0 = performance.now();
    const [count] = await portal.engine.all(built.countSql, built.countParams);
    const found = await portal.engine.all(built.sql, built.params);
    return { ms: performance.now() - t0, total: Number(count.n), ids: found.map((r) => String(r.o0)).join(',') };
  }

  log(`\n${runs} runs each (1 warm-up); p50 / p95 in ms of count + page of 10`);
  log('query                     matches     scan p50  scan p95   index p50  index p95');
  const all = { scan: [] as number[], index: [] as number[] };
  for (const query of queries) {
    const samples = { scan: [] as number[], index: [] as number[] };
    let total = 0;
    let check = '';
    for (const indexed of [false, true]) {
      const side = indexed ? 'index' : 'scan';
      for (let i = 0; i <= runs; i++) {
        const result = await page(query, indexed);
        if (i === 0) {
          // The same answer both ways, or the figures mean nothing.
          if (indexed && `${result.total}:${result.ids}` !== check) throw new Error(`${query.name}: the index answers otherwise than the scan`);
          check = `${result.total}:${result.ids}`;
          total = result.total;
          continue;
        }
        samples[side].push(result.ms);
      }
      all[side].push(...samples[side]);
    }
    const f = (values: number[]) => percentile(values, 0.5).toFixed(1).padStart(10) + percentile(values, 0.95).toFixed(1).padStart(10);
    log(`${query.name.padEnd(24)}${total.toLocaleString('en').padStart(10)}  ${f(samples.scan)}  ${f(samples.index)}`);
  }
  const f = (values: number[]) => `p50 ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms`;
  log(`\nall queries: scan ${f(all.scan)}; index ${f(all.index)} (target: index p50 ≤ 100 ms at 10,000,000 records)`);
} finally {
  await portal.close();
  // BENCH_KEEP=1 leaves the imported version for a closer look.
  if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
}
