// The privacy statement's text in Dutch and English, rendered from the configuration, the map, its vocabulary and the
// recipients register (GDPR Art. 13): what the software does is what the statement says.
import type { Config } from '../config.ts';
import { authorities } from './authorities.ts';
import { basisText, categoryRetention, purposeFacts } from './facts.ts';
import { isTransfer, type Recipient } from './recipients.ts';
import { categories, purposes, retentionRules, type Lang } from '../personal-data/vocabulary.ts';

export interface StatementSection {
  heading: string;
  paragraphs: string[];
  items?: string[];
}

export type StatementConfig = Pick<Config, 'portalName' | 'privacyController' | 'privacyControllerAddress' | 'privacyDpoName' | 'dpoEmail' | 'privacyAuthority' | 'privacyBases' | 'privacyPublicTaskLaw'>;

export interface StatementFacts {
  config: StatementConfig;
  /** The current recipients and processors. */
  recipients: Recipient[];
}

const words = {
  nl: {
    controller: 'Wie is verantwoordelijk',
    controllerText: (c: string, portal: string) => `${c} is verwerkingsverantwoordelijke voor de persoonsgegevens die ${portal} verwerkt.`,
    address: (a: string) => `Adres: ${a}.`,
    dpo: 'Functionaris voor gegevensbescherming',
    dpoText: (name: string, email: string) => `Met vragen over uw gegevens en om uw rechten uit te oefenen, kunt u terecht bij ${name}: ${email}.`,
    dpoDefault: 'de functionaris voor gegevensbescherming',
    purposes: 'Waarvoor en op welke grond',
    purposesIntro: 'Elk doel heeft zijn eigen rechtsgrond; toestemming geldt nooit voor alles tegelijk.',
    purposeItem: (name: string, basis: string, cats: string, subjects: string) => `${name} — rechtsgrond: ${basis}. Gegevens: ${cats}. Over: ${subjects}.`,
    taskLaw: (law: string) => `De taak van algemeen belang steunt op: ${law}.`,
    noData: 'nog geen',
    retention: 'Hoe lang we gegevens bewaren',
    retentionItem: (cat: string, rules: string) => `${cat}: ${rules}`,
    retentionMax: 'Geen gegevens worden langer dan vijf jaar bewaard, tenzij een wettelijke verplichting of een lopend geschil dat vraagt; dan noteren we de reden en de einddatum.',
    recipients: 'Ontvangers en verwerkers',
    recipientsIntro: 'We verkopen, verhuren of delen uw gegevens niet met derden. Deze organisaties ontvangen gegevens, als verwerker in onze opdracht of als ontvanger:',
    noRecipients: 'Geen enkele organisatie buiten de verwerkingsverantwoordelijke ontvangt uw gegevens.',
    recipientItem: (r: Recipient, cats: string) => `${r.name} (${r.role === 'processor' ? 'verwerker' : 'ontvanger'}): ${cats}${r.location ? `; verwerkt in ${r.location}` : ''}.`,
    transfers: (n: string[]) => (n.length === 0 ? 'Er worden geen gegevens doorgegeven buiten de Europese Economische Ruimte.' : `Gegevens worden doorgegeven buiten de Europese Economische Ruimte aan: ${n.join(', ')}.`),
    cookies: 'Cookies en statistieken',
    cookiesText: [
      'Het portaal zet één cookie: de sessiecookie (opaal_session) nadat u zich aanmeldt. Ze is strikt noodzakelijk en vraagt dus geen toestemming. Er zijn geen andere cookies, geen advertenties en geen trackers.',
      'Geen enkele pagina laadt iets van een andere website; er gaat dus niets over uw bezoek naar derden.',
      'Statistieken tellen bezoeken en downloads per dataset en per dag, zonder IP-adres en zonder iets dat u identificeert.',
    ],
    rights: 'Uw rechten',
    rightsIntro: 'U hebt het recht om:',
    rightsItems: [
      'uw gegevens in te zien (inzage, art. 15 AVG);',
      'onjuiste gegevens te laten verbeteren (rectificatie, art. 16);',
      'uw gegevens te laten wissen (art. 17);',
      'de verwerking te laten beperken (art. 18);',
      'bezwaar te maken tegen een verwerking op grond van een taak van algemeen belang (art. 21);',
      'uw gegevens in een machineleesbaar bestand te krijgen (overdraagbaarheid, art. 20);',
      'een toestemming op elk moment in te trekken, even gemakkelijk als u ze gaf (art. 7(3));',
    ],
    complaint: (name: string, address: string, email: string, website: string, dpoFirst: boolean) =>
      `een klacht in te dienen bij de toezichthouder: ${name}, ${address}, ${email}, ${website}.${dpoFirst ? ' De toezichthouder behandelt een klacht pas nadat u zich eerst tot onze functionaris voor gegevensbescherming richtte.' : ''}`,
    obligation: 'Verplicht of niet',
    obligationText: 'Het portaal gebruiken kan zonder account en zonder persoonsgegevens te geven. Voor een account zijn naam en e-mailadres nodig; zonder die gegevens kunnen we geen account maken. We nemen geen geautomatiseerde beslissingen en maken geen profielen.',
  },
  en: {
    controller: 'Who is responsible',
    controllerText: (c: string, portal: string) => `${c} is the controller of the personal data that ${portal} processes.`,
    address: (a: string) => `Address: ${a}.`,
    dpo: 'Data protection officer',
    dpoText: (name: string, email: string) => `For questions about your data and to exercise your rights, contact ${name}: ${email}.`,
    dpoDefault: 'the data protection officer',
    purposes: 'Why, and on what legal basis',
    purposesIntro: 'Each purpose has its own legal basis; consent never covers everything at once.',
    purposeItem: (name: string, basis: string, cats: string, subjects: string) => `${name} — legal basis: ${basis}. Data: ${cats}. About: ${subjects}.`,
    taskLaw: (law: string) => `The public task rests on: ${law}.`,
    noData: 'none yet',
    retention: 'How long we keep data',
    retentionItem: (cat: string, rules: string) => `${cat}: ${rules}`,
    retentionMax: 'No data is kept longer than five years, unless a legal obligation or a pending dispute requires it; we then record the reason and the end date.',
    recipients: 'Recipients and processors',
    recipientsIntro: 'We do not sell, rent or share your data with third parties. These organisations receive data, as a processor on our behalf or as a recipient:',
    noRecipients: 'No organisation other than the controller receives your data.',
    recipientItem: (r: Recipient, cats: string) => `${r.name} (${r.role === 'processor' ? 'processor' : 'recipient'}): ${cats}${r.location ? `; processed in ${r.location}` : ''}.`,
    transfers: (n: string[]) => (n.length === 0 ? 'No data is transferred outside the European Economic Area.' : `Data is transferred outside the European Economic Area to: ${n.join(', ')}.`),
    cookies: 'Cookies and statistics',
    cookiesText: [
      'The portal sets one cookie: the session cookie (opaal_session) once you sign in. It is strictly necessary, so it needs no consent. There are no other cookies, no advertising and no trackers.',
      'No page loads anything from another website, so nothing about your visit goes to third parties.',
      'Statistics count visits and downloads per dataset and per day, without IP address and without anything that identifies you.',
    ],
    rights: 'Your rights',
    rightsIntro: 'You have the right to:',
    rightsItems: [
      'access your data (Art. 15 GDPR);',
      'have incorrect data rectified (Art. 16);',
      'have your data erased (Art. 17);',
      'have the processing restricted (Art. 18);',
      'object to processing based on a public task (Art. 21);',
      'receive your data in a machine-readable file (portability, Art. 20);',
      'withdraw a consent at any time, as easily as you gave it (Art. 7(3));',
    ],
    complaint: (name: string, address: string, email: string, website: string, dpoFirst: boolean) =>
      `lodge a complaint with the supervisory authority: ${name}, ${address}, ${email}, ${website}.${dpoFirst ? ' The authority takes up a complaint only once you have first written to our data protection officer.' : ''}`,
    obligation: 'Required or not',
    obligationText: 'You can use the portal without an account and without giving any personal data. An account needs a name and an email address; without them we cannot make one. We take no automated decisions and make no profiles.',
  },
} as const;

