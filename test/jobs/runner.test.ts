// The job queue on both dialects: a change to a dataset enqueues its job in the change's transaction, a key makes work
// one job, two runners on one database run each job once, failures back off, and a dead runner's claim is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetEvent } from '../../src/catalog/events.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { migrate, openStore } from '../../src/db/index.ts';
import { createJobRunner, type JobHandler } from '../../src/jobs/runner.ts';
import { createJobStore, enqueueJob } from '../../src/jobs/store.ts';
import { openPortal } from '../../src/portal.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

for (const dialect of dialects) {
  test(`${dialect}: every way of making a version current tells its job once, with the version it follows`, async () => {
    const env = await testEnvironment(dialect);
    let tick = Date.UTC(2026, 11, 7, 9, 0, 0);
    const portal = await openPortal(env.config, { clock: () => new Date((tick += 1000)) });
    try {
      const csv = (name: string, rows: string) => {
        const path = join(env.dataDir, name);
        writeFileSync(path, `gemeente;aantal\n${rows}`);
        return path;
      };
      await portal.catalog.importDataset({ datasetId: 'werk', path: csv('a.csv', 'Gent;1\nAalst;2\n'), actor: 'cli' });
      await portal.catalog.importDataset({ datasetId: 'werk', path: csv('b.csv', 'Gent;1\nAalst;3\n'), actor: 'cli' });
      const staged = await portal.catalog.stageVersion({ datasetId: 'werk', path: csv('c.csv', 'Gent;4\n'), actor: 'u_editor' });
      // Staging tells no one; publishing does.
      await portal.catalog.publishVersion({ datasetId: 'werk', number: staged.number, actor: 'u_editor' });
      // The same version made current again is no news.
      await portal.catalog.publishVersion({ datasetId: 'werk', number: staged.number, actor: 'u_editor' });
      await portal.catalog.updateMetadata({ id: 'werk', input: parseMetadataInput({ title: { nl: 'Werk' } }), actor: 'u_editor' });
      // A draft's edits tell no one.
      await portal.catalog.createDataset({ id: 'klad', input: parseMetadataInput({ title: { nl: 'Klad' } }), actor: 'u_editor' });
      await portal.catalog.updateMetadata({ id: 'klad', input: parseMetadataInput({ title: { nl: 'Klad 2' } }), actor: 'u_editor' });

      const seen: DatasetEvent[] = [];
      const handler: JobHandler = async (payload) => {
        seen.push(payload as DatasetEvent);
      };
      const runner = createJobRunner({ store: createJobStore(portal.store.db), clock: portal.clock, handlers: { 'dataset.version_published': handler, 'dataset.metadata_updated': handler } });
      assert.equal(await runner.runDue(), 4);
      assert.deepEqual(
        seen.map((e) => [e.type, e.datasetId, e.version ?? null, e.previousVersion ?? null, e.firstPublication ?? null]),
        [
          ['version_published', 'werk', 1, null, true],
          ['version_published', 'werk', 2, 1, false],
          ['version_published', 'werk', 3, 2, false],
          ['metadata_updated', 'werk', null, null, null],
        ],
      );
      assert.deepEqual(seen[3].keys, ['title']);
      assert.equal(await runner.runDue(), 0, 'done is done');
    } finally {
      await portal.close();
      await env.cleanup();
    }
  });

  test(`${dialect}: two runners on one database run each job once; a failing job backs off, then fails; an expired claim is taken over`, async () => {
    const env = await testEnvironment(dialect);
    const a = openStore(env.config);
    await migrate(a.db);
    const b = openStore(env.config);
    try {
      let now = new Date('2026-12-07T10:00:00Z');
      const clock = () => now;
      for (let i = 0; i < 40; i++) assert.equal(await enqueueJob(a.db, now, { kind: 'count', key: `count:${i}`, payload: { i } }), true);
      assert.equal(await enqueueJob(b.db, now, { kind: 'count', key: 'count:3', payload: { i: 3 } }), false, 'one key, one job');
      const ran: number[] = [];
      const slow: JobHandler = async (payload) => {
        await new Promise((r) => setTimeout(r, 2));
        ran.push((payload as { i: number }).i);
      };
      const one = createJobRunner({ store: createJobStore(a.db), clock, handlers: { count: slow } });
      const two = createJobRunner({ store: createJobStore(b.db), clock, handlers: { count: slow } });
      const [x, y] = await Promise.all([one.runDue(), two.runDue()]);
      assert.equal(x + y, 40);
      assert.deepEqual([...ran].sort((p, q) => p - q), Array.from({ length: 40 }, (_, i) => i), 'each job once');

      let failures = 0;
      const flaky = createJobRunner({
        store: createJobStore(a.db),
        clock,
        maxAttempts: 3,
        handlers: {
          flaky: async () => {
            failures++;
            throw new Error('upstream down\nwith detail');
          },
        },
      });
      await enqueueJob(a.db, now, { kind: 'flaky', key: 'flaky:1', payload: null });
      assert.equal(await flaky.runDue(), 1);
      const jobs = createJobStore(a.db);
      const row = async () => (await a.db.selectFrom('jobs').selectAll().where('job_key', '=', 'flaky:1').executeTakeFirstOrThrow());
      assert.deepEqual([(await row()).status, (await row()).last_error], ['pending', 'Error: upstream down']);
      assert.equal(await flaky.runDue(), 0, 'not before its backoff');
      now = new Date((await row()).run_after);
      await flaky.runDue();
      now = new Date((await row()).run_after);
      await flaky.runDue();
      assert.equal(failures, 3);
      assert.equal((await row()).status, 'failed');
      assert.deepEqual((await jobs.failed(10)).map((j) => j.job_key), ['flaky:1']);
      assert.ok((await jobs.counts()).some((c) => c.kind === 'count' && c.status === 'done' && c.count === 40));

      // A job claimed by a runner that died: left alone while the claim holds, run after it expires.
      await a.db.insertInto('jobs').values({ kind: 'count', job_key: 'count:dead', payload: JSON.stringify({ i: 99 }), status: 'running', attempts: 1, run_after: now.toISOString(), claimed_by: 'dood:1:aa', claimed_at: now.toISOString(), created_at: now.toISOString() }).execute();
      assert.equal(await one.runDue(), 0);
      now = new Date(now.getTime() + 11 * 60_000);
      assert.equal(await two.runDue(), 1);
      assert.equal(ran.at(-1), 99);
    } finally {
      await a.close();
      await b.close();
      await env.cleanup();
    }
  });
}

