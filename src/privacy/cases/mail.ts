// The mails of the privacy office in Dutch and English: the one-time code, the acknowledgement, letters and reminders.
import type { Language } from '../../i18n/index.ts';
import type { Mail } from '../../mail/outbox.ts';
import { dateText, letterFor, letterText, typeNames, type LetterKind } from './letters.ts';
import type { PrivacyCase } from './types.ts';

type Portal = { portal: string; timeZone: string };
const sign = { nl: (portal: string) => `Met vriendelijke groet,\n${portal}`, en: (portal: string) => `Kind regards,\n${portal}` };

export const caseMails = {
  // Mails to a requester answer their own request: a restriction (Art. 18) never withholds them.
  code: (lang: Language, to: string, p: { portal: string; code: string; minutes: number }): Mail => ({
    to,
    reply: true,
    template: 'privacy.code',
    subject: lang === 'nl' ? `Uw code voor uw verzoek bij ${p.portal}` : `Your code for your request at ${p.portal}`,
    text:
      lang === 'nl'
        ? `Goedendag,\n\nUw code om uw verzoek over persoonsgegevens te bevestigen: ${p.code}\n\nDe code werkt ${p.minutes} minuten; na drie foute pogingen vraagt u een nieuwe. Vroeg u niets, dan kunt u deze mail negeren.\n\n${sign.nl(p.portal)}\n`
        : `Hello,\n\nYour code to confirm your request about personal data: ${p.code}\n\nThe code works for ${p.minutes} minutes; after three wrong tries, ask for a new one. If you asked for nothing, ignore this mail.\n\n${sign.en(p.portal)}\n`,
  }),
  acknowledgement: (c: PrivacyCase, p: Portal): Mail => ({
    to: c.requesterEmail,
    reply: true,
    template: 'privacy.acknowledgement',
    subject: c.language === 'nl' ? `Uw verzoek ${c.reference} is geregistreerd` : `Your request ${c.reference} is registered`,
    text:
      c.language === 'nl'
        ? `Goedendag,\n\nWe ontvingen uw verzoek (${typeNames.nl[c.type]}) en registreerden het onder referentie ${c.reference}. U krijgt uiterlijk op ${dateText('nl', c.dueAt, p.timeZone)} een antwoord.\n\n${sign.nl(p.portal)}\n`
        : `Hello,\n\nWe received your request (${typeNames.en[c.type]}) and registered it under reference ${c.reference}. You will have an answer by ${dateText('en', c.dueAt, p.timeZone)} at the latest.\n\n${sign.en(p.portal)}\n`,
  }),
  letter: (kind: LetterKind, c: PrivacyCase, p: Portal): Mail => {
    const letter = letterFor(kind, c, p);
    return { to: c.requesterEmail, reply: true, template: `privacy.${kind}`, subject: `${letter.title} (${c.reference})`, text: letterText(letter) };
  },
  /** To the DPO, in the portal's language: no requester's address or message, only the reference and the date. */
  reminder: (lang: Language, to: string, c: PrivacyCase, threshold: 'due_7' | 'due_1' | 'overdue', p: Portal & { link: string }): Mail => {
    const due = dateText(lang, c.dueAt, p.timeZone);
    const what = {
      nl: { due_7: `moet binnen zeven dagen beantwoord zijn (uiterlijk ${due})`, due_1: `moet morgen beantwoord zijn (uiterlijk ${due})`, overdue: `is te laat: het antwoord was verschuldigd op ${due}` },
      en: { due_7: `must be answered within seven days (by ${due})`, due_1: `must be answered by tomorrow (${due})`, overdue: `is overdue: the answer was due on ${due}` },
    }[lang][threshold];
    return {
      to,
      template: `privacy.reminder_${threshold}`,
      subject: lang === 'nl' ? `Privacyverzoek ${c.reference} ${threshold === 'overdue' ? 'is te laat' : 'nadert de termijn'}` : `Privacy request ${c.reference} ${threshold === 'overdue' ? 'is overdue' : 'is nearly due'}`,
      text: lang === 'nl' ? `Verzoek ${c.reference} ${what}.\n\n${p.link}\n` : `Request ${c.reference} ${what}.\n\n${p.link}\n`,
    };
  },
};
