// Legal holds (GDPR Art. 17(3)): the DPO keeps one object from the retention sweep, with a ground, a motivation and an end date.
import type { Kysely } from 'kysely';
import { newId } from '../../accounts/secrets.ts';
import type { AccountStore } from '../../accounts/store.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { createCaseStore } from '../cases/store.ts';
import { localDay } from '../cases/deadlines.ts';
import { zonedToInstant } from '../zoned-time.ts';
import { recordEvent } from '../../events/store.ts';
import { after } from './duration.ts';
import { createHoldStore, type LegalHoldRow } from './holds-store.ts';

/** The Art. 17(3) grounds a hold may rest on. */
export const holdReasons = ['legal_claims', 'public_archiving', 'legal_obligation'] as const;
type HoldReason = (typeof holdReasons)[number];

/** What a hold can name: an account, or a privacy case (the sweep's rules check holds of these types). */
const holdObjectTypes = ['user', 'case'] as const;
type HoldObjectType = (typeof holdObjectTypes)[number];

/** active: applies; ended: the DPO ended it; lapsed: its end date passed (listed so the DPO ends or renews it). */
type HoldState = 'active' | 'ended' | 'lapsed';

export interface LegalHold {
  id: string;
  objectType: string;
  objectId: string;
  /** What staff know it by: the case reference or the account's e-mail address; null when it no longer exists. */
  subject: string | null;
  reason: HoldReason;
  reasonText: string;
  setBy: string;
  setAt: string;
  endsAt: string;
  /** The last day the hold applies, in the portal's time zone (YYYY-MM-DD). */
  lastDay: string;
  endedAt: string | null;
  endedBy: string | null;
  state: HoldState;
}

interface NewHold {
  /** What staff know the subject by: a case reference (`PRV-2026-7K3Q9M`) or an account's e-mail address. */
  subject: string;
  reason: string;
  reasonText: string;
  /** The last day the hold applies, YYYY-MM-DD in the portal's time zone; it ends at the end of that day there. */
  endsOn: string;
}

const maxYears = 'P30Y';
const referencePattern = /^PRV-\d{4}-[A-Z0-9]{6}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The day after `day` (YYYY-MM-DD), by the calendar. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type HoldService = ReturnType<typeof createHoldService>;

