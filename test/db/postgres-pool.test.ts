// The PostgreSQL store outlives its server ending an idle connection: no crash, the next query gets a new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { openStore } from '../../src/db/index.ts';
import { postgresAdminUrl, testEnvironment } from '../helpers/stores.ts';

test('an idle connection ended by the server is a warning, and the next query opens a new one', async () => {
  const environment = await testEnvironment('postgres');
  const store = openStore(environment.config);
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const pid = async () => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(store.db)).rows[0].pid;
    const before = await pid();
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend($1) AS done', [before]);
      assert.equal(rows[0].done, true);
    } finally {
      await admin.end();
    }
    // The idle connection hears of its end asynchronously.
    for (let i = 0; i < 100 && warnings.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(warnings.length, 1, 'one warning for the ended connection');
    assert.match(warnings[0], /^OpaalDatabaseWarning: PostgreSQL ended an idle connection: terminating connection/);
    const after = await pid();
    assert.notEqual(after, before, 'a new connection serves the next query');
  } finally {
    process.off('warning', onWarning);
    await store.close();
    await environment.cleanup();
  }
});
