// The access archive (Art. 15 and 20): every row the registered modules find for a person, as JSON, with the
// Art. 15(1)(a)-(h) information derived from the map and the configuration.
//
// Schema `opaal-access-archive/1`:
//   format, generatedAt, portal {name, url}
//   data: { [module name]: { items: {…rows by kind…}, note?: {nl, en} } }   (secrets never appear: no password
//         hash, TOTP secret, key or recovery-code digest, session id; other people appear as "a staff member")
//   information: { purposes[] {id, name, legalBasis {article, nl, en}, categories[], retention[]}, recipients[],
//         rights[], complaintAuthority {name, url}, source, automatedDecisions, transfers }   (texts as {nl, en})
import type { Config } from '../../config.ts';
import { inEveryLanguage, itemsInEveryLanguage, type EveryLanguage } from '../../i18n/index.ts';
import { portalKey } from '../../accounts/secret-box.ts';
import { NotFound } from '../../errors.ts';
import { personalDataMap } from '../../personal-data/map.ts';
import { authorities } from '../authorities.ts';
import { isTransfer, type Recipient } from '../recipients/service.ts';
import type { ArchiveSection } from '../../personal-data/registry.ts';
import type { RightsDeps } from './deps.ts';
import { subjectKeys } from '../subject-keys.ts';
import { legalBases, purposes, type CategoryId, type PurposeId, type RetentionId } from '../../personal-data/vocabulary.ts';

interface PurposeInformation {
  id: PurposeId;
  name: EveryLanguage;
  legalBasis: { article: string } & EveryLanguage;
  categories: EveryLanguage[];
  retention: EveryLanguage[];
}

/** A recipient or processor as the archive names it (Art. 15(1)(c): the actual recipients, CJEU C-154/21). */
export interface ArchiveRecipient {
  id: string;
  name: EveryLanguage;
  role: 'processor' | 'recipient';
  /** What it receives. */
  receives: EveryLanguage;
  /** Where it processes the data (a country code), when known. */
  location: string | null;
}

export interface AccessArchive {
  format: 'opaal-access-archive/1';
  generatedAt: string;
  portal: { name: string; url: string };
  data: Record<string, ArchiveSection>;
  information: {
    purposes: PurposeInformation[];
    recipients: ArchiveRecipient[];
    rights: EveryLanguage[];
    complaintAuthority: { name: EveryLanguage; url: string };
    source: EveryLanguage;
    automatedDecisions: EveryLanguage;
    transfers: EveryLanguage;
  };
}

/** Purposes, with their categories and retention, as the map uses them. */
function purposeInformation(config: Pick<Config, 'privacyBases'>): PurposeInformation[] {
  const found = new Map<PurposeId, { categories: Set<string>; retention: Set<string> }>();
  for (const columns of Object.values(personalDataMap)) {
    for (const c of Object.values(columns)) {
      if (!c.personal) continue;
      const entry = found.get(c.purpose) ?? { categories: new Set(), retention: new Set() };
      entry.categories.add(c.category);
      entry.retention.add(c.retention);
      found.set(c.purpose, entry);
    }
  }
  return [...found].map(([id, e]) => {
    const basis = config.privacyBases[id] ?? purposes[id].defaultBasis;
    return {
      id,
      name: inEveryLanguage((t) => t.privacyTerms.purposes[id].name),
      legalBasis: { article: legalBases[basis].article, ...inEveryLanguage((t) => t.privacyTerms.legalBases[basis]) },
      categories: [...e.categories].map((c) => inEveryLanguage((t) => t.privacyTerms.categories[c as CategoryId])),
      retention: [...e.retention].map((r) => inEveryLanguage((t) => t.privacyTerms.retention[r as RetentionId])),
    };
  });
}

/** A recipient of the DPO's register as the archive names it. */
export function toArchiveRecipient(r: Recipient): ArchiveRecipient {
  return {
    id: r.id,
    name: inEveryLanguage(() => r.name),
    role: r.role,
    receives: inEveryLanguage((t) => r.categories.map((c) => t.privacyTerms.categories[c]).join(', ')),
    location: r.location,
  };
}

/** The recipients and processors in the DPO's register today, the configured mail relay among them. */
export async function archiveRecipients(recipients: RightsDeps['recipients']): Promise<ArchiveRecipient[]> {
  return (await recipients.list({ current: true })).map(toArchiveRecipient);
}

export function articleFifteenInformation(config: Pick<Config, 'privacyBases' | 'privacyAuthority'>, recipients: ArchiveRecipient[]): AccessArchive['information'] {
  const authority = authorities[config.privacyAuthority];
  const transfers = recipients.filter((r) => isTransfer(r));
  return {
    purposes: purposeInformation(config),
    recipients,
    rights: itemsInEveryLanguage((t) => t.privacyTerms.archive.rights),
    complaintAuthority: { name: inEveryLanguage((t) => t.privacyTerms.authorities[config.privacyAuthority].name), url: authority.website },
    source: inEveryLanguage((t) => t.privacyTerms.archive.source),
    automatedDecisions: inEveryLanguage((t) => t.privacyTerms.archive.automatedDecisions),
    transfers: inEveryLanguage((t, lang) =>
      transfers.length === 0 ? t.privacyTerms.archive.noTransfers : t.privacyTerms.archive.transfers(transfers.map((r) => `${r.name[lang]} (${r.location})`).join(', ')),
    ),
  };
}

export async function buildAccessArchive(deps: RightsDeps, userId: string): Promise<AccessArchive> {
  const user = await deps.accounts.userById(userId);
  if (!user) throw new NotFound('There is no such account.');
  const subject = { userId, email: user.email, pseudonym: subjectKeys(deps.config).pseudonym(userId) };
  const ctx = { db: deps.db, clock: deps.clock, dataDir: deps.config.dataDir, key: portalKey(deps.config) };
  const data: Record<string, ArchiveSection> = {};
  for (const module of deps.modules) data[module.name] = await module.exportFor(ctx, subject);
  return {
    format: 'opaal-access-archive/1',
    generatedAt: deps.clock().toISOString(),
    portal: { name: deps.config.portalName, url: deps.config.baseUrl },
    data,
    information: articleFifteenInformation(deps.config, await archiveRecipients(deps.recipients)),
  };
}
