// src/db/schema.ts is what the code believes the database holds; the migrations are what it holds. On both dialects,
// every table and column of the one is in the other, and a column is nullable in both or in neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openStore } from '../../src/db/index.ts';
import { schemaDifferences } from '../helpers/schema.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

for (const dialect of dialects) {
  test(`schema.ts matches the migrated ${dialect} database: its tables, columns and which may be null`, async () => {
    const env = await testEnvironment(dialect);
    const store = openStore(env.config);
    try {
      await migrate(store.db);
      const { missing, undeclared, differing } = await schemaDifferences(store.db, dialect);
      assert.deepEqual(missing, [], `declared in schema.ts but not in the database: ${missing.join(', ')}`);
      assert.deepEqual(undeclared, [], `in the database but not declared in schema.ts: ${undeclared.join(', ')}`);
      assert.deepEqual(differing, []);
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}
