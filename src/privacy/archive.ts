// The access archive (Art. 15 and 20): every row the registered modules find for a person, as JSON, with the
// Art. 15(1)(a)-(h) information derived from the map and the configuration.
//
// Schema `opaal-access-archive/1`:
//   format, generatedAt, portal {name, url}
//   data: { [module name]: { items: {…rows by kind…}, note?: {nl, en} } }   (secrets never appear: no password
//         hash, TOTP secret, key or recovery-code digest, session id; other people appear as "a staff member")
//   information: { purposes[] {id, name, legalBasis {article, nl, en}, categories[], retention[]}, recipients[],
//         rights[], complaintAuthority {name, url}, source, automatedDecisions, transfers }   (texts as {nl, en})
import type { Config } from '../config.ts';
import { portalKey } from '../accounts/secret-box.ts';
import { NotFound } from '../errors.ts';
import { personalDataMap } from '../personal-data/map.ts';
import { authorities } from './authorities.ts';
import { isTransfer, type Recipient } from './recipients.ts';
import type { ArchiveSection } from '../personal-data/registry.ts';
import type { RightsDeps } from './rights-deps.ts';
import { subjectKeys } from './subject-keys.ts';
import { categories, legalBases, purposes, retentionRules, type PurposeId, type Text } from '../personal-data/vocabulary.ts';

export interface PurposeInformation {
  id: PurposeId;
  name: Text;
  legalBasis: { article: string } & Text;
  categories: Text[];
  retention: Text[];
}

/** A recipient or processor as the archive names it (Art. 15(1)(c): the actual recipients, CJEU C-154/21). */
export interface ArchiveRecipient {
  id: string;
  name: Text;
  role: 'processor' | 'recipient';
  /** What it receives. */
  receives: Text;
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
    rights: Text[];
    complaintAuthority: { name: Text; url: string };
    source: Text;
    automatedDecisions: Text;
    transfers: Text;
  };
}

/** Purposes, with their categories and retention, as the map uses them. */
export function purposeInformation(config: Pick<Config, 'privacyBases'>): PurposeInformation[] {
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
    const purpose = purposes[id];
    const basis = legalBases[config.privacyBases[id] ?? purpose.defaultBasis];
    return {
      id,
      name: purpose.name,
      legalBasis: { article: basis.article, nl: basis.nl, en: basis.en },
      categories: [...e.categories].map((c) => categories[c as keyof typeof categories]),
      retention: [...e.retention].map((r) => retentionRules[r as keyof typeof retentionRules].text),
    };
  });
}

/** A recipient of the DPO's register as the archive names it. */
export function toArchiveRecipient(r: Recipient): ArchiveRecipient {
  return {
    id: r.id,
    name: { nl: r.name, en: r.name },
    role: r.role,
    receives: { nl: r.categories.map((c) => categories[c].nl).join(', '), en: r.categories.map((c) => categories[c].en).join(', ') },
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
    rights: [
      { nl: 'inzage in uw gegevens en een kopie ervan (art. 15 en 20 AVG)', en: 'access to your data and a copy of it (Art. 15 and 20 GDPR)' },
      { nl: 'verbetering van onjuiste gegevens (art. 16)', en: 'rectification of inaccurate data (Art. 16)' },
      { nl: 'wissing van uw gegevens (art. 17)', en: 'erasure of your data (Art. 17)' },
      { nl: 'beperking van de verwerking (art. 18)', en: 'restriction of processing (Art. 18)' },
      { nl: 'bezwaar tegen de verwerking (art. 21)', en: 'objection to processing (Art. 21)' },
      { nl: 'een gegeven toestemming intrekken, even makkelijk als ze te geven (art. 7(3))', en: 'withdrawing a consent, as easily as giving it (Art. 7(3))' },
    ],
    complaintAuthority: { name: authority.name, url: authority.website },
    source: {
      nl: 'U gaf de gegevens zelf bij de registratie en het gebruik van het portaal; het portaal noteert wanneer u zich aanmeldt en wat u doet; medewerkers kennen u toegang tot datasets toe.',
      en: 'You gave the data yourself when registering and using the portal; the portal records when you sign in and what you do; staff grant you access to datasets.',
    },
    automatedDecisions: { nl: 'Er worden geen geautomatiseerde besluiten over u genomen en u wordt niet geprofileerd.', en: 'No automated decisions are taken about you and you are not profiled.' },
    transfers:
      transfers.length === 0
        ? { nl: 'Geen doorgifte buiten de Europese Economische Ruimte.', en: 'No transfer outside the European Economic Area.' }
        : {
            nl: `Doorgifte buiten de Europese Economische Ruimte aan: ${transfers.map((r) => `${r.name.nl} (${r.location})`).join(', ')}.`,
            en: `Transfer outside the European Economic Area to: ${transfers.map((r) => `${r.name.en} (${r.location})`).join(', ')}.`,
          },
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
