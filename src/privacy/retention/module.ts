// Legal holds and inactivity warnings in the module registry. A hold on an account and the DPO who set it are named
// by pseudonym once erased; the hold's motivation is the DPO's record, not the person's data, and stays out of the archive,
// and goes five years after the hold ended.
import { sql } from 'kysely';
import { eraseColumn } from '../../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';
import { sweepTable } from '../../personal-data/retention.ts';

const ref = sql.ref;

export const retentionModule: PersonalDataModule = {
  name: 'retention',
  tables: ['legal_holds', 'retention_warnings'],
  async exportFor({ db }, { userId }) {
    const holds = await db.selectFrom('legal_holds').select(['reason', 'set_at', 'ends_at', 'ended_at']).where('object_type', '=', 'user').where('object_id', '=', userId).orderBy('set_at').execute();
    const warnings = await db.selectFrom('retention_warnings').select('warned_at').where('user_id', '=', userId).execute();
    return {
      items: {
        legalHolds: holds.map((h) => ({ ground: h.reason, setAt: h.set_at, endsAt: h.ends_at, endedAt: h.ended_at })),
        inactivityWarnings: warnings.map((w) => ({ warnedAt: w.warned_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'retention_warnings', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'legal_holds', column: 'object_id', value: userId, owns: false, also: { column: 'object_type', value: 'user' }, pseudonym }),
      await eraseColumn(ctx, { table: 'legal_holds', column: 'set_by', value: userId, owns: false, pseudonym }),
      await eraseColumn(ctx, { table: 'legal_holds', column: 'ended_by', value: userId, owns: false, pseudonym }),
    ];
  },
  retentionSteps: () => ({
    // A hold's own record is accountability: kept the period after it ended.
    legal_hold: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'legal_holds', sql`${ref('ends_at')} <= ${cutoff} or (${ref('ended_at')} is not null and ${ref('ended_at')} <= ${cutoff})`, null, dryRun),
  }),
};
