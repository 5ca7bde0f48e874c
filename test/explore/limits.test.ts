// A query past the time limit is stopped with a clear error; one whose client left is stopped too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicAudience } from '../../src/catalog/service.ts';
import { ClientGone, QueryTimeout } from '../../src/explore/errors.ts';
import { createAnswerCache } from '../../src/explore/answer-cache.ts';
import { createRecordsService } from '../../src/explore/records.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
  const lines = ['id,omschrijving,bedrag'];
  for (let i = 0; i < 300_000; i++) lines.push(`${i},woord${i % 977} ander${i % 131} tekst${i % 17},${(i * 7.31) % 1000}`);
  const path = join(s.env.dataDir, 'groot.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await s.portal.catalog.importDataset({ datasetId: 'groot', path, actor: 'test' });
});
after(() => s.close());

const heavy = {
  select: 'omschrijving, count(*) as n, avg(bedrag) as a',
  where: ['"woord1" OR "ander2" OR "tekst3" OR search(omschrijving, "woord9")'],
  groupBy: 'omschrijving',
  orderBy: 'count(*) desc',
  refine: [],
  exclude: [],
  limit: 100,
  offset: 0,
  lang: 'nl',
  timezone: 'UTC',
};

test('stops a query that runs past the time limit, saying so', async () => {
  const records = createRecordsService({ catalog: s.portal.catalog, engine: s.portal.engine, blobs: s.portal.blobs, clock: () => new Date(), queryTimeoutMs: 1, baseUrl: s.portal.config.baseUrl, answers: createAnswerCache(0) });
  await assert.rejects(records.records('groot', publicAudience, heavy), (error: unknown) => {
    assert.ok(error instanceof QueryTimeout, String(error));
    assert.match(error.message, /took longer than 0.001 s and was stopped/);
    return true;
  });
  // The connection goes back to the pool in working order.
  const fine = await s.portal.records.records('groot', publicAudience, { ...heavy, where: ['id < 3'], groupBy: undefined, select: 'id', orderBy: 'id' });
  assert.deepEqual(fine.results, [{ id: 0 }, { id: 1 }, { id: 2 }]);
});

test('stops a query whose client went away', async () => {
  const controller = new AbortController();
  const pending = s.portal.records.records('groot', publicAudience, heavy, controller.signal);
  controller.abort();
  await assert.rejects(pending, (error: unknown) => error instanceof ClientGone);
});

test('the time limit answers 400 QueryTimeoutError over HTTP', async () => {
  const { buildApp } = await import('../../src/app.ts');
  const app = await buildApp({ ...s.portal, records: createRecordsService({ catalog: s.portal.catalog, engine: s.portal.engine, blobs: s.portal.blobs, clock: () => new Date(), queryTimeoutMs: 1, baseUrl: s.portal.config.baseUrl, answers: createAnswerCache(0) }) }, { logger: false });
  const response = await app.inject({ method: 'GET', url: `/api/explore/v2.1/catalog/datasets/groot/records?${new URLSearchParams({ select: heavy.select, where: heavy.where[0], group_by: heavy.groupBy })}` });
  await app.close();
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().error_code, 'QueryTimeoutError');
});
