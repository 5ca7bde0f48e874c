// The module registry: each domain with personal data registers, next to its map entries, an exporter, an eraser and
// the retention steps for its tables. Access, erasure, the sweep and the ledger replay walk this list, so a new module
// cannot be forgotten.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Erasure } from './map.ts';
import type { RetentionConfig, RetentionSteps } from './retention.ts';
import type { EveryLanguage } from '../i18n/index.ts';

/** The person whose data is read or erased. */
export interface Subject {
  userId: string;
  /** The address at the start of the operation; null when the account row is gone already (a replay). */
  email: string | null;
  /** What stays where the map says pseudonymise: `former-user-<hmac8>`, never the id. */
  pseudonym: string;
}

export interface RegistryContext {
  db: Kysely<Database>;
  clock: Clock;
  dataDir: string;
  /** The portal's key: some tables find a person only by a keyed digest (the attempt counters). */
  key: () => Buffer;
  /** The DPO case carrying out this erasure, if any: its answer has still to reach the person. */
  reference?: string;
}

/** What a module's exporter adds to the access archive: its items, or a note saying why there are none. */
export interface ArchiveSection {
  items: Record<string, unknown>;
  note?: EveryLanguage;
}

/** One line of the erasure report: what happened to one column of one table. */
export interface ErasureLine {
  table: string;
  column: string;
  action: Erasure;
  rows: number;
  reason?: string;
}

export interface PersonalDataModule {
  name: string;
  tables: string[];
  exportFor(ctx: RegistryContext, subject: Subject): Promise<ArchiveSection>;
  eraseFor(ctx: RegistryContext, subject: Subject): Promise<ErasureLine[]>;
  /** The account ids its tables name, for the erasure ledger's replay after a restore (modules that key rows by account). */
  subjectIds?(ctx: RegistryContext): Promise<string[]>;
  /** The retention sweep's step for each rule whose trigger is in its tables, by rule id (src/privacy/retention runs them). */
  retentionSteps?(config: RetentionConfig): RetentionSteps;
}

/** The owner of each table, or the problems that make the registry unusable (a test asserts there are none). */
export function registryProblems(modules: PersonalDataModule[], map: Record<string, Record<string, { personal: boolean }>>): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string[]>();
  for (const m of modules) {
    if (typeof m.exportFor !== 'function') problems.push(`module ${m.name} has no exporter`);
    if (typeof m.eraseFor !== 'function') problems.push(`module ${m.name} has no eraser`);
    for (const table of m.tables) {
      if (!(table in map)) problems.push(`module ${m.name} names table ${table}, which the map does not know`);
      owners.set(table, [...(owners.get(table) ?? []), m.name]);
    }
  }
  for (const [table, columns] of Object.entries(map)) {
    if (!Object.values(columns).some((c) => c.personal)) continue;
    const owning = owners.get(table) ?? [];
    if (owning.length !== 1) problems.push(`table ${table} holds personal data and is owned by ${owning.length === 0 ? 'no module' : owning.join(' and ')}`);
  }
  return problems;
}
