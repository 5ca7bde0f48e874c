// The statistics for the registry: the one personal column is the day's visitor hash of stats_events, under a random
// key that is destroyed within 48 hours; nothing in the statistics can be found for a person, so the access archive
// says so, erasure has nothing to erase, and the retention step clears the hashes two days after the event at the latest.
import { sql } from 'kysely';
import { inEveryLanguage } from '../i18n/index.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';

const reason = 'Statistics keep no account, address or user agent: a visitor hash is keyed by a random key of one day, destroyed within 48 hours, so no row can be found for a person.';

export const statsModule: PersonalDataModule = {
  name: 'statistics',
  tables: ['stats_events'],
  async exportFor() {
    return { items: { statistics: [] }, note: inEveryLanguage((t) => t.privacyTerms.archive.notes.statistics) };
  },
  async eraseFor() {
    return [{ table: 'stats_events', column: 'visitor', action: 'keep', rows: 0, reason }];
  },
  retentionSteps: () => ({
    // The hash is cleared, the count it belongs to stays (a raw event says nothing about anyone without it).
    statistics_visitor: async ({ db, cutoff, dryRun }) => {
      const due = db.updateTable('stats_events').set({ visitor: null }).where('visitor', 'is not', null).where('at', '<=', cutoff);
      if (dryRun) {
        const row = await db.selectFrom('stats_events').select(sql<number>`count(*)`.as('n')).where('visitor', 'is not', null).where('at', '<=', cutoff).executeTakeFirstOrThrow();
        return { removed: Number(row.n), held: 0 };
      }
      const result = await due.executeTakeFirst();
      return { removed: Number(result.numUpdatedRows), held: 0 };
    },
  }),
};