export function statementText(lang: Lang, facts: StatementFacts): StatementSection[] {
  const w = words[lang];
  const { config } = facts;
  const list = (ids: readonly (keyof typeof categories)[]) => (ids.length ? ids.map((c) => categories[c][lang]).join(', ') : w.noData);
  const perPurpose = purposeFacts(config);
  const authority = authorities[config.privacyAuthority];
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
      items: perPurpose.map((p) => w.purposeItem(purposes[p.id].name[lang], basisText(p.basis, lang), list(p.categories), purposes[p.id].subjects[lang])),
    },
    {
      heading: w.retention,
      paragraphs: [w.retentionMax],
      items: categoryRetention().map((c) => w.retentionItem(categories[c.category][lang], c.retentions.map((r) => retentionRules[r].text[lang]).join('; '))),
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
      items: [...w.rightsItems, w.complaint(authority.name[lang], authority.address[lang], authority.email, authority.website, config.privacyAuthority === 'vtc')],
    },
    { heading: w.obligation, paragraphs: [w.obligationText] },
  ];
}

/** The text as one string, for its digest and the PDF's text: headings, paragraphs and items in order. */
export function plainText(sections: StatementSection[]): string {
  return sections.map((s) => [s.heading, ...s.paragraphs, ...(s.items ?? []).map((i) => `- ${i}`)].join('\n')).join('\n\n');
}
