// Benchmark (issue 16): 10,000 confirmed followers of one dataset, a new 1,000,000-row version imported as `opaal import`
// would, then the dataset event's job. Measures (a) what changed between the two versions beside a plain DuckDB EXCEPT
// ALL both ways on the same Parquet files, and (b) the job's fan-out up to the notification and outbox rows being
// written; then, apart, the outbox delivering them with the file transport (so that it does not run beside the diff). On SQLite and
// PostgreSQL (BENCH_PG_URL, a scratch database of its own). NOTIFY_ROWS, NOTIFY_FOLLOWERS, BENCH_RUNS, NOTIFY_DIALECTS.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { versionChanges } from '../src/catalog/diff.ts';
import { parseMetadataInput } from '../src/catalog/metadata.ts';
import { staffAudience } from '../src/catalog/service.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/schema.ts';
import { literal } from '../src/engine/sql.ts';
import { openPortal, type Portal } from '../src/portal.ts';
import { generateCsv } from './generate-csv.ts';
import type { Insertable, Kysely } from 'kysely';

const rows = Number(process.env.NOTIFY_ROWS ?? 1_000_000);
const followers = Number(process.env.NOTIFY_FOLLOWERS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dialects = (process.env.NOTIFY_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataDir = new URL('./.data/', import.meta.url).pathname;
mkdirSync(dataDir, { recursive: true });
const first = join(dataDir, `ingest-${rows}.csv`);
if (!existsSync(first)) await generateCsv(first, rows);

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The second version from the first: every 100th record removed, another changed, another added under a new id. */
async function writeSecond(portal: Portal, path: string): Promise<void> {
  const columns = 'id, gemeente, nis_code, sector, maand, geslacht, aantal, bedrag, actief, tijdstip, locatie';
  const changed = columns.replace('aantal', "CASE WHEN id::BIGINT % 100 = 7 THEN (aantal::BIGINT + 1)::VARCHAR ELSE aantal END AS aantal");
  const source = `read_csv(${literal(first)}, all_varchar = true, header = true)`;
  await portal.engine.all(
    `COPY (SELECT ${changed} FROM ${source} WHERE id::BIGINT % 100 <> 3 UNION ALL ` +
      `SELECT (id::BIGINT + ${rows * 2})::VARCHAR AS id, ${columns.replace('id, ', '')} FROM ${source} WHERE id::BIGINT % 100 = 5) TO ${literal(path)} (HEADER, DELIMITER ',')`,
  );
}

/** Verified accounts, each with a given consent, a confirmed subscription to the dataset and a language: in bulk. */
async function insertFollowers(db: Kysely<Database>, datasetId: string, count: number): Promise<void> {
  const at = new Date().toISOString();
  const chunk = 500;
  for (let start = 0; start < count; start += chunk) {
    const ids = Array.from({ length: Math.min(chunk, count - start) }, (_, i) => start + i + 1);
    const users: Insertable<Database['users']>[] = ids.map((i) => ({
      id: `u_bench${i}`, email: `follower${i}@example.org`, first_name: `Volger${i}`, last_name: 'Bench', display_name: null, password_hash: null,
      password_changed_at: null, role: 'user', email_verified_at: at, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
    }));
    await db.insertInto('users').values(users).execute();
    await db.insertInto('consents').values(ids.map((i) => ({ id: i, user_id: `u_bench${i}`, purpose: 'notifications', statement_version: 'bench', statement_digest: 'bench', method: 'link', language: 'nl', given_at: at, withdrawn_at: null }))).execute();
    await db.insertInto('subscriptions').values(ids.map((i) => ({
      id: `s_bench${i}`, user_id: `u_bench${i}`, kind: 'dataset', dataset_id: datasetId, status: 'confirmed', confirm_digest: null, confirm_expires_at: null,
      consent_id: i, created_at: at, confirmed_at: at, ended_at: null, end_reason: null,
    }))).execute();
    await db.insertInto('follow_preferences').values(ids.map((i) => ({ user_id: `u_bench${i}`, frequency: 'instant', language: i % 2 === 0 ? 'en' : 'nl', updated_at: at }))).execute();
  }
}

interface Figures {
  dialect: string;
  importMs: number;
  diffMs: number;
  exceptMs: number;
  counts: string;
  exceptCounts: string;
  fanOutMs: number;
  fanOutCpuMs: number;
  notifications: number;
  outbox: number;
  deliverMs: number;
}

async function measure(dialect: 'sqlite' | 'postgres'): Promise<Figures> {
  const work = mkdtempSync(join(dataDir, 'notify-'));
  const database = dialect === 'postgres' ? `opaal_bench_${randomBytes(6).toString('hex')}` : null;
  let databaseUrl: string | undefined;
  if (database) {
    await admin(`CREATE DATABASE ${database}`);
    const url = new URL(pgUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const portal = await openPortal(loadConfig({ OPAAL_DATA: work, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }));
  try {
    const second = join(work, 'second.csv');
    await writeSecond(portal, second);
    await portal.catalog.importDataset({ datasetId: 'bench', path: first, input: parseMetadataInput({ title: { nl: 'Bench', en: 'Bench' }, key: ['id'] }), actor: 'cli', acceptChecks: true });
    // The first version's event, to nobody yet.
    await portal.jobs.runDue();
    await insertFollowers(portal.store.db, 'bench', followers);

    let started = performance.now();
    await portal.catalog.importDataset({ datasetId: 'bench', path: second, actor: 'cli', acceptChecks: true });
    const importMs = performance.now() - started;

    // (b) The job `opaal serve` runs for the new version: the notifications and the outbox rows, up to their being written.
    started = performance.now();
    const cpu = process.cpuUsage();
    await portal.jobs.runDue();
    const fanOutMs = performance.now() - started;
    // This process's own share (rendering, binding): the rest of the wall time is the database, or a busy machine.
    const fanOutCpuMs = process.cpuUsage(cpu).user / 1000;
    const db = portal.store.db;
    const notifications = Number((await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const outbox = Number((await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).where('template', 'like', 'follow.%').executeTakeFirstOrThrow()).n);
    started = performance.now();
    await portal.mailer.flush();
    const deliverMs = performance.now() - started;

    // (a) The diff the import stored, run again beside DuckDB's EXCEPT ALL both ways.
    const [after, before] = await portal.catalog.listVersions('bench', staffAudience);
    const side = (v: typeof after) => ({ number: v.number, path: portal.blobs.pathOf(v.blob), fields: v.fields });
    const names = before.fields.map((f) => `"${f.name}"`).join(', ');
    const [a, b] = [side(before).path, side(after).path].map(literal);
    const opaal: number[] = [];
    const except: number[] = [];
    let counts = '';
    let exceptCounts = '';
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      const changes = await versionChanges(portal.engine, side(before), side(after), ['id']);
      opaal.push(performance.now() - started);
      counts = `+${changes.added} −${changes.removed} ~${changes.changed}`;
      started = performance.now();
      const [plus] = await portal.engine.all(`SELECT count(*) AS n FROM (SELECT ${names} FROM read_parquet(${b}) EXCEPT ALL SELECT ${names} FROM read_parquet(${a}))`);
      const [minus] = await portal.engine.all(`SELECT count(*) AS n FROM (SELECT ${names} FROM read_parquet(${a}) EXCEPT ALL SELECT ${names} FROM read_parquet(${b}))`);
      except.push(performance.now() - started);
      exceptCounts = `+${plus.n} −${minus.n}`;
    }
    return { dialect, importMs, diffMs: median(opaal), exceptMs: median(except), counts, exceptCounts, fanOutMs, fanOutCpuMs, notifications, outbox, deliverMs };
  } finally {
    await portal.close();
    rmSync(work, { recursive: true, force: true });
    if (database) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

const results: Figures[] = [];
for (const dialect of dialects) results.push(await measure(dialect));

console.log(`${rows.toLocaleString('en')} rows per version, ${followers.toLocaleString('en')} followers; diff runs: ${runs}, median`);
console.log('dialect   import v2   (a) opaal diff  changes            duckdb EXCEPT ALL ×2  (b) fan-out (node CPU)  notifications  outbox  delivery (.eml files)');
for (const r of results) {
  console.log(
    `${r.dialect.padEnd(9)} ${seconds(r.importMs).padStart(9)}   ${seconds(r.diffMs).padStart(14)}  ${r.counts.padEnd(18)} ${`${seconds(r.exceptMs)} ${r.exceptCounts}`.padEnd(21)} ` +
      `${`${seconds(r.fanOutMs)} (${seconds(r.fanOutCpuMs)})`.padStart(22)}  ${String(r.notifications).padStart(13)}  ${String(r.outbox).padStart(6)}  ${seconds(r.deliverMs)}`,
  );
}
console.log(`load average at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
console.log('targets:  (a) < 5 s for two 1,000,000-row versions; (b) < 2 s for 10,000 mails enqueued');
const short = results.filter((r) => r.notifications !== followers || r.outbox !== followers);
if (short.length > 0) console.log(`WARNING: expected ${followers} notifications and outbox rows (${short.map((r) => r.dialect).join(', ')})`);
