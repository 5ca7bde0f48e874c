// The statistics in the privacy machinery: the retention sweep clears a visitor hash two days after its event even when
// no rollup ran, the access archive says the statistics hold nothing about the person, and the statement and the
// register, generated from the map, describe the purpose, the hash and how long it is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from '../../src/portal.ts';
import { statsModule } from '../../src/stats/personal-data.ts';
import { statementText } from '../../src/privacy/statement/text.ts';
import { messages } from '../../src/i18n/index.ts';
import { testEnvironment } from '../helpers/stores.ts';

test('the retention sweep clears visitor hashes two days after their event, and keeps the counts', async () => {
  let now = new Date('2026-05-04T12:00:00.000Z');
  const env = await testEnvironment('sqlite');
  const portal = await openPortal(env.config, { clock: () => now });
  try {
    portal.stats.record({ kind: 'view', page: 'home', identity: '192.0.2.1\nA' });
    await portal.stats.flush();
    now = new Date('2026-05-06T11:00:00.000Z');
    portal.stats.record({ kind: 'view', page: 'home', identity: '192.0.2.1\nA' });
    await portal.stats.flush();
    const hashes = async () => (await portal.store.db.selectFrom('stats_events').select(['at', 'visitor']).orderBy('id').execute()).map((e) => [e.at, e.visitor !== null]);
    assert.deepEqual(await hashes(), [['2026-05-04T12:00:00Z', true], ['2026-05-06T11:00:00Z', true]]);

    now = new Date('2026-05-06T12:00:01.000Z');
    const dry = await portal.retention.run({ dryRun: true });
    assert.equal(dry.rules.find((r) => r.rule === 'statistics_visitor')?.removed, 1);
    await portal.retention.run();
    assert.deepEqual(await hashes(), [['2026-05-04T12:00:00Z', false], ['2026-05-06T11:00:00Z', true]]);
  } finally {
    await portal.close();
    await env.cleanup();
  }
});

test('the access archive says that the statistics hold nothing about the person, in every language', async () => {
  const section = await statsModule.exportFor({} as never, { userId: 'u_x', email: 'x@example.org', pseudonym: 'former-user-x' });
  assert.deepEqual(section.items, { statistics: [] });
  assert.match(section.note!.nl, /statistieken van het portaal bevatten niets over u/);
  assert.match(section.note!.en, /statistics hold nothing about you/);
});

test('the statement describes the statistics from the map: the purpose, the hash and how long it is kept', async () => {
  const env = await testEnvironment('sqlite');
  try {
    for (const lang of ['nl', 'en'] as const) {
      const t = messages(lang).privacyTerms;
      const text = JSON.stringify(statementText(lang, { config: env.config, recipients: [] }));
      assert.ok(text.includes(t.purposes.statistics.name), `${lang}: the purpose`);
      assert.ok(text.includes(t.categories.visitor_digest), `${lang}: the category`);
      assert.ok(text.includes(t.retention.statistics_visitor), `${lang}: the retention`);
    }
  } finally {
    await env.cleanup();
  }
});
