// Discussions over HTTP: a dataset's discussions (page and twin), one thread (page and twin), the forms to start,
// reply and report, the moderators' actions and their list at /-/moderation (page and twin).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import { can } from '../../accounts/permissions.ts';
import type { Account } from '../../accounts/types.ts';
import type { Config } from '../../config.ts';
import { DomainError } from '../../errors.ts';
import { guarded } from '../../http/guard.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { pageRoute } from '../../http/page-route.ts';
import { one as field } from '../../http/params.ts';
import { useSchemaValidation } from '../../http/validation.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { languagePrefix, languages, type Language } from '../../i18n/index.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { markdownHtml } from '../../web/markdown.ts';
import { reasonText } from '../../web/reasons.ts';
import { discussionsPage, moderationPage, threadPage, type FormState } from '../../web/pages/discussions/discussions.tsx';
import type { DiscussionService, PostView, ThreadView } from './service.ts';

interface DiscussionRoutesDeps {
  config: Config;
  discussions: DiscussionService;
  contextOf: (request: FastifyRequest) => PageContext;
  /** What else waits on the moderation list: data-request comments, and how many reuses wait for a decision. */
  alsoModerated?: () => Promise<Parameters<typeof moderationPage>[3] & object>;
}

// The schema lets an oversized post through to the service, which refuses it with its own words; past twice the limit
// the form's schema refuses it.
const StartForm = formBody({ title: 1000, body: 20_000, website: 200 });
const ReplyForm = formBody({ body: 20_000, website: 200 });
const ReportForm = formBody({ reason: 2000 });
const EmptyForm = formBody({});

type Params = { id: string; thread: string; post: string };

const postJson = (p: PostView) => ({
  id: p.id, author: p.author, publisherAnswer: p.publisher, status: p.status, mine: p.mine, body: p.body,
  bodyHtml: p.body === null ? null : markdownHtml(p.body), createdAt: p.createdAt,
});
const threadJson = (t: ThreadView) => ({ id: t.id, title: t.title, author: t.author, locked: t.locked, createdAt: t.createdAt, lastPostAt: t.lastPostAt, posts: t.posts.length });

