// The retention sweep runs the steps the owners bring: each module brings the steps of the rules whose trigger is in
// its own tables, one step per rule, and the sweep refuses a rule brought twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableOwners } from '../../src/db/owners.ts';
import type { PersonalDataModule } from '../../src/personal-data/registry.ts';
import { retentionRules, type RetentionRule } from '../../src/personal-data/vocabulary.ts';
import { personalDataModules } from '../../src/privacy/modules.ts';
import { retentionHarness } from '../helpers/retention.ts';

const rules = retentionRules as Record<string, RetentionRule>;
const config = { sessionIdleMinutes: 60, dataDir: '/nonexistent' };

test("a module brings steps only for rules whose trigger table is its own, and every dated rule but inactivity's has one", () => {
  const brought = new Map<string, string>();
  for (const m of personalDataModules) {
    for (const id of Object.keys(m.retentionSteps?.(config) ?? {})) {
      const table = rules[id]?.trigger?.split('.')[0];
      assert.ok(table, `${m.name} brings a step for ${id}, which is no rule with a trigger`);
      assert.ok(m.tables.includes(table), `${m.name} brings the step of ${id}, whose trigger table ${table} is not among its tables`);
      assert.ok(!brought.has(id), `${id} is brought by ${brought.get(id)} and ${m.name}`);
      brought.set(id, m.name);
    }
  }
  const dated = Object.entries(rules).filter(([, r]) => r.trigger !== null).map(([id]) => id);
  // The inactivity rule is the privacy office's: it warns, then erases the whole account through every module.
  assert.deepEqual(dated.filter((id) => !brought.has(id)), ['account']);
  assert.equal(tableOwners[rules.account.trigger!.split('.')[0] as keyof typeof tableOwners], 'accounts');
});

test('the sweep refuses two steps for one rule, and reports a rule no module brings a step for as unapplied', async () => {
  const h = await retentionHarness('sqlite');
  try {
    const { createRetention } = await import('../../src/privacy/retention/sweep.ts');
    const deps = { db: h.db, mailer: h.portal.mailer, clock: () => h.time.now, config: h.portal.config, eraseAccount: async () => {} };
    const twice: PersonalDataModule = { ...personalDataModules[0], name: 'twice', retentionSteps: () => ({ session: async () => ({ removed: 0, held: 0 }) }) };
    assert.throws(() => createRetention({ ...deps, modules: [...personalDataModules, twice] }), /Two steps for the retention rule session: twice/);
    const withoutMail = personalDataModules.filter((m) => m.name !== 'mail');
    assert.deepEqual(createRetention({ ...deps, modules: withoutMail }).unapplied, ['mail']);
  } finally {
    await h.close();
  }
});
