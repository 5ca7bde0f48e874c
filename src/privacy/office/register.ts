// The register of processing activities (GDPR Art. 30(1)(a)–(g)), generated from the map, its vocabulary, the
// configuration and the recipients: one activity per purpose, so a new purpose or column shows up by itself.
import { messages, type Language } from '../../i18n/index.ts';
import type { Config } from '../../config.ts';
import { basisText, purposeFacts } from '../facts.ts';
import { isTransfer, type Recipient } from '../recipients/service.ts';
import type { LegalBasis, PurposeId } from '../../personal-data/vocabulary.ts';
import { personalDataMap } from '../../personal-data/map.ts';

type RegisterConfig = Pick<Config, 'privacyController' | 'privacyControllerAddress' | 'privacyDpoName' | 'dpoEmail' | 'privacyAuthority' | 'privacyBases' | 'privacyPublicTaskLaw'>;

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

export function processingRegister(lang: Language, config: RegisterConfig, recipients: Recipient[]): RegisterActivity[] {
  const columnsOf = (purpose: PurposeId, category: string) =>
    Object.entries(personalDataMap).flatMap(([table, cols]) =>
      Object.entries(cols).flatMap(([column, c]) => (c.personal && c.purpose === purpose && c.category === category ? [`${table}.${column}`] : [])),
    );
  const t = messages(lang).privacyTerms;
  return purposeFacts(config).map((p) => {
    const theirs = recipients.filter((r) => r.purposes.includes(p.id));
    const transfers = theirs.filter(isTransfer).map((r) => `${r.name} (${r.location})`);
    return {
      purpose: p.id,
      name: t.purposes[p.id].name,
      controller: { name: config.privacyController, address: config.privacyControllerAddress },
      dpo: { name: config.privacyDpoName, email: config.dpoEmail },
      legalBasis: { id: p.basis, text: basisText(p.basis, lang), law: p.basis === 'public_task' ? config.privacyPublicTaskLaw : null },
      dataSubjects: t.purposes[p.id].subjects,
      categories: p.categories.map((c) => ({ id: c, name: t.categories[c], columns: columnsOf(p.id, c) })),
      recipients: theirs.map((r) => ({ name: r.name, role: r.role, location: r.location, contractRef: r.contractRef })),
      transfers: transfers.length ? transfers : [t.register.noTransfers],
      retention: p.retentions.map((r) => t.retention[r]),
      security: [...t.register.security],
    };
  });
}

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
