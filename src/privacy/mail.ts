// The mails of self-service rights, in Dutch and English. They name nobody: the erasure confirmation is the one
// thing that keeps the old address after an erasure, and it should keep nothing more.
import type { Language } from '../catalog/types.ts';

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
};

export const keptText = {
  nl: ['het logboek van wat er gebeurde, met een pseudoniem in plaats van u', 'het bewijs dat de privacyverklaring aanvaard werd, met een pseudoniem'],
  en: ['the log of what happened, with a pseudonym instead of you', 'proof that the privacy statement was accepted, with a pseudonym'],
};
