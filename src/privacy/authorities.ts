// The supervisory authorities a person may complain to and a breach is notified to, with their public contact details;
// their names and addresses in each language are in the catalogs (`privacyTerms.authorities`).
import { messages, type KeysExactly, type Language, type Messages } from '../i18n/index.ts';

interface Authority {
  email: string;
  website: string;
}

export const authorities = {
  // Competent for Flemish public bodies (decree of 8 June 2018); a complaint is admissible once the DPO was asked first.
  vtc: {
    email: 'contact@toezichtcommissie.be',
    website: 'https://www.vlaanderen.be/vlaamse-toezichtcommissie',
  },
  gba: {
    email: 'contact@apd-gba.be',
    website: 'https://www.gegevensbeschermingsautoriteit.be',
  },
} as const satisfies Record<string, Authority>;
export type AuthorityId = keyof typeof authorities;

// The catalogs name every authority, and no other.
true satisfies KeysExactly<Messages['privacyTerms']['authorities'], AuthorityId>;

/** Everything a person needs to reach the authority, in their language: the one source of the statement and the letters. */
export function authorityContact(id: AuthorityId, lang: Language): Authority & { name: string; address: string } {
  return { ...authorities[id], ...messages(lang).privacyTerms.authorities[id] };
}
