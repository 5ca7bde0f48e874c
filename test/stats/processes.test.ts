// Two server processes on one PostgreSQL database (two portals, each with its own pool, memory and timer) record and
// flush at the same time: no event is lost or doubled, both hash visitors under the one key of the day, and two rollups
// running at once write the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from '../../src/portal.ts';
import { testEnvironment } from '../helpers/stores.ts';

test('two processes recording and flushing concurrently lose and double nothing, and share the day key', async () => {
  const now = new Date('2026-04-15T09:30:00.000Z');
  const env = await testEnvironment('postgres', { STATS_FLUSH_MS: '100' });
  const a = await openPortal(env.config, { clock: () => now });
  const b = await openPortal(env.config, { clock: () => now, migrate: false });
  try {
    const perProcess = 6000;
    // A and B see overlapping visitors: 0…2999 and 1500…4499, so 4500 distinct ones.
    const work = async (portal: typeof a, offset: number) => {
      const flushes: Promise<void>[] = [];
      for (let i = 0; i < perProcess; i++) {
        const visitor = offset + (i % 3000);
        portal.stats.record({ kind: i % 3 === 0 ? 'api' : 'view', page: i % 3 === 0 ? 'records' : 'dataset.table', datasetId: `ds${i % 7}`, caller: i % 3 === 0 ? 'anonymous' : '', identity: `10.0.${visitor >> 8}.${visitor & 255}\nagent` });
        if (i % 500 === 499) {
          flushes.push(portal.stats.flush());
          await new Promise((r) => setImmediate(r));
        }
      }
      flushes.push(portal.stats.flush());
      await Promise.all(flushes);
    };
    await Promise.all([work(a, 0), work(b, 1500)]);
    await Promise.all([a.stats.flush(), b.stats.flush()]);

    const db = a.store.db;
    const { n } = await db.selectFrom('stats_events').select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), 2 * perProcess);
    assert.equal((await db.selectFrom('stats_day_keys').selectAll().execute()).length, 1, 'one key for the day, whichever process made it');

    await Promise.all([a.stats.rollup(), b.stats.rollup()]);
    const daily = await db.selectFrom('stats_daily').select(['kind', 'count']).execute();
    assert.equal(daily.reduce((sum, r) => sum + Number(r.count), 0), 2 * perProcess);
    assert.equal(daily.filter((r) => r.kind === 'api').reduce((sum, r) => sum + Number(r.count), 0), 2 * (perProcess / 3));
    const hourly = await db.selectFrom('stats_hourly').select('count').execute();
    assert.equal(hourly.reduce((sum, r) => sum + Number(r.count), 0), 2 * perProcess);
    assert.deepEqual((await db.selectFrom('stats_daily_visitors').selectAll().execute()).map((r) => [r.day, Number(r.visitors)]), [['2026-04-15', 4500]]);
  } finally {
    await a.close();
    await b.close();
    await env.cleanup();
  }
});
