// Reminders to the DPO: a case due within seven days, within a day, and overdue, each threshold mailed once.
import type { Config } from '../../config.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Mail } from '../../mail/outbox.ts';
import { localPath } from '../../i18n/index.ts';
import { daysBetween, localDay } from './deadlines.ts';
import { caseMails } from './mail.ts';
import { createCaseStore } from './store.ts';
import type { PrivacyCase } from './types.ts';

type Threshold = 'due_7' | 'due_1' | 'overdue';

/** The most urgent threshold a case has reached on `today`, or null while it is further than a week off. */
export function thresholdOf(c: Pick<PrivacyCase, 'dueAt'>, today: string): Threshold | null {
  const left = daysBetween(today, c.dueAt);
  return left < 0 ? 'overdue' : left <= 1 ? 'due_1' : left <= 7 ? 'due_7' : null;
}

interface RemindDeps {
  store: { db: Kysely<Database> };
  mailer: { send(mail: Mail): Promise<unknown> };
  config: Pick<Config, 'dpoEmail' | 'timezone' | 'portalName' | 'baseUrl' | 'defaultLanguage'>;
}

/**
 * Mails the DPO about running cases that reached a threshold and records each reminder as a step, so a case is
 * reminded once per threshold however often this runs. A request whose requester never confirmed their address is
 * left out: there is nobody known to answer yet.
 */
export async function remindDueCases(portal: RemindDeps, now: Date): Promise<{ reference: string; threshold: Threshold }[]> {
  const store = createCaseStore(portal.store.db);
  const today = localDay(now, portal.config.timezone);
  const lang = portal.config.defaultLanguage;
  const sent: { reference: string; threshold: Threshold }[] = [];
  for (const c of await store.running()) {
    if (c.status === 'identity_unverified' && c.channel === 'portal') continue;
    const threshold = thresholdOf(c, today);
    if (!threshold) continue;
    const kind = `reminder_${threshold}`;
    if ((await store.steps(c.id)).some((s) => s.kind === kind)) continue;
    await store.addStep({ caseId: c.id, at: now.toISOString(), actor: 'system', kind, note: null });
    const link = portal.config.baseUrl + localPath(lang, portal.config.defaultLanguage, `/-/privacy-office/cases/${c.id}`);
    await portal.mailer.send(caseMails.reminder(lang, portal.config.dpoEmail, c, threshold, { portal: portal.config.portalName, timeZone: portal.config.timezone, link }));
    sent.push({ reference: c.reference, threshold });
  }
  return sent;
}
