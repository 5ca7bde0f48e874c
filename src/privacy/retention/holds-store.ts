// Legal holds in the relational store: reading and writing them, and the SQL test "is this row held?" the sweep uses.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, LegalHoldsTable } from '../../db/schema.ts';

export type LegalHoldRow = LegalHoldsTable;

/**
 * True where an active hold names the object: `type` is a hold object type (a value) or a column of the row,
 * `id` a column of the row. Active: not ended by the DPO and its end date not reached.
 */
export function heldBy(now: Date, type: string | RawBuilder<unknown>, idColumn: string): RawBuilder<SqlBool> {
  const typeExpression = typeof type === 'string' ? sql`${type}` : type;
  return sql<SqlBool>`exists (select 1 from legal_holds h where h.object_type = ${typeExpression} and h.object_id = ${sql.ref(idColumn)} and h.ended_at is null and h.ends_at > ${now.toISOString()})`;
}

export function createHoldStore(db: Kysely<Database>) {
  return {
    insert: (row: LegalHoldRow) => db.insertInto('legal_holds').values(row).execute(),
    byId: (id: string) => db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Every hold, latest end date first (the service orders them for the DPO). */
    all: () => db.selectFrom('legal_holds').selectAll().orderBy('ends_at', 'desc').orderBy('id').execute(),
    end: (id: string, at: string, by: string) =>
      db.updateTable('legal_holds').set({ ended_at: at, ended_by: by }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst(),
    /** The ids of the objects of this type an active hold names. */
    heldIds: async (now: Date, objectType: string) =>
      new Set(
        (
          await db.selectFrom('legal_holds').select('object_id').where('object_type', '=', objectType).where('ended_at', 'is', null).where('ends_at', '>', now.toISOString()).execute()
        ).map((h) => h.object_id),
      ),
    /** Holds whose end date passed without the DPO ending them: they no longer apply, and are listed for review. */
    lapsed: (now: Date) =>
      db.selectFrom('legal_holds').select(['id', 'object_type', 'ends_at']).where('ended_at', 'is', null).where('ends_at', '<=', now.toISOString()).orderBy('ends_at').execute(),
  };
}
