// The event log for the registry: events the person did or that are about their account. Erasure keeps the record
// of what happened and replaces the person by the pseudonym (the map says so for actor and subject_id); the sweep keeps it five years.
import { sql } from 'kysely';
import { someoneElse } from '../accounts/personal-data.ts';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { sweepTable } from '../personal-data/retention.ts';

const machineActors = new Set(['system', 'cli', 'retention']);

export const eventsModule: PersonalDataModule = {
  name: 'events',
  tables: ['events'],
  async subjectIds({ db }) {
    return (await db.selectFrom('events').select('actor as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where((eb) => eb.or([eb('actor', '=', userId), eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)])]))
      .orderBy('id')
      .execute();
    return {
      items: {
        events: rows.map((e) => ({
          at: e.at,
          verb: e.verb,
          actor: e.actor === userId ? 'you' : machineActors.has(e.actor) ? e.actor : someoneElse,
          subjectType: e.subject_type,
          subject: e.subject_type === 'user' ? (e.subject_id === userId ? 'you' : 'another person') : e.subject_id,
          data: JSON.parse(e.data) as unknown,
        })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'events', column: 'actor', value: userId, owns: false, pseudonym }),
      await eraseColumn(ctx, { table: 'events', column: 'subject_id', value: userId, owns: false, also: { column: 'subject_type', value: 'user' }, pseudonym }),
    ];
  },
  retentionSteps: () => ({
    // An event about a held object, or done by a held account, stays.
    audit: ({ db, cutoff, dryRun, held }) =>
      sweepTable(
        db,
        'events',
        sql`${sql.ref('at')} <= ${cutoff}`,
        sql`${held(sql.ref('events.subject_type'), 'events.subject_id')} or ${held('user', 'events.actor')}`,
        dryRun,
      ),
  }),
};
