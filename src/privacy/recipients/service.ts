// Recipients and processors as data (GDPR Art. 13(1)(e), 28, 30(1)(d)): the DPO keeps the list; the statement, the
// register and the access archive name them. The SMTP relay, when configured, is listed by itself as a processor.
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import { newId } from '../../accounts/secrets.ts';
import { createRecipientStore, type RecipientRow, type RecipientStore } from './store.ts';
import { categories, purposes, type CategoryId, type PurposeId } from '../../personal-data/vocabulary.ts';

const recipientRoles = ['processor', 'recipient'] as const;
type RecipientRole = (typeof recipientRoles)[number];

export interface Recipient {
  id: string;
  name: string;
  role: RecipientRole;
  purposes: PurposeId[];
  categories: CategoryId[];
  /** ISO 3166 country code where the data is processed; null when the portal cannot know (the mail relay). */
  location: string | null;
  contractRef: string | null;
  contact: string | null;
  addedAt: string;
  endedAt: string | null;
  /** Listed from the configuration rather than by the DPO; it cannot be ended in the console. */
  automatic: boolean;
}

/** The EU and the EEA: a recipient elsewhere is a transfer (GDPR Chapter V). */
const eeaCountries = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '));
export const isTransfer = (r: Pick<Recipient, 'location'>) => r.location !== null && !eeaCountries.has(r.location);

interface RecipientInput {
  name: string;
  role: string;
  purposes: string[];
  categories: string[];
  location: string;
  contractRef: string;
  contact: string;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  id: row.id,
  name: row.name,
  role: row.role as RecipientRole,
  purposes: JSON.parse(row.purposes),
  categories: JSON.parse(row.categories),
  location: row.location,
  contractRef: row.contract_ref,
  contact: row.contact,
  addedAt: row.added_at,
  endedAt: row.ended_at,
  automatic: false,
});

/** The mail relay of SMTP_URL: its host only, never its credentials. */
function mailRelay(config: Pick<Config, 'smtpUrl'>): Recipient | null {
  if (!config.smtpUrl) return null;
  const host = new URL(config.smtpUrl).hostname;
  return {
    id: 'mail-relay', name: `Mail relay ${host}`, role: 'processor', purposes: ['accounts', 'privacy_requests'], categories: ['contact', 'messages'],
    location: null, contractRef: null, contact: null, addedAt: '1970-01-01T00:00:00.000Z', endedAt: null, automatic: true,
  };
}

export function createRecipientService(deps: { store: RecipientStore; db: Kysely<Database>; clock: Clock; config: Pick<Config, 'smtpUrl'> }) {
  const { store, clock } = deps;
  return {
    /** The register, the configured mail relay first; ended entries too unless only the current ones are asked for. */
    async list(options: { current?: boolean } = {}): Promise<Recipient[]> {
      const relay = mailRelay(deps.config);
      const rows = (await store.list()).map(toRecipient).filter((r) => !options.current || r.endedAt === null);
      return [...(relay ? [relay] : []), ...rows];
    },

    async add(actor: string, input: RecipientInput): Promise<Recipient> {
      const name = input.name.trim();
      if (name.length < 2 || name.length > 200) throw new Invalid('Give the name of the organisation, 2 to 200 characters.', 'recipient_name');
      if (!(recipientRoles as readonly string[]).includes(input.role)) throw new Invalid('Choose whether it is a processor or a recipient.', 'recipient_role');
      const chosenPurposes = [...new Set(input.purposes)];
      if (chosenPurposes.length === 0 || chosenPurposes.some((p) => !Object.hasOwn(purposes, p))) throw new Invalid('Choose at least one purpose from the list.', 'recipient_purposes');
      const chosenCategories = [...new Set(input.categories)];
      if (chosenCategories.length === 0 || chosenCategories.some((c) => !(categories as readonly string[]).includes(c))) throw new Invalid('Choose at least one category of data from the list.', 'recipient_categories');
      const location = input.location.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(location)) throw new Invalid('Give the country where the data is processed as a two-letter code, such as BE.', 'recipient_location');
      const contractRef = input.contractRef.trim();
      const contact = input.contact.trim();
      if (contractRef.length > 200 || contact.length > 320) throw new Invalid('The contract reference or the contact is too long.', 'recipient_too_long');
      const row: RecipientRow = {
        id: newId('rcp'), name, role: input.role, purposes: JSON.stringify(chosenPurposes), categories: JSON.stringify(chosenCategories), location,
        contract_ref: contractRef || null, contact: contact || null, added_at: clock().toISOString(), ended_at: null,
      };
      await store.insert(row);
      await recordEvent(deps.db, clock(), { actor, verb: 'privacy.recipient_added', subjectType: 'privacy_recipient', subjectId: row.id });
      return toRecipient(row);
    },

    async end(actor: string, id: string): Promise<void> {
      const row = await store.get(id);
      if (!row) throw new NotFound(`No recipient ${id}.`, 'recipient_unknown');
      if ((await store.end(id, clock().toISOString())) === 0) throw new Conflict('This recipient was already ended.', 'recipient_ended');
      await recordEvent(deps.db, clock(), { actor, verb: 'privacy.recipient_ended', subjectType: 'privacy_recipient', subjectId: id });
    },
  };
}
export type RecipientService = ReturnType<typeof createRecipientService>;

/**
 * The recipients and processors that currently receive personal data, for the access archive (Art. 15(1)(c): the
 * actual recipients, CJEU C-154/21) and the notice of an erasure (Art. 19).
 */
export async function recipientsOf(portal: { store: { db: Kysely<Database> }; config: Pick<Config, 'smtpUrl'>; clock: Clock }): Promise<Recipient[]> {
  const service = createRecipientService({ store: createRecipientStore(portal.store.db), db: portal.store.db, clock: portal.clock, config: portal.config });
  return service.list({ current: true });
}
