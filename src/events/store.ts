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

export async function listEvents(db: Kysely<Database>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}
