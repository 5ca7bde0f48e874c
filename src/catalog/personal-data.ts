// Dataset contact points for the registry. A contact point is a name and address in the metadata, not tied to an
// account id, so there is nothing to find or erase for an account: the DPO handles a contact person's request by hand.
import { inEveryLanguage } from '../i18n/index.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';

const reason = 'Dataset contact points are not linked to accounts; a contact person asks the DPO, who replaces them by the department contact point.';

export const contactPointModule: PersonalDataModule = {
  name: 'dataset contact points',
  tables: ['datasets'],
  async exportFor() {
    return {
      items: { datasetContactPoints: [] },
      note: inEveryLanguage((t) => t.privacyTerms.archive.notes.contactPoints),
    };
  },
  async eraseFor() {
    return [{ table: 'datasets', column: 'metadata', action: 'keep', rows: 0, reason }];
  },
};
