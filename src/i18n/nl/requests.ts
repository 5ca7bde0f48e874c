// Dutch: information requests (issue 17): the contact form, confirmation and thread pages, the account's list, the
// staff inbox, and the mails to requesters and staff.
import type { Counted } from '../plural.ts';

const sign = (portal: string) => `Met vriendelijke groet,\n${portal}`;
interface Facts { portal: string; name: string; reference: string; subject: string; link: string }

export const requests = {
  askDataset: 'Stel een vraag over deze dataset',
  contactTitle: 'Contact: stel uw vraag',
  contactIntro: 'Stel uw vraag aan de afdeling. U krijgt een referentie en het antwoord per e-mail; u kunt op het antwoord reageren.',
  aboutDataset: (title: string) => `Uw vraag gaat over de dataset ${title}.`,
  subject: 'Onderwerp',
  message: 'Uw vraag',
  messageHint: (max: string) => `Ten hoogste ${max} tekens.`,
  name: 'Uw naam',
  email: 'Uw e-mailadres',
  visitorHint: 'Zonder account bevestigt u eerst uw e-mailadres met een link; een niet bevestigde vraag wordt na 24 uur gewist.',
  honeypot: 'Laat dit veld leeg',
  send: 'Versturen',
  checkMailTitle: 'Bevestig in uw mailbox',
  checkMail: (email: string) => `We stuurden een e-mail naar ${email} met een link. Pas als u die volgt, is uw vraag geregistreerd. De link werkt 24 uur.`,
  confirmTitle: 'Bevestig uw vraag',
  confirmIntro: (subject: string) => `Bevestig dat u de vraag "${subject}" wilt versturen.`,
  confirmButton: 'Bevestigen',
  registeredTitle: 'Uw vraag is geregistreerd',
  registered: (reference: string, due: string) => `Uw vraag heeft referentie ${reference}. U krijgt uiterlijk ${due} een antwoord.`,
  threadTitle: (reference: string) => `Vraag ${reference}`,
  threadIntro: 'Hier staan uw vraag en de antwoorden, de oudste eerst. Bewaar de link uit uw e-mail: die opent deze pagina.',
  reply: 'Uw reactie',
  sendReply: 'Reageren',
  replied: 'Uw reactie is verstuurd.',
  closedNote: 'Deze vraag is afgesloten. Stel een nieuwe vraag als u nog iets wilt weten.',
  you: 'u',
  department: 'de afdeling',
  dataset: 'Dataset',
  status: 'Status',
  due: 'Antwoord uiterlijk',
  reference: 'Referentie',
  accountTitle: 'Uw vragen',
  accountIntro: 'Al uw vragen aan de afdeling, met het hele gesprek.',
  accountNone: 'U stelde nog geen vragen.',
  accountSection: 'Bekijk uw vragen en de antwoorden',
  askQuestion: 'Een vraag stellen',
  statuses: { new: 'nieuw', in_progress: 'in behandeling', waiting: 'wacht op de vrager', answered: 'beantwoord', closed: 'afgesloten' },
  kinds: { requester: 'vraag of reactie', staff: 'antwoord', note: 'interne notitie' },

  // The staff inbox
  inboxTitle: 'Vragen',
  inboxIntro: 'Vragen van gebruikers en bezoekers. Een interne notitie ziet de vrager nooit.',
  inboxLink: 'Vragen (inbox)',
  counts: 'Vragen per status',
  search: 'Zoeken (referentie, tekst, e-mailadres)',
  filter: 'Filteren',
  anyStatus: 'alle statussen',
  anyAssignee: 'iedereen',
  unassigned: 'niemand',
  assignee: 'Behandelaar',
  overdueOnly: 'alleen te laat',
  overdue: 'te laat',
  requester: 'Vrager',
  received: 'Ontvangen',
  none: 'Geen vragen.',
  found: { one: (n) => `${n} vraag`, other: (n) => `${n} vragen` } satisfies Counted as Counted,
  answer: 'Antwoord aan de vrager',
  answerStatus: 'Status na het antwoord',
  sendAnswer: 'Antwoord versturen',
  note: 'Interne notitie (de vrager ziet die niet)',
  addNote: 'Notitie bewaren',
  setStatus: 'Status wijzigen',
  assign: 'Toewijzen',
  canned: 'Opgeslagen antwoorden',
  cannedHint: 'Kopieer een opgeslagen antwoord in uw antwoord.',
  cannedTitle: 'Titel',
  cannedBody: 'Tekst',
  addCanned: 'Antwoord opslaan',
  done: { answered: 'Het antwoord is verstuurd.', noted: 'De notitie is bewaard.', status: 'De status is gewijzigd.', assigned: 'De vraag is toegewezen.', canned: 'Het antwoord is opgeslagen.' } as Record<string, string>,

  errors: {
    request_subject: 'Geef een onderwerp van ten hoogste 200 tekens, op één regel.',
    request_message: 'Schrijf uw bericht.',
    request_too_long: 'Uw bericht is te lang: ten hoogste 10.000 tekens.',
    request_name: 'Geef uw naam (ten hoogste 200 tekens).',
    request_email: 'Geef een geldig e-mailadres.',
    request_link_invalid: 'Deze link werkt niet (meer): hij is gebruikt of verlopen. Stel uw vraag opnieuw.',
    request_not_found: 'Deze vraag bestaat niet.',
    request_status: 'Kies een bestaande status.',
    request_assignee: 'Kies een medewerker.',
    request_closed: 'Deze vraag is afgesloten.',
    request_spam: 'Uw bericht is niet verstuurd.',
    request_too_many: 'Er wachten al enkele vragen voor dit adres op bevestiging. Bevestig er een of probeer het over een uur opnieuw.',
    canned_title: 'Geef het opgeslagen antwoord een titel van 1 tot 200 tekens.',
  },

  mail: {
    confirm: {
      subject: (p: { portal: string }) => `Bevestig uw vraag aan ${p.portal}`,
      text: (p: { portal: string; name: string; subject: string; link: string; hours: number }) =>
        `Beste ${p.name},\n\nU stelde een vraag aan ${p.portal}: "${p.subject}". Bevestig uw e-mailadres met deze link; pas dan registreren we uw vraag:\n\n${p.link}\n\nDe link werkt ${p.hours} uur. Stelde u geen vraag? Dan hoeft u niets te doen: de vraag wordt gewist.\n\n${sign(p.portal)}`,
    },
    registered: {
      subject: (p: Facts) => `Uw vraag ${p.reference} is geregistreerd`,
      text: (p: Facts & { due: string }) =>
        `Beste ${p.name},\n\nUw vraag "${p.subject}" heeft referentie ${p.reference}. U krijgt uiterlijk ${p.due} een antwoord.\n\nHier leest u het gesprek en reageert u:\n${p.link}\n\n${sign(p.portal)}`,
    },
    answer: {
      subject: (p: Facts) => `Antwoord op uw vraag ${p.reference}`,
      intro: (p: Facts) => `Beste ${p.name},\n\nEr is een antwoord op uw vraag "${p.subject}" (${p.reference}):`,
      outro: (p: Facts) => `Reageren of het hele gesprek lezen:\n${p.link}\n\n${sign(p.portal)}`,
    },
    staff: {
      subject: (p: { reference: string; kind: 'arrived' | 'replied' | 'contact_point' }) =>
        p.kind === 'replied' ? `Reactie op vraag ${p.reference}` : `Nieuwe vraag ${p.reference}`,
      text: (p: { portal: string; reference: string; link: string; kind: 'arrived' | 'replied' | 'contact_point'; dataset?: string }) =>
        `${p.kind === 'replied' ? 'De vrager reageerde op' : 'Er is een nieuwe vraag:'} ${p.reference}.${p.kind === 'contact_point' ? `\n\nU krijgt deze e-mail als contactpunt van de dataset ${p.dataset ?? ''}.` : ''}\n\n${p.link}\n\n${p.portal}`,
    },
  },
};
