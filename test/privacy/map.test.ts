// The personal-data map classifies every column of the schema, on both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openStore } from '../../src/db/index.ts';
import { personalDataMap } from '../../src/privacy/map.ts';
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
      assert.deepEqual(unclassified, [], `columns missing from src/privacy/map.ts: ${unclassified.join(', ')}`);
      assert.deepEqual(stale, [], `map entries for columns that do not exist: ${stale.join(', ')}`);
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}

test('every personal column says why, how long, and what erasure does', () => {
  for (const [table, columns] of Object.entries(personalDataMap)) {
    for (const [column, c] of Object.entries(columns)) {
      if (!c.personal) continue;
      for (const key of ['category', 'purpose', 'legalBasis', 'retention'] as const) {
        assert.ok(c[key].length > 10, `${table}.${column} needs a ${key}`);
      }
      assert.ok(['delete', 'pseudonymise', 'keep'].includes(c.erasure));
      if (c.erasure !== 'delete') assert.ok(c.reason, `${table}.${column} keeps data: say why`);
    }
  }
});
