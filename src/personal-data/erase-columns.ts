// Erasure column by column as the map says: the eraser of each module names the column that points at the person,
// this file decides from the map whether that deletes rows, nulls a reference, pseudonymises it or keeps it.
import { sql } from 'kysely';
import { personalDataMap, type PersonalColumn } from './map.ts';
import type { ErasureLine, RegistryContext } from './registry.ts';

interface ColumnTarget {
  table: string;
  /** The classified column whose map entry decides what happens; it holds the person's id or address… */
  column: string;
  /** …unless `matchColumn` (e.g. users.id) is what names the person. */
  matchColumn?: string;
  value: string;
  /** Whether the row is the person's own (delete removes it) or only mentions them (delete empties the column). */
  owns: boolean;
  /** A further condition, e.g. events whose subject is a user. */
  also?: { column: string; value: string };
  pseudonym: string;
}

function classification(table: string, column: string): PersonalColumn {
  const c = personalDataMap[table]?.[column];
  if (!c || !c.personal) throw new Error(`${table}.${column} is not a personal column of the map: its eraser cannot use it.`);
  return c;
}

export async function eraseColumn(ctx: RegistryContext, target: ColumnTarget): Promise<ErasureLine> {
  const { table, column } = target;
  const c = classification(table, column);
  const match = target.matchColumn ?? column;
  const where = target.also
    ? sql`${sql.ref(match)} = ${target.value} and ${sql.ref(target.also.column)} = ${target.also.value}`
    : sql`${sql.ref(match)} = ${target.value}`;
  let query;
  if (c.erasure === 'keep') query = sql`select 1 from ${sql.table(table)} where ${where}`;
  else if (c.erasure === 'pseudonymise') query = sql`update ${sql.table(table)} set ${sql.ref(column)} = ${target.pseudonym} where ${where}`;
  else if (target.owns) query = sql`delete from ${sql.table(table)} where ${where}`;
  else query = sql`update ${sql.table(table)} set ${sql.ref(column)} = null where ${where}`;
  const result = await query.execute(ctx.db);
  const rows = c.erasure === 'keep' ? result.rows.length : Number(result.numAffectedRows ?? 0);
  return { table, column, action: c.erasure, rows, ...(c.reason && c.erasure !== 'delete' ? { reason: c.reason } : {}) };
}
