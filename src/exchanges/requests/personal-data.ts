// Information requests' personal data for the registry: the access archive gets the person's questions with their
// whole thread and the staff notes about them; erasure deletes their questions (messages and notes with them) and
// pseudonymises what they wrote or handled as staff; retention deletes closed questions after two years and
// unconfirmed ones after 24 hours, except those of an account a legal hold names.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ErasureLine, PersonalDataModule, Subject } from '../../personal-data/registry.ts';
import { sweepTable, type Step, type StepResult } from '../../personal-data/retention.ts';

const ref = sql.ref;

async function requestsOf(db: Kysely<Database>, subject: Pick<Subject, 'userId' | 'email'>) {
  const email = subject.email?.trim().toLowerCase() ?? null;
  return db
    .selectFrom('information_requests')
    .selectAll()
    .where((eb) => eb.or([eb('user_id', '=', subject.userId), ...(email ? [eb('email', '=', email)] : [])]))
    .orderBy('created_at')
    .execute();
}

/**
 * Deletes the requests `due` selects with their messages first (they live with their request), except the requests of
 * an account a legal hold names: those stay whole, messages and staff notes included, as the other modules' rows do.
 */
async function sweepRequests(db: Kysely<Database>, due: RawBuilder<SqlBool>, held: Parameters<Step>[0]['held'], dryRun: boolean): Promise<StepResult> {
  const kept = held('user', 'information_requests.user_id');
  const free = sql<SqlBool>`(${due}) and not (${kept})`;
  await sweepTable(db, 'request_messages', sql<SqlBool>`${ref('request_id')} in (select ${ref('id')} from ${sql.table('information_requests')} where ${free})`, null, dryRun);
  return sweepTable(db, 'information_requests', due, kept, dryRun);
}

export const requestsModule: PersonalDataModule = {
  name: 'information_requests',
  tables: ['information_requests', 'request_messages', 'canned_answers'],
  async subjectIds({ db }) {
    return (await db.selectFrom('information_requests').select('user_id as id').distinct().where('user_id', 'is not', null).execute()).map((r) => r.id!);
  },
  async exportFor({ db }, subject) {
    const requests = await requestsOf(db, subject);
    const ids = requests.map((r) => r.id);
    const messages = ids.length ? await db.selectFrom('request_messages').selectAll().where('request_id', 'in', ids).orderBy('id').execute() : [];
    // What the person wrote or answered as staff in others' questions: their own words (notes included).
    const written = await db.selectFrom('request_messages').select(['request_id', 'kind', 'body', 'created_at']).where('author', '=', subject.userId).where('request_id', 'not in', ids.length ? ids : ['']).orderBy('id').execute();
    return {
      items: {
        informationRequests: requests.map(({ confirm_digest: _c, access_digest: _a, ...r }) => ({
          reference: r.reference, status: r.status, name: r.name, email: r.email, language: r.language, dataset: r.dataset_id, subject: r.subject,
          createdAt: r.created_at, registeredAt: r.registered_at, dueAt: r.due_at, closedAt: r.closed_at,
          // Staff notes about the person are part of their archive (issue 17), marked as such.
          messages: messages.filter((m) => m.request_id === r.id).map((m) => ({ kind: m.kind, body: m.body, createdAt: m.created_at, byYou: m.author === subject.userId })),
        })),
        requestMessagesWritten: written.map((m) => ({ kind: m.kind, body: m.body, createdAt: m.created_at })),
      },
    };
  },
  async eraseFor({ db }, subject): Promise<ErasureLine[]> {
    const ids = (await requestsOf(db, subject)).map((r) => r.id);
    const messages = ids.length ? Number((await db.deleteFrom('request_messages').where('request_id', 'in', ids).executeTakeFirst()).numDeletedRows) : 0;
    const requests = ids.length ? Number((await db.deleteFrom('information_requests').where('id', 'in', ids).executeTakeFirst()).numDeletedRows) : 0;
    const authored = Number((await db.updateTable('request_messages').set({ author: subject.pseudonym }).where('author', '=', subject.userId).executeTakeFirst()).numUpdatedRows);
    const assigned = Number((await db.updateTable('information_requests').set({ assignee: subject.pseudonym }).where('assignee', '=', subject.userId).executeTakeFirst()).numUpdatedRows);
    const canned = Number((await db.updateTable('canned_answers').set({ created_by: subject.pseudonym }).where('created_by', '=', subject.userId).executeTakeFirst()).numUpdatedRows);
    return [
      { table: 'information_requests', column: 'user_id', action: 'delete', rows: requests },
      { table: 'request_messages', column: 'body', action: 'delete', rows: messages },
      { table: 'request_messages', column: 'author', action: 'pseudonymise', rows: authored },
      { table: 'information_requests', column: 'assignee', action: 'pseudonymise', rows: assigned },
      { table: 'canned_answers', column: 'created_by', action: 'pseudonymise', rows: canned },
    ];
  },
  retentionSteps: () => ({
    information_request: ({ db, cutoff, dryRun, held }) => sweepRequests(db, sql<SqlBool>`${ref('closed_at')} <= ${cutoff}`, held, dryRun),
    unconfirmed_request: ({ db, cutoff, dryRun, held }) => sweepRequests(db, sql<SqlBool>`${ref('status')} = 'unconfirmed' and ${ref('created_at')} <= ${cutoff}`, held, dryRun),
  }),
};
