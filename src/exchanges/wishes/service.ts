// Data requests: a signed-in person asks for data (staff who may set its status are told), others support (one vote
// each, withdrawable) and comment (the requester is told; a comment likely spam is held until a moderator releases it;
// comments are reported, hidden, restored as discussion posts are); staff set a status, and the requester and supporters
// are mailed it once per change and person, in their language.
import type { Account } from '../../accounts/types.ts';
import type { AccountStore } from '../../accounts/store.ts';
import type { Attempts } from '../../accounts/attempts.ts';
import { can } from '../../accounts/permissions.ts';
import { newId } from '../../accounts/secrets.ts';
import type { Audience, CatalogService } from '../../catalog/service.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { Forbidden, Invalid, NotFound, TooMany } from '../../errors.ts';
import type { EventStore } from '../../events/store.ts';
import { languages, localPath, messages, type Language } from '../../i18n/index.ts';
import type { Mailer } from '../../mail/outbox.ts';
import { publicName } from '../public-name.ts';
import { likelySpam } from '../spam.ts';
import { mailOfLines, staffNotices, type StaffMember } from '../staff-notice.ts';
import { statusMail } from './mail.ts';
import type { CommentRow, WishRow, WishStore } from './store.ts';
import { wishStatuses, type Wish, type WishComment, type WishStatus } from './types.ts';

export type WishService = ReturnType<typeof createWishService>;

const limits = { title: 200, text: 5000, reason: 2000, report: 1000 };
const hour = 3_600_000;
const rules = {
  ask: { limit: 10, windowMs: hour },
  comment: { limit: 30, windowMs: hour },
  vote: { limit: 100, windowMs: hour },
};

interface WishDeps {
  store: WishStore;
  accounts: Pick<AccountStore, 'usersByIds'>;
  catalog: Pick<CatalogService, 'getDataset'>;
  audienceOf: (account: Account | null) => Promise<Audience>;
  mailer: Pick<Mailer, 'sendMany'>;
  attempts: Pick<Attempts, 'reserve'>;
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'defaultLanguage' | 'portalName'>;
  events: Pick<EventStore, 'record'>;
  /** The staff who may set a data request's status, each with their language (told of a new request). */
  staff: () => Promise<StaffMember[]>;
}

type Viewer = Pick<Account, 'id' | 'role' | 'disabledAt'>;

