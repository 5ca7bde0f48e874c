// The supervisory authorities a person may complain to and a breach is notified to, with their public contact details.
import type { Text } from '../personal-data/vocabulary.ts';

export interface Authority {
  name: Text;
  address: Text;
  email: string;
  website: string;
}

export const authorities = {
  // Competent for Flemish public bodies (decree of 8 June 2018); a complaint is admissible once the DPO was asked first.
  vtc: {
    name: { nl: 'Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens (VTC)', en: 'Flemish Supervisory Commission for the processing of personal data (Vlaamse Toezichtcommissie, VTC)' },
    address: { nl: 'Koning Albert II-laan 15, 1210 Brussel', en: 'Koning Albert II-laan 15, 1210 Brussels, Belgium' },
    email: 'contact@toezichtcommissie.be',
    website: 'https://www.vlaanderen.be/vlaamse-toezichtcommissie',
  },
  gba: {
    name: { nl: 'Gegevensbeschermingsautoriteit (GBA)', en: 'Belgian Data Protection Authority (Gegevensbeschermingsautoriteit, GBA)' },
    address: { nl: 'Drukpersstraat 35, 1000 Brussel', en: 'Rue de la Presse 35, 1000 Brussels, Belgium' },
    email: 'contact@apd-gba.be',
    website: 'https://www.gegevensbeschermingsautoriteit.be',
  },
} as const satisfies Record<string, Authority>;
export type AuthorityId = keyof typeof authorities;
