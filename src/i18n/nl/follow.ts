// Dutch: following datasets, the catalog and the newsletter: buttons, the account page, confirmation and unsubscribe
// pages, announcements, and the notification mails (subject, text, and the HTML's own words).
import type { Counted } from '../plural.ts';

const sign = (portal: string) => `Met vriendelijke groet,\n${portal}`;

export const follow = {
  follow: 'Volgen',
  followLabel: (title: string) => `Volgen: ${title}`,
  unfollow: 'Niet meer volgen',
  unfollowLabel: (title: string) => `Niet meer volgen: ${title}`,
  following: 'U volgt deze dataset.',
  pending: 'Bevestig het volgen met de link in uw mailbox.',
  resend: 'Stuur de link opnieuw',
  signInToFollow: 'Meld u aan om deze dataset te volgen',
  followHint: 'U krijgt een e-mail als deze dataset verandert.',
  sent: (email: string) => `We stuurden u een e-mail (naar ${email}) met een link om te bevestigen. Pas daarna krijgt u berichten.`,
  alreadyFollowing: 'U volgt dit al.',
  unfollowed: 'U volgt dit niet meer; u krijgt er geen berichten meer over.',
  backToDataset: 'Terug naar de dataset',
  announce: 'Bericht aan de volgers',

  // The account page
  title: 'Wat u volgt',
  sentTitle: 'Bevestig in uw mailbox',
  unfollowedTitle: 'Niet meer gevolgd',
  intro: 'U krijgt een e-mail over wat u volgt, pas nadat u dat met de link in uw mailbox bevestigde. Elke e-mail heeft een link om meteen uit te schrijven.',
  none: 'U volgt nog niets. Op de pagina van een dataset kunt u hem volgen.',
  manage: 'Beheer wat u volgt',
  targets: {
    dataset: (title: string) => `Dataset ${title}`,
    catalog: 'Nieuwe datasets in de catalogus',
    newsletter: 'Nieuwsbrief van het portaal (aankondigingen en nieuwe datasets)',
  },
  states: { pending: 'wacht op uw bevestiging', confirmed: 'bevestigd' },
  since: (date: string) => `sinds ${date}`,
  frequencyLabel: 'Hoe vaak wilt u e-mail?',
  frequencies: { instant: 'meteen, een e-mail per wijziging', daily: 'een overzicht per dag', weekly: 'een overzicht per week' },
  saveFrequency: 'Bewaren',
  frequencySaved: 'Uw keuze is bewaard.',
  followCatalog: 'Volg nieuwe datasets',
  subscribeNewsletter: 'Schrijf u in op de nieuwsbrief',
  followMore: 'Meer volgen',
  consentNote: 'Met de bevestiging geeft u toestemming om u hierover e-mail te sturen. U trekt die in met één klik.',

  // The confirmation link
  confirmTitle: 'Bevestig dat u e-mail wilt',
  confirmText: (what: string) => `Bevestig dat u e-mail wilt krijgen over: ${what}.`,
  confirmButton: 'Bevestigen',
  confirmed: (what: string) => `Bevestigd. U krijgt voortaan e-mail over: ${what}.`,

  // The unsubscribe link (RFC 8058: opening it changes nothing, the button does)
  unsubscribeTitle: 'Uitschrijven',
  unsubscribeText: (what: string) => `Wilt u geen e-mail meer krijgen over: ${what}?`,
  unsubscribeButton: 'Uitschrijven',
  unsubscribed: (what: string) => `U bent uitgeschreven. U krijgt geen e-mail meer over: ${what}.`,
  unsubscribedShort: 'U bent uitgeschreven.',

  // Announcements by publishers
  announceTitle: (title: string) => `Bericht aan de volgers van ${title}`,
  announcePortalTitle: 'Bericht aan de lezers van de nieuwsbrief',
  announceIntro: 'Het bericht gaat per e-mail naar wie dit volgt en staat in de feed.',
  announcementTitle: 'Titel',
  announcementBody: 'Bericht',
  announceButton: 'Versturen',
  announced: 'Het bericht is verstuurd naar wie dit volgt.',

  errors: {
    follow_link_invalid: 'Deze link werkt niet (meer): hij werd al gebruikt, verliep of is vervangen. Volg opnieuw om een nieuwe link te krijgen.',
    unsubscribe_invalid: 'Deze uitschrijflink is niet geldig. Beheer wat u volgt op uw accountpagina.',
    unsubscribe_used: 'U bent hiervoor al uitgeschreven; er is niets meer te doen.',
    follow_frequency: 'Kies meteen, per dag of per week.',
    follow_unknown: 'U volgt dit niet (meer).',
    announcement_title: 'Geef het bericht een titel van 1 tot 200 tekens.',
    announcement_body: 'Schrijf een bericht van 1 tot 10 000 tekens.',
  },

  mail: {
    confirm: {
      subject: (p: { portal: string }) => `Bevestig dat u e-mail wilt van ${p.portal}`,
      text: (p: { portal: string; firstName: string; what: string; link: string; hours: number }) =>
        `Beste ${p.firstName},\n\nU vroeg om e-mail over: ${p.what}. Bevestig dat met deze link:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer. Zonder bevestiging sturen we u hierover niets. Vroeg u dit niet, dan kunt u deze mail negeren.\n\n${sign(p.portal)}\n`,
    },
    version: {
      subject: (p: { title: string; version: number }) => `${p.title}: versie ${p.version}`,
      lead: (p: { title: string; version: number; comparedTo: number | null }) =>
        p.comparedTo === null ? `${p.title} heeft een eerste versie (${p.version}).` : `${p.title} heeft een nieuwe versie: ${p.version}, vergeleken met versie ${p.comparedTo}.`,
      leadPlain: (p: { title: string; version: number }) => `${p.title} heeft een nieuwe versie: ${p.version}.`,
      added: { one: (n) => `${n} record toegevoegd`, other: (n) => `${n} records toegevoegd` } as Counted,
      removed: { one: (n) => `${n} record verwijderd`, other: (n) => `${n} records verwijderd` } as Counted,
      changed: { one: (n) => `${n} record gewijzigd`, other: (n) => `${n} records gewijzigd` } as Counted,
      changedUnknown: 'gewijzigde records worden niet geteld: de dataset heeft geen sleutel',
      fieldsAdded: { one: (n, names: string) => `${n} veld toegevoegd: ${names}`, other: (n, names: string) => `${n} velden toegevoegd: ${names}` } as Counted<[string]>,
      fieldsRemoved: { one: (n, names: string) => `${n} veld verwijderd: ${names}`, other: (n, names: string) => `${n} velden verwijderd: ${names}` } as Counted<[string]>,
      fieldsRetyped: { one: (n, names: string) => `${n} veld van type veranderd: ${names}`, other: (n, names: string) => `${n} velden van type veranderd: ${names}` } as Counted<[string]>,
      noSummary: 'Wat er veranderde, is nog niet berekend.',
    },
    metadata: {
      subject: (p: { title: string }) => `${p.title}: de beschrijving is bijgewerkt`,
      lead: (p: { title: string }) => `De beschrijving van ${p.title} (metadata) is bijgewerkt.`,
    },
    newDataset: {
      subject: (p: { title: string }) => `Nieuwe dataset: ${p.title}`,
      lead: (p: { title: string }) => `Er is een nieuwe dataset gepubliceerd: ${p.title}.`,
    },
    announcement: {
      subject: (p: { title: string }) => p.title,
    },
    digest: {
      subject: { one: (n: string, portal: string) => `${portal}: ${n} bericht over wat u volgt`, other: (n: string, portal: string) => `${portal}: ${n} berichten over wat u volgt` } as Counted<[string]>,
      lead: { daily: 'Uw overzicht van de voorbije dag.', weekly: 'Uw overzicht van de voorbije week.' },
    },
    greeting: (firstName: string) => `Beste ${firstName},`,
    open: 'Bekijk de dataset',
    openVersion: 'Bekijk wat er veranderde',
    unsubscribe: (link: string) => `Geen e-mail meer hierover? Schrijf u uit: ${link}`,
    unsubscribeLink: 'Uitschrijven',
    manage: (link: string) => `Alles wat u volgt beheren: ${link}`,
    manageLink: 'Beheer wat u volgt',
    sign,
  },
};
