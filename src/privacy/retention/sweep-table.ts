// One table's part of a sweep: count what a rule would remove and what a hold keeps, then (unless dry) delete it.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface StepResult {
  /** Rows removed (or, in a dry run, that would be). */
  removed: number;
  /** Rows the rule reaches but a legal hold keeps. */
  held: number;
  /** Accounts warned of their coming erasure (the inactivity rule only). */
  warned?: number;
}

const count = async (db: Kysely<Database>, table: string, where: RawBuilder<SqlBool>): Promise<number> => {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

/** Deletes the rows of `table` that `due` selects, except those `held` selects. */
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