export async function discussionRoutes(app: FastifyInstance, deps: DiscussionRoutesDeps): Promise<void> {
  useSchemaValidation(app);
  const { discussions } = deps;
  const viewerOf = (request: FastifyRequest): Account | null => (request.keyAccount ? null : accountOf(request));
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const words = (ctx: PageContext, error: DomainError) => reasonText(ctx.t.discussions.errors, error.reason) || errorText(ctx, error);

  pageRoute(app, deps.config.defaultLanguage, {
    path: '/datasets/:id/discussions',
    load: async (request, lang) => ({ datasetId: request.params.id, ...(await discussions.threads(request.params.id, viewerOf(request), lang)) }),
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      const done = field(request.query, 'done');
      return discussionsPage(ctx, data, { done: done === 'held' ? ctx.t.discussions.postedHeld : null });
    },
    json: (_request, data) => ({ dataset: data.datasetId, threads: data.threads.map(threadJson) }),
  });
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/datasets/:id/discussions/:thread',
    load: async (request, lang) => {
      const viewer = viewerOf(request);
      return { datasetId: request.params.id, moderator: can(viewer, 'dataset.publish'), ...(await discussions.thread(request.params.id, request.params.thread, viewer, lang)) };
    },
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.discussions;
      const said = new Map([['posted', t.posted], ['held', t.postedHeld], ['reported', t.reported], ['again', t.reportedBefore], ['moderated', t.moderated]]);
      return threadPage(ctx, data, { done: said.get(field(request.query, 'done')) ?? null });
    },
    json: (_request, data) => ({ dataset: data.datasetId, ...threadJson(data.thread), posts: data.thread.posts.map(postJson) }),
  });
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/moderation',
    guard: ['dataset.publish'],
    load: async () => ({ posts: await discussions.moderationQueue(), more: deps.alsoModerated ? await deps.alsoModerated() : { comments: [], pendingReuses: 0 } }),
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      return moderationPage(ctx, data.posts, field(request.query, 'done') === 'moderated' ? ctx.t.discussions.moderated : null, data.more);
    },
    json: (_request, data) => ({
      posts: data.posts.map((i) => ({ ...i, bodyHtml: markdownHtml(i.body) })),
      dataRequestComments: data.more.comments.map((i) => ({ ...i, bodyHtml: markdownHtml(i.body) })),
      pendingReuses: data.more.pendingReuses,
    }),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const requireAccount = (request: FastifyRequest, reply: FastifyReply) => {
      const account = viewerOf(request);
      if (!account) void reply.redirect(`${p}/-/account/login`, 303);
      return account;
    };
    /** A refused form: its page again with what was typed and the words of the refusal, in the refusal's status. */
    const refusedList = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, error: unknown, form: FormState) => {
      if (!(error instanceof DomainError) || error.reason === 'no_dataset') throw error;
      const ctx = deps.contextOf(request);
      const data = { datasetId: request.params.id, ...(await discussions.threads(request.params.id, viewerOf(request), lang)) };
      return html(reply, discussionsPage(ctx, data, { ...form, error: words(ctx, error) }), error.status);
    };
    const refusedThread = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, error: unknown, form: FormState) => {
      if (!(error instanceof DomainError) || error.reason === 'no_dataset' || error.reason === 'discussion_unknown') throw error;
      const ctx = deps.contextOf(request);
      const viewer = viewerOf(request);
      const data = { datasetId: request.params.id, moderator: can(viewer, 'dataset.publish'), ...(await discussions.thread(request.params.id, request.params.thread, viewer, lang as Language)) };
      return html(reply, threadPage(ctx, data, { ...form, error: words(ctx, error) }), error.status);
    };
    const threadPath = (request: FastifyRequest<{ Params: Params }>) => `${p}/datasets/${request.params.id}/discussions/${request.params.thread}`;

    app.post<{ Params: Params }>(`${p}/datasets/:id/discussions`, formSchema(StartForm), async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const values = { title: field(request.body, 'title'), body: field(request.body, 'body') };
      // The honeypot: a person leaves it empty; a robot that fills it is told nothing and nothing is written.
      if (field(request.body, 'website')) return reply.redirect(`${p}/datasets/${request.params.id}/discussions`, 303);
      try {
        refuseForm(request);
        const { threadId, held } = await discussions.start(account, request.params.id, values, lang);
        return reply.redirect(`${p}/datasets/${request.params.id}/discussions/${threadId}?done=${held ? 'held' : 'posted'}`, 303);
      } catch (error) {
        return refusedList(request, reply, error, { values });
      }
    });
    app.post<{ Params: Params }>(`${p}/datasets/:id/discussions/:thread`, formSchema(ReplyForm), async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const values = { body: field(request.body, 'body') };
      if (field(request.body, 'website')) return reply.redirect(threadPath(request), 303);
      try {
        refuseForm(request);
        const { postId, held } = await discussions.reply(account, request.params.id, request.params.thread, values, lang);
        return reply.redirect(`${threadPath(request)}?done=${held ? 'held' : 'posted'}#${postId}`, 303);
      } catch (error) {
        return refusedThread(request, reply, error, { values });
      }
    });
    app.post<{ Params: Params }>(`${p}/datasets/:id/discussions/:thread/posts/:post/report`, formSchema(ReportForm), async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      try {
        refuseForm(request);
        const first = await discussions.report(account, request.params.post, field(request.body, 'reason'));
        return reply.redirect(`${threadPath(request)}?done=${first ? 'reported' : 'again'}`, 303);
      } catch (error) {
        return refusedThread(request, reply, error, {});
      }
    });
    const moderation = (path: string, act: (actor: Account, request: FastifyRequest<{ Params: Params }>) => Promise<unknown>) =>
      app.post<{ Params: Params }>(`${p}/datasets/:id/discussions/:thread${path}`, { ...guarded('dataset.publish'), ...formSchema(EmptyForm) }, async (request, reply) => {
        refuseForm(request);
        await act(accountOf(request)!, request);
        if (field(request.body, 'from') === 'moderation') return reply.redirect(`${p}/-/moderation?done=moderated`, 303);
        return reply.redirect(`${threadPath(request)}?done=moderated`, 303);
      });
    moderation('/posts/:post/hide', (actor, request) => discussions.hide(actor, request.params.post));
    moderation('/posts/:post/restore', (actor, request) => discussions.restore(actor, request.params.post));
    moderation('/posts/:post/release', (actor, request) => discussions.release(actor, request.params.post));
    moderation('/lock', (actor, request) => discussions.lock(actor, request.params.thread, true));
    moderation('/unlock', (actor, request) => discussions.lock(actor, request.params.thread, false));
  }
}
