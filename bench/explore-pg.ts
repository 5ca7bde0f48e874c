// The explore benchmark's baseline: the same data in a fresh PostgreSQL database, indexed as CKAN's DataStore would.
import { spawn } from 'node:child_process';
import pg from 'pg';

export const pgDatabase = 'opaal_bench';

export interface PgBaseline {
  client: pg.Client;
  /** Runs a statement through psql (for \copy and COPY … TO STDOUT, which `pg` alone cannot stream); resolves to bytes and lines seen. */
  psql(command: string): Promise<{ bytes: number; lines: number }>;
  drop(): Promise<void>;
}

function psqlArgs(url: URL, database: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), '-d', database];
  const env = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  return { args, env };
}

async function dropDatabase(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Creates the database, loads the CSV with \copy, builds the indexes and ANALYZEs; logs each step's time. */
export async function openPgBaseline(adminUrl: string, csvPath: string, log: (line: string) => void): Promise<PgBaseline> {
  const url = new URL(adminUrl);
  await dropDatabase(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pgDatabase}`);
  } finally {
    await admin.end();
  }
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${pgDatabase}`;
  const client = new pg.Client({ connectionString: benchUrl.toString() });
  // DROP DATABASE … WITH (FORCE) during clean-up ends this connection; that is expected, not a crash.
  client.on('error', () => undefined);
  await client.connect();
  const { args, env } = psqlArgs(url, pgDatabase);

  const psql = (command: string) =>
    new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
      const child = spawn('psql', [...args, '-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let bytes = 0;
      let lines = 0;
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve({ bytes, lines }) : reject(new Error(`psql exited with ${code}: ${stderr.trim()}`))));
    });

  const step = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    log(`postgres: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  // Column types as DataStore would set them from a data dictionary (text, int, date, float8), plus its _id key.
  await client.query(`CREATE TABLE bench (
    _id serial PRIMARY KEY, id int, gemeente text, sector text, maand date, geslacht text, aantal int, bedrag float8, omschrijving text)`);
  await step('\\copy of the CSV', () =>
    psql(`\\copy bench (id, gemeente, sector, maand, geslacht, aantal, bedrag, omschrijving) FROM '${csvPath.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`),
  );
  await step('btree indexes (gemeente, sector, aantal, bedrag)', async () => {
    for (const column of ['gemeente', 'sector', 'aantal', 'bedrag']) await client.query(`CREATE INDEX ON bench (${column})`);
  });
  await step("GIN index on to_tsvector('simple', omschrijving)", () =>
    client.query(`CREATE INDEX bench_fts ON bench USING gin (to_tsvector('simple', omschrijving))`),
  );
  await step('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE bench'));

  return {
    client,
    psql,
    async drop() {
      await client.end().catch(() => undefined);
      await dropDatabase(adminUrl);
    },
  };
}

/** Drops the benchmark database if a previous run left it behind (used on error paths). */
export async function dropPgBaseline(adminUrl: string): Promise<void> {
  await dropDatabase(adminUrl);
}
