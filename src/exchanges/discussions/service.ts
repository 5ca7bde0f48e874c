// Discussions on datasets: threads and posts between signed-in people, the publisher's answers marked, reports,
// moderation (hide, restore, release, lock), a hold on likely spam, and a mail to the thread's participants per reply.
import type { AccountStore } from '../../accounts/store.ts';
import type { Attempts } from '../../accounts/attempts.ts';
import { can } from '../../accounts/permissions.ts';
import type { Account } from '../../accounts/types.ts';
import { newId } from '../../accounts/secrets.ts';
import type { Clock } from '../../clock.ts';
import { Conflict, Invalid, NotFound, TooMany } from '../../errors.ts';
import type { EventStore } from '../../events/store.ts';
import { escapeHtml } from '../../html/jsx-runtime.ts';
import { languageOr, languagePrefix, messages, type Language } from '../../i18n/index.ts';
import type { Mailer } from '../../mail/outbox.ts';
import { publicName } from '../public-name.ts';
import { likelySpam } from '../spam.ts';
import type { DiscussionStore, PostRow, ThreadRow } from './store.ts';

const limits = { title: 200, body: 10_000, reason: 1000, postsPerHour: 20 } as const;

type Viewer = Pick<Account, 'id' | 'role' | 'disabledAt'> | null;

interface DiscussionDeps {
  store: DiscussionStore;
  accounts: Pick<AccountStore, 'usersByIds'>;
  events: EventStore;
  clock: Clock;
  mailer: Pick<Mailer, 'send'>;
  attempts: Pick<Attempts, 'reserve'>;
  /** `publisherName`: a publisher's answer is mailed as the department's, not under the staff member's name. */
  config: { baseUrl: string; defaultLanguage: Language; publisherName: string };
  /** A dataset's title when this person (null: anyone) may see it; null when they may not. */
  datasetTitle: (userId: string | null, datasetId: string, lang: Language) => Promise<string | null>;
  /** Markdown as safe HTML (src/web/markdown.ts, injected: a domain does not import pages). */
  markdown: (text: string) => string;
}

export interface PostView {
  id: string;
  /** The author's public name; null once the author is erased ("former user"). */
  author: string | null;
  publisher: boolean;
  /** visible | held | hidden */
  status: string;
  mine: boolean;
  /** Null where the viewer may not read it (hidden by a moderator). */
  body: string | null;
  createdAt: string;
}

export interface ThreadView {
  id: string;
  datasetId: string;
  title: string;
  author: string | null;
  locked: boolean;
  createdAt: string;
  lastPostAt: string;
  posts: PostView[];
}

export type DiscussionService = ReturnType<typeof createDiscussionService>;

