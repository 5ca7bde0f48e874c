// The mails of self-service rights, in the person's language. They name nobody: the erasure confirmation is the one
// thing that keeps the old address after an erasure, and it should keep nothing more.
import { messages, type Language } from '../i18n/index.ts';

interface PrivacyMail {
  template: string;
  subject: string;
  text: string;
}

const text = (lang: Language) => messages(lang).mail.privacy;

export const privacyMails = {
  /** Lists what the erasure keeps without reference to the person. */
  erased: (lang: Language, p: { portal: string; at: string }): PrivacyMail => {
    const values = { ...p, kept: text(lang).kept };
    return { template: 'privacy.erased', subject: text(lang).erased.subject(values), text: text(lang).erased.text(values) };
  },
  /** Art. 19: a recipient or processor is told of an erasure, with what it needs to find the person in its own records. */
  recipientErasure: (lang: Language, p: { portal: string; recipient: string; at: string; email: string; reference: string }): PrivacyMail => ({
    template: 'privacy.recipient_erasure',
    subject: text(lang).recipientErasure.subject(p),
    text: text(lang).recipientErasure.text(p),
  }),
};
