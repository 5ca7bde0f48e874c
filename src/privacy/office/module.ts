// The DPO's registers in the module registry. Recipients are organisations: a contact there is no portal user, so the
// archive has nothing of a user in it. Breaches name the staff member who recorded them, pseudonymised on erasure;
// their documentation is kept whole (Art. 33(5)). Both registers keep an entry five years after it ended or closed.
import { sql } from 'kysely';
import { inEveryLanguage } from '../../i18n/index.ts';
import { eraseColumn } from '../../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';
import { sweepTable } from '../../personal-data/retention.ts';

export const registersModule: PersonalDataModule = {
  name: 'privacy registers',
  tables: ['privacy_recipients', 'privacy_breaches'],
  async exportFor({ db }, { userId }) {
    const recorded = await db.selectFrom('privacy_breaches').select(['id', 'opened_at']).where('opened_by', '=', userId).orderBy('opened_at').execute();
    return {
      items: { breachesRecorded: recorded.map((b) => ({ breach: b.id, recordedAt: b.opened_at })) },
      note: inEveryLanguage((t) => t.privacyTerms.archive.notes.registers),
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [await eraseColumn(ctx, { table: 'privacy_breaches', column: 'opened_by', value: userId, owns: false, pseudonym })];
  },
  retentionSteps: () => ({
    recipient: ({ db, cutoff, dryRun }) => sweepTable(db, 'privacy_recipients', sql`${sql.ref('privacy_recipients.ended_at')} <= ${cutoff}`, null, dryRun),
    breach: ({ db, cutoff, dryRun }) => sweepTable(db, 'privacy_breaches', sql`${sql.ref('privacy_breaches.closed_at')} <= ${cutoff}`, null, dryRun),
  }),
};
