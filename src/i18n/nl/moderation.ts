// Dutch: moderatie van reacties op dataverzoeken, de moderatielijst naast de discussies, en de e-mails die de redactie
// en vragers krijgen over nieuwe reacties, hergebruiken en dataverzoeken.
import type { Counted } from '../plural.ts';

export const moderation = {
  hiddenByModerator: 'Deze reactie is verborgen door een moderator.',
  hiddenYours: 'Uw reactie is verborgen door een moderator; anderen zien ze niet.',
  heldYours: 'Uw reactie wacht op een moderator voordat anderen ze zien.',
  held: 'Vastgehouden als mogelijke spam',
  hidden: 'Verborgen',
  commentHeld: 'Uw reactie wacht op een moderator voordat anderen ze zien.',
  report: 'Melden',
  reportLabel: 'Waarom meldt u deze reactie?',
  reported: 'Dank u. Een moderator bekijkt uw melding.',
  reportedBefore: 'U hebt deze reactie al gemeld.',
  reportReason: 'Zeg waarom u deze reactie meldt.',
  moderated: 'De reactie is bijgewerkt.',
  hide: 'Verbergen',
  restore: 'Terugzetten',
  release: 'Vrijgeven',
  posts: 'Berichten in discussies',
  comments: 'Reacties op dataverzoeken',
  reports: 'Meldingen',
  reusesWaiting: { one: (n: string) => `${n} hergebruik wacht op een beslissing.`, other: (n: string) => `${n} hergebruiken wachten op een beslissing.` } as Counted,
  reusesNone: 'Er wacht geen hergebruik op een beslissing.',
  reusesLink: 'Naar de moderatie van hergebruiken',
  staffCounts: 'Uitwisselingen',
  pendingReuses: 'Hergebruiken te beoordelen',
  waitingPosts: 'Berichten en reacties te modereren',
  mail: {
    greeting: 'Beste,',
    commentSubject: (title: string) => `Nieuwe reactie op uw dataverzoek "${title}"`,
    commentIntro: (who: string, title: string) => `${who} reageerde op uw dataverzoek "${title}":`,
    open: 'Lees het verzoek en de reacties:',
    commentWhy: 'U krijgt deze e-mail omdat u dit dataverzoek indiende.',
    reuseSubject: (title: string) => `Nieuw hergebruik te beoordelen: "${title}"`,
    reuseText: (title: string) => `Er is een nieuw hergebruik ingediend: "${title}". Het wacht op uw beslissing.`,
    wishSubject: (title: string) => `Nieuw dataverzoek: "${title}"`,
    wishText: (title: string) => `Er is een nieuw dataverzoek ingediend: "${title}". U kunt er een status aan geven.`,
    staffWhy: 'U krijgt deze e-mail omdat u op het portaal hergebruiken en dataverzoeken beheert.',
    requestStatusSubject: (p: { reference: string; status: string }) => `Nieuwe status van uw vraag ${p.reference}: ${p.status}`,
    requestStatusText: (p: { name: string; subject: string; reference: string; status: string; link: string; portal: string }) =>
      `Beste ${p.name},

Uw vraag "${p.subject}" (${p.reference}) heeft een nieuwe status: ${p.status}.

Lees het gesprek en antwoord hier:
${p.link}

Met vriendelijke groet,
${p.portal}`,
    sign: (portal: string) => `Met vriendelijke groet,\n${portal}`,
  },
};
