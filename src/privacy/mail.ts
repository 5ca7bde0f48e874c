// The mails of self-service rights, in Dutch and English. They name nobody: the erasure confirmation is the one
// thing that keeps the old address after an erasure, and it should keep nothing more.
import type { Language } from '../i18n/index.ts';

export interface PrivacyMail {
  template: string;
  subject: string;
  text: string;
}

export const privacyMails = {
  erased: (lang: Language, p: { portal: string; at: string; kept: string[] }): PrivacyMail => ({
    template: 'privacy.erased',
    subject: lang === 'nl' ? `Uw account bij ${p.portal} is verwijderd` : `Your account at ${p.portal} has been deleted`,
    text:
      lang === 'nl'
        ? `Goedendag,\n\nOp ${p.at} is uw account bij ${p.portal} verwijderd, met de persoonsgegevens die erbij hoorden. Uw API-sleutels en sessies werken niet meer.\n\nWat bewaard blijft, zonder verwijzing naar u:\n${p.kept.map((k) => `- ${k}`).join('\n')}\n\nDeze bevestiging wordt na 30 dagen gewist.\n\nMet vriendelijke groet,\n${p.portal}\n`
        : `Hello,\n\nOn ${p.at} your account at ${p.portal} was deleted, with the personal data that belonged to it. Your API keys and sessions no longer work.\n\nWhat is kept, without reference to you:\n${p.kept.map((k) => `- ${k}`).join('\n')}\n\nThis confirmation is erased after 30 days.\n\nKind regards,\n${p.portal}\n`,
  }),
  /** Art. 19: a recipient or processor is told of an erasure, with what it needs to find the person in its own records. */
  recipientErasure: (lang: Language, p: { portal: string; recipient: string; at: string; email: string; reference: string }): PrivacyMail => ({
    template: 'privacy.recipient_erasure',
    subject: lang === 'nl' ? `Wissing van persoonsgegevens (art. 19 AVG), ${p.reference}` : `Erasure of personal data (GDPR Art. 19), ${p.reference}`,
    text:
      lang === 'nl'
        ? `Goedendag,\n\nOp ${p.at} heeft ${p.portal} de persoonsgegevens gewist van de persoon met het e-mailadres ${p.email} (referentie ${p.reference}). U ontvangt of verwerkt gegevens van ${p.portal} als ${p.recipient}: wis ook de gegevens die u over deze persoon hebt, en bevestig dit aan de functionaris voor gegevensbescherming met de referentie.\n\nDeze mail wordt na 30 dagen gewist.\n\nMet vriendelijke groet,\n${p.portal}\n`
        : `Hello,\n\nOn ${p.at} ${p.portal} erased the personal data of the person with the email address ${p.email} (reference ${p.reference}). You receive or process data of ${p.portal} as ${p.recipient}: please erase the data you hold about this person too, and confirm it to the data protection officer with the reference.\n\nThis mail is erased after 30 days.\n\nKind regards,\n${p.portal}\n`,
  }),
};

export const keptText = {
  nl: ['het logboek van wat er gebeurde, met een pseudoniem in plaats van u', 'het bewijs dat de privacyverklaring aanvaard werd, met een pseudoniem'],
  en: ['the log of what happened, with a pseudonym instead of you', 'proof that the privacy statement was accepted, with a pseudonym'],
};
