// The privacy office's own personal data for the registry: restriction and objection flags, access archives.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { someoneElse } from '../accounts/personal-data.ts';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { sweepTable, type Step } from '../personal-data/retention.ts';

export const archiveFile = (dataDir: string, id: string, ext: 'json' | 'html') => join(dataDir, 'archives', `${id}.${ext}`);

export const privacyRightsModule: PersonalDataModule = {
  name: 'privacy rights',
  tables: ['account_privacy_flags', 'access_archives'],
  async exportFor({ db }, { userId }) {
    const flags = await db.selectFrom('account_privacy_flags').selectAll().where('user_id', '=', userId).execute();
    const archives = await db.selectFrom('access_archives').select(['created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        restriction: flags.find((f) => f.kind === 'restriction') ? { since: flags.find((f) => f.kind === 'restriction')!.set_at } : null,
        objections: flags.filter((f) => f.kind === 'objection').map((f) => ({ purpose: f.purpose, since: f.set_at, recordedBy: f.set_by === 'self' ? 'you' : someoneElse })),
        accessArchives: archives.map((a) => ({ createdAt: a.created_at, expiresAt: a.expires_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    const archives = await ctx.db.selectFrom('access_archives').select('id').where('user_id', '=', userId).execute();
    for (const { id } of archives) for (const ext of ['json', 'html'] as const) rmSync(archiveFile(ctx.dataDir, id, ext), { force: true });
    return [
      await eraseColumn(ctx, { table: 'account_privacy_flags', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'account_privacy_flags', column: 'set_by', value: userId, owns: false, pseudonym }),
      await eraseColumn(ctx, { table: 'access_archives', column: 'user_id', value: userId, owns: true, pseudonym }),
    ];
  },
  retentionSteps: (config) => ({ archive: archiveRetentionStep(config.dataDir) }),
};

/**
 * The retention step of the `archive` rule: archives past their 7 days go from the disk as well as from the table,
 * whether or not anyone asked for them again.
 */
function archiveRetentionStep(dataDir: string): Step {
  return async ({ db, cutoff, dryRun }) => {
    if (!dryRun) {
      const due = await db.selectFrom('access_archives').select('id').where('expires_at', '<=', cutoff).execute();
      for (const { id } of due) for (const ext of ['json', 'html'] as const) rmSync(archiveFile(dataDir, id, ext), { force: true });
    }
    return sweepTable(db, 'access_archives', sql`${sql.ref('access_archives.expires_at')} <= ${cutoff}`, null, dryRun);
  };
}
