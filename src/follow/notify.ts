// Notifications: the fan-out of a dataset event or an announcement to confirmed subscriptions (one row per subscription
// and event, by its idempotency key), mail at once, and daily or weekly digests. Every send checks the person again.
import type { DatasetEvent } from '../catalog/events.ts';
import { zonedDay, zonedMidnight } from '../clock.ts';
import { languageOr, type Language } from '../i18n/index.ts';
import { newId } from '../accounts/secrets.ts';
import type { Mail } from '../mail/outbox.ts';
import { followMails, type Notice } from './mail.ts';
import type { FollowContext } from './context.ts';
import { idsPerQuery, type NotificationRow } from './store.ts';
import type { DigestFrequency, NotificationKind } from './types.ts';

/** A sender that claimed a notification and died: after this long another sender may take it (the key stops a double). */
const claimMinutes = 10;
const day = 86_400_000;

/**
 * The period a digest run at `now` closes, in the portal's time zone: the local day (daily) or the ISO week, Monday
 * first (weekly), that ended before `now`; notifications written before `before` (that period's end, local midnight),
 * named `period` in the digest's key.
 */
export function digestPeriod(frequency: DigestFrequency, now: Date, timeZone: string): { before: string; period: string } {
  const today = zonedDay(now, timeZone);
  if (frequency === 'daily') return { before: zonedMidnight(today, timeZone).toISOString(), period: new Date(today.getTime() - day).toISOString().slice(0, 10) };
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * day);
  return { before: zonedMidnight(monday, timeZone).toISOString(), period: isoWeek(new Date(monday.getTime() - 7 * day)) };
}

function isoWeek(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * day);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * day)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Lists of ids go to the database in parts, within every dialect's limit on bound values. */
async function inParts<T>(ids: string[], load: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < ids.length; i += idsPerQuery) found.push(...(await load(ids.slice(i, i + idsPerQuery))));
  return found;
}
const unique = <T>(values: T[]) => [...new Set(values)];

/** The event a notification tells of, whichever subscription brought it: its key after `sub:{subscription}:`. */
const eventOf = (row: NotificationRow) => row.key.slice(`sub:${row.subscription_id}:`.length);

/**
 * The mail's idempotency key: the notification's own (subscription and event), but for a new dataset the person's, as
 * two subscriptions (the catalog, the newsletter) bring it: mailed once, whichever run or process sends it.
 */
const mailKeyOf = (row: NotificationRow) => (row.kind === 'new_dataset' ? `user:${row.user_id}:${eventOf(row)}` : row.key);

