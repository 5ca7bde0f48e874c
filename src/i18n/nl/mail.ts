// Dutch: the mails the portal sends (accounts, rights, privacy requests, retention), by template, each a subject and a plain text.

const sign = (portal: string) => `Met vriendelijke groet,\n${portal}`;

/** Threshold of a reminder to the data protection officer: a week left, a day left, past due. */
type Threshold = 'due_7' | 'due_1' | 'overdue';

export const mail = {
  accounts: {
    verify: {
      subject: (p: { portal: string }) => `Bevestig uw e-mailadres voor ${p.portal}`,
      text: (p: { portal: string; firstName: string; link: string; hours: number }) =>
        `Beste ${p.firstName},\n\nBevestig uw e-mailadres om uw account te activeren:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer. Heeft u geen account aangevraagd, dan kunt u deze mail negeren.\n\n${sign(p.portal)}\n`,
    },
    alreadyRegistered: {
      subject: (p: { portal: string }) => `Er bestaat al een account met dit adres bij ${p.portal}`,
      text: (p: { portal: string; firstName: string; resetLink: string }) =>
        `Beste ${p.firstName},\n\nIemand probeerde een account te maken met dit e-mailadres, maar u heeft er al een. Wachtwoord vergeten? Kies een nieuw via:\n\n${p.resetLink}\n\nWas u dit niet, dan hoeft u niets te doen.\n\n${sign(p.portal)}\n`,
    },
    reset: {
      subject: (p: { portal: string }) => `Nieuw wachtwoord voor ${p.portal}`,
      text: (p: { portal: string; firstName: string; link: string; minutes: number }) =>
        `Beste ${p.firstName},\n\nKies een nieuw wachtwoord via deze link:\n\n${p.link}\n\nDe link werkt ${p.minutes} minuten en één keer. Vroeg u dit niet, dan kunt u deze mail negeren; uw wachtwoord blijft ongewijzigd.\n\n${sign(p.portal)}\n`,
    },
    changeEmail: {
      subject: (p: { portal: string }) => `Bevestig uw nieuwe e-mailadres voor ${p.portal}`,
      text: (p: { portal: string; firstName: string; email: string; link: string; hours: number }) =>
        `Beste ${p.firstName},\n\nU vroeg om het e-mailadres van uw account bij ${p.portal} te wijzigen in ${p.email}. Bevestig dat dit uw nieuwe adres is:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer.\n\n${sign(p.portal)}\n`,
    },
    emailChanged: {
      subject: (p: { portal: string }) => `Uw e-mailadres bij ${p.portal} is gewijzigd`,
      text: (p: { portal: string; firstName: string; email: string }) =>
        `Beste ${p.firstName},\n\nHet e-mailadres van uw account is zonet gewijzigd in ${p.email}; mails gaan voortaan naar dat adres. Was u dit niet, neem dan meteen contact met ons op.\n\n${sign(p.portal)}\n`,
    },
    setPassword: {
      subject: (p: { portal: string }) => `Uw account bij ${p.portal}`,
      text: (p: { portal: string; link: string; hours: number }) =>
        `Er is een account voor u gemaakt. Kies uw wachtwoord via:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer.\n\n${sign(p.portal)}\n`,
    },
  },
  privacy: {
    erased: {
      subject: (p: { portal: string }) => `Uw account bij ${p.portal} is verwijderd`,
      text: (p: { portal: string; at: string; kept: string[] }) =>
        `Goedendag,\n\nOp ${p.at} is uw account bij ${p.portal} verwijderd, met de persoonsgegevens die erbij hoorden. Uw API-sleutels en sessies werken niet meer.\n\nWat bewaard blijft, zonder verwijzing naar u:\n${p.kept.map((k) => `- ${k}`).join('\n')}\n\nDeze bevestiging wordt na 30 dagen gewist.\n\n${sign(p.portal)}\n`,
    },
    /** What an erasure keeps, without reference to the person: listed in the `erased` mail. */
    kept: ['het logboek van wat er gebeurde, met een pseudoniem in plaats van u', 'het bewijs dat de privacyverklaring aanvaard werd, met een pseudoniem'],
    recipientErasure: {
      subject: (p: { reference: string }) => `Wissing van persoonsgegevens (art. 19 AVG), ${p.reference}`,
      text: (p: { portal: string; recipient: string; at: string; email: string; reference: string }) =>
        `Goedendag,\n\nOp ${p.at} heeft ${p.portal} de persoonsgegevens gewist van de persoon met het e-mailadres ${p.email} (referentie ${p.reference}). U ontvangt of verwerkt gegevens van ${p.portal} als ${p.recipient}: wis ook de gegevens die u over deze persoon hebt, en bevestig dit aan de functionaris voor gegevensbescherming met de referentie.\n\nDeze mail wordt na 30 dagen gewist.\n\n${sign(p.portal)}\n`,
    },
  },
  cases: {
    code: {
      subject: (p: { portal: string }) => `Uw code voor uw verzoek bij ${p.portal}`,
      text: (p: { portal: string; code: string; minutes: number }) =>
        `Goedendag,\n\nUw code om uw verzoek over persoonsgegevens te bevestigen: ${p.code}\n\nDe code werkt ${p.minutes} minuten; na drie foute pogingen vraagt u een nieuwe. Vroeg u niets, dan kunt u deze mail negeren.\n\n${sign(p.portal)}\n`,
    },
    acknowledgement: {
      subject: (p: { reference: string }) => `Uw verzoek ${p.reference} is geregistreerd`,
      text: (p: { portal: string; reference: string; type: string; due: string }) =>
        `Goedendag,\n\nWe ontvingen uw verzoek (${p.type}) en registreerden het onder referentie ${p.reference}. U krijgt uiterlijk op ${p.due} een antwoord.\n\n${sign(p.portal)}\n`,
    },
    arrived: {
      subject: (p: { reference: string; type: string }) => `Nieuw geverifieerd privacyverzoek ${p.reference} (${p.type})`,
      text: (p: { portal: string; reference: string; type: string; due: string; link: string }) =>
        `Bij ${p.portal} kwam een privacyverzoek binnen waarvan de identiteit van de aanvrager bevestigd is.\n\nReferentie: ${p.reference}\nSoort: ${p.type}\nTe beantwoorden uiterlijk op ${p.due}.\n\nOpen het dossier:\n${p.link}\n`,
    },
    reminder: {
      subject: (p: { reference: string; threshold: Threshold }) => `Privacyverzoek ${p.reference} ${p.threshold === 'overdue' ? 'is te laat' : 'nadert de termijn'}`,
      text: (p: { reference: string; threshold: Threshold; due: string; link: string }) =>
        `Verzoek ${p.reference} ${{ due_7: `moet binnen zeven dagen beantwoord zijn (uiterlijk ${p.due})`, due_1: `moet morgen beantwoord zijn (uiterlijk ${p.due})`, overdue: `is te laat: het antwoord was verschuldigd op ${p.due}` }[p.threshold]}.\n\n${p.link}\n`,
    },
  },
  retention: {
    inactivityWarning: {
      subject: (p: { portal: string }) => `Uw account bij ${p.portal} wordt binnenkort verwijderd`,
      text: (p: { portal: string; firstName: string; signInLink: string; erasureDate: string }) =>
        `Beste ${p.firstName},\n\nU heeft uw account bij ${p.portal} bijna vijf jaar niet gebruikt. We bewaren gegevens niet langer dan nodig: op ${p.erasureDate} verwijderen we het account met uw gegevens.\n\nWilt u het houden? Meld u voor die datum aan:\n\n${p.signInLink}\n\nWilt u het niet houden, dan hoeft u niets te doen.\n\n${sign(p.portal)}\n`,
    },
  },
};
