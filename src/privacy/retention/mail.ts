// The mail that warns of an account's erasure for inactivity, in the user's language.
import { messages, type Language } from '../../i18n/index.ts';

interface WarningMail {
  template: string;
  subject: string;
  text: string;
}

export function inactivityWarning(lang: Language, p: { portal: string; firstName: string; signInLink: string; erasureDate: string }): WarningMail {
  const mail = messages(lang).mail.retention.inactivityWarning;
  return { template: 'retention.inactivity_warning', subject: mail.subject(p), text: mail.text(p) };
}
