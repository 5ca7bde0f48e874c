// The statistics collector on both dialects: each kind of event is counted as the contract says, the rollups equal the
// raw events, a day's hashes and key are gone once it is finished and the raw events after seven days, search terms are
// k-anonymous, and a request with Sec-GPC or DNT is counted in the totals only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.ts';
import { importCities, startServer } from '../helpers/server.ts';
import { dialects } from '../helpers/stores.ts';
import { send, settle } from './helpers.ts';

const explore = '/api/explore/v2.1/catalog/datasets';

for (const dialect of dialects) {
  describe(`statistics on ${dialect}`, () => {
    test('every kind of event is counted, rolled up, finished and expired', async () => {
      // 10 March 2026, 11:00 in Brussels (UTC+1).
      let now = new Date('2026-03-10T10:00:00.000Z');
      const s = await startServer(dialect, {}, { clock: () => now });
      try {
        await importCities(s.portal);
        const owner = await createAccount(s, 'script@example.org', 'user');
        const { key } = await s.portal.apiKeys.create(owner, { name: 'stats' });
        const db = s.portal.store.db;
        const ua = { 'user-agent': 'Browser A' };

        const served: [string, Record<string, string>][] = [
          ['/', { ...ua, referer: 'https://www.vlaanderen.be/some/page?who=me' }],
          ['/datasets', ua],
          ['/datasets?q=%20Europese%20%20STEDEN%20', ua],
          ['/datasets?q=zebra', ua],
          ['/datasets/cities', { ...ua, referer: `${s.url}/datasets` }],
          ['/datasets/cities/table', ua],
          ['/en/datasets/cities/chart', ua],
          ['/datasets/cities/api', ua],
          ['/datasets/cities.json', ua],
          ['/-/api', ua],
          [`${explore}/cities/records?limit=1`, ua],
          [`${explore}/cities/records?limit=1`, { ...ua, authorization: `Apikey ${key}` }],
          [`${explore}/cities/facets`, ua],
          [`${explore}/cities`, ua],
          [explore, ua],
          [`${explore}/cities/exports/csv`, ua],
          [`${explore}/cities/exports/json`, { ...ua, authorization: `Apikey ${key}` }],
          ['/datasets/nothing-here', ua],
          ['/-/static/nothing.css', ua],
        ];
        for (const [path, headers] of served) await send(s.url, path, headers);
        // Views: home, catalog ×3, info, table, chart, api tab, API guide = 9; searches 2; API calls 5; exports 2.
        await settle(s.portal, 18);
        // A row stands for its `n` alike events (the catalog seen three times in one second is one row, n = 3).
        const rows = await db.selectFrom('stats_events').selectAll().orderBy('id').execute();
        assert.ok(rows.some((e) => e.n > 1), 'alike events of one second are written as one row');
        const events = rows.flatMap((e) => Array.from({ length: e.n }, () => e));
        const shape = (kind: string) => events.filter((e) => e.kind === kind).map((e) => [e.page, e.dataset_id, e.caller]);
        assert.deepEqual(shape('view'), [
          ['home', '', ''], ['catalog', '', ''], ['catalog', '', ''], ['catalog', '', ''], ['dataset.info', 'cities', ''], ['dataset.table', 'cities', ''],
          ['dataset.chart', 'cities', ''], ['dataset.api', 'cities', ''], ['api_guide', '', ''],
        ]);
        assert.deepEqual(shape('api'), [['records', 'cities', 'anonymous'], ['records', 'cities', 'key'], ['facets', 'cities', 'anonymous'], ['dataset', 'cities', 'anonymous'], ['catalog', '', 'anonymous']]);
        assert.deepEqual(shape('export'), [['csv', 'cities', 'anonymous'], ['json', 'cities', 'key']]);
        assert.deepEqual(events.filter((e) => e.kind === 'search').map((e) => [e.term, e.results]), [['europese steden', 1], ['zebra', 0]]);
        assert.deepEqual(events.filter((e) => e.referrer !== null).map((e) => [e.page, e.referrer]), [['home', 'www.vlaanderen.be']], 'the host only, and never the portal itself');
        assert.ok(events.every((e) => e.at === '2026-03-10T10:00:00Z'));
        const visitors = new Set(events.map((e) => e.visitor));
        assert.equal(visitors.size, 1, 'one address and one user agent: one visitor');
        assert.match([...visitors][0]!, /^[0-9a-f]{64}$/);

        // Another visitor (another user agent) and a request that asks not to be tracked.
        await send(s.url, '/datasets/cities', { 'user-agent': 'Browser B' });
        await send(s.url, '/datasets?q=zebra', { 'user-agent': 'Browser C', 'sec-gpc': '1', referer: 'https://elders.example.org/' });
        await send(s.url, `${explore}/cities/exports/csv`, { 'user-agent': 'Browser D', dnt: '1' });
        await settle(s.portal, 22);
        const untracked = await db.selectFrom('stats_events').selectAll().where('id', '>', events.at(-1)!.id).orderBy('id').execute();
        assert.deepEqual(untracked.map((e) => [e.kind, e.page, e.term, e.results, e.referrer, e.visitor === null]), [
          ['view', 'dataset.info', null, null, null, false],
          ['view', 'catalog', null, null, null, true],
          ['search', '', null, 0, null, true],
          ['export', 'csv', null, null, null, true],
        ]);

        // The rollup equals the raw events, and running it again changes nothing.
        now = new Date('2026-03-10T10:20:00.000Z');
        await s.portal.stats.rollup();
        await s.portal.stats.rollup();
        const raw = await db.selectFrom('stats_events').select(['kind', 'page', 'dataset_id', 'caller', 'n']).where('kind', '<>', 'search').execute();
        const expected = new Map<string, number>();
        for (const e of raw) expected.set([e.kind, e.page, e.dataset_id, e.caller].join('|'), (expected.get([e.kind, e.page, e.dataset_id, e.caller].join('|')) ?? 0) + e.n);
        const hourly = await db.selectFrom('stats_hourly').selectAll().execute();
        assert.deepEqual(new Map(hourly.map((r) => [[r.kind, r.page, r.dataset_id, r.caller].join('|'), Number(r.count)])), expected);
        assert.ok(hourly.every((r) => r.hour === '2026-03-10T10'));
        const daily = await db.selectFrom('stats_daily').selectAll().execute();
        assert.deepEqual(new Map(daily.map((r) => [[r.kind, r.page, r.dataset_id, r.caller].join('|'), Number(r.count)])), expected);
        assert.ok(daily.every((r) => r.day === '2026-03-10'));
        assert.equal(expected.get('view|dataset.info|cities|'), 2);
        assert.equal(expected.get('export|csv|cities|anonymous'), 2);
        const day = (table: 'stats_daily_visitors' | 'stats_daily_terms' | 'stats_daily_referrers') => db.selectFrom(table).selectAll().where('day', '=', '2026-03-10').execute();
        assert.deepEqual((await day('stats_daily_visitors')).map((r) => Number(r.visitors)), [2]);
        assert.deepEqual((await day('stats_daily_terms')).map((r) => [r.term, Number(r.searches), Number(r.empty)]), [['', 3, 2]], 'fewer than five visitors: "other"');
        assert.deepEqual((await day('stats_daily_referrers')).map((r) => [r.host, Number(r.count)]), [['www.vlaanderen.be', 1]]);
        assert.equal((await db.selectFrom('stats_day_keys').select('day').execute()).map((r) => r.day).join(), '2026-03-10');

        // Just after midnight the day is not finished yet: a flush may still bring its last events.
        now = new Date('2026-03-10T23:05:00.000Z');
        await s.portal.stats.rollup();
        assert.equal(Number((await db.selectFrom('stats_events').select((eb) => eb.fn.sum('n').as('n')).where('visitor', 'is not', null).executeTakeFirstOrThrow()).n), 19);
        // Ten minutes after local midnight it is: counted a last time, the hashes cleared, the day's key destroyed.
        now = new Date('2026-03-10T23:10:00.000Z');
        await s.portal.stats.rollup();
        assert.equal(Number((await db.selectFrom('stats_events').select((eb) => eb.fn.count('visitor').as('n')).executeTakeFirstOrThrow()).n), 0);
        assert.deepEqual(await db.selectFrom('stats_day_keys').selectAll().execute(), []);
        // Recomputing the finished day keeps its visitors and terms (they cannot be recounted without the hashes).
        now = new Date('2026-03-11T08:00:00.000Z');
        await s.portal.stats.rollup();
        assert.deepEqual((await day('stats_daily_visitors')).map((r) => Number(r.visitors)), [2]);
        assert.deepEqual((await day('stats_daily_terms')).map((r) => [r.term, Number(r.searches)]), [['', 3]]);

        // Seven days on, the raw events are gone; the counts stay.
        now = new Date('2026-03-17T10:00:01.000Z');
        await s.portal.stats.rollup();
        assert.equal((await db.selectFrom('stats_events').selectAll().execute()).length, 0);
        assert.equal((await db.selectFrom('stats_daily').selectAll().execute()).reduce((n, r) => n + Number(r.count), 0), 19);
        assert.equal((await db.selectFrom('stats_hourly').selectAll().execute()).reduce((n, r) => n + Number(r.count), 0), 19);
        assert.deepEqual((await day('stats_daily_visitors')).map((r) => Number(r.visitors)), [2]);
      } finally {
        await s.close();
      }
    });

    test('a search term is shown when five distinct visitors used it that day, else counted as "other"', async () => {
      let now = new Date('2026-06-02T08:00:00.000Z');
      const s = await startServer(dialect, {}, { clock: () => now });
      try {
        await importCities(s.portal);
        for (let i = 0; i < 4; i++) await send(s.url, '/datasets?q=fietsen', { 'user-agent': `Browser ${i}` });
        // The same visitor four more times does not make a fifth.
        for (let i = 0; i < 4; i++) await send(s.url, '/datasets?q=fietsen', { 'user-agent': 'Browser 0' });
        for (let i = 0; i < 5; i++) await send(s.url, '/datasets?q=Steden', { 'user-agent': `Browser ${i}` });
        // Asked not to be tracked: counted under "other", never as its term.
        for (let i = 0; i < 6; i++) await send(s.url, '/datasets?q=geheim', { 'user-agent': `Browser ${i}`, 'sec-gpc': '1' });
        await settle(s.portal, 2 * 19);
        now = new Date('2026-06-02T08:10:00.000Z');
        await s.portal.stats.rollup();
        const terms = await s.portal.store.db.selectFrom('stats_daily_terms').selectAll().where('day', '=', '2026-06-02').orderBy('term').execute();
        assert.deepEqual(terms.map((t) => [t.term, Number(t.searches), Number(t.empty)]), [['', 14, 14], ['steden', 5, 0]]);
        assert.deepEqual((await s.portal.store.db.selectFrom('stats_daily_visitors').selectAll().execute()).map((r) => [r.day, Number(r.visitors)]), [['2026-06-02', 5]]);
      } finally {
        await s.close();
      }
    });
  });
}

