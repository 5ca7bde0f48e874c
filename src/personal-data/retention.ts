// The retention sweep's contract with the modules: each owner brings, by rule id, the step that removes its own due
// rows; the sweep (src/privacy/retention) runs them, with the hold test it builds, and never writes their SQL itself.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RetentionId } from './vocabulary.ts';

export interface StepResult {
  /** Rows removed (or, in a dry run, that would be). */
  removed: number;
  /** Rows the rule reaches but a legal hold keeps. */
  held: number;
  /** Accounts warned of their coming erasure (the inactivity rule only). */
  warned?: number;
}

interface StepContext {
  db: Kysely<Database>;
  now: Date;
  /** `now` minus the rule's period: a trigger at or before it is due. */
  cutoff: string;
  /** The rule's ISO-8601 period. */
  period: string;
  dryRun: boolean;
  /**
   * The SQL condition "an active legal hold names this row": `objectType` is a hold object type (`user`, `case`) or a
   * column of the row holding one, `idColumn` the row's column with the object's id.
   */
  held(objectType: string | RawBuilder<unknown>, idColumn: string): RawBuilder<SqlBool>;
}

export type Step = (ctx: StepContext) => Promise<StepResult>;

/** What a module's steps may depend on. */
export interface RetentionConfig {
  sessionIdleMinutes: number;
  dataDir: string;
}

export type RetentionSteps = Partial<Record<RetentionId, Step>>;

const count = async (db: Kysely<Database>, table: string, where: RawBuilder<SqlBool>): Promise<number> => {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

/** Deletes the rows of `table` that `due` selects, except those `held` selects: one table's part of a sweep. */
export async function sweepTable(
  db: Kysely<Database>,
  table: string,
  due: RawBuilder<SqlBool>,
  held: RawBuilder<SqlBool> | null,
  dryRun: boolean,
): Promise<StepResult> {
  const free = held ? sql<SqlBool>`(${due}) and not (${held})` : due;
  const keptByHold = held ? await count(db, table, sql<SqlBool>`(${due}) and (${held})`) : 0;
  if (dryRun) return { removed: await count(db, table, free), held: keptByHold };
  const result = await sql`delete from ${sql.table(table)} where ${free}`.execute(db);
  return { removed: Number(result.numAffectedRows ?? 0), held: keptByHold };
}
