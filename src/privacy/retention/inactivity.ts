// The inactivity rule: an account unused for the rule's period is warned by mail 30 days before, once, then erased.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { Conflict } from '../../errors.ts';
import type { Mailer } from '../../mail/outbox.ts';
import { after, before } from './duration.ts';
import { heldBy } from './holds-store.ts';
import { inactivityWarning } from './mail.ts';
import type { Step } from './steps.ts';
import { formatDate, languageOr, languagePrefix, type Language } from '../../i18n/index.ts';

/**
 * Erases one account as the privacy office does (Art. 17). The real one is the rights service's eraseAccount
 * (src/privacy/rights.ts), wired where the retention is created (src/portal.ts).
 */
export type EraseAccount = (userId: string, options: { by: 'retention' }) => Promise<void>;

export interface InactivityDeps {
  mailer: Mailer;
  eraseAccount: EraseAccount;
  config: { portalName: string; baseUrl: string; timezone: string; defaultLanguage: Language };
  /** How long before the erasure the warning goes out. */
  warnBefore?: string;
}

const count = async (db: Kysely<Database>, where: RawBuilder<SqlBool>) =>
  Number((await sql<{ n: number | string }>`select count(*) as n from users where ${where}`.execute(db)).rows[0]?.n ?? 0);

export function inactivityStep(deps: InactivityDeps): Step {
  const warnBefore = deps.warnBefore ?? 'P30D';
  const base = deps.config.baseUrl.replace(/\/$/, '');

  async function languageOf(db: Kysely<Database>, userId: string): Promise<Language> {
    // The language the person registered in: the only trace of it we keep.
    const row = await db.selectFrom('consents').select('language').where('user_id', '=', userId).orderBy('given_at', 'desc').executeTakeFirst();
    return languageOr(row?.language, deps.config.defaultLanguage);
  }

  return async ({ db, now, cutoff, period, dryRun }) => {
    const lastActive = sql.ref('users.last_active_at');
    // A warning counts while the account stayed unused since: signing in again sets last_active_at past it.
    const warned = (noLaterThan: string) =>
      sql<SqlBool>`exists (select 1 from retention_warnings w where w.user_id = users.id and w.warned_at >= ${lastActive} and w.warned_at <= ${noLaterThan})`;
    const held = heldBy(now, 'user', 'users.id');
    const dueErasure = sql<SqlBool>`${lastActive} <= ${cutoff} and ${warned(before(now, warnBefore).toISOString())}`;
    // Due for a warning when the erasure date (last active + period) falls within `warnBefore` from now.
    const dueWarning = sql<SqlBool>`${lastActive} <= ${before(after(now, warnBefore), period).toISOString()} and not ${warned(now.toISOString())}`;

    const heldCount = (await count(db, sql`(${dueErasure}) and ${held}`)) + (await count(db, sql`(${dueWarning}) and ${held}`));
    const toErase = await db.selectFrom('users').select('id').where(sql<SqlBool>`(${dueErasure}) and not ${held}`).orderBy('id').execute();
    const toWarn = await db
      .selectFrom('users')
      .select(['id', 'email', 'first_name', 'last_active_at'])
      .where(sql<SqlBool>`(${dueWarning}) and not ${held}`)
      .orderBy('id')
      .execute();
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
      const lang = await languageOf(db, user.id);
      const erasureAt = new Date(Math.max(after(new Date(user.last_active_at), period).getTime(), after(now, warnBefore).getTime()));
      const erasureDate = formatDate(lang, erasureAt.toISOString(), deps.config.timezone);
      const signInLink = `${base}${languagePrefix(lang, deps.config.defaultLanguage)}/-/account/login`;
      // Recorded before it is sent: a failure in between costs the person a mail, never sends it twice.
      await db
        .insertInto('retention_warnings')
        .values({ user_id: user.id, warned_at: now.toISOString() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ warned_at: now.toISOString() }))
        .execute();
      // Sent even to a restricted account (Art. 18): it tells the person about their own data before it goes.
      await deps.mailer.send({ to: user.email, reply: true, ...inactivityWarning(lang, { portal: deps.config.portalName, firstName: user.first_name, signInLink, erasureDate }) });
    }
    return { removed, warned: toWarn.length, held: heldCount + kept };
  };
}