export function createNotifier(c: FollowContext) {
  const { store, clock } = c;

  /**
   * Everything the rows of one run need about their people and subscriptions, read in a few queries whatever their
   * number: who may be mailed now (an account that exists, is verified, active and not restricted), in which
   * language, and each subscription with its consent.
   */
  async function gather(rows: NotificationRow[]) {
    const userIds = unique(rows.map((r) => r.user_id));
    const users = new Map((await inParts(userIds, c.accounts.usersByIds)).map((u) => [u.id, u]));
    const mailable = new Set(await inParts(userIds, async (part) => [...(await c.mayMail(part))]));
    const languages = new Map((await inParts(userIds, store.preferencesOf)).map((p) => [p.user_id, p.language]));
    const subscriptions = new Map((await inParts(unique(rows.map((r) => r.subscription_id)), store.subscriptionsByIds)).map((s) => [s.id, s]));
    const consentIds = unique([...subscriptions.values()].flatMap((s) => (s.consent_id === null ? [] : [String(s.consent_id)])));
    const consents = new Map((await inParts(consentIds, (part) => c.accounts.consentsByIds(part.map(Number)))).map((k) => [String(k.id), k]));
    return {
      recipient(userId: string): { email: string; firstName: string; lang: Language } | null {
        const user = users.get(userId);
        if (!user || user.email_verified_at === null || user.disabled_at !== null || !mailable.has(userId)) return null;
        return { email: user.email, firstName: user.first_name, lang: languageOr(languages.get(userId), c.config.defaultLanguage) };
      },
      subscription: (id: string) => subscriptions.get(id),
      consent: (id: number) => consents.get(String(id)),
    };
  }
  type Batch = Awaited<ReturnType<typeof gather>>;

  /**
   * What one run looks up once for all its rows: a title everyone may see (then no person's access is asked), a
   * version's changes, an announcement.
   */
  function runMemo() {
    const memo = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, load: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    };
    return {
      async title(userId: string, datasetId: string, lang: Language) {
        return (await once(`t:${datasetId}:${lang}`, () => c.datasetTitle(null, datasetId, lang))) ?? c.datasetTitle(userId, datasetId, lang);
      },
      changes: (datasetId: string, version: number) => once(`c:${datasetId}:${version}`, () => c.changesOf(datasetId, version)),
      announcement: (id: string) => once(`a:${id}`, () => store.announcementById(id)),
    };
  }
  type Memo = ReturnType<typeof runMemo>;

  /** What a notification tells this person, or null when it may not reach them (ended, consent withdrawn, dataset hidden). */
  async function noticeOf(row: NotificationRow, lang: Language, memo: Memo, batch: Batch): Promise<Notice | null> {
    const subscription = batch.subscription(row.subscription_id);
    if (!subscription || subscription.status !== 'confirmed') return null;
    if (subscription.consent_id !== null) {
      const consent = batch.consent(Number(subscription.consent_id));
      if (!consent || consent.user_id !== row.user_id || consent.withdrawn_at !== null) {
        // Withdrawn on the privacy page: the subscription ends with it.
        await store.end(subscription.id, clock().toISOString(), 'consent_withdrawn');
        return null;
      }
    }
    const kind = row.kind as NotificationKind;
    const unsubscribeLink = c.unsubscribeLink(lang, subscription.id);
    if (kind === 'announcement' && row.dataset_id === '') {
      const announcement = row.announcement_id ? await memo.announcement(row.announcement_id) : undefined;
      if (!announcement) return null;
      return { kind, title: c.config.portalName, link: c.link(lang, '/'), version: null, changes: null, announcement: { title: announcement.title, body: announcement.body }, unsubscribeLink };
    }
    const title = await memo.title(row.user_id, row.dataset_id, lang);
    if (title === null) return null;
    const link = c.link(lang, `/datasets/${row.dataset_id}`);
    if (kind === 'version') {
      const version = row.version === null ? null : Number(row.version);
      // A version's mail leads to the version's page: what changed, with examples and its downloads.
      const versionLink = version === null ? link : c.link(lang, `/datasets/${row.dataset_id}/versions/${version}`);
      return { kind, title, link: versionLink, version, changes: version === null ? null : await memo.changes(row.dataset_id, version), announcement: null, unsubscribeLink };
    }
    if (kind === 'announcement') {
      const announcement = row.announcement_id ? await memo.announcement(row.announcement_id) : undefined;
      if (!announcement) return null;
      return { kind, title, link, version: null, changes: null, announcement: { title: announcement.title, body: announcement.body }, unsubscribeLink };
    }
    return { kind, title, link, version: null, changes: null, announcement: null, unsubscribeLink };
  }

  const unsubscribeHeaders = (link: string) => ({ 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

  /**
   * Mails the instant notifications waiting (this event's and any a crash left). One statement claims them for this
   * run, so two senders do not both mail one; a run that dies leaves them claimed until the claim goes stale, and the
   * run that takes them over sends under the same idempotency keys. One person hears of one event once: a new dataset
   * reaches a follower of both the catalog and the newsletter through one of the two.
   */
  async function sendInstant(): Promise<void> {
    const now = clock();
    const stale = new Date(now.getTime() - claimMinutes * 60_000).toISOString();
    const run = newId('run');
    const rows = await store.claimInstant(run, now.toISOString(), stale);
    if (rows.length === 0) return;
    const memo = runMemo();
    const batch = await gather(rows);
    const withheld: number[] = [];
    /** Per mail, the rows it tells of: the first for its person and event, and any that say the same. */
    const told = new Map<string, number[]>();
    const mails: Mail[] = [];
    for (const row of rows) {
      const key = mailKeyOf(row);
      const covered = told.get(key);
      if (covered) {
        covered.push(Number(row.id));
        continue;
      }
      const who = batch.recipient(row.user_id);
      const notice = who ? await noticeOf(row, who.lang, memo, batch) : null;
      if (!who || !notice) {
        withheld.push(Number(row.id));
        continue;
      }
      told.set(key, [Number(row.id)]);
      const mail = followMails.instant(who.lang, { portal: c.config.portalName, firstName: who.firstName, notice, manageLink: c.link(who.lang, '/-/account/follows') });
      mails.push({ to: who.email, ...mail, headers: unsubscribeHeaders(notice.unsubscribeLink), idempotencyKey: key });
    }
    const results = await c.mailer.sendMany(mails);
    mails.forEach((mail, i) => {
      if (results[i] === 'withheld') withheld.push(...told.get(mail.idempotencyKey!)!);
    });
    // What is not withheld went out in a mail (or had before, under the same key).
    await store.finishRun(run, withheld, clock().toISOString());
  }

  async function fanOutDataset(event: DatasetEvent): Promise<void> {
    const { datasetId, at } = event;
    if (event.type === 'version_published' && typeof event.version === 'number') {
      const notification = { kind: 'version', datasetId, version: event.version, announcementId: null };
      await store.fanOut({ kind: 'dataset', datasetId, event: `v:${datasetId}:${event.version}`, notification, at });
    }
    if (event.type === 'metadata_updated') {
      await store.fanOut({ kind: 'dataset', datasetId, event: `m:${datasetId}:${at}`, notification: { kind: 'metadata', datasetId, version: null, announcementId: null }, at });
    }
    if (event.type === 'dataset_published' || event.firstPublication === true) {
      // The same key whichever event says it first: one notice of a new dataset per subscription.
      const notification = { kind: 'new_dataset', datasetId, version: event.version ?? null, announcementId: null };
      for (const kind of ['catalog', 'newsletter'] as const) await store.fanOut({ kind, datasetId: '', event: `n:${datasetId}`, notification, at });
    }
  }

  return {
    sendInstant,

    /** Idempotent: a re-run (a retried job, a second process) writes no second row and mails nothing twice. */
    async onDatasetEvent(event: DatasetEvent): Promise<void> {
      await fanOutDataset(event);
      await sendInstant();
    },

    /** A publisher's announcement to a dataset's followers, or with no dataset to the newsletter's subscribers. */
    async fanOutAnnouncement(id: string, datasetId: string | null, at: string): Promise<void> {
      const notification = { kind: 'announcement', datasetId: datasetId ?? '', version: null, announcementId: id };
      await store.fanOut({ kind: datasetId === null ? 'newsletter' : 'dataset', datasetId: datasetId ?? '', event: `a:${id}`, notification, at });
      await sendInstant();
    },

    /**
     * One mail per person with what waited for the period that ended before `now`, keyed `digest:{user}:{period}`:
     * a second run in the same period finds nothing left, and a crashed run resends under the same key.
     */
    async sendDigests(frequency: DigestFrequency, now: Date): Promise<{ mailed: number }> {
      const { before, period } = digestPeriod(frequency, now, c.config.timezone);
      let mailed = 0;
      const memo = runMemo();
      for (const userId of await store.digestRecipients(frequency, before)) {
        const key = `digest:${userId}:${period}`;
        const rows = await store.claimDigest(userId, frequency, before, key);
        if (rows.length === 0) continue;
        const batch = await gather(rows);
        const who = batch.recipient(userId);
        const notices: Notice[] = [];
        const withheld: number[] = [];
        const included: number[] = [];
        const events = new Set<string>();
        for (const row of rows) {
          // One event once in a digest, as at once: a new dataset by the catalog and by the newsletter is one notice.
          if (events.has(mailKeyOf(row))) {
            included.push(Number(row.id));
            continue;
          }
          const notice = who ? await noticeOf(row, who.lang, memo, batch) : null;
          if (notice) {
            events.add(mailKeyOf(row));
            notices.push(notice);
            included.push(Number(row.id));
          } else withheld.push(Number(row.id));
        }
        await store.finish(withheld, 'withheld', clock().toISOString());
        if (!who || notices.length === 0) continue;
        const mail = followMails.digest(who.lang, { portal: c.config.portalName, firstName: who.firstName, frequency, notices, manageLink: c.link(who.lang, '/-/account/follows') });
        // The digest's one-click link ends every subscription it reports on: the person's mail from following.
        const result = await c.mailer.send({ to: who.email, ...mail, headers: unsubscribeHeaders(c.unsubscribeLink(who.lang, userId)), idempotencyKey: key });
        await store.finish(included, result === 'withheld' ? 'withheld' : 'sent', clock().toISOString());
        if (result !== 'withheld') mailed += 1;
      }
      return { mailed };
    },
  };
}
