// Dataset contact points for the registry. A contact point is a name and address in the metadata, not tied to an
// account id, so there is nothing to find or erase for an account: the DPO handles a contact person's request by hand.
import type { PersonalDataModule } from '../personal-data/registry.ts';

const reason = 'Dataset contact points are not linked to accounts; a contact person asks the DPO, who replaces them by the department contact point.';

export const contactPointModule: PersonalDataModule = {
  name: 'dataset contact points',
  tables: ['datasets'],
  async exportFor() {
    return {
      items: { datasetContactPoints: [] },
      note: {
        nl: 'Contactpunten van datasets zijn niet aan een account gekoppeld; staat u als contactpersoon bij een dataset, vraag het dan aan de functionaris voor gegevensbescherming.',
        en: 'Dataset contact points are not linked to an account; if you are named as the contact of a dataset, ask the data protection officer.',
      },
    };
  },
  async eraseFor() {
    return [{ table: 'datasets', column: 'metadata', action: 'keep', rows: 0, reason }];
  },
};
