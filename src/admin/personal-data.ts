// Access grants to restricted datasets for the registry: the person's own grants; who granted them is redacted.
import { someoneElse } from '../accounts/personal-data.ts';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';

export const grantsModule: PersonalDataModule = {
  name: 'access grants',
  tables: ['dataset_grants'],
  async subjectIds({ db }) {
    return (await db.selectFrom('dataset_grants').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const own = await db.selectFrom('dataset_grants').selectAll().where('user_id', '=', userId).orderBy('granted_at').execute();
    const given = await db.selectFrom('dataset_grants').select(['dataset_id', 'granted_at']).where('granted_by', '=', userId).orderBy('granted_at').execute();
    return {
      items: {
        accessGrants: own.map((g) => ({ datasetId: g.dataset_id, grantedAt: g.granted_at, grantedBy: g.granted_by === userId ? 'you' : someoneElse })),
        // Grants this person gave (staff): the dataset and date, never who received them.
        grantsGiven: given.map((g) => ({ datasetId: g.dataset_id, grantedAt: g.granted_at, to: 'another person' })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'dataset_grants', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'dataset_grants', column: 'granted_by', value: userId, owns: false, pseudonym }),
    ];
  },
};
