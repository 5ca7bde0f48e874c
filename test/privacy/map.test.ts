// The personal-data map classifies every column of the schema, on both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openStore } from '../../src/db/index.ts';
import { personalDataMap } from '../../src/personal-data/map.ts';
import { messages } from '../../src/i18n/index.ts';
import { categories, legalBases, purposes, retentionRules } from '../../src/personal-data/vocabulary.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

for (const dialect of dialects) {
  test(`every column of the ${dialect} schema is classified in the personal-data map, and nothing more`, async () => {
    const env = await testEnvironment(dialect);
    const store = openStore(env.config);
    try {
      await migrate(store.db);
      const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
      const columns = tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)).sort();
      const mapped = Object.entries(personalDataMap)
        .flatMap(([table, cols]) => Object.keys(cols).map((c) => `${table}.${c}`))
        .sort();
      const unclassified = columns.filter((c) => !mapped.includes(c));
      const stale = mapped.filter((c) => !columns.includes(c));
      assert.deepEqual(unclassified, [], `columns missing from src/personal-data/map.ts: ${unclassified.join(', ')}`);
      assert.deepEqual(stale, [], `map entries for columns that do not exist: ${stale.join(', ')}`);
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}

test('every personal column names a known category, purpose and retention rule, and says why it is kept when erasure keeps it', () => {
  for (const [table, columns] of Object.entries(personalDataMap)) {
    for (const [column, c] of Object.entries(columns)) {
      if (!c.personal) continue;
      assert.ok((categories as readonly string[]).includes(c.category), `${table}.${column}: unknown category ${c.category}`);
      assert.ok(c.purpose in purposes, `${table}.${column}: unknown purpose ${c.purpose}`);
      assert.ok(c.retention in retentionRules, `${table}.${column}: unknown retention rule ${c.retention}`);
      assert.ok(['delete', 'pseudonymise', 'keep'].includes(c.erasure));
      if (c.erasure !== 'delete') assert.ok((c.reason ?? '').length > 10, `${table}.${column} keeps data: say why`);
    }
  }
});

test('the vocabulary speaks Dutch and English, no purpose rests on legitimate interests, and no rule keeps data longer than five years', () => {
  // The wording is in the catalogs (privacyTerms), keyed by the vocabulary's ids.
  const [nl, en] = [messages('nl').privacyTerms, messages('en').privacyTerms];
  const pairs = (pick: (t: typeof nl) => Record<string, string>) => Object.keys(pick(nl)).map((id) => [id, pick(nl)[id], pick(en)[id]] as const);
  const names = (t: typeof nl) => Object.fromEntries(Object.entries(t.purposes).map(([k, p]) => [k, p.name]));
  for (const [id, textNl, textEn] of [...pairs((t) => t.categories), ...pairs(names), ...pairs((t) => t.retention)]) {
    assert.ok(textNl.length > 3 && textEn.length > 3 && textNl !== textEn, `${id} needs Dutch and English wording`);
  }
  for (const [id, purpose] of Object.entries(purposes)) assert.ok(purpose.defaultBasis in legalBases, id);
  for (const [id, rule] of Object.entries(retentionRules)) {
    if (rule.period === null) continue;
    const years = /^P(\d+)Y$/.exec(rule.period);
    assert.ok(!years || Number(years[1]) <= 5, `${id} keeps data ${rule.period}`);
  }
});