test('a schedule enqueues its period once, however many runners look, and runs it when it is due', async () => {
  const env = await testEnvironment('sqlite');
  const a = openStore(env.config);
  await migrate(a.db);
  const b = openStore(env.config);
  try {
    let now = new Date('2026-12-07T05:00:00Z');
    const clock = () => now;
    const ran: string[] = [];
    const daily = {
      kind: 'digest.daily',
      period: (at: Date) => {
        const day = at.toISOString().slice(0, 10);
        return { key: day, runAfter: new Date(`${day}T06:00:00Z`) };
      },
    };
    const handlers = { 'digest.daily': async (payload: unknown) => void ran.push((payload as { period: string }).period) };
    const one = createJobRunner({ store: createJobStore(a.db), clock, handlers, schedules: [daily] });
    const two = createJobRunner({ store: createJobStore(b.db), clock, handlers, schedules: [daily] });
    await Promise.all([one.runDue(), two.runDue()]);
    assert.deepEqual(ran, [], 'enqueued, not yet due');
    assert.equal((await a.db.selectFrom('jobs').select('job_key').execute()).length, 1);
    now = new Date('2026-12-07T06:30:00Z');
    await Promise.all([one.runDue(), two.runDue()]);
    now = new Date('2026-12-07T23:00:00Z');
    await Promise.all([one.runDue(), two.runDue()]);
    assert.deepEqual(ran, ['2026-12-07'], 'once for the day');
    now = new Date('2026-12-08T06:01:00Z');
    await Promise.all([one.runDue(), two.runDue()]);
    assert.deepEqual(ran, ['2026-12-07', '2026-12-08']);
  } finally {
    await a.close();
    await b.close();
    await env.cleanup();
  }
});
