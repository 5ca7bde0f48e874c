// The breach register (GDPR Art. 33(5)): every personal-data breach, notified or not, with the 72-hour rule of
// Art. 33(1) kept by the code: no closing without a risk assessment and a decision, no late notice without a reason.
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict, Invalid, NotFound, type PrivacyOfficeReason } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import { newId } from '../../accounts/secrets.ts';
import { createBreachStore, type BreachRow } from './store.ts';
import { categories, type CategoryId } from '../../personal-data/vocabulary.ts';

export const natures = ['C', 'I', 'A'] as const;
export const risks = ['none', 'risk', 'high'] as const;
export const decisions = ['notify', 'no_notify'] as const;
type Risk = (typeof risks)[number];
type Decision = (typeof decisions)[number];

/** Art. 33(1): notify the authority within 72 hours of becoming aware. */
const notificationHours = 72;
const hour = 3_600_000;

export interface Breach {
  id: string;
  title: string;
  awareAt: string;
  openedAt: string;
  openedBy: string;
  nature: string[];
  description: string;
  categories: CategoryId[];
  approxSubjects: number | null;
  approxRecords: number | null;
  consequences: string;
  measures: string;
  risk: Risk | null;
  decision: Decision | null;
  notifiedAt: string | null;
  delayReason: string | null;
  subjectsInformedAt: string | null;
  closedAt: string | null;
  /** Open for more than 72 hours without a notify/no-notify decision. */
  overdue: boolean;
  hoursSinceAware: number;
}

/** What a form sends; instants already converted from the portal's time zone (null: empty, undefined: not sent). */
export interface BreachInput {
  title?: string;
  awareAt?: string | null;
  nature?: string[];
  description?: string;
  categories?: string[];
  approxSubjects?: string;
  approxRecords?: string;
  consequences?: string;
  measures?: string;
  risk?: string;
  decision?: string;
  notifiedAt?: string | null;
  delayReason?: string;
  subjectsInformedAt?: string | null;
}

const text = (value: string | undefined, max: number, what: string, reason: PrivacyOfficeReason, required = false) => {
  const v = (value ?? '').trim();
  if (required && v.length === 0) throw new Invalid(`Describe ${what}.`, reason);
  if (v.length > max) throw new Invalid(`${what[0].toUpperCase()}${what.slice(1)} may have at most ${max} characters.`, reason);
  return v;
};
const count = (value: string | undefined, what: string) => {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (!/^\d{1,9}$/.test(v)) throw new Invalid(`The approximate number of ${what} must be a whole number.`, 'breach_count');
  return Number(v);
};

