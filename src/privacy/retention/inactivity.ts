// The inactivity rule: an account unused for the rule's period is warned by mail 30 days before, once, then erased.
// The accounts store names the accounts unused long enough; the warnings and the holds are the privacy office's own.
import type { AccountStore } from '../../accounts/store.ts';
import { Conflict } from '../../errors.ts';
import type { Mailer } from '../../mail/outbox.ts';
import type { Step } from '../../personal-data/retention.ts';
import { after, before } from './duration.ts';
import { createHoldStore } from './holds-store.ts';
import { inactivityWarning } from './mail.ts';
import { createWarningStore } from './warnings-store.ts';
import { formatDate, languageOr, languagePrefix, type Language } from '../../i18n/index.ts';

/**
 * Erases one account as the privacy office does (Art. 17). The real one is the rights service's eraseAccount
 * (src/privacy/rights/service.ts), wired where the retention is created (src/portal.ts).
 */
export type EraseAccount = (userId: string, options: { by: 'retention' }) => Promise<void>;

interface InactivityDeps {
  accounts: Pick<AccountStore, 'lastActiveOnOrBefore' | 'consentLanguage'>;
  mailer: Mailer;
  eraseAccount: EraseAccount;
  config: { portalName: string; baseUrl: string; timezone: string; defaultLanguage: Language };
  /** How long before the erasure the warning goes out. */
  warnBefore?: string;
}

export function inactivityStep(deps: InactivityDeps): Step {
  const warnBefore = deps.warnBefore ?? 'P30D';
  const base = deps.config.baseUrl.replace(/\/$/, '');

  return async ({ db, now, cutoff, period, dryRun }) => {
    const warningStore = createWarningStore(db);
    const warnings = await warningStore.all();
    const held = await createHoldStore(db).heldIds(now, 'user');
    // A warning counts while the account stayed unused since: signing in again sets last_active_at past it.
    const warned = (user: { id: string; last_active_at: string }, noLaterThan: string) => {
      const at = warnings.get(user.id);
      return at !== undefined && at >= user.last_active_at && at <= noLaterThan;
    };
    const warnedLongEnough = before(now, warnBefore).toISOString();
    // Due for a warning when the erasure date (last active + period) falls within `warnBefore` from now.
    const warnFrom = before(after(now, warnBefore), period).toISOString();
    const candidates = await deps.accounts.lastActiveOnOrBefore(warnFrom > cutoff ? warnFrom : cutoff);
    const dueErasure = candidates.filter((u) => u.last_active_at <= cutoff && warned(u, warnedLongEnough));
    const dueWarning = candidates.filter((u) => u.last_active_at <= warnFrom && !warned(u, now.toISOString()));

    const heldCount = [...dueErasure, ...dueWarning].filter((u) => held.has(u.id)).length;
    const toErase = dueErasure.filter((u) => !held.has(u.id));
    const toWarn = dueWarning.filter((u) => !held.has(u.id));
    if (dryRun) return { removed: toErase.length, warned: toWarn.length, held: heldCount };

    let removed = 0;
    let kept = 0;
    for (const { id } of toErase) {
      try {
        await deps.eraseAccount(id, { by: 'retention' });
        removed++;
      } catch (error) {
        // The erasure refuses the portal's last admin: it stays, counted with what was kept, and the sweep goes on.
        if (!(error instanceof Conflict)) throw error;
        kept++;
      }
    }
    for (const user of toWarn) {
      // The language the person registered in: the only trace of it we keep.
      const lang = languageOr(await deps.accounts.consentLanguage(user.id), deps.config.defaultLanguage);
      const erasureAt = new Date(Math.max(after(new Date(user.last_active_at), period).getTime(), after(now, warnBefore).getTime()));
      const erasureDate = formatDate(lang, erasureAt.toISOString(), deps.config.timezone);
      const signInLink = `${base}${languagePrefix(lang, deps.config.defaultLanguage)}/-/account/login`;
      // Recorded before it is sent: a failure in between costs the person a mail, never sends it twice.
      await warningStore.record(user.id, now.toISOString());
      // Sent even to a restricted account (Art. 18): it tells the person about their own data before it goes.
      await deps.mailer.send({ to: user.email, reply: true, ...inactivityWarning(lang, { portal: deps.config.portalName, firstName: user.first_name, signInLink, erasureDate }) });
    }
    return { removed, warned: toWarn.length, held: heldCount + kept };
  };
}
