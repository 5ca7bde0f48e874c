// Erasure of an account (Art. 17) through the module registry, the erasure ledger, and its replay after a restore.
import { sql, type Kysely } from 'kysely';
import { languageOr, type Language } from '../../i18n/index.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import { createAccountStore } from '../../accounts/store.ts';
import { privacyMails } from '../mail.ts';
import { toArchiveRecipient, type ArchiveRecipient } from './archive.ts';
import type { Recipient } from '../recipients/service.ts';
import type { ErasureLine, RegistryContext, Subject } from '../../personal-data/registry.ts';
import type { RightsDeps } from './deps.ts';
import type { ContactMention } from '../../catalog/service.ts';
import { subjectKeys } from '../subject-keys.ts';
import { portalKey } from '../../accounts/secret-box.ts';

export type ErasedBy = 'self' | 'dpo' | 'retention';

export interface ErasureReport {
  at: string;
  by: ErasedBy;
  reference: string | null;
  /** What kept records now say instead of the person. */
  pseudonym: string;
  lines: ErasureLine[];
  /** Recipients and processors to tell of the erasure (Art. 19). */
  recipientsToInform: ArchiveRecipient[];
  /** The recipients told by mail at their contact address (Art. 19), by id; the others are in recipientsToInform. */
  recipientsInformed: string[];
  /**
   * Datasets whose metadata still names the person (contact point address or name): erasing the account does not
   * touch published metadata, so the DPO has each one corrected before the case is completed.
   */
  contactPoints: ContactMention[];
}

/** A person's address and full name, to look for in the datasets' metadata. */
export function personOf(user: { email: string; first_name: string; last_name: string }): { email: string; name: string | null } {
  const name = `${user.first_name} ${user.last_name}`.trim();
  return { email: user.email, name: name || null };
}

async function eraseSubject(db: Kysely<Database>, deps: RightsDeps, subject: Subject, reference?: string): Promise<ErasureLine[]> {
  const ctx: RegistryContext = { db, clock: deps.clock, dataDir: deps.config.dataDir, key: portalKey(deps.config), ...(reference ? { reference } : {}) };
  const lines: ErasureLine[] = [];
  for (const module of deps.modules) lines.push(...(await module.eraseFor(ctx, subject)));
  return lines;
}

/**
 * SQLite keeps the pages a transaction replaced in its write-ahead log until a checkpoint: move them into the file
 * (where secure_delete zeroed the erased rows) and empty the log, so no copy of the person is left in either.
 */
