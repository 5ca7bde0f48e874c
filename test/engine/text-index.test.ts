// The text index written at import: full-text searches read it and answer exactly as the scan of every text value does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffAudience } from '../../src/catalog/service.ts';
import { twinOf } from '../../src/engine/tables.ts';
import type { RecordsSource } from '../../src/engine/duckdb.ts';
import type { Field } from '../../src/catalog/types.ts';
import { buildRecordsQuery } from '../../src/odsql/query.ts';
import { facetQueries } from '../../src/explore/facets.ts';
import { identifier, literal } from '../../src/engine/sql.ts';
import { startServer, json, type ServerHarness } from '../helpers/server.ts';

const rows = 6_000;
// Words with accents, capitals, digits and words the index leaves to the scan (ß, Greek): the folding must agree.
const words = [
  'Gent', 'gentbrugge', 'Ghent', 'Élodie', 'elodie', 'café', 'Café-Bar', 'naïef', 'Zürich', 'zurich', 'straße', 'strasse',
  'Ærø', 'αθήνα', 'warmtepomp', 'warmte', 'warm', 'pomp', 'zonnepaneel', 'isolatie', 'renovatie', 'B2B', 'a1', '2024',
  'Sint-Niklaas', 'o’brien', 'x', 'kinderopvang', 'opvang', 'ÉCOLE', 'école', 'Eeklo', 'ee', 'ﬁets', 'fiets',
];
const sectors = ['Bouw', 'Zorg', 'Handel', 'Onderwijs'];

// Seeded so that a failure can be replayed.
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function dataset(): string {
  const next = prng(19);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const records = Array.from({ length: rows }, (_, i) => {
    const text = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(words)).join(pick([' ', ', ', '/', ' - ', '.']));
    return {
      id: i + 1,
      titel: next() < 0.05 ? null : text,
      plaats: pick(words),
      sector: pick(sectors),
      tags: next() < 0.2 ? null : [pick(words), pick(words)],
      aantal: Math.floor(next() * 1000),
    };
  });
  return JSON.stringify(records);
}

let s: ServerHarness;
let source: RecordsSource;
let fields: Field[];
let path: string;
before(async () => {
  s = await startServer('sqlite');
  const file = join(s.env.config.dataDir, 'teksten.json');
  writeFileSync(file, dataset());
  await s.portal.catalog.importDataset({ datasetId: 'teksten', path: file, actor: 'test' });
  const current = await s.portal.catalog.currentVersion('teksten', staffAudience);
  path = current.path!;
  fields = current.dataset.fields;
  source = await s.portal.engine.recordsFrom(path);
});
after(() => s.close());

const plain = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));

/** Count and first rows of a query, with or without the text index; `indexed` says whether its SQL read it. */
async function answer(request: { where?: string[]; refine?: string[]; orderBy?: string; offset?: number; select?: string }, withIndex: boolean) {
  const query = buildRecordsQuery({
    fields,
    from: source.from,
    orderFreeFrom: source.orderFree,
    textIndex: withIndex ? source.textIndex : null,
    limit: 25,
    select: 'id',
    ...request,
    offset: request.offset ?? 0,
  });
  const [count] = await s.portal.engine.all(query.countSql, query.countParams);
  const page = await s.portal.engine.all(query.sql, query.params);
  return { count: Number(count.n), ids: plain(page).map((r: { o0: number }) => r.o0), rows: plain(page), indexed: query.sql.includes('text_words') };
}

test('the index is written at import, in the twin, and holds the folded words of every text field', async () => {
  assert.ok(source.textIndex, 'the twin has a text index');
  assert.deepEqual([...source.textIndex!.columns].sort(), ['"plaats"', '"sector"', '"titel"', `array_to_string("tags", ' ')`], 'every text field, the multivalued tags joined');
  const sample = plain(await s.portal.engine.all(`SELECT word FROM ${source.textIndex!.vocabulary} WHERE word IN ('elodie', 'cafe', 'zurich', 'b2b', 'fiets', 'Elodie')`));
  assert.deepEqual(sample.map((r: { word: string }) => r.word).sort(), ['b2b', 'cafe', 'elodie', 'fiets', 'zurich']);
});

