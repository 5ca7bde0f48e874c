// Issue 13, class 1: every query has a bounded cost. Caps answer 400 naming the cap before the engine is asked;
// a full engine answers 503 with Retry-After while plain pages still get through; parsing is linear in its text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicAudience } from '../../src/catalog/service.ts';
import { laneLimits } from '../../src/engine/pool.ts';
import { parseFacetParam } from '../../src/explore/facets.ts';
import { parseWork } from '../../src/odsql/lexer.ts';
import { parseSelect, parseWhere } from '../../src/odsql/parser.ts';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer('sqlite', { QUERY_TIMEOUT_MS: '5000', DUCKDB_THREADS: '2' });
  const lines = ['id,gemeente,sector,omschrijving,bedrag'];
  for (let i = 0; i < 20_000; i++) lines.push(`${i},plaats${i % 97},sector${i % 13},woord${i % 977} ander${i % 131},${(i * 7.31) % 1000}`);
  const path = join(s.env.dataDir, 'groot.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'groot', path, actor: 'test' });
});
after(() => s.close());

const records = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) search.append(k, one);
  return s.get(`/api/explore/v2.1/catalog/datasets/groot/records?${search}`);
};

async function refused(response: Response, cap: RegExp): Promise<void> {
  const body = await json(response);
  assert.equal(response.status, 400, JSON.stringify(body));
  assert.equal(body.error_code, 'ODSQLError');
  assert.match(body.message, cap);
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `zoekwoord${i}`).join(' ');

test('the long search of the report (1,500 words) is refused before the engine sees it, naming the cap', async () => {
  const short = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
  await refused(await records({ where: `search("${short}")` }), /search text has 1,500 words; at most 20 are allowed/);
  await refused(await records({ where: `"${words(21)}"` }), /at most 20 are allowed/);
  await refused(await records({ where: `omschrijving like "${words(40)}"` }), /40 words; at most 20/);
  // No slot of the engine was taken or is waited for.
  assert.deepEqual(s.portal.engine.load(), { light: { held: 0, waiting: 0 }, heavy: { held: 0, waiting: 0 } });
  // Twenty words are fine.
  assert.equal((await records({ where: `search("${words(20)}")` })).status, 200);
});

test('each cap answers 400 with its name and value', async () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(',');
  await refused(await records({ where: `id in (${many(1001)})` }), /IN list has 1,001 values; at most 1,000 are allowed/);
  await refused(await records({ select: Array.from({ length: 101 }, (_, i) => `id + ${i} as a${i}`).join(',') }), /select has 101 items; at most 100/);
  await refused(await records({ group_by: Array.from({ length: 11 }, () => 'sector').join(','), select: 'count(*)' }), /group_by has 11 items; at most 10/);
  await refused(await records({ order_by: Array.from({ length: 11 }, () => 'id').join(',') }), /order_by has 11 items; at most 10/);
  await refused(await records({ where: Array.from({ length: 21 }, (_, i) => `id > ${i}`) }), /where parameter is given 21 times; at most 20/);
  await refused(await records({ refine: Array.from({ length: 101 }, () => 'sector:sector1') }), /refine parameter is given 101 times; at most 100/);
  const facets = await s.get(`/api/explore/v2.1/catalog/datasets/groot/facets?${Array.from({ length: 31 }, () => 'facet=sector').join('&')}`);
  await refused(facets, /facet parameter is given 31 times; at most 30/);
  // Three IN lists of 800 values stay under their own cap and pass the query's terms.
  await refused(await records({ where: [0, 1, 2].map(() => `id in (${many(800)})`) }), /more than 2,000 terms/);
  // A day name is a CASE of seven: two hundred of them are as costly as 2,400 terms.
  const names = s.portal.records.records('groot', publicAudience, { where: [], refine: [], exclude: [], limit: 1, offset: 0, lang: 'nl', timezone: 'UTC', select: `date_format(now(), '${'EEEE'.repeat(200)}')` });
  await assert.rejects(names, /more than 2,000 terms/);
});

test('a clause longer than the cap is refused, and text that repeats an operand per level cannot grow', async () => {
  const base = { refine: [], exclude: [], limit: 1, offset: 0, lang: 'nl', timezone: 'UTC' };
  await assert.rejects(
    s.portal.records.records('groot', publicAudience, { ...base, where: [`omschrijving = "${'x'.repeat(17_000)}"`] }),
    /where text has 17,0\d\d characters; at most 16,384 are allowed/,
  );
  // Each level writes its operand twice: thirty levels were 2^30 copies; now the SQL stops at the cap.
  let nested = 'id in [1..2]';
  for (let i = 0; i < 30; i++) nested = `(${nested}) in [true..true]`;
  await assert.rejects(s.portal.records.records('groot', publicAudience, { ...base, where: [nested] }), /compiles to more than 1,000,000 characters of SQL/);
});