async function settle(deps: Pick<RightsDeps, 'db' | 'dialect'>): Promise<void> {
  if (deps.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(deps.db);
}

async function languageOf(deps: Pick<RightsDeps, 'accounts'>, userId: string): Promise<Language> {
  return languageOr(await deps.accounts.consentLanguage(userId), 'nl');
}

export async function eraseAccount(deps: RightsDeps, userId: string, options: { by: ErasedBy; reference?: string }): Promise<ErasureReport> {
  const db = deps.db;
  const user = await deps.accounts.userById(userId);
  if (!user) throw new NotFound('There is no such account.');
  const keys = subjectKeys(deps.config);
  const subject: Subject = { userId, email: user.email, pseudonym: keys.pseudonym(userId) };
  const lang = await languageOf(deps, userId);
  const at = deps.clock();
  // Looked up before the erasure: afterwards the name is gone from the portal.
  const contactPoints = await deps.catalog.mentionsOf(personOf(user));
  const lines = await db.transaction().execute(async (trx) => {
    // In the transaction: two admins deleting themselves at once cannot leave the portal without one.
    if (user.role === 'admin') {
      if (!(await createAccountStore(trx).otherActiveAdmin(userId))) throw new Conflict('This is the last active admin account; make another account admin before deleting it.', 'last_admin');
    }
    // Art. 17(3): an account under a legal hold stays until the hold ends; the retention sweep skips it the same way.
    const held = await trx.selectFrom('legal_holds').select('id').where('object_type', '=', 'user').where('object_id', '=', userId)
      .where('ended_at', 'is', null).where('ends_at', '>', at.toISOString()).executeTakeFirst();
    if (held) throw new Conflict('A legal hold keeps this account until the hold ends; the data protection officer can tell you why.', 'legal_hold');
    const erased = await eraseSubject(trx, deps, subject, options.reference);
    await trx.insertInto('erasure_ledger').values({ at: at.toISOString(), subject_digest: keys.ledgerDigest(userId), by: options.by, reference: options.reference ?? null }).execute();
    return erased;
  });
  await settle(deps);
  // The audit entry names the pseudonym only; the reference is a case number, never a name.
  await recordEvent(db, at, {
    actor: options.by === 'self' ? subject.pseudonym : options.by,
    verb: 'account.erased',
    subjectType: 'user',
    subjectId: subject.pseudonym,
    data: { by: options.by, ...(options.reference ? { reference: options.reference } : {}) },
  });
  // Written after the erasure, so it is the one thing left with the address, until it is delivered.
  await deps.mailer.send({
    to: user.email,
    ...privacyMails.erased(lang, { portal: deps.config.portalName, at: at.toISOString().slice(0, 10) }),
    reply: true,
    // Once delivered, the outbox keeps nothing of the address it went to.
    forget: true,
  });
  const recipients = await deps.recipients.list({ current: true });
  const informed = await informRecipients(deps, recipients, { email: user.email, at, reference: options.reference ?? subject.pseudonym, pseudonym: subject.pseudonym });
  const toInform = recipients.filter((r) => !informed.includes(r.id)).map(toArchiveRecipient);
  return { at: at.toISOString(), by: options.by, reference: options.reference ?? null, pseudonym: subject.pseudonym, lines, recipientsToInform: toInform, recipientsInformed: informed, contactPoints };
}

const mailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Art. 19: every current recipient and processor with a contact address in the DPO's register is told of the erasure
 * by mail, with the address it needs to find the person; each notice is an event naming the recipient and the
 * pseudonym, never the person. Recipients without a contact address are left to the DPO, in the report.
 */
async function informRecipients(deps: RightsDeps, recipients: Recipient[], erased: { email: string; at: Date; reference: string; pseudonym: string }): Promise<string[]> {
  const informed: string[] = [];
  for (const recipient of recipients) {
    if (!recipient.contact || !mailAddress.test(recipient.contact)) continue;
    await deps.mailer.send({
      to: recipient.contact,
      ...privacyMails.recipientErasure(deps.config.defaultLanguage, { portal: deps.config.portalName, recipient: recipient.name, at: erased.at.toISOString().slice(0, 10), email: erased.email, reference: erased.reference }),
      // The notice names the erased address: once delivered, its text goes.
      forget: true,
    });
    await recordEvent(deps.db, erased.at, { actor: 'system', verb: 'privacy.recipient_informed', subjectType: 'privacy_recipient', subjectId: recipient.id, data: { pseudonym: erased.pseudonym } });
    informed.push(recipient.id);
  }
  return informed;
}

/**
 * Erases again every account whose id the ledger names: what a restore from a backup runs before serving, so a
 * backup never brings an erased person back. Returns how many accounts it erased.
 */
export async function replayErasureLedger(deps: RightsDeps): Promise<number> {
  const db = deps.db;
  const ledger = new Set((await db.selectFrom('erasure_ledger').select('subject_digest').execute()).map((r) => r.subject_digest));
  if (ledger.size === 0) return 0;
  const keys = subjectKeys(deps.config);
  // Each module names the accounts its tables point at (its `subjectIds`): the owner reads its own tables.
  const ctx: RegistryContext = { db, clock: deps.clock, dataDir: deps.config.dataDir, key: portalKey(deps.config) };
  const candidates = new Set<string>();
  for (const module of deps.modules) for (const id of (await module.subjectIds?.(ctx)) ?? []) candidates.add(id);
  let erased = 0;
  for (const userId of candidates) {
    if (!ledger.has(keys.ledgerDigest(userId))) continue;
    const user = await deps.accounts.userById(userId);
    await db.transaction().execute((trx) => eraseSubject(trx, deps, { userId, email: user?.email ?? null, pseudonym: keys.pseudonym(userId) }));
    erased++;
  }
  if (erased > 0) await settle(deps);
  return erased;
}