test('X-Forwarded-For counts only from a trusted proxy; STATS=off counts nothing', async () => {
  const clients = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
  for (const [env, visitors] of [[{}, 1], [{ TRUSTED_PROXIES: '127.0.0.1' }, 3]] as const) {
    const s = await startServer('sqlite', env);
    try {
      for (const address of clients) await send(s.url, '/', { 'x-forwarded-for': address });
      await settle(s.portal, 3);
      const rows = await s.portal.store.db.selectFrom('stats_events').select('visitor').execute();
      assert.equal(new Set(rows.map((r) => r.visitor)).size, visitors, JSON.stringify(env));
    } finally {
      await s.close();
    }
  }
  const off = await startServer('sqlite', { STATS: 'off' });
  try {
    await send(off.url, '/');
    await send(off.url, '/datasets?q=iets');
    await new Promise((r) => setTimeout(r, 100));
    await off.portal.stats.flush();
    await off.portal.jobs.runDue();
    assert.deepEqual(await off.portal.store.db.selectFrom('stats_events').selectAll().execute(), []);
    assert.equal((await off.portal.jobs.counts()).filter((c) => c.kind === 'stats.rollup').length, 0);
  } finally {
    await off.close();
  }
});

test('the rollup runs as a job once per ten-minute slot, and leaves no pile of finished jobs', async () => {
  let now = new Date('2026-06-02T08:03:00.000Z');
  const s = await startServer('sqlite', {}, { clock: () => now });
  try {
    await send(s.url, '/');
    await settle(s.portal, 1);
    await s.portal.jobs.runDue();
    await s.portal.jobs.runDue();
    const jobs = async () => (await s.portal.store.db.selectFrom('jobs').select(['job_key', 'status']).where('kind', '=', 'stats.rollup').orderBy('id').execute()).map((j) => [j.job_key, j.status]);
    assert.deepEqual(await jobs(), [['stats.rollup:2026-06-02T08:00', 'done']]);
    assert.deepEqual((await s.portal.store.db.selectFrom('stats_daily').select(['page', 'count']).execute()).map((r) => [r.page, Number(r.count)]), [['home', 1]]);
    now = new Date('2026-06-02T08:10:00.000Z');
    await s.portal.jobs.runDue();
    assert.deepEqual(await jobs(), [['stats.rollup:2026-06-02T08:00', 'done'], ['stats.rollup:2026-06-02T08:10', 'done']]);
    // A week and an hour later (the runner sweeps at most hourly), the finished slots are gone.
    now = new Date('2026-06-09T09:20:00.000Z');
    await s.portal.jobs.runDue();
    assert.deepEqual(await jobs(), [['stats.rollup:2026-06-09T09:20', 'done']]);
  } finally {
    await s.close();
  }
});
