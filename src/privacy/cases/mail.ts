// The mails of the privacy office in the requester's (or the portal's) language: the one-time code, the
// acknowledgement, letters and reminders.
import { messages, type Language } from '../../i18n/index.ts';
import type { Mail } from '../../mail/outbox.ts';
import { dateText, letterFor, letterText, type LetterFacts, type LetterKind } from './letters.ts';
import type { PrivacyCase } from './types.ts';

type Portal = LetterFacts;

export const caseMails = {
  // Mails to a requester answer their own request: a restriction (Art. 18) never withholds them.
  code: (lang: Language, to: string, p: { portal: string; code: string; minutes: number }): Mail => {
    const mail = messages(lang).mail.cases.code;
    return { to, reply: true, template: 'privacy.code', subject: mail.subject(p), text: mail.text(p) };
  },
  acknowledgement: (c: PrivacyCase, p: Portal): Mail => {
    const t = messages(c.language);
    const values = { portal: p.portal, reference: c.reference, type: t.letters.caseTypes[c.type], due: dateText(c.language, c.dueAt, p.timeZone) };
    return { to: c.requesterEmail, reply: true, template: 'privacy.acknowledgement', subject: t.mail.cases.acknowledgement.subject(values), text: t.mail.cases.acknowledgement.text(values) };
  },
  letter: (kind: LetterKind, c: PrivacyCase, p: Portal): Mail => {
    const letter = letterFor(kind, c, p);
    return { to: c.requesterEmail, reply: true, template: `privacy.${kind}`, subject: `${letter.title} (${c.reference})`, text: letterText(letter) };
  },
  /** To the DPO, in the portal's language: no requester's address or message, only the reference and the date. */
  reminder: (lang: Language, to: string, c: PrivacyCase, threshold: 'due_7' | 'due_1' | 'overdue', p: { portal: string; timeZone: string; link: string }): Mail => {
    const mail = messages(lang).mail.cases.reminder;
    const values = { reference: c.reference, threshold, due: dateText(lang, c.dueAt, p.timeZone), link: p.link };
    return { to, template: `privacy.reminder_${threshold}`, subject: mail.subject(values), text: mail.text(values) };
  },
  /** To the DPO when a request's requester is known (signed in, or confirmed their address): the reference and type only. */
  arrived: (lang: Language, to: string, c: PrivacyCase, p: Portal & { link: string }): Mail => {
    const t = messages(lang);
    const values = { portal: p.portal, reference: c.reference, type: t.letters.caseTypes[c.type], due: dateText(lang, c.dueAt, p.timeZone), link: p.link };
    return { to, template: 'privacy.arrived', subject: t.mail.cases.arrived.subject(values), text: t.mail.cases.arrived.text(values) };
  },
};