export function createWishService(deps: WishDeps) {
  const { store } = deps;
  async function names(userIds: string[]): Promise<Map<string, string>> {
    return new Map((await deps.accounts.usersByIds([...new Set(userIds)])).map((u) => [u.id, publicName(u)]));
  }
  async function present(rows: WishRow[]): Promise<Wish[]> {
    const named = await names(rows.map((r) => r.user_id));
    return rows.map((r) => ({
      id: r.id, title: r.title, description: r.description, status: r.status as WishStatus, datasetId: r.dataset_id, refuseReason: r.refuse_reason,
      support: Number(r.support), author: named.get(r.user_id) ?? null, createdAt: r.created_at, statusChangedAt: r.status_changed_at,
    }));
  }
  async function limited(kind: keyof typeof rules, account: Account) {
    const wait = await deps.attempts.reserve([{ scope: `wishes:${kind}`, value: account.id, rule: rules[kind] }]);
    if (wait > 0) throw new TooMany(`Too many in a short time; try again in ${Math.ceil(wait / 60)} minutes.`, 'wish_too_many');
  }
  async function row(id: string): Promise<WishRow> {
    const found = await store.byId(id);
    if (!found) throw new NotFound(`There is no data request ${id}.`, 'wish_unknown');
    return found;
  }
  /** Moderators of comments: the permission discussions' moderators have. */
  const moderates = (viewer: Viewer | null) => can(viewer, 'dataset.publish');

  /** Tells the requester of a new comment (not when they wrote it, not once their account is gone), once per comment. */
  async function tellRequester(wish: WishRow, comment: CommentRow): Promise<void> {
    if (comment.user_id === wish.user_id) return;
    const [requester] = await deps.accounts.usersByIds([wish.user_id]);
    if (!requester || requester.disabled_at !== null) return;
    const lang = languageOf(wish.language);
    const t = messages(lang).moderation.mail;
    const who = (await names([comment.user_id])).get(comment.user_id) ?? messages(lang).wishes.formerUser;
    const link = `${deps.config.baseUrl.replace(/\/$/, '')}${localPath(lang, deps.config.defaultLanguage, `/data-requests/${wish.id}`)}#${comment.id}`;
    await deps.mailer.sendMany([{
      to: requester.email,
      template: 'wishes.comment',
      subject: t.commentSubject(wish.title),
      ...mailOfLines([t.greeting, '', t.commentIntro(who, wish.title), '', comment.body, '', t.open, link, '', t.commentWhy, '', t.sign(deps.config.portalName)]),
      // A notice of what someone else wrote, on the portal's initiative: not an answer, so a restriction withholds it.
      // It quotes the commenter (name and words): once delivered, the outbox keeps neither text nor address, and the key
      // names the commenter's account, so erasing them removes the row and its file (src/mail/personal-data.ts).
      idempotencyKey: `wish-comment:${comment.id}:by:${comment.user_id}`,
      forget: true,
    }]);
  }

  async function moderate(actor: Viewer, commentId: string, status: 'visible' | 'hidden', verb: string): Promise<CommentRow> {
    if (!moderates(actor)) throw new Forbidden('Only editors and admins moderate comments.', 'permission');
    const comment = await store.comment(commentId);
    if (!comment) throw new NotFound('No such comment.', 'wish_comment_unknown');
    await store.setCommentStatus(comment.id, status, actor.id, deps.clock().toISOString());
    await deps.events.record(deps.clock(), { actor: actor.id, verb, subjectType: 'wish_comment', subjectId: comment.id, data: { wish: comment.wish_id } });
    // A comment released from the spam hold is news only now.
    if (comment.status === 'held' && status === 'visible') {
      const wish = await store.byId(comment.wish_id);
      if (wish) await tellRequester(wish, { ...comment, status });
    }
    return comment;
  }

  const languageOf = (lang: string): Language => ((languages as readonly string[]).includes(lang) ? lang : deps.config.defaultLanguage) as Language;

  return {
    async ask(account: Account, input: { title: string; description: string }, lang: Language): Promise<Wish> {
      // A title is one line: it names the request in mail subjects, where a line break would start a header.
      const title = input.title.replace(/\s+/g, ' ').trim();
      const description = input.description.trim();
      if (!title) throw new Invalid('Say which data you are looking for.', 'wish_title');
      if (!description) throw new Invalid('Say what you would use the data for.', 'wish_description');
      if (title.length > limits.title || description.length > limits.text) throw new Invalid('The text is too long.', 'wish_too_long');
      await limited('ask', account);
      const wish: WishRow = {
        id: newId('wi'), user_id: account.id, title, description, status: 'open', dataset_id: null, refuse_reason: null, language: lang, support: 0,
        created_at: deps.clock().toISOString(), status_changed_at: null,
      };
      await store.insert(wish);
      await deps.mailer.sendMany(staffNotices((await deps.staff()).filter((m) => m.id !== account.id), { config: deps.config, kind: 'wish', id: wish.id, title, path: `/data-requests/${wish.id}` }));
      return (await present([wish]))[0];
    },

    async list(status: string | null): Promise<Wish[]> {
      return present(await store.list(status && (wishStatuses as readonly string[]).includes(status) ? status : null));
    },

    async get(id: string, viewer: Account | null): Promise<{ wish: Wish; comments: WishComment[]; voted: boolean; moderator: boolean }> {
      const [wish] = await present([await row(id)]);
      const moderator = moderates(viewer);
      // A held comment is its author's and the moderators' only, until it is released; a hidden one a placeholder to others.
      const rows = (await store.comments(id)).filter((c) => c.status !== 'held' || moderator || c.user_id === viewer?.id);
      const named = await names(rows.map((c) => c.user_id));
      const comments = rows.map((c): WishComment => {
        const mine = c.user_id === viewer?.id;
        return { id: c.id, body: c.status === 'hidden' && !mine && !moderator ? null : c.body, author: named.get(c.user_id) ?? null, status: c.status, mine, createdAt: c.created_at };
      });
      return { wish, comments, voted: viewer ? await store.hasVoted(id, viewer.id) : false, moderator };
    },

    async vote(account: Account, id: string, lang: Language): Promise<void> {
      await row(id);
      await limited('vote', account);
      await store.vote({ wish_id: id, user_id: account.id, language: lang, created_at: deps.clock().toISOString() });
    },

    async unvote(account: Account, id: string): Promise<void> {
      await row(id);
      await limited('vote', account);
      await store.unvote(id, account.id);
    },

    /** A comment; held (seen by its author and moderators only, no mail) when likely spam, else the requester is told. */
    async comment(account: Account, id: string, body: string): Promise<{ id: string; held: boolean }> {
      const wish = await row(id);
      const text = body.trim();
      if (!text) throw new Invalid('Write a comment.', 'wish_comment');
      if (text.length > limits.text) throw new Invalid('The comment is too long.', 'wish_too_long');
      await limited('comment', account);
      const held = !moderates(account) && (await likelySpam(text, () => store.commentsBy(account.id)));
      const comment: CommentRow = {
        id: newId('wc'), wish_id: id, user_id: account.id, body: text, created_at: deps.clock().toISOString(), status: held ? 'held' : 'visible', moderated_by: null, moderated_at: null,
      };
      await store.addComment(comment);
      if (!held) await tellRequester(wish, comment);
      return { id: comment.id, held };
    },

    /** A signed-in person's report of a comment they can see; false when they reported it before. */
    async report(reporter: Account, commentId: string, reason: string): Promise<boolean> {
      const comment = await store.comment(commentId);
      if (!comment || (comment.status === 'held' && comment.user_id !== reporter.id)) throw new NotFound('No such comment.', 'wish_comment_unknown');
      const text = reason.trim();
      if (!text || text.length > limits.report) throw new Invalid('Say why you report this comment.', 'wish_report_reason');
      return store.report({ comment_id: comment.id, reporter_id: reporter.id, reason: text, created_at: deps.clock().toISOString() });
    },
    hideComment: (actor: Viewer, commentId: string) => moderate(actor, commentId, 'hidden', 'wish.comment_hidden'),
    restoreComment: (actor: Viewer, commentId: string) => moderate(actor, commentId, 'visible', 'wish.comment_restored'),
    releaseComment: (actor: Viewer, commentId: string) => moderate(actor, commentId, 'visible', 'wish.comment_released'),

    /** What waits for a moderator: reported comments not dealt with and comments held as likely spam, with their request. */
    async moderationQueue() {
      const { comments, reports } = await store.moderationQueue();
      const wishes = new Map((await store.byIds([...new Set(comments.map((c) => c.wish_id))])).map((w) => [w.id, w]));
      const named = await names(comments.map((c) => c.user_id));
      return comments.map((c) => ({
        id: c.id,
        wishId: c.wish_id,
        wishTitle: wishes.get(c.wish_id)?.title ?? '',
        author: named.get(c.user_id) ?? null,
        status: c.status,
        body: c.body,
        createdAt: c.created_at,
        reports: reports.filter((r) => r.comment_id === c.id).map((r) => ({ reason: r.reason, createdAt: r.created_at })),
      }));
    },

    /** Sets the status (published names its dataset, refused its reason) and mails the requester and supporters once. */
    async setStatus(staff: Account, id: string, input: { status: string; datasetId: string; reason: string }): Promise<void> {
      if (!can(staff, 'dataset.edit')) throw new Forbidden('Only editors and admins set the status of a data request.', 'permission');
      const wish = await row(id);
      if (!(wishStatuses as readonly string[]).includes(input.status) || input.status === 'open') throw new Invalid('Choose a status.', 'wish_status');
      const status = input.status as WishStatus;
      let datasetId: string | null = null;
      if (status === 'published') {
        datasetId = input.datasetId.trim();
        const found = datasetId ? await deps.catalog.getDataset(datasetId, await deps.audienceOf(null)).catch(() => null) : null;
        if (!found) throw new Invalid('Give the id of a public dataset that answers the request.', 'wish_dataset');
      }
      const reason = status === 'refused' ? input.reason.trim() : '';
      if (status === 'refused' && !reason) throw new Invalid('Say why the request is refused.', 'wish_reason');
      if (reason.length > limits.reason) throw new Invalid('The reason is too long.', 'wish_too_long');
      const at = deps.clock().toISOString();
      await store.setStatus(id, { status, dataset_id: datasetId, refuse_reason: reason || null, status_changed_at: at });
      // The requester and every supporter, once each, in the language they used; the key makes a re-run mail nobody twice.
      const people = new Map<string, string>([[wish.user_id, wish.language]]);
      for (const v of await store.voters(id)) if (!people.has(v.user_id)) people.set(v.user_id, v.language);
      const users = (await deps.accounts.usersByIds([...people.keys()])).filter((u) => u.disabled_at === null);
      await deps.mailer.sendMany(
        users.map((u) => {
          const lang = languageOf(people.get(u.id)!);
          const mail = statusMail(lang, { config: deps.config, wishId: id, title: wish.title, status, datasetId, reason: reason || null });
          // The requester's answer to what they asked (it reaches them while restricted); a supporter's notice is not.
          return { to: u.email, ...mail, reply: u.id === wish.user_id, idempotencyKey: `wish:${id}:${status}:${at}:${u.id}` };
        }),
      );
    },
  };
}
