// Every table with personal data has a rule the sweep applies (or lives with its owner), and a dry run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { personalDataMap } from '../../src/personal-data/map.ts';
import { after, before, parseDuration } from '../../src/privacy/retention/duration.ts';
import { retentionRules, type RetentionRule } from '../../src/personal-data/vocabulary.ts';
import { retentionHarness, rowCounts, snapshot } from '../helpers/retention.ts';
import { seed } from '../helpers/retention-seed.ts';
import { dialects } from '../helpers/stores.ts';

const rules = retentionRules as Record<string, RetentionRule>;

test('every table with personal data has a rule the sweep applies to it, or lives with an owner the map covers', async () => {
  const h = await retentionHarness('sqlite');
  try {
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(personalDataMap)) {
      for (const [column, c] of Object.entries(columns)) {
        if (!c.personal) continue;
        const rule = rules[c.retention];
        if (rule.livesWith) {
          if (!(rule.livesWith in personalDataMap)) problems.push(`${table}.${column}: rule ${c.retention} lives with unknown table ${rule.livesWith}`);
          continue;
        }
        if (rule.trigger?.split('.')[0] !== table) problems.push(`${table}.${column}: rule ${c.retention} is applied to ${rule.trigger ?? 'no table'}, not to ${table}; give it a rule of its own or one that lives with its owner`);
        else if (!h.retention.applies(c.retention)) problems.push(`${table}.${column}: the sweep cannot apply rule ${c.retention}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(h.retention.unapplied, [], 'rules with a trigger the sweep cannot apply');
    for (const [id, rule] of Object.entries(rules)) {
      assert.ok((rule.trigger === null) === (rule.period === null), `${id}: a trigger needs a period and the other way round`);
      if (rule.trigger === null) assert.ok(rule.livesWith, `${id}: without a trigger, say what the data lives with`);
      else {
        const [table, column] = rule.trigger.split('.');
        assert.ok(personalDataMap[table]?.[column], `${id}: trigger ${rule.trigger} is not a column of the schema`);
        assert.doesNotThrow(() => parseDuration(rule.period!), id);
      }
    }
  } finally {
    await h.close();
  }
});

test('a rule whose trigger is no column is reported as a promise the sweep does not keep', async () => {
  const h = await retentionHarness('sqlite');
  try {
    const { createRetention } = await import('../../src/privacy/retention/sweep.ts');
    const retention = createRetention({
      db: h.db, mailer: h.portal.mailer, clock: () => h.time.now, config: h.portal.config, eraseAccount: async () => {},
      rules: { ...rules, vague: { trigger: 'closed or ended', period: 'P5Y' } },
    });
    assert.deepEqual(retention.unapplied, ['vague']);
    assert.deepEqual((await retention.run({ dryRun: true })).unapplied, ['vague']);
  } finally {
    await h.close();
  }
});

test('durations subtract in calendar terms', () => {
  assert.equal(before(new Date('2036-02-29T12:00:00Z'), 'P5Y').toISOString(), '2031-02-28T12:00:00.000Z');
  assert.equal(after(new Date('2031-01-31T00:00:00Z'), 'P1M').toISOString(), '2031-02-28T00:00:00.000Z');
  assert.equal(before(new Date('2031-03-01T00:00:00Z'), 'P30D').toISOString(), '2031-01-30T00:00:00.000Z');
  assert.equal(before(new Date('2031-03-01T00:00:00Z'), 'PT1H30M').toISOString(), '2031-02-28T22:30:00.000Z');
  assert.throws(() => parseDuration('5 years'), /Not an ISO-8601 duration/);
  assert.throws(() => parseDuration('PT'), /Not an ISO-8601 duration/);
});

for (const dialect of dialects) {
  test(`a dry run counts what each rule would remove and changes nothing (${dialect})`, async () => {
    const h = await retentionHarness(dialect);
    try {
      await seed(h, dialect);
      await h.portal.mailer.flush();
      const sqliteFiles = () =>
        dialect === 'sqlite' ? ['opaal.sqlite', 'opaal.sqlite-wal'].map((f) => readFileSync(join(h.env.dataDir, f)).toString('base64')).join() : '';
      const rowsBefore = await snapshot(h.db);
      const filesBefore = sqliteFiles();
      const dry = await h.retention.run({ dryRun: true });
      assert.equal(await snapshot(h.db), rowsBefore, 'a dry run changed rows');
      assert.equal(sqliteFiles(), filesBefore, 'a dry run changed the SQLite file');
      assert.equal(dry.dryRun, true);
      assert.equal((await h.db.selectFrom('events').select('id').where('verb', '=', 'retention.run').execute()).length, 0);

      // What the dry run announced is what the real run then does.
      const counts = await rowCounts(h.db);
      const real = await h.retention.run();
      assert.deepEqual(real.rules, dry.rules);
      assert.ok(dry.rules.some((r) => r.removed > 0) && dry.rules.some((r) => r.held > 0), 'the seed reaches every kind of outcome');
      assert.notDeepEqual(await rowCounts(h.db), counts);
    } finally {
      await h.close();
    }
  });
}
