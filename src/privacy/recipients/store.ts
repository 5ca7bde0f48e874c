// Reads and writes of the recipients and processors register.
import type { Kysely } from 'kysely';
import type { Database, PrivacyRecipientsTable } from '../../db/schema.ts';

export type RecipientRow = PrivacyRecipientsTable;

export function createRecipientStore(db: Kysely<Database>) {
  return {
    list: () => db.selectFrom('privacy_recipients').selectAll().orderBy('added_at').orderBy('id').execute(),
    get: (id: string) => db.selectFrom('privacy_recipients').selectAll().where('id', '=', id).executeTakeFirst(),
    insert: (row: RecipientRow) => db.insertInto('privacy_recipients').values(row).execute(),
    /** Ends the entry unless it already ended; the number of rows changed tells which. */
    end: async (id: string, at: string) =>
      Number((await db.updateTable('privacy_recipients').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst()).numUpdatedRows),
  };
}
export type RecipientStore = ReturnType<typeof createRecipientStore>;