export function createHoldService(deps: { db: Kysely<Database>; clock: Clock; timeZone: string; accounts: Pick<AccountStore, 'userById' | 'userByEmail'> }) {
  const store = createHoldStore(deps.db);
  const cases = createCaseStore(deps.db);
  const present = (row: LegalHoldRow, now: Date, subject: string | null): LegalHold => ({
    id: row.id,
    objectType: row.object_type,
    objectId: row.object_id,
    subject,
    reason: row.reason as HoldReason,
    reasonText: row.reason_text,
    setBy: row.set_by,
    setAt: row.set_at,
    endsAt: row.ends_at,
    // Holds set before the portal's zone counted ended at 23:59:59.999 UTC of their last day; that day is theirs.
    lastDay: row.ends_at.endsWith('T23:59:59.999Z') ? row.ends_at.slice(0, 10) : localDay(new Date(row.ends_at), deps.timeZone),
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    state: row.ended_at !== null ? 'ended' : row.ends_at <= now.toISOString() ? 'lapsed' : 'active',
  });
  const order: Record<HoldState, number> = { lapsed: 0, active: 1, ended: 2 };

  /** The case reference or the account's address today; null when the object is gone (erased, or never existed). */
  async function subjectOf(row: LegalHoldRow): Promise<string | null> {
    if (row.object_type === 'case') return (await cases.row(row.object_id))?.reference ?? null;
    if (row.object_type === 'user') return (await deps.accounts.userById(row.object_id))?.email ?? null;
    return null;
  }

  /** A subject as staff typed it, to the object a hold names; what names nothing is refused, never stored. */
  async function resolve(subject: string): Promise<{ objectType: HoldObjectType; objectId: string }> {
    const given = subject.trim();
    if (referencePattern.test(given)) {
      const found = await cases.byReference(given.toUpperCase());
      if (!found) throw new Invalid(`There is no case ${given.toUpperCase()}.`, 'hold_no_case');
      return { objectType: 'case', objectId: found.id };
    }
    if (emailPattern.test(given) && given.length <= 320) {
      const found = await deps.accounts.userByEmail(given);
      if (!found) throw new Invalid('There is no account with that e-mail address.', 'hold_no_account');
      return { objectType: 'user', objectId: found.id };
    }
    throw new Invalid('Name what is held by a case reference (PRV-2026-…) or an account\'s e-mail address.', 'hold_subject');
  }

  return {
    /** Lapsed holds first (they want a decision), then active ones by end date, then the ended ones. */
    async list(): Promise<LegalHold[]> {
      const now = deps.clock();
      const holds = await Promise.all((await store.all()).map(async (row) => present(row, now, await subjectOf(row))));
      return holds.sort((a, b) => order[a.state] - order[b.state] || a.endsAt.localeCompare(b.endsAt));
    },

    async add(actor: string, input: NewHold): Promise<LegalHold> {
      const now = deps.clock();
      const reasonText = input.reasonText.trim();
      const { objectType, objectId } = await resolve(input.subject);
      if (!(holdReasons as readonly string[]).includes(input.reason)) throw new Invalid(`Choose the ground of the hold: ${holdReasons.join(', ')}.`, 'hold_reason');
      if (reasonText.length < 10 || reasonText.length > 2000) throw new Invalid('Motivate the hold in 10 to 2000 characters: which claim, archive or obligation requires it.', 'hold_reason_text');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.endsOn) || Number.isNaN(Date.parse(`${input.endsOn}T00:00:00Z`))) throw new Invalid('Give the end date as a date, e.g. 2031-12-31.', 'hold_ends_on');
      if (new Date(`${input.endsOn}T00:00:00Z`).toISOString().slice(0, 10) !== input.endsOn) throw new Invalid('Give the end date as a date, e.g. 2031-12-31.', 'hold_ends_on');
      // The hold applies through its last day as the portal's people count days: up to midnight in the portal's zone.
      const endsAt = new Date(Date.parse(zonedToInstant(`${nextDay(input.endsOn)}T00:00`, deps.timeZone)!) - 1);
      if (endsAt <= now) throw new Invalid('The end date must lie in the future.', 'hold_ends_past');
      if (endsAt > after(now, maxYears)) throw new Invalid('A hold lasts at most 30 years; set a review date and renew it then.', 'hold_ends_far');
      const row: LegalHoldRow = {
        id: newId('hold'), object_type: objectType, object_id: objectId, reason: input.reason, reason_text: reasonText,
        set_by: actor, set_at: now.toISOString(), ends_at: endsAt.toISOString(), ended_at: null, ended_by: null,
      };
      await store.insert(row);
      // The event names the hold, not the person or the motivation.
      await recordEvent(deps.db, now, { actor, verb: 'legal_hold.set', subjectType: 'legal_hold', subjectId: row.id, data: { object_type: objectType, reason: input.reason, ends_at: row.ends_at } });
      return present(row, now, input.subject.trim());
    },

    async end(actor: string, id: string): Promise<void> {
      const now = deps.clock();
      const row = await store.byId(id);
      if (!row) throw new NotFound(`There is no legal hold ${id}.`, 'hold_unknown');
      if (row.ended_at !== null) throw new Conflict('This hold was ended already.', 'hold_ended');
      const result = await store.end(id, now.toISOString(), actor);
      if (Number(result.numUpdatedRows) !== 1) throw new Conflict('This hold was ended already.', 'hold_ended');
      await recordEvent(deps.db, now, { actor, verb: 'legal_hold.ended', subjectType: 'legal_hold', subjectId: id, data: { object_type: row.object_type } });
    },
  };
}
