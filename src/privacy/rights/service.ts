// Self-service data rights as one service, built once in src/portal.ts: what the account page, the DPO's case console
// and the retention sweep call, so they all do the same.
import { buildAccessArchive, type AccessArchive } from './archive.ts';
import { archivesOf, openArchive, prepareArchive, type ArchiveFormat, type ArchiveLookup } from './archive-files.ts';
import { createCaseActions, type CaseActions } from '../cases/actions.ts';
import { consentsOf, withdrawConsent, type ConsentRecord } from './consents.ts';
import type { ContactMention } from '../../catalog/service.ts';
import { eraseAccount, personOf, replayErasureLedger, type ErasedBy, type ErasureReport } from './erasure.ts';
import { mayMail, privacyFlags, setObjection, setRestriction, type PrivacyFlags } from './flags.ts';
import type { RightsDeps } from './deps.ts';
import type { PurposeId } from '../../personal-data/vocabulary.ts';

export type { RightsDeps } from './deps.ts';
export type { AccessArchive } from './archive.ts';
export type { ErasureReport } from './erasure.ts';

export interface RightsService {
  /** Art. 15 and 20: every row the modules find for the account. */
  buildAccessArchive(userId: string): Promise<AccessArchive>;
  /** The archive as files to download from the account's privacy page for 7 days; returns its id. */
  prepareArchive(userId: string, lang: 'nl' | 'en'): Promise<string>;
  archivesOf(userId: string): Promise<{ id: string; created_at: string; expires_at: string }[]>;
  openArchive(userId: string, id: string, format: ArchiveFormat): Promise<ArchiveLookup>;
  /** Art. 17; refuses the last active admin and an account under a legal hold. */
  eraseAccount(userId: string, options: { by: ErasedBy; reference?: string }): Promise<ErasureReport>;
  /** Erases again every account the ledger names: run after restoring a backup. */
  replayErasureLedger(): Promise<number>;
  setRestriction(userId: string, restricted: boolean, by: string): Promise<void>;
  setObjection(userId: string, purpose: PurposeId, objected: boolean, by: string): Promise<void>;
  privacyFlags(userId: string): Promise<PrivacyFlags>;
  mayMail(userId: string): Promise<boolean>;
  consentsOf(userId: string): Promise<ConsentRecord[]>;
  withdrawConsent(userId: string, consentId: string): Promise<void>;
  /** Datasets whose metadata still names the person of a case: by its address, and by the account's name while it exists. */
  contactPointsOf(person: { email: string; userId: string | null }): Promise<ContactMention[]>;
  /** The DPO's one-click actions on a case: these same rights; an access request gets the downloadable archive. */
  caseActions: CaseActions;
}

export function createRightsService(deps: RightsDeps): RightsService {
  const service: RightsService = {
    buildAccessArchive: (userId) => buildAccessArchive(deps, userId),
    prepareArchive: (userId, lang) => prepareArchive(deps, userId, lang),
    archivesOf: (userId) => archivesOf(deps, userId),
    openArchive: (userId, id, format) => openArchive(deps, userId, id, format),
    eraseAccount: (userId, options) => eraseAccount(deps, userId, options),
    replayErasureLedger: () => replayErasureLedger(deps),
    setRestriction: (userId, restricted, by) => setRestriction(deps, userId, restricted, by),
    setObjection: (userId, purpose, objected, by) => setObjection(deps, userId, purpose, objected, by),
    privacyFlags: (userId) => privacyFlags(deps.db, userId),
    mayMail: (userId) => mayMail(deps.db, userId),
    consentsOf: (userId) => consentsOf(deps, userId),
    withdrawConsent: (userId, consentId) => withdrawConsent(deps, userId, consentId),
    async contactPointsOf(person) {
      const user = person.userId ? await deps.accounts.userById(person.userId) : undefined;
      return deps.catalog.mentionsOf(user ? { ...personOf(user), email: person.email } : { email: person.email, name: null });
    },
    caseActions: createCaseActions({
      rights: {
        buildAccessArchive: (userId) => prepareArchive(deps, userId, deps.config.defaultLanguage),
        eraseAccount: (userId, options) => eraseAccount(deps, userId, options),
        setRestriction: (userId, on, by) => setRestriction(deps, userId, on, by),
        setObjection: (userId, purpose, on, by) => setObjection(deps, userId, purpose, on, by),
      },
    }),
  };
  return service;
}
