// Recipients and processors of personal data, as data: named in the access report and told of erasures (Art. 19).
// For now implied by the configuration; the statement's processor list will feed this function later.
import type { Config } from '../config.ts';
import type { Text } from './vocabulary.ts';

export interface Recipient {
  id: string;
  name: Text;
  role: 'processor' | 'recipient';
  /** What it receives. */
  receives: Text;
}

export function recipientsOf(config: Pick<Config, 'smtpUrl'>): Recipient[] {
  const recipients: Recipient[] = [];
  if (config.smtpUrl) {
    recipients.push({
      id: 'mail-transport',
      name: { nl: `de mailserver ${new URL(config.smtpUrl).hostname}`, en: `the mail server ${new URL(config.smtpUrl).hostname}` },
      role: 'processor',
      receives: { nl: 'uw e-mailadres en de inhoud van de mails die het portaal u stuurt', en: 'your email address and the content of the mails the portal sends you' },
    });
  }
  return recipients;
}
