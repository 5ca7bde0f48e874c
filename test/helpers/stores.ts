// Test support: a fresh SQLite file or a fresh PostgreSQL database per test, and a config pointing at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DialectName = 'sqlite' | 'postgres';
export const dialects: DialectName[] = ['sqlite', 'postgres'];

export interface TestEnvironment {
  config: Config;
  dataDir: string;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'opaal-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A data directory and, for postgres, a database of its own, dropped afterwards. */
export async function testEnvironment(dialect: DialectName, env: Record<string, string> = {}): Promise<TestEnvironment> {
  const dir = tempDir();
  let databaseUrl: string | undefined;
  let database: string | undefined;
  if (dialect === 'postgres') {
    database = `opaal_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    OPAAL_DATA: dir.path,
    LOG_LEVEL: 'silent',
    DUCKDB_THREADS: '2',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  return {
    config,
    dataDir: dir.path,
    async cleanup() {
      dir.remove();
      if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