export function createDiscussionService(deps: DiscussionDeps) {
  const { store } = deps;
  const now = () => deps.clock().toISOString();
  const moderates = (viewer: Viewer) => can(viewer, 'dataset.publish');

  async function namesOf(ids: string[]): Promise<Map<string, string>> {
    const users = await deps.accounts.usersByIds([...new Set(ids)]);
    return new Map(users.map((u) => [u.id, publicName(u)]));
  }

  async function views(threads: ThreadRow[], viewer: Viewer): Promise<ThreadView[]> {
    const posts = await store.postsOf(threads.map((t) => t.id));
    const names = await namesOf([...threads.map((t) => t.author_id), ...posts.map((p) => p.author_id)]);
    const moderator = moderates(viewer);
    const result: ThreadView[] = [];
    for (const t of threads) {
      const shown = posts
        .filter((p) => p.thread_id === t.id)
        // A held post is the author's and the moderators' only, until it is released.
        .filter((p) => p.status !== 'held' || moderator || p.author_id === viewer?.id)
        .map((p): PostView => {
          const mine = p.author_id === viewer?.id;
          return {
            id: p.id, author: names.get(p.author_id) ?? null, publisher: p.publisher === 1, status: p.status, mine,
            body: p.status === 'hidden' && !mine && !moderator ? null : p.body, createdAt: p.created_at,
          };
        });
      if (shown.length === 0) continue;
      result.push({ id: t.id, datasetId: t.dataset_id, title: t.title, author: names.get(t.author_id) ?? null, locked: t.locked_at !== null, createdAt: t.created_at, lastPostAt: t.last_post_at, posts: shown });
    }
    return result;
  }

  function checkBody(body: string): string {
    const text = body.replace(/\r\n/g, '\n').trim();
    if (!text) throw new Invalid('Write a message.', 'discussion_body');
    if (text.length > limits.body) throw new Invalid(`A post holds at most ${limits.body} characters.`, 'discussion_too_long');
    return text;
  }

  async function visibleDataset(viewer: Viewer, datasetId: string, lang: Language): Promise<string> {
    const title = await deps.datasetTitle(viewer?.id ?? null, datasetId, lang);
    if (title === null) throw new NotFound('No such dataset.', 'no_dataset');
    return title;
  }

  /** Counts a post against the author's hourly limit before anything is written. */
  async function countPost(authorId: string): Promise<void> {
    const wait = await deps.attempts.reserve([{ scope: 'discussion:post', value: authorId, rule: { limit: limits.postsPerHour, windowMs: 3_600_000 } }]);
    if (wait > 0) throw new TooMany('Too many posts; try again later.', 'discussion_too_many');
  }

  /** Likely spam: many links, or links in a person's first post. Staff are never held. */
  async function held(author: Viewer & object, body: string): Promise<boolean> {
    if (moderates(author)) return false;
    return likelySpam(body, () => store.postsBy(author.id));
  }

  function newPost(thread: string, author: Viewer & object, body: string, status: string, lang: Language): PostRow {
    return { id: newId('p'), thread_id: thread, author_id: author.id, body, publisher: moderates(author) ? 1 : 0, status, language: lang, moderated_by: null, moderated_at: null, created_at: now() };
  }

  /** Mails each participant of the thread (not the author, not whoever cannot be found) once about this post. */
  async function notify(post: PostRow): Promise<void> {
    const thread = await store.thread(post.thread_id);
    if (!thread) return;
    const posts = (await store.postsOf([thread.id])).filter((p) => p.status === 'visible');
    const languageOf = new Map<string, string>();
    for (const p of posts) if (p.author_id !== post.author_id) languageOf.set(p.author_id, p.language);
    const people = await deps.accounts.usersByIds([...languageOf.keys()]);
    const author = (await namesOf([post.author_id])).get(post.author_id) ?? null;
    const base = deps.config.baseUrl.replace(/\/$/, '');
    for (const person of people) {
      if (person.disabled_at !== null || person.email_verified_at === null) continue;
      const lang = languageOr(languageOf.get(person.id), deps.config.defaultLanguage);
      const t = messages(lang).discussions.mail;
      const link = `${base}${languagePrefix(lang, deps.config.defaultLanguage)}/datasets/${thread.dataset_id}/discussions/${thread.id}#${post.id}`;
      const who = post.publisher === 1 ? deps.config.publisherName : (author ?? messages(lang).discussions.formerUser);
      await deps.mailer.send({
        to: person.email,
        template: 'discussions.reply',
        subject: t.subject(thread.title),
        text: [t.intro(who, thread.title), '', post.body, '', t.open, link, '', t.why].join('\n'),
        html: [
          `<p>${escapeHtml(t.intro(who, thread.title))}</p>`,
          `<blockquote>${deps.markdown(post.body)}</blockquote>`,
          `<p><a href="${escapeHtml(link)}">${escapeHtml(t.open)}</a></p>`,
          `<p>${escapeHtml(t.why)}</p>`,
        ].join('\n'),
        // It quotes the author (name and words): once delivered, the outbox keeps neither text nor address, and the key
        // names the author's account, so erasing them removes the row and its file (src/mail/personal-data.ts).
        idempotencyKey: `discussion:${post.id}:${person.id}:by:${post.author_id}`,
        forget: true,
      });
    }
  }

  async function moderate(actor: Viewer & object, postId: string, status: 'visible' | 'hidden', verb: string): Promise<PostRow> {
    const post = await store.post(postId);
    if (!post) throw new NotFound('No such post.', 'discussion_unknown');
    const was = post.status;
    await store.setStatus(post.id, status, actor.id, now());
    await deps.events.record(deps.clock(), { actor: actor.id, verb, subjectType: 'discussion_post', subjectId: post.id, data: { thread: post.thread_id } });
    // A post released from the spam hold is news only now.
    if (was === 'held' && status === 'visible') await notify({ ...post, status });
    return post;
  }

  return {
    limits,
    /** The dataset's threads the viewer may see, newest activity first. */
    async threads(datasetId: string, viewer: Viewer, lang: Language): Promise<{ datasetTitle: string; threads: ThreadView[] }> {
      const datasetTitle = await visibleDataset(viewer, datasetId, lang);
      return { datasetTitle, threads: await views(await store.threadsOf(datasetId), viewer) };
    },
    async thread(datasetId: string, threadId: string, viewer: Viewer, lang: Language): Promise<{ datasetTitle: string; thread: ThreadView }> {
      const datasetTitle = await visibleDataset(viewer, datasetId, lang);
      const row = await store.thread(threadId);
      const [thread] = row && row.dataset_id === datasetId ? await views([row], viewer) : [];
      if (!thread) throw new NotFound('No such discussion.', 'discussion_unknown');
      return { datasetTitle, thread };
    },
    /** How many threads anyone may see on the dataset (for the information tab's link). */
    count: async (datasetId: string) => (await views(await store.threadsOf(datasetId), null)).length,
    async start(author: Viewer & object, datasetId: string, input: { title: string; body: string }, lang: Language): Promise<{ threadId: string; held: boolean }> {
      await visibleDataset(author, datasetId, lang);
      const title = input.title.replace(/\s+/g, ' ').trim();
      if (title.length < 3) throw new Invalid('Give the discussion a title.', 'discussion_title');
      if (title.length > limits.title) throw new Invalid(`A title holds at most ${limits.title} characters.`, 'discussion_title');
      const body = checkBody(input.body);
      await countPost(author.id);
      const hold = await held(author, `${title}\n${body}`);
      const at = now();
      const thread: ThreadRow = { id: newId('d'), dataset_id: datasetId, title, author_id: author.id, locked_at: null, locked_by: null, created_at: at, last_post_at: at };
      await store.insertThread(thread, newPost(thread.id, author, body, hold ? 'held' : 'visible', lang));
      return { threadId: thread.id, held: hold };
    },
    async reply(author: Viewer & object, datasetId: string, threadId: string, input: { body: string }, lang: Language): Promise<{ postId: string; held: boolean }> {
      await visibleDataset(author, datasetId, lang);
      const thread = await store.thread(threadId);
      if (!thread || thread.dataset_id !== datasetId) throw new NotFound('No such discussion.', 'discussion_unknown');
      if (thread.locked_at !== null) throw new Conflict('This discussion is locked: it takes no new posts.', 'discussion_locked');
      const body = checkBody(input.body);
      await countPost(author.id);
      const hold = await held(author, body);
      const post = newPost(thread.id, author, body, hold ? 'held' : 'visible', lang);
      await store.insertPost(post);
      if (!hold) await notify(post);
      return { postId: post.id, held: hold };
    },
    async report(reporter: Viewer & object, postId: string, reason: string): Promise<boolean> {
      const post = await store.post(postId);
      if (!post || post.status === 'held') throw new NotFound('No such post.', 'discussion_unknown');
      const text = reason.trim();
      if (!text || text.length > limits.reason) throw new Invalid('Say why you report this post.', 'discussion_reason');
      return store.report({ post_id: post.id, reporter_id: reporter.id, reason: text, created_at: now() });
    },
    hide: (actor: Viewer & object, postId: string) => moderate(actor, postId, 'hidden', 'discussion.post_hidden'),
    restore: (actor: Viewer & object, postId: string) => moderate(actor, postId, 'visible', 'discussion.post_restored'),
    release: (actor: Viewer & object, postId: string) => moderate(actor, postId, 'visible', 'discussion.post_released'),
    async lock(actor: Viewer & object, threadId: string, locked: boolean): Promise<ThreadRow> {
      const thread = await store.thread(threadId);
      if (!thread) throw new NotFound('No such discussion.', 'discussion_unknown');
      await store.setLock(thread.id, locked ? now() : null, locked ? actor.id : null);
      await deps.events.record(deps.clock(), { actor: actor.id, verb: locked ? 'discussion.thread_locked' : 'discussion.thread_unlocked', subjectType: 'discussion_thread', subjectId: thread.id, data: { dataset: thread.dataset_id } });
      return thread;
    },
    /** What waits for a moderator: reported posts not dealt with and posts held as likely spam, with their thread. */
    async moderationQueue() {
      const { posts, reports } = await store.moderationQueue();
      const threads = new Map((await store.threadsByIds([...new Set(posts.map((p) => p.thread_id))])).map((t) => [t.id, t]));
      const names = await namesOf(posts.map((p) => p.author_id));
      return posts.map((p) => ({
        id: p.id,
        threadId: p.thread_id,
        datasetId: threads.get(p.thread_id)?.dataset_id ?? '',
        threadTitle: threads.get(p.thread_id)?.title ?? '',
        author: names.get(p.author_id) ?? null,
        status: p.status,
        body: p.body,
        createdAt: p.created_at,
        reports: reports.filter((r) => r.post_id === p.id).map((r) => ({ reason: r.reason, createdAt: r.created_at })),
      }));
    },
  };
}
