// The event log's store: the one place that writes event rows (actor, verb, subject) and the audit log's searches.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

interface DomainEvent {
  actor: string;
  verb: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

interface EventQuery {
  verb: string | null;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  limit: number;
  offset: number;
}

/** Writes on `db`, which may be another module's transaction: the event then stands or falls with the change it records. */
export async function recordEvent(db: Kysely<Database>, at: Date, event: DomainEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      at: at.toISOString(),
      actor: event.actor,
      verb: event.verb,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

/** When the latest event with this verb happened (a job's last run, shared by every node), or null. */
export async function lastEventAt(db: Kysely<Database>, verb: string): Promise<string | null> {
  return (await db.selectFrom('events').select('at').where('verb', '=', verb).orderBy('at', 'desc').executeTakeFirst())?.at ?? null;
}

export async function listEvents(db: Kysely<Database>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

export type EventStore = ReturnType<typeof createEventStore>;

export function createEventStore(db: Kysely<Database>) {
  function matching(query: Omit<EventQuery, 'limit' | 'offset'>) {
    let select = db.selectFrom('events');
    if (query.verb) select = select.where('verb', '=', query.verb);
    if (query.actor) select = select.where('actor', '=', query.actor);
    if (query.subjectType) select = select.where('subject_type', '=', query.subjectType);
    if (query.subjectId) select = select.where('subject_id', '=', query.subjectId);
    return select;
  }

  return {
    record: (at: Date, event: DomainEvent) => recordEvent(db, at, event),

    /** Newest first. */
    async search(query: EventQuery) {
      const rows = await matching(query).selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
      const { count } = await matching(query).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
      return { rows, total: Number(count) };
    },

    verbs: async () => (await db.selectFrom('events').select('verb').distinct().orderBy('verb').execute()).map((r) => r.verb),
    subjectTypes: async () => (await db.selectFrom('events').select('subject_type').distinct().orderBy('subject_type').execute()).map((r) => r.subject_type),
  };
}
