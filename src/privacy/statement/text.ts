// The privacy statement's text in each language (its words in the catalogs, `privacyStatement`), rendered from the configuration, the map, its vocabulary and the
// recipients register (GDPR Art. 13): what the software does is what the statement says.
import { messages, type Language } from '../../i18n/index.ts';
import type { Config } from '../../config.ts';
import { authorityContact } from '../authorities.ts';
import { basisText, categoryRetention, purposeFacts } from '../facts.ts';
import { isTransfer, type Recipient } from '../recipients/service.ts';
import type { CategoryId } from '../../personal-data/vocabulary.ts';

export interface StatementSection {
  heading: string;
  paragraphs: string[];
  items?: string[];
}

export type StatementConfig = Pick<Config, 'portalName' | 'privacyController' | 'privacyControllerAddress' | 'privacyDpoName' | 'dpoEmail' | 'privacyAuthority' | 'privacyBases' | 'privacyPublicTaskLaw'>;

interface StatementFacts {
  config: StatementConfig;
  /** The current recipients and processors. */
  recipients: Recipient[];
}


export function statementText(lang: Language, facts: StatementFacts): StatementSection[] {
  const w = messages(lang).privacyStatement;
  const terms = messages(lang).privacyTerms;
  const { config } = facts;
  const list = (ids: readonly CategoryId[]) => (ids.length ? ids.map((c) => terms.categories[c]).join(', ') : w.noData);
  const perPurpose = purposeFacts(config);
  const authority = authorityContact(config.privacyAuthority, lang);
  const transfers = facts.recipients.filter(isTransfer).map((r) => `${r.name} (${r.location})`);
  return [
    {
      heading: w.controller,
      paragraphs: [w.controllerText(config.privacyController, config.portalName), ...(config.privacyControllerAddress ? [w.address(config.privacyControllerAddress)] : [])],
    },
    { heading: w.dpo, paragraphs: [w.dpoText(config.privacyDpoName ?? w.dpoDefault, config.dpoEmail)] },
    {
      heading: w.purposes,
      paragraphs: [w.purposesIntro, ...(config.privacyPublicTaskLaw && perPurpose.some((p) => p.basis === 'public_task') ? [w.taskLaw(config.privacyPublicTaskLaw)] : [])],
      items: perPurpose.map((p) => w.purposeItem(terms.purposes[p.id].name, basisText(p.basis, lang), list(p.categories), terms.purposes[p.id].subjects)),
    },
    {
      heading: w.retention,
      paragraphs: [w.retentionMax],
      items: categoryRetention().map((c) => w.retentionItem(terms.categories[c.category], c.retentions.map((r) => terms.retention[r]).join('; '))),
    },
    {
      heading: w.recipients,
      paragraphs: [facts.recipients.length ? w.recipientsIntro : w.noRecipients, w.transfers(transfers)],
      items: facts.recipients.map((r) => w.recipientItem(r, list(r.categories))),
    },
    { heading: w.cookies, paragraphs: [...w.cookiesText] },
    {
      heading: w.rights,
      paragraphs: [w.rightsIntro],
      items: [...w.rightsItems, w.complaint(authority.name, authority.address, authority.email, authority.website, config.privacyAuthority === 'vtc')],
    },
    { heading: w.obligation, paragraphs: [w.obligationText] },
  ];
}

/** The text as one string, for its digest and the PDF's text: headings, paragraphs and items in order. */
export function plainText(sections: StatementSection[]): string {
  return sections.map((s) => [s.heading, ...s.paragraphs, ...(s.items ?? []).map((i) => `- ${i}`)].join('\n')).join('\n\n');
}
