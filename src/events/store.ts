// The one helper through which mutations that matter write an event row (actor, verb, subject).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface DomainEvent {
  actor: string;
  verb: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

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
