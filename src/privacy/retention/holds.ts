// Legal holds (GDPR Art. 17(3)): the DPO keeps one object from the retention sweep, with a ground, a motivation and an end date.
import type { Kysely } from 'kysely';
import { newId } from '../../accounts/secrets.ts';
import type { AccountStore } from '../../accounts/store.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import { after } from './duration.ts';
import { createHoldStore, type LegalHoldRow } from './holds-store.ts';

/** The Art. 17(3) grounds a hold may rest on. */
export const holdReasons = ['legal_claims', 'public_archiving', 'legal_obligation'] as const;
type HoldReason = (typeof holdReasons)[number];

/** What a hold can name: an account, or a privacy case (the sweep's rules check holds of these types). */
export const holdObjectTypes = ['user', 'case'] as const;

/** active: applies; ended: the DPO ended it; lapsed: its end date passed (listed so the DPO ends or renews it). */
type HoldState = 'active' | 'ended' | 'lapsed';

export interface LegalHold {
  id: string;
  objectType: string;
  objectId: string;
  reason: HoldReason;
  reasonText: string;
  setBy: string;
  setAt: string;
  endsAt: string;
  endedAt: string | null;
  endedBy: string | null;
  state: HoldState;
}

interface NewHold {
  objectType: string;
  objectId: string;
  reason: string;
  reasonText: string;
  /** The last day the hold applies, YYYY-MM-DD (UTC); it ends at the end of that day. */
  endsOn: string;
}

const maxYears = 'P30Y';

export type HoldService = ReturnType<typeof createHoldService>;

export function createHoldService(deps: { db: Kysely<Database>; clock: Clock; accounts: Pick<AccountStore, 'userById'> }) {
  const store = createHoldStore(deps.db);
  const present = (row: LegalHoldRow, now: Date): LegalHold => ({
    id: row.id,
    objectType: row.object_type,
    objectId: row.object_id,
    reason: row.reason as HoldReason,
    reasonText: row.reason_text,
    setBy: row.set_by,
    setAt: row.set_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    state: row.ended_at !== null ? 'ended' : row.ends_at <= now.toISOString() ? 'lapsed' : 'active',
  });
  const order: Record<HoldState, number> = { lapsed: 0, active: 1, ended: 2 };

  return {
    /** Lapsed holds first (they want a decision), then active ones by end date, then the ended ones. */
    async list(): Promise<LegalHold[]> {
      const now = deps.clock();
      return (await store.all()).map((row) => present(row, now)).sort((a, b) => order[a.state] - order[b.state] || a.endsAt.localeCompare(b.endsAt));
    },

    async add(actor: string, input: NewHold): Promise<LegalHold> {
      const now = deps.clock();
      const objectType = input.objectType.trim();
      const objectId = input.objectId.trim();
      const reasonText = input.reasonText.trim();
      if (!(holdObjectTypes as readonly string[]).includes(objectType)) throw new Invalid(`Choose what is held: ${holdObjectTypes.join(' or ')}.`, 'hold_object_type');
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(objectId)) throw new Invalid('Give the number of the account or case: letters, digits, "-" and "_".', 'hold_object_id');
      if (!(holdReasons as readonly string[]).includes(input.reason)) throw new Invalid(`Choose the ground of the hold: ${holdReasons.join(', ')}.`, 'hold_reason');
      if (reasonText.length < 10 || reasonText.length > 2000) throw new Invalid('Motivate the hold in 10 to 2000 characters: which claim, archive or obligation requires it.', 'hold_reason_text');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.endsOn) || Number.isNaN(Date.parse(`${input.endsOn}T00:00:00Z`))) throw new Invalid('Give the end date as a date, e.g. 2031-12-31.', 'hold_ends_on');
      const endsAt = new Date(`${input.endsOn}T23:59:59.999Z`);
      if (endsAt.toISOString().slice(0, 10) !== input.endsOn) throw new Invalid('Give the end date as a date, e.g. 2031-12-31.', 'hold_ends_on');
      if (endsAt <= now) throw new Invalid('The end date must lie in the future.', 'hold_ends_past');
      if (endsAt > after(now, maxYears)) throw new Invalid('A hold lasts at most 30 years; set a review date and renew it then.', 'hold_ends_far');
      if (objectType === 'user' && !(await deps.accounts.userById(objectId))) {
        throw new NotFound(`There is no account ${objectId}.`, 'hold_no_account');
      }
      const row: LegalHoldRow = {
        id: newId('hold'), object_type: objectType, object_id: objectId, reason: input.reason, reason_text: reasonText,
        set_by: actor, set_at: now.toISOString(), ends_at: endsAt.toISOString(), ended_at: null, ended_by: null,
      };
      await store.insert(row);
      // The event names the hold, not the person or the motivation.
      await recordEvent(deps.db, now, { actor, verb: 'legal_hold.set', subjectType: 'legal_hold', subjectId: row.id, data: { object_type: objectType, reason: input.reason, ends_at: row.ends_at } });
      return present(row, now);
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
