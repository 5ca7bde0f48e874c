// Publishing hygiene: a contact point naming a person spreads to every portal that harvests the catalog, where it cannot be erased.
import type { DatasetMetadata } from '../catalog/types.ts';

/** Words that make an address a team's or a service's rather than a person's. */
const functionalWords = new Set([
  'admin', 'afdeling', 'bureau', 'cel', 'communicatie', 'communication', 'contact', 'data', 'department', 'departement',
  'desk', 'dienst', 'digitaal', 'digital', 'dpo', 'geo', 'gis', 'helpdesk', 'ict', 'info', 'it', 'klantendienst',
  'loket', 'mail', 'no', 'noreply', 'office', 'onderzoek', 'onthaal', 'open', 'opendata', 'pers', 'portaal', 'portal',
  'press', 'privacy', 'redactie', 'reply', 'research', 'secretariaat', 'service', 'services', 'statistiek',
  'statistics', 'stats', 'studiedienst', 'support', 'team', 'webmaster',
]);

/** `first.last@`, `j.peeters@`, `jan_de_smet@`: two or more words of letters, none a word for a team or service. */
export function looksPersonal(email: string): boolean {
  const local = email.trim().toLowerCase().split('@')[0];
  const words = local.split(/[._-]+/);
  if (words.length < 2 || !words.every((w) => /^\p{L}+$/u.test(w))) return false;
  return !words.some((w) => functionalWords.has(w));
}

export interface ContactWarning {
  /** The address that looks like a person's. */
  email: string;
  /** The functional mailbox to use instead. */
  proposal: string;
}

/**
 * A warning when the contact point's address looks like a person's: by its form, or because it
 * is an account holder's address or names one. The portal's own functional mailbox never warns.
 */
export async function contactWarning(
  metadata: Pick<DatasetMetadata, 'contactPoint'>,
  deps: { functionalMailbox: string; namesAccountHolder: (email: string) => Promise<boolean> },
): Promise<ContactWarning | null> {
  const email = metadata.contactPoint?.email;
  if (!email || email.toLowerCase() === deps.functionalMailbox.toLowerCase()) return null;
  if (looksPersonal(email) || (await deps.namesAccountHolder(email))) return { email, proposal: deps.functionalMailbox };
  return null;
}
