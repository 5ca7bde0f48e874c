// Reads and writes of information requests, their messages and the saved answers; no rules here.
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { CannedAnswersTable, Database, InformationRequestsTable, RequestMessagesTable } from '../../db/schema.ts';

export type RequestRow = Selectable<InformationRequestsTable>;
export type CannedRow = Selectable<CannedAnswersTable>;
type MessageRow = Selectable<RequestMessagesTable>;

/** What the inbox is filtered by; every part optional. */
export interface InboxFilter {
  status?: string;
  assignee?: string;
  datasetId?: string;
  /** Due before this day and not answered or closed. */
  overdueOn?: string;
  /** A reference, an address or words of a subject or message. */
  search?: string;
}

export type RequestStore = ReturnType<typeof createRequestStore>;

export function createRequestStore(db: Kysely<Database>) {
  return {
    insert: (row: RequestRow) => db.insertInto('information_requests').values(row).execute(),
    byId: (id: string) => db.selectFrom('information_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    byReference: (reference: string) => db.selectFrom('information_requests').selectAll().where('reference', '=', reference).executeTakeFirst(),
    byConfirmation: (digest: string) => db.selectFrom('information_requests').selectAll().where('confirm_digest', '=', digest).where('status', '=', 'unconfirmed').executeTakeFirst(),
    byAccess: (digest: string) => db.selectFrom('information_requests').selectAll().where('access_digest', '=', digest).where('status', '!=', 'unconfirmed').executeTakeFirst(),
    /** Registers an unconfirmed request once: false when it was confirmed (or purged) meanwhile. */
    async register(id: string, set: Updateable<InformationRequestsTable>): Promise<boolean> {
      const result = await db.updateTable('information_requests').set(set).where('id', '=', id).where('status', '=', 'unconfirmed').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    update: (id: string, set: Updateable<InformationRequestsTable>) => db.updateTable('information_requests').set(set).where('id', '=', id).execute(),
    ofUser: (userId: string) => db.selectFrom('information_requests').selectAll().where('user_id', '=', userId).where('status', '!=', 'unconfirmed').orderBy('created_at', 'desc').execute(),
    /** Unconfirmed requests for an address since a time (the form's mail-bomb guard). */
    async unconfirmedSince(email: string, since: string): Promise<number> {
      const row = await db.selectFrom('information_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('email', '=', email).where('status', '=', 'unconfirmed').where('created_at', '>=', since).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    inbox(filter: InboxFilter) {
      let q = db.selectFrom('information_requests').selectAll().where('status', '!=', 'unconfirmed');
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.assignee) q = filter.assignee === '-' ? q.where('assignee', 'is', null) : q.where('assignee', '=', filter.assignee);
      if (filter.datasetId) q = q.where('dataset_id', '=', filter.datasetId);
      if (filter.overdueOn) q = q.where('due_at', '<', filter.overdueOn).where('status', 'not in', ['answered', 'closed']);
      if (filter.search) {
        const like = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const lower = (column: string) => sql`lower(${sql.ref(column)})`;
        q = q.where((eb) =>
          eb.or([
            eb(lower('reference'), 'like', sql`${like} escape '\\'`),
            eb(lower('email'), 'like', sql`${like} escape '\\'`),
            eb(lower('subject'), 'like', sql`${like} escape '\\'`),
            eb('id', 'in', db.selectFrom('request_messages').select('request_id').where(lower('body'), 'like', sql`${like} escape '\\'`)),
          ]),
        );
      }
      return q.orderBy('registered_at', 'desc').orderBy('id').limit(500).execute();
    },
    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db.selectFrom('information_requests').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('status', '!=', 'unconfirmed').groupBy('status').execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    addMessage: (row: { request_id: string; kind: string; author: string | null; body: string; created_at: string }) => db.insertInto('request_messages').values(row).execute(),
    messages: (requestId: string): Promise<MessageRow[]> => db.selectFrom('request_messages').selectAll().where('request_id', '=', requestId).orderBy('id').execute(),

    cannedAnswers: () => db.selectFrom('canned_answers').selectAll().orderBy('title').execute(),
    cannedAnswer: (id: string) => db.selectFrom('canned_answers').selectAll().where('id', '=', id).executeTakeFirst(),
    insertCanned: (row: CannedRow) => db.insertInto('canned_answers').values(row).execute(),
  };
}
