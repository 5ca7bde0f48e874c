// Reuses' personal data for the registry: what a person submitted. Erasure deletes their pending and rejected reuses
// with their images; an approved one stays published, its submitter pseudonymised ("former user"), as the map says.
import { createFileBlobStore } from '../../blobs/index.ts';
import { eraseColumn } from '../../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';

export const reusesModule: PersonalDataModule = {
  name: 'reuses',
  tables: ['reuses'],
  async subjectIds({ db }) {
    return (await db.selectFrom('reuses').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const rows = await db.selectFrom('reuses').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    const datasets = rows.length ? await db.selectFrom('reuse_datasets').selectAll().where('reuse_id', 'in', rows.map((r) => r.id)).execute() : [];
    return {
      items: {
        reuses: rows.map((r) => ({
          id: r.id, title: r.title, description: r.description, url: r.url, type: r.type, hasImage: r.image_key !== null, status: r.status,
          rejectReason: r.reject_reason, language: r.language, createdAt: r.created_at, decidedAt: r.decided_at,
          datasets: datasets.filter((d) => d.reuse_id === r.id).map((d) => d.dataset_id),
        })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    const { db } = ctx;
    const unpublished = await db.selectFrom('reuses').select(['id', 'image_key']).where('user_id', '=', userId).where('status', '<>', 'approved').execute();
    const blobs = createFileBlobStore(ctx.dataDir);
    if (unpublished.length > 0) {
      const ids = unpublished.map((r) => r.id);
      await db.deleteFrom('reuse_datasets').where('reuse_id', 'in', ids).execute();
      await db.deleteFrom('reuses').where('id', 'in', ids).execute();
      for (const r of unpublished) if (r.image_key) await blobs.remove(r.image_key);
    }
    return [
      { table: 'reuses', column: 'user_id', action: 'delete', rows: unpublished.length, reason: 'Pending and rejected reuses are deleted with their images.' },
      await eraseColumn(ctx, { table: 'reuses', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'reuses', column: 'decided_by', value: userId, owns: false, pseudonym }),
    ];
  },
};
