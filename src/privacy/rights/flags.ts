// Restriction (Art. 18) and objection (Art. 21) as recorded flags, and the check the mailer makes before writing to someone.
import type { Kysely } from 'kysely';
import type { AccountStore } from '../../accounts/store.ts';
import type { Database } from '../../db/schema.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import type { RightsDeps } from './deps.ts';
import { purposes, type PurposeId } from '../../personal-data/vocabulary.ts';

export interface PrivacyFlags {
  restrictedSince: string | null;
  objections: { purpose: PurposeId; since: string }[];
}

type FlagDeps = Pick<RightsDeps, 'db' | 'clock' | 'accounts'>;

async function setFlag(deps: FlagDeps, userId: string, kind: 'restriction' | 'objection', purpose: string, on: boolean, by: string): Promise<void> {
  const db = deps.db;
  if (!(await deps.accounts.userById(userId))) throw new NotFound('There is no such account.');
  const at = deps.clock();
  const existing = await db.selectFrom('account_privacy_flags').select('set_at').where('user_id', '=', userId).where('kind', '=', kind).where('purpose', '=', purpose).executeTakeFirst();
  if (on === !!existing) return;
  if (on) await db.insertInto('account_privacy_flags').values({ user_id: userId, kind, purpose, set_at: at.toISOString(), set_by: by }).execute();
  else await db.deleteFrom('account_privacy_flags').where('user_id', '=', userId).where('kind', '=', kind).where('purpose', '=', purpose).execute();
  const verb = `privacy.${kind}_${on ? 'set' : 'lifted'}`;
  await recordEvent(db, at, { actor: by === 'self' ? userId : by, verb, subjectType: 'user', subjectId: userId, data: purpose ? { purpose } : {} });
}

/** Art. 18: while restricted, the account's data is only stored: no mail but replies to its own requests. */
export async function setRestriction(deps: FlagDeps, userId: string, restricted: boolean, by: string): Promise<void> {
  return setFlag(deps, userId, 'restriction', '', restricted, by);
}

/** Art. 21: an objection to one purpose, recorded with its date. */
export async function setObjection(deps: FlagDeps, userId: string, purpose: PurposeId, objected: boolean, by: string): Promise<void> {
  if (!Object.hasOwn(purposes, purpose)) throw new Invalid(`There is no purpose "${purpose}"; choose one of ${Object.keys(purposes).join(', ')}.`, 'purpose_unknown');
  return setFlag(deps, userId, 'objection', purpose, objected, by);
}

export async function privacyFlags(db: Kysely<Database>, userId: string): Promise<PrivacyFlags> {
  const rows = await db.selectFrom('account_privacy_flags').selectAll().where('user_id', '=', userId).orderBy('set_at').execute();
  return {
    restrictedSince: rows.find((r) => r.kind === 'restriction')?.set_at ?? null,
    objections: rows.filter((r) => r.kind === 'objection').map((r) => ({ purpose: r.purpose as PurposeId, since: r.set_at })),
  };
}

/** Whether the portal may write to an account on its own initiative (newsletters, notices): not while it is restricted. */
export async function mayMail(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('account_privacy_flags').select('user_id').where('user_id', '=', userId).where('kind', '=', 'restriction').executeTakeFirst();
  return !row;
}

/** The same check for many accounts at once: those of `userIds` that are not restricted. */
export async function mailableAmong(db: Kysely<Database>, userIds: string[]): Promise<Set<string>> {
  const restricted = userIds.length === 0 ? [] : await db.selectFrom('account_privacy_flags').select('user_id').where('user_id', 'in', userIds).where('kind', '=', 'restriction').execute();
  const held = new Set(restricted.map((r) => r.user_id));
  return new Set(userIds.filter((id) => !held.has(id)));
}

/** The same check by address, for the mailer, which knows only where a message goes. */
export function mayMailAddress(db: Kysely<Database>, accounts: Pick<AccountStore, 'userByEmail'>) {
  return async (address: string): Promise<boolean> => {
    const user = await accounts.userByEmail(address);
    return !user || mayMail(db, user.id);
  };
}

/** The same check for many addresses at once (the mailer's `sendMany`): those of them not of a restricted account. */
export function mailableAddresses(db: Kysely<Database>, accounts: Pick<AccountStore, 'idsByEmails'>) {
  return async (addresses: string[]): Promise<Set<string>> => {
    const lower = addresses.map((a) => a.toLowerCase());
    const owners = await accounts.idsByEmails(lower);
    const mailable = await mailableAmong(db, owners.map((o) => o.id));
    const held = new Set(owners.filter((o) => !mailable.has(o.id)).map((o) => o.email));
    return new Set(lower.filter((a) => !held.has(a)));
  };
}
