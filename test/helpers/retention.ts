// Test support for the retention sweep: a portal on a controlled clock, rows placed in time, and row counts per table.
import { sql } from 'kysely';
import type { Clock } from '../../src/clock.ts';
import type { Db } from '../../src/db/index.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { personalDataMap } from '../../src/personal-data/map.ts';
import { after, before } from '../../src/privacy/retention/duration.ts';
import { createRetention, type Retention } from '../../src/privacy/retention/sweep.ts';
import { testEnvironment, type DialectName, type TestEnvironment } from './stores.ts';

export const start = new Date('2031-03-15T10:00:00.000Z');

export interface RetentionHarness {
  portal: Portal;
  env: TestEnvironment;
  db: Db;
  /** The controlled clock: set `now` to move time. */
  time: { now: Date };
  retention: Retention;
  /** Accounts the sweep erased, in order. */
  erased: string[];
  /** A moment relative to now: ago('P5Y', 'P1D') is five years and a day ago. */
  ago(...durations: string[]): string;
  from(...durations: string[]): string;
  close(): Promise<void>;
}

export async function retentionHarness(dialect: DialectName, env: Record<string, string> = {}): Promise<RetentionHarness> {
  const environment = await testEnvironment(dialect, env);
  const time = { now: start };
  const clock: Clock = () => time.now;
  const portal = await openPortal(environment.config, { clock });
  const erased: string[] = [];
  // This branch's own erasure: the account row goes, its rows with it by cascade. The privacy office's
  // portal.rights.eraseAccount(userId, { by: 'retention' }) takes its place in the portal.
  const retention = createRetention({
    db: portal.store.db,
    mailer: portal.mailer,
    clock,
    config: portal.config,
    eraseAccount: async (userId, options) => {
      if (options.by !== 'retention') throw new Error('erasure by the sweep says so');
      erased.push(userId);
      await portal.store.db.deleteFrom('users').where('id', '=', userId).execute();
    },
  });
  return {
    portal,
    env: environment,
    db: portal.store.db,
    time,
    retention,
    erased,
    ago: (...durations) => durations.reduce((at, d) => before(at, d), time.now).toISOString(),
    from: (...durations) => durations.reduce((at, d) => after(at, d), time.now).toISOString(),
    async close() {
      await portal.close();
      await environment.cleanup();
    },
  };
}

export async function addUser(db: Db, id: string, lastActiveAt: string, extra: { email?: string; role?: string } = {}): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id, email: extra.email ?? `${id}@example.org`, first_name: `First ${id}`, last_name: 'Tester', display_name: null, password_hash: null,
      password_changed_at: null, role: extra.role ?? 'user', email_verified_at: lastActiveAt, totp_secret: null, totp_enabled_at: null,
      totp_last_step: null, created_at: lastActiveAt, last_active_at: lastActiveAt, disabled_at: null,
    })
    .execute();
}

export async function addSession(db: Db, id: string, userId: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.insertInto('sessions').values({ id, user_id: userId, stage: 'complete', created_at: lastSeenAt, last_seen_at: lastSeenAt, expires_at: expiresAt }).execute();
}

export async function addHold(db: Db, id: string, object: { type: string; id: string }, times: { setAt: string; endsAt: string; endedAt?: string }): Promise<void> {
  await db
    .insertInto('legal_holds')
    .values({
      id, object_type: object.type, object_id: object.id, reason: 'legal_claims', reason_text: 'A claim is pending before the court.',
      set_by: 'u-dpo', set_at: times.setAt, ends_at: times.endsAt, ended_at: times.endedAt ?? null, ended_by: times.endedAt ? 'u-dpo' : null,
    })
    .execute();
}

/** Proof of consent of an account that is gone: what the privacy office's erasure leaves (user_id a pseudonym, no account). */
export async function addOrphanConsent(db: Db, dialect: DialectName, pseudonym: string, givenAt: string): Promise<void> {
  // The privacy office's migration frees consents.user_id from users; on this branch the test does it.
  if (dialect === 'postgres') await sql`alter table consents drop constraint if exists consents_user_id_fkey`.execute(db);
  else await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db
      .insertInto('consents')
      .values({ user_id: pseudonym, purpose: 'privacy_statement', statement_version: '1', statement_digest: 'd'.repeat(64), method: 'registration_form', language: 'nl', given_at: givenAt, withdrawn_at: null })
      .execute();
  } finally {
    if (dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** The tables the personal-data map covers (the whole schema but Kysely's own). */
export const mappedTables = Object.keys(personalDataMap).filter((t) => !t.startsWith('kysely_'));

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of mappedTables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** Every row of every mapped table, in a stable order: two snapshots are equal when nothing changed. */
export async function snapshot(db: Db): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of mappedTables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    tables[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(tables);
}
