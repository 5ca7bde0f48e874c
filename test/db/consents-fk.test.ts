// Consents stay after erasure under a pseudonym, so consents.user_id references no user. On PostgreSQL a database whose
// foreign key had another name than the one 0008 dropped keeps it until 0014, which finds it by its column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrate, migrateTo, openStore } from '../../src/db/index.ts';
import { testEnvironment } from '../helpers/stores.ts';

test('on PostgreSQL, the foreign key from consents to users goes whatever its name', async () => {
  const env = await testEnvironment('postgres');
  const store = openStore(env.config);
  try {
    const foreignKeys = async () =>
      (await sql<{ name: string }>`SELECT con.conname AS name FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid WHERE t.relname = 'consents' AND con.contype = 'f'`.execute(store.db)).rows.map((r) => r.name);
    await migrateTo(store.db, '0007_admin');
    assert.deepEqual(await foreignKeys(), ['consents_user_id_fkey']);
    await sql`ALTER TABLE consents RENAME CONSTRAINT consents_user_id_fkey TO consents_naar_gebruikers`.execute(store.db);
    await migrateTo(store.db, '0013_attempts');
    assert.deepEqual(await foreignKeys(), ['consents_naar_gebruikers'], '0008 dropped it by its usual name only');
    await migrate(store.db);
    assert.deepEqual(await foreignKeys(), []);
  } finally {
    await store.close();
    await env.cleanup();
  }
});
