// The rules of following: a person follows a dataset they may see, the catalog or the newsletter; mail starts only
// after they confirm a single-use link (double opt-in), each consent and its withdrawal is on record, and any mail
// ends its subscription with one click.
import { digest, newId, newToken } from '../accounts/secrets.ts';
import { Invalid, NotFound } from '../errors.ts';
import { messages, type Language } from '../i18n/index.ts';
import { followContext, type FollowDeps } from './context.ts';
import { followMails } from './mail.ts';
import { createNotifier } from './notify.ts';
import { isUniqueViolation } from '../accounts/store.ts';
import type { SubscriptionRow } from './store.ts';
import { frequencies, type Announcement, type EndReason, type Follow, type Frequency, type Preferences, type SubscriptionKind, type SubscriptionStatus } from './types.ts';

/** How long a confirmation link works. */
const confirmHours = 48;
/** How long before pressing "follow" again sends a new confirmation link. */
const resendMinutes = 5;

export type Target = { kind: 'dataset'; datasetId: string } | { kind: 'catalog' | 'newsletter' };

const datasetOf = (target: Target) => (target.kind === 'dataset' ? target.datasetId : '');

export type FollowService = ReturnType<typeof createFollowService>;

export function createFollowService(deps: FollowDeps) {
  const c = followContext(deps);
  const { store, clock, accounts } = c;
  const notifier = createNotifier(c);
  const now = () => clock().toISOString();

  /** What a subscription is about, in words: the dataset's title, or the catalog, or the newsletter. */
  async function what(row: Pick<SubscriptionRow, 'kind' | 'dataset_id' | 'user_id'>, lang: Language): Promise<string> {
    const t = messages(lang).follow.targets;
    if (row.kind === 'dataset') return t.dataset((await c.datasetTitle(row.user_id, row.dataset_id, lang)) ?? row.dataset_id);
    return row.kind === 'catalog' ? t.catalog : t.newsletter;
  }

  async function preferencesOf(userId: string): Promise<Preferences> {
    const row = await store.preferences(userId);
    return { frequency: (frequencies as readonly string[]).includes(row?.frequency ?? '') ? (row!.frequency as Frequency) : 'instant', language: await c.languageOf(userId) };
  }

  /** Ends a subscription and withdraws the consent it rested on; false when it had ended already. */
  async function end(row: SubscriptionRow, reason: EndReason): Promise<boolean> {
    const at = now();
    if (!(await store.end(row.id, at, reason))) return false;
    if (row.consent_id !== null) {
      const consent = await accounts.consentOf(row.user_id, Number(row.consent_id));
      if (consent && consent.withdrawn_at === null) await accounts.withdrawConsent(Number(row.consent_id), at);
    }
    return true;
  }

  async function mailConfirmation(row: Pick<SubscriptionRow, 'id' | 'kind' | 'dataset_id' | 'user_id'>, lang: Language): Promise<void> {
    const token = newToken();
    await store.renewConfirmation(row.id, digest(token), new Date(clock().getTime() + confirmHours * 3_600_000).toISOString());
    const user = await accounts.userById(row.user_id);
    if (!user) return;
    const mail = followMails.confirm(lang, { portal: c.config.portalName, firstName: user.first_name, what: await what(row, lang), link: c.link(lang, `/-/follow/confirm/${token}`), hours: confirmHours });
    // An answer to the person's own request: it goes out as a link they asked for does.
    await c.mailer.send({ to: user.email, ...mail, reply: true });
  }

  /** The pending subscription a confirmation token names, while it works; one error for used, expired or unknown. */
  async function pendingByToken(token: string): Promise<SubscriptionRow> {
    const row = await store.subscriptionByConfirmation(digest(token));
    if (!row || row.status !== 'pending' || row.confirm_expires_at === null || row.confirm_expires_at <= now()) {
      throw new Invalid('This link does not work (any more): it was used, it expired or it was replaced. Follow again to get a new link.', 'follow_link_invalid');
    }
    return row;
  }

  /** The subscriptions an unsubscribe token ends, and whether any is still live. */
  async function unsubscribing(token: string): Promise<{ rows: SubscriptionRow[]; userId: string }> {
    const id = c.unsubscribeTarget(token);
    if (id === null) throw new NotFound('This unsubscribe link is not valid.', 'unsubscribe_invalid');
    if (id.startsWith('u_')) {
      const rows = (await store.liveSubscriptionsOf(id)).filter((r) => r.status === 'confirmed');
      return { rows, userId: id };
    }
    const row = await store.subscriptionById(id);
    // A valid digest of a subscription erased since: nothing of it is left to end.
    if (!row) throw new NotFound('This unsubscribe link is not valid.', 'unsubscribe_invalid');
    return { rows: row.status === 'ended' ? [] : [row], userId: row.user_id };
  }
  const alreadyUnsubscribed = () => new Invalid('You were already unsubscribed with this link.', 'unsubscribe_used');

  return {
    onDatasetEvent: notifier.onDatasetEvent,
    sendDigests: notifier.sendDigests,
    /** Mails what waits to go at once (at start-up, after a crash); onDatasetEvent does it itself. */
    sendPending: notifier.sendInstant,

    /**
     * Starts following: a pending subscription and a confirmation link by mail. `already` when the person follows it
     * (confirmed); a pending one gets a fresh link. A dataset must be one the person may see.
     */
    async follow(userId: string, target: Target, lang: Language): Promise<'sent' | 'already'> {
      const datasetId = datasetOf(target);
      if (target.kind === 'dataset' && (await c.datasetTitle(userId, datasetId, lang)) === null) throw new NotFound(`The requested dataset ${datasetId} does not exist.`);
      const user = await accounts.userById(userId);
      if (!user || user.email_verified_at === null || user.disabled_at !== null) throw new NotFound('There is no such account.');
      const prefs = await preferencesOf(userId);
      await store.setPreferences(userId, prefs.frequency, lang, now());
      const live = await store.liveSubscription(userId, target.kind, datasetId);
      if (live?.status === 'confirmed') return 'already';
      if (live) {
        // A fresh link at most every few minutes: pressing the button again does not flood the person's mailbox.
        const issuedAt = live.confirm_expires_at === null ? 0 : new Date(live.confirm_expires_at).getTime() - confirmHours * 3_600_000;
        if (clock().getTime() - issuedAt >= resendMinutes * 60_000) await mailConfirmation(live, lang);
        return 'sent';
      }
      const row: SubscriptionRow = {
        id: newId('s'), user_id: userId, kind: target.kind, dataset_id: datasetId, status: 'pending', confirm_digest: null, confirm_expires_at: null,
        consent_id: null, created_at: now(), confirmed_at: null, ended_at: null, end_reason: null,
      };
      try {
        await store.insertSubscription(row);
      } catch (error) {
        // The same follow twice at once: the other request's row stands.
        if (isUniqueViolation(error)) return 'sent';
        throw error;
      }
      await mailConfirmation(row, lang);
      return 'sent';
    },

    async unfollow(userId: string, target: Target): Promise<void> {
      const live = await store.liveSubscription(userId, target.kind, datasetOf(target));
      if (live) await end(live, 'unfollowed');
    },

    /** What a confirmation link is for, to show its page; the error when it does not work. */
    async confirmation(token: string, lang: Language): Promise<string> {
      return what(await pendingByToken(token), lang);
    },

    /** Confirms once: the consent is recorded with the statement in force, and mail may start. */
    /** Confirms the subscription the link names; says what it is, and the dataset it follows (null for the catalog or newsletter). */
    async confirm(token: string, lang: Language): Promise<{ what: string; datasetId: string | null }> {
      const row = await pendingByToken(token);
      const at = now();
      if (!(await store.confirm(row.id, at, null))) throw new Invalid('This link does not work any more.', 'follow_link_invalid');
      const statement = await c.currentStatement();
      const consentId = await accounts.giveConsent({
        user_id: row.user_id, purpose: 'notifications', statement_version: statement.version, statement_digest: statement.digest,
        method: `double_opt_in:${row.kind}`, language: lang, given_at: at,
      });
      await store.setConsent(row.id, consentId);
      return { what: await what(row, lang), datasetId: row.kind === 'dataset' ? row.dataset_id : null };
    },

    /** What an unsubscribe link ends, for the page a GET shows (it changes nothing). */
    async unsubscribeInfo(token: string, lang: Language): Promise<string> {
      const { rows } = await unsubscribing(token);
      if (rows.length === 0) throw alreadyUnsubscribed();
      return (await Promise.all(rows.map((r) => what(r, lang)))).join('; ');
    },

    /** One-click (RFC 8058): ends what the link names, without signing in; a used link is refused. */
    async unsubscribe(token: string, lang: Language): Promise<string> {
      const { rows } = await unsubscribing(token);
      const words: string[] = [];
      for (const row of rows) if (await end(row, 'one_click')) words.push(await what(row, lang));
      if (words.length === 0) throw alreadyUnsubscribed();
      return words.join('; ');
    },

    /** The person's subscriptions for the account page, and how often they want mail. */
    async followsOf(userId: string, lang: Language): Promise<{ follows: Follow[]; preferences: Preferences }> {
      const rows = await store.liveSubscriptionsOf(userId);
      const follows = await Promise.all(
        rows.map(async (r) => ({
          id: r.id, kind: r.kind as SubscriptionKind, datasetId: r.dataset_id, status: r.status as SubscriptionStatus, createdAt: r.created_at, confirmedAt: r.confirmed_at,
          title: r.kind === 'dataset' ? await c.datasetTitle(userId, r.dataset_id, lang) : null,
        })),
      );
      return { follows, preferences: await preferencesOf(userId) };
    },

    /** The state of each thing the person follows, by dataset id ('' for the catalog's and newsletter's, by kind). */
    async followState(userId: string): Promise<Map<string, SubscriptionStatus>> {
      const rows = await store.liveSubscriptionsOf(userId);
      return new Map(rows.map((r) => [r.kind === 'dataset' ? r.dataset_id : `-${r.kind}`, r.status as SubscriptionStatus]));
    },

    async setFrequency(userId: string, frequency: string, lang: Language): Promise<void> {
      if (!(frequencies as readonly string[]).includes(frequency)) throw new Invalid('Choose instant, daily or weekly.', 'follow_frequency');
      await store.setPreferences(userId, frequency as Frequency, lang, now());
    },

    /** A publisher's announcement: on record for the feeds, and to the followers (the newsletter's, without a dataset). */
    async announce(actor: string, datasetId: string | null, input: { title: string; body: string }): Promise<Announcement> {
      const title = input.title.trim();
      const body = input.body.replace(/\r\n/g, '\n').trim();
      if (title.length < 1 || title.length > 200 || /[\u0000-\u001f]/.test(title)) throw new Invalid('Give the announcement a title of 1 to 200 characters.', 'announcement_title');
      if (body.length < 1 || body.length > 10_000) throw new Invalid('Write an announcement of 1 to 10,000 characters.', 'announcement_body');
      if (datasetId !== null && (await c.datasetTitle(null, datasetId, c.config.defaultLanguage)) === null && (await c.datasetTitle(actor, datasetId, c.config.defaultLanguage)) === null) {
        throw new NotFound(`The requested dataset ${datasetId} does not exist.`);
      }
      const at = clock();
      const announcement = { id: newId('an'), dataset_id: datasetId, title, body, author: actor, created_at: at.toISOString() };
      await store.insertAnnouncement(announcement);
      await c.events.record(at, { actor, verb: 'announcement.posted', subjectType: 'announcement', subjectId: announcement.id, data: { dataset: datasetId } });
      await notifier.fanOutAnnouncement(announcement.id, datasetId, announcement.created_at);
      return { id: announcement.id, datasetId, title, body, createdAt: announcement.created_at };
    },

    /** A dataset's title for this person in a language; null when they may not see it. */
    titleFor: (userId: string, datasetId: string, lang: Language) => c.datasetTitle(userId, datasetId, lang),

    /** The newest announcements of a dataset (or the portal's, with null), for the feeds. */
    async announcements(datasetId: string | null, limit: number): Promise<Announcement[]> {
      return (await store.announcements(datasetId, Math.max(1, Math.min(limit, 100)))).map((a) => ({ id: a.id, datasetId: a.dataset_id, title: a.title, body: a.body, createdAt: a.created_at }));
    },
  };
}
