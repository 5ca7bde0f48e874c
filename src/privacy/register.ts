// The register of processing activities (GDPR Art. 30(1)(a)–(g)), generated from the map, its vocabulary, the
// configuration and the recipients: one activity per purpose, so a new purpose or column shows up by itself.
import type { Config } from '../config.ts';
import { authorities } from './authorities.ts';
import { basisText, purposeFacts } from './facts.ts';
import { isTransfer, type Recipient } from './recipients.ts';
import { categories, purposes, retentionRules, type Lang, type LegalBasis, type PurposeId } from '../personal-data/vocabulary.ts';
import { personalDataMap } from '../personal-data/map.ts';

export type RegisterConfig = Pick<Config, 'privacyController' | 'privacyControllerAddress' | 'privacyDpoName' | 'dpoEmail' | 'privacyAuthority' | 'privacyBases' | 'privacyPublicTaskLaw'>;

export interface RegisterActivity {
  purpose: PurposeId;
  name: string;
  controller: { name: string; address: string | null };
  dpo: { name: string | null; email: string };
  legalBasis: { id: LegalBasis; text: string; law: string | null };
  dataSubjects: string;
  categories: { id: string; name: string; columns: string[] }[];
  recipients: { name: string; role: string; location: string | null; contractRef: string | null }[];
  transfers: string[];
  retention: string[];
  security: string[];
}

const security = {
  nl: [
    'wachtwoorden alleen als argon2id-hash',
    'API-sleutels, sessies en eenmalige links alleen als SHA-256-digest',
    'geheimen van de tweede factor versleuteld (AES-256-GCM)',
    'TLS verwacht voor elke verbinding (HSTS achter HTTPS)',
    'rollen met minste rechten; tweede factor verplicht voor medewerkers',
    'auditlog van wat medewerkers en gebruikers doen, zonder persoonsgegevens in de logs',
  ],
  en: [
    'passwords only as argon2id hashes',
    'API keys, sessions and single-use links only as SHA-256 digests',
    'second-factor secrets encrypted (AES-256-GCM)',
    'TLS expected for every connection (HSTS behind HTTPS)',
    'least-privilege roles; a second factor required of staff',
    'audit log of what staff and users do, with no personal data in the logs',
  ],
};

export function processingRegister(lang: Lang, config: RegisterConfig, recipients: Recipient[]): RegisterActivity[] {
  const columnsOf = (purpose: PurposeId, category: string) =>
    Object.entries(personalDataMap).flatMap(([table, cols]) =>
      Object.entries(cols).flatMap(([column, c]) => (c.personal && c.purpose === purpose && c.category === category ? [`${table}.${column}`] : [])),
    );
  return purposeFacts(config).map((p) => {
    const theirs = recipients.filter((r) => r.purposes.includes(p.id));
    const transfers = theirs.filter(isTransfer).map((r) => `${r.name} (${r.location})`);
    return {
      purpose: p.id,
      name: purposes[p.id].name[lang],
      controller: { name: config.privacyController, address: config.privacyControllerAddress },
      dpo: { name: config.privacyDpoName, email: config.dpoEmail },
      legalBasis: { id: p.basis, text: basisText(p.basis, lang), law: p.basis === 'public_task' ? config.privacyPublicTaskLaw : null },
      dataSubjects: purposes[p.id].subjects[lang],
      categories: p.categories.map((c) => ({ id: c, name: categories[c][lang], columns: columnsOf(p.id, c) })),
      recipients: theirs.map((r) => ({ name: r.name, role: r.role, location: r.location, contractRef: r.contractRef })),
      transfers: transfers.length ? transfers : [lang === 'nl' ? 'geen buiten de EER' : 'none outside the EEA'],
      retention: p.retentions.map((r) => retentionRules[r].text[lang]),
      security: security[lang],
    };
  });
}

/** The authority the register is kept for (Art. 30(4)), named in its exports. */
export const registerAuthority = (config: RegisterConfig, lang: Lang) => authorities[config.privacyAuthority].name[lang];

/** One line per activity and category of data, the columns of Art. 30(1)(a)–(g). */
export function registerCsv(activities: RegisterActivity[]): string {
  const header = ['purpose', 'name', 'controller', 'controller_address', 'dpo_name', 'dpo_email', 'legal_basis', 'public_task_law', 'data_subjects', 'category', 'columns', 'recipients', 'transfers', 'retention', 'security_measures'];
  const cell = (v: string | null) => {
    const s = v ?? '';
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = activities.flatMap((a) =>
    (a.categories.length ? a.categories : [{ id: '', name: '', columns: [] }]).map((c) =>
      [a.purpose, a.name, a.controller.name, a.controller.address, a.dpo.name, a.dpo.email, a.legalBasis.text, a.legalBasis.law, a.dataSubjects, c.name, c.columns.join(' '),
        a.recipients.map((r) => `${r.name} (${r.role}${r.contractRef ? `, ${r.contractRef}` : ''})`).join('; '), a.transfers.join('; '), a.retention.join('; '), a.security.join('; ')].map(cell).join(','),
    ),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