test('random searches give the scan\'s counts and pages: words and prefixes from the data, several words, accents and capitals, with where, refine and order_by', async () => {
  const next = prng(2026);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  // A word as a person might type it: cut to a prefix, in capitals, with or without its accents.
  const typed = () => {
    let w = pick(words);
    if (next() < 0.4) w = w.slice(0, 1 + Math.floor(next() * w.length));
    if (next() < 0.2) w = w.toUpperCase();
    if (next() < 0.2) w = w.normalize('NFKD').replace(/\p{M}/gu, '');
    return w.replace(/"/g, '');
  };
  let indexed = 0;
  let found = 0;
  for (let i = 0; i < 160; i++) {
    const text = Array.from({ length: 1 + Math.floor(next() * 3) }, typed).join(' ');
    const form = pick([`"${text}"`, `search("${text}")`, `search(*, "${text}")`, `suggest("${text}")`, `search(titel, "${text}")`]);
    const request: { where: string[]; refine?: string[]; orderBy?: string; offset?: number } = { where: [form] };
    if (next() < 0.3) request.where.push(`aantal > ${Math.floor(next() * 900)}`);
    if (next() < 0.3) request.refine = [`sector:${pick(sectors)}`];
    if (next() < 0.3) request.orderBy = 'aantal desc, id';
    if (next() < 0.3) request.offset = Math.floor(next() * 40);
    const [scan, index] = [await answer(request, false), await answer(request, true)];
    assert.equal(scan.indexed, false);
    assert.deepEqual(index.ids, scan.ids, `${JSON.stringify(request)}: the same page`);
    assert.equal(index.count, scan.count, `${JSON.stringify(request)}: the same count`);
    if (index.indexed) indexed++;
    if (scan.count > 0) found++;
  }
  // Most draws are ASCII once folded (searches of named columns and ß or Greek words go to the scan).
  assert.ok(indexed > 80, `${indexed} of 160 read the index`);
  assert.ok(found > 80, `${found} of 160 found records`);
});

test('a search alone is counted and paged from the index: a prefix of one word, of several, and several words', async () => {
  // "gentb" matches gentbrugge only; "warm" warm, warmte and warmtepomp, which records hold together.
  for (const where of ['"gentb"', '"warm"', '"warm pomp"', 'suggest("ee")']) {
    for (const offset of [0, 7, 30]) {
      const [scan, index] = [await answer({ where: [where], offset }, false), await answer({ where: [where], offset }, true)];
      assert.equal(index.indexed, true);
      assert.equal(index.count, scan.count, `${where} count`);
      assert.deepEqual(index.ids, scan.ids, `${where} from ${offset}`);
      assert.ok(scan.ids.length > 0);
    }
  }
});

test('a search under NOT or in a comparison scans (a record with a NULL text field tests NULL there, not false); under AND and OR it reads the index', async () => {
  for (const [where, indexed] of [['not "warm"', false], ['not search("warm pomp")', false], ['search("warm") = false', false], ['"warm" or aantal > 900', true], ['("gent" or "café") and not aantal > 500', true]] as [string, boolean][]) {
    const [scan, index] = [await answer({ where: [where] }, false), await answer({ where: [where] }, true)];
    assert.equal(index.indexed, indexed, where);
    assert.equal(index.count, scan.count, where);
    assert.deepEqual(index.ids, scan.ids, where);
  }
  // What the rule guards against: the index's false negated keeps records with a NULL title that the scan leaves out.
  const nullTitles = plain(await s.portal.engine.all(`SELECT count(*) AS n FROM ${source.from} WHERE titel IS NULL`))[0].n;
  assert.ok(nullTitles > 0);
});

test('what the index cannot answer goes to the scan: a named column, a word the split treats as separators', async () => {
  for (const where of ['search(titel, "gent")', '"straße"', '"αθήνα"']) {
    const result = await answer({ where: [where] }, true);
    assert.equal(result.indexed, false, where);
    assert.ok(result.count > 0, where);
  }
  const indexed = await answer({ where: ['"Élodie CAFÉ"'] }, true);
  assert.equal(indexed.indexed, true);
  assert.equal(indexed.count, (await answer({ where: ['"Élodie CAFÉ"'] }, false)).count);
});

test('the API searches with the index and gives the scan\'s records and total', async () => {
  const api = await json(s.get(`/api/explore/v2.1/catalog/datasets/teksten/records?where=${encodeURIComponent('"warm" and aantal < 500')}&select=id&limit=10&order_by=id`));
  const scan = await answer({ where: ['"warm"', 'aantal < 500'], orderBy: 'id' }, false);
  assert.equal(api.total_count, scan.count);
  assert.deepEqual(api.results.map((r: { id: number }) => r.id), scan.ids.slice(0, 10));
  assert.ok(scan.count > 100);
  // A select alias named rowid stands for nothing the index reads or orders by.
  const aliased = await answer({ where: ['"warm"'], select: 'aantal as rowid, id' }, true);
  assert.equal(aliased.indexed, true);
  assert.deepEqual(aliased.rows, (await answer({ where: ['"warm"'], select: 'aantal as rowid, id' }, false)).rows);
});

test('facets of a search count from the index what the scan counts', async () => {
  const counts = async (where: string[], refine: string[], indexed: boolean) => {
    const [query] = facetQueries({
      fields,
      from: source.orderFree,
      where,
      refine,
      exclude: [],
      facets: [{ name: 'sector', disjunctive: false, sort: '-count', limit: 10 }],
      now: new Date(),
      lang: 'nl',
      indexed: indexed ? source : undefined,
    });
    const sql = query.levels[0].sql;
    return { sql, rows: plain(await s.portal.engine.all(sql, query.levels[0].params)) };
  };
  for (const [where, refine] of [[['"warm"'], []], [['suggest("caf")', 'aantal > 100'], ['sector:Zorg']]] as [string[], string[]][]) {
    const [scan, index] = [await counts(where, refine, false), await counts(where, refine, true)];
    assert.match(index.sql, /text_words/);
    assert.doesNotMatch(scan.sql, /text_words/);
    assert.ok(scan.rows.length > 0);
    assert.deepEqual(index.rows, scan.rows, where.join(' and '));
  }
});

test('a version imported before the index (a twin without it) still answers, by the scan', async () => {
  const file = join(s.env.config.dataDir, 'oud.json');
  writeFileSync(file, dataset());
  await s.portal.catalog.importDataset({ datasetId: 'oud', path: file, actor: 'test' });
  const old = (await s.portal.catalog.currentVersion('oud', staffAudience)).path!;
  // Made old before the engine first attaches it: the index tables dropped from its twin.
  await s.portal.engine.withConnection(async (c) => {
    await c.run(`ATTACH ${literal(twinOf(old))} AS ${identifier('make_old')}`);
    for (const table of ['text_words', 'text_vocabulary', 'text_columns']) await c.run(`DROP TABLE make_old.${table}`);
    await c.run('DETACH make_old');
  });
  const tables = await s.portal.engine.recordsFrom(old);
  assert.ok(!tables.textIndex, 'no index found');
  const api = await json(s.get(`/api/explore/v2.1/catalog/datasets/oud/records?where=${encodeURIComponent('"warm"')}&select=id&limit=10`));
  assert.equal(api.total_count, (await answer({ where: ['"warm"'] }, false)).count);
});

test('a version without text fields imports with an empty index, and a search finds nothing', async () => {
  const file = join(s.env.config.dataDir, 'getallen.csv');
  writeFileSync(file, 'a,b\n1,2.5\n3,4.5\n');
  await s.portal.catalog.importDataset({ datasetId: 'getallen', path: file, actor: 'test' });
  const numbers = await s.portal.engine.recordsFrom((await s.portal.catalog.currentVersion('getallen', staffAudience)).path!);
  assert.deepEqual(numbers.textIndex?.columns, []);
  const api = await json(s.get(`/api/explore/v2.1/catalog/datasets/getallen/records?where=${encodeURIComponent('"1"')}`));
  assert.equal(api.total_count, 0);
});

test('deleting the dataset removes its twin, and the index with it', async () => {
  const file = join(s.env.config.dataDir, 'weg.json');
  writeFileSync(file, dataset());
  await s.portal.catalog.importDataset({ datasetId: 'weg', path: file, actor: 'test' });
  const gone = (await s.portal.catalog.currentVersion('weg', staffAudience)).path!;
  const twin = twinOf(gone);
  const held = plain(await s.portal.engine.withConnection(async (c) => {
    await c.run(`ATTACH ${literal(twin)} AS ${identifier('weg_twin')} (READ_ONLY)`);
    const n = (await c.runAndReadAll('SELECT count(*) AS n FROM weg_twin.text_words')).getRowObjects()[0].n;
    await c.run('DETACH weg_twin');
    return n;
  }));
  assert.ok(held > rows, 'the twin holds the words');
  await s.portal.catalog.deleteDataset('weg', 'test');
  assert.equal(existsSync(twin), false);
  assert.equal(existsSync(gone), false);
});