test('a full heavy lane answers 503 with Retry-After, while a plain page and internal work still get through', async () => {
  const engine = s.portal.engine;
  const releases: (() => void)[] = [];
  const holders: Promise<unknown>[] = [];
  const hold = () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    holders.push(engine.withConnection(() => held, undefined, 'heavy').catch((error: Error) => error));
    releases.push(release);
  };
  // DUCKDB_THREADS=2: one heavy slot and its queue (engine/pool.ts); fill both.
  const { slots, queue } = laneLimits(2, s.portal.config.queryTimeoutMs).heavy;
  for (let i = 0; i < slots + queue; i++) hold();
  assert.deepEqual(engine.load().heavy, { held: slots, waiting: queue });
  const busy = await records({ where: 'search("woord9")' });
  assert.equal(busy.status, 503);
  assert.match(busy.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  const body = await json(busy);
  assert.equal(body.error_code, 'ServiceUnavailable');
  assert.match(body.message, /busy/);
  // A plain page is light: it has a lane of its own.
  const plain = await records({ limit: '3', where: 'id < 3' });
  assert.equal(plain.status, 200);
  assert.equal((await json(plain)).total_count, 3);
  // An import or another internal use names no lane and is never refused.
  assert.equal(Number((await engine.all('SELECT 42 AS n'))[0].n), 42);
  // The waiters are let in first come, first served.
  const order: number[] = [];
  holders.slice(1).forEach((h, i) => void h.then(() => order.push(i)));
  for (const release of releases) release();
  await Promise.all(holders);
  assert.deepEqual(order, Array.from({ length: queue }, (_, i) => i));
  assert.deepEqual(engine.load().heavy, { held: 0, waiting: 0 });
  assert.equal((await records({ where: 'search("woord9")', limit: '1' })).status, 200);
});

test('a request waiting longer than the time limit for a heavy slot is refused, not queued for ever', async () => {
  let release!: () => void;
  const held = s.portal.engine.withConnection(() => new Promise<void>((resolve) => (release = resolve)), undefined, 'heavy');
  const waited = await records({ where: 'search("woord9")' });
  release();
  await held;
  assert.equal(waited.status, 503);
  assert.ok(waited.headers.get('retry-after'));
});

test('a 14 KB facet(…) and other large texts are handled (refused or read) with work linear in their length', async () => {
  const facet = await s.get(`/api/explore/v2.1/catalog/datasets/groot/facets?facet=${encodeURIComponent(`facet(${'a'.repeat(14_000)})`)}`);
  assert.equal(facet.status, 400);
  assert.equal((await json(facet)).error_code, 'ODSQLError');

  const shapes: Record<string, (n: number) => () => unknown> = {
    'facet(…) of letters': (n) => () => parseFacetParam(`facet(${'a'.repeat(n)})`),
    'facet(…) of spaces': (n) => () => parseFacetParam(`facet(name${' '.repeat(n)})`),
    'facet(…) of pairs': (n) => () => parseFacetParam(`facet(${'limit=5, '.repeat(n / 9)}name="x")`),
    'OR chains in parentheses': (n) => () => parseWhere(Array.from({ length: n / 20 }, (_, i) => `(a = ${i} or b = ${i})`).join(' and ')),
    'a long string': (n) => () => parseWhere(`"${'ab\\u0041'.repeat(n / 8)}"`),
    'an IN list': (n) => () => parseWhere(`a in (${Array.from({ length: n / 5 }, (_, i) => i % 1000).join(',')})`),
    'select items': (n) => () => parseSelect(Array.from({ length: Math.min(100, n / 10) }, (_, i) => `f${i}`).join(',')),
    'open parentheses': (n) => () => parseWhere('('.repeat(n)),
    'minus signs': (n) => () => parseWhere(`${'-'.repeat(n)}1`),
  };
  for (const [name, make] of Object.entries(shapes)) {
    const work = (n: number) => {
      const before = parseWork.steps;
      try {
        make(n)();
      } catch {
        // Refused is fine; the work is what is measured.
      }
      return parseWork.steps - before;
    };
    const small = work(1_500);
    const large = work(15_000);
    assert.ok(small > 0, `${name}: no work counted`);
    assert.ok(large <= 12 * small, `${name}: ten times the text took ${(large / small).toFixed(1)} times the work`);
  }
});