export function createBreachService(deps: { db: Kysely<Database>; clock: Clock }) {
  const store = createBreachStore(deps.db);
  const now = () => deps.clock();

  const toBreach = (row: BreachRow): Breach => {
    const hoursSinceAware = Math.floor((now().getTime() - Date.parse(row.aware_at)) / hour);
    return {
      id: row.id, title: row.title, awareAt: row.aware_at, openedAt: row.opened_at, openedBy: row.opened_by, nature: row.nature.split(''), description: row.description,
      categories: JSON.parse(row.categories), approxSubjects: row.approx_subjects, approxRecords: row.approx_records, consequences: row.consequences,
      measures: row.measures, risk: row.risk as Risk | null, decision: row.decision as Decision | null, notifiedAt: row.notified_at,
      delayReason: row.delay_reason, subjectsInformedAt: row.subjects_informed_at, closedAt: row.closed_at, hoursSinceAware,
      overdue: row.closed_at === null && row.decision === null && now().getTime() - Date.parse(row.aware_at) > notificationHours * hour,
    };
  };

  /** The fields of a form, checked together so that no rule depends on the order they were filled in. */
  function merge(current: BreachRow | null, input: BreachInput): Omit<BreachRow, 'id' | 'opened_at' | 'opened_by' | 'closed_at'> {
    const at = now().toISOString();
    const awareAt = input.awareAt === undefined ? current?.aware_at : input.awareAt;
    if (!awareAt) throw new Invalid('Give the date and time the breach became known (YYYY-MM-DD HH:MM).', 'breach_aware_at');
    if (awareAt > at) throw new Invalid('The moment the breach became known cannot lie in the future.', 'breach_aware_future');
    const nature = input.nature === undefined ? (current?.nature ?? '') : natures.filter((n) => input.nature!.includes(n)).join('');
    if (input.nature && input.nature.some((n) => !(natures as readonly string[]).includes(n))) throw new Invalid('The nature is confidentiality (C), integrity (I) or availability (A).', 'breach_nature');
    if (nature === '') throw new Invalid('Choose what the breach touched: confidentiality, integrity or availability.', 'breach_nature');
    const cats = input.categories === undefined ? JSON.parse(current?.categories ?? '[]') as string[] : [...new Set(input.categories)];
    if (cats.some((c) => !(categories as readonly string[]).includes(c))) throw new Invalid('Choose the categories of data from the list.', 'breach_categories');
    const risk = input.risk === undefined ? (current?.risk ?? null) : input.risk || null;
    if (risk !== null && !(risks as readonly string[]).includes(risk)) throw new Invalid('The risk is none, a risk, or a high risk.', 'breach_risk');
    const decision = input.decision === undefined ? (current?.decision ?? null) : input.decision || null;
    if (decision !== null && !(decisions as readonly string[]).includes(decision)) throw new Invalid('Decide to notify the authority or not.', 'breach_decision');
    if (decision !== null && risk === null) throw new Invalid('Assess the risk before deciding on notification.', 'breach_decision_without_risk');
    // Art. 33(1): only a breach unlikely to result in a risk may go unnotified.
    if (decision === 'no_notify' && risk !== 'none') throw new Invalid('A breach with a risk must be notified to the authority (Art. 33(1)).', 'breach_must_notify');
    const notifiedAt = input.notifiedAt === undefined ? (current?.notified_at ?? null) : input.notifiedAt;
    if (notifiedAt && decision !== 'notify') throw new Invalid('A notification date belongs with the decision to notify.', 'breach_notified_without_decision');
    if (notifiedAt && notifiedAt > at) throw new Invalid('The notification cannot lie in the future.', 'breach_notified_future');
    if (notifiedAt && notifiedAt < awareAt) throw new Invalid('The notification cannot come before the breach became known.', 'breach_notified_early');
    const delayReason = text(input.delayReason ?? current?.delay_reason ?? '', 4000, 'the reason for the delay', 'breach_delay_reason');
    if (notifiedAt && Date.parse(notifiedAt) - Date.parse(awareAt) > notificationHours * hour && delayReason === '') {
      throw new Invalid('The authority was notified more than 72 hours after the breach became known: give the reason for the delay (Art. 33(1)).', 'breach_delay_reason_required');
    }
    const subjectsInformedAt = input.subjectsInformedAt === undefined ? (current?.subjects_informed_at ?? null) : input.subjectsInformedAt;
    if (subjectsInformedAt && subjectsInformedAt > at) throw new Invalid('The people concerned cannot have been informed in the future.', 'breach_informed_future');
    return {
      title: text(input.title ?? current?.title, 200, 'the breach in a title', 'breach_title', true),
      aware_at: awareAt, nature,
      description: text(input.description ?? current?.description, 4000, 'what happened', 'breach_description', true),
      categories: JSON.stringify(cats),
      approx_subjects: input.approxSubjects === undefined ? (current?.approx_subjects ?? null) : count(input.approxSubjects, 'people'),
      approx_records: input.approxRecords === undefined ? (current?.approx_records ?? null) : count(input.approxRecords, 'records'),
      consequences: text(input.consequences ?? current?.consequences, 4000, 'the likely consequences', 'breach_consequences'),
      measures: text(input.measures ?? current?.measures, 4000, 'the measures', 'breach_measures'),
      risk, decision, notified_at: notifiedAt, delay_reason: delayReason || null, subjects_informed_at: subjectsInformedAt,
    };
  }

  async function row(id: string): Promise<BreachRow> {
    const found = await store.get(id);
    if (!found) throw new NotFound(`No breach ${id}.`, 'breach_unknown');
    return found;
  }

  return {
    list: async () => (await store.list()).map(toBreach),
    get: async (id: string) => toBreach(await row(id)),

    async open(actor: string, input: BreachInput): Promise<Breach> {
      const fields = merge(null, input);
      const created: BreachRow = { id: newId('brc'), opened_at: now().toISOString(), opened_by: actor, closed_at: null, ...fields };
      await store.insert(created);
      await recordEvent(deps.db, now(), { actor, verb: 'privacy.breach_opened', subjectType: 'privacy_breach', subjectId: created.id });
      return toBreach(created);
    },

    async update(actor: string, id: string, input: BreachInput): Promise<Breach> {
      const current = await row(id);
      if (current.closed_at) throw new Conflict('This breach is closed; it can no longer be changed.', 'breach_closed');
      const fields = merge(current, input);
      if ((await store.update(id, fields)) === 0) throw new Conflict('This breach is closed; it can no longer be changed.', 'breach_closed');
      await recordEvent(deps.db, now(), { actor, verb: 'privacy.breach_updated', subjectType: 'privacy_breach', subjectId: id });
      return toBreach(await row(id));
    },

    async close(actor: string, id: string): Promise<Breach> {
      const current = await row(id);
      if (current.closed_at) throw new Conflict('This breach is already closed.', 'breach_closed');
      if (!current.risk || !current.decision) throw new Invalid('Before closing, assess the risk and decide whether to notify the authority.', 'breach_close_undecided');
      if (current.decision === 'notify' && !current.notified_at) throw new Invalid('Before closing, record when the authority was notified.', 'breach_close_not_notified');
      // Art. 34(1): a high risk means telling the people concerned.
      if (current.risk === 'high' && !current.subjects_informed_at) throw new Invalid('A high risk means the people concerned must be told (Art. 34): record when, before closing.', 'breach_close_not_informed');
      if ((await store.update(id, { closed_at: now().toISOString() })) === 0) throw new Conflict('This breach is already closed.', 'breach_closed');
      await recordEvent(deps.db, now(), { actor, verb: 'privacy.breach_closed', subjectType: 'privacy_breach', subjectId: id });
      return toBreach(await row(id));
    },
  };
}
export type BreachService = ReturnType<typeof createBreachService>;

/** The register as CSV, one breach a line, with the fields the authorities' notification forms ask for. */
export function breachesCsv(breaches: Breach[]): string {
  const header = ['id', 'aware_at', 'nature', 'description', 'categories', 'approx_subjects', 'approx_records', 'consequences', 'measures', 'risk', 'decision', 'notified_at', 'delay_reason', 'subjects_informed_at', 'closed_at', 'overdue'];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    // A leading = + - @ would be a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = breaches.map((b) => [b.id, b.awareAt, b.nature, b.description, b.categories, b.approxSubjects, b.approxRecords, b.consequences, b.measures, b.risk, b.decision, b.notifiedAt, b.delayReason, b.subjectsInformedAt, b.closedAt, b.overdue].map(cell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
