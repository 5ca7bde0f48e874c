// Data requests over HTTP: /data-requests (by support, by status, JSON twin), /data-requests/{id}, and the forms to ask,
// support or withdraw, comment, and (staff) set the status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import { can } from '../../accounts/permissions.ts';
import type { Account } from '../../accounts/types.ts';
import type { Config } from '../../config.ts';
import { DomainError } from '../../errors.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { guard } from '../../http/guard.ts';
import { pageRoute } from '../../http/page-route.ts';
import { one as field } from '../../http/params.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { wishesPage, wishPage } from '../../web/pages/exchanges/wishes.tsx';
import { reasonText } from '../../web/reasons.ts';
import type { WishService } from './service.ts';
import type { Wish, WishComment } from './types.ts';

interface WishRoutesDeps {
  config: Config;
  wishes: WishService;
  contextOf: (request: FastifyRequest) => PageContext;
}

// Longer than the limits the service words, so an oversized text gets the page's own message, not a schema's.
const AskForm = formBody({ title: 20_000, description: 100_000, website: 2000 });
const CommentForm = formBody({ body: 100_000, website: 2000 });
const StatusForm = formBody({ status: 40, dataset_id: 200, reason: 20_000 });
type Body = Record<string, string>;

const presentWish = (w: Wish) => ({
  id: w.id, title: w.title, description: w.description, status: w.status, dataset_id: w.datasetId, refuse_reason: w.refuseReason,
  support: w.support, author: w.author, created_at: w.createdAt, status_changed_at: w.statusChangedAt,
});
const presentComment = (c: WishComment) => ({ id: c.id, body: c.body, author: c.author, status: c.status, mine: c.mine, created_at: c.createdAt });
const ReportForm = formBody({ reason: 2000 });
const ActionForm = formBody({ from: 40 });

export async function wishRoutes(app: FastifyInstance, deps: WishRoutesDeps): Promise<void> {
  const { config } = deps;
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const say = (ctx: PageContext, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return reasonText(ctx.t.wishes.errors, error.reason) || errorText(ctx, error);
  };
  const statusQuery = (request: FastifyRequest) => field(request.query as Body, 'status') || null;

  pageRoute(app, config.defaultLanguage, {
    path: '/data-requests',
    load: async (request) => ({ status: statusQuery(request), wishes: await deps.wishes.list(statusQuery(request)) }),
    render: (request, data) => wishesPage(deps.contextOf(request), { ...data, done: field(request.query as Body, 'done') === 'asked' }),
    json: (_request, data) => ({ total_count: data.wishes.length, results: data.wishes.map(presentWish) }),
  });

  const detail = async (request: FastifyRequest, id: string) => ({ ...(await deps.wishes.get(id, accountOf(request))), staff: can(accountOf(request), 'dataset.edit') });
  pageRoute(app, config.defaultLanguage, {
    path: '/data-requests/:id',
    load: (request) => detail(request, request.params.id),
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      const done = field(request.query as Body, 'done');
      const m = ctx.t.moderation;
      const said = new Map([['status', ctx.t.wishes.statusSaved], ['comment', ctx.t.wishes.commented], ['vote', ctx.t.wishes.voted], ['held', m.commentHeld], ['reported', m.reported], ['again', m.reportedBefore], ['moderated', m.moderated]]);
      const message = said.get(done) ?? null;
      return wishPage(ctx, { ...data, done: message });
    },
    json: (_request, data) => ({ ...presentWish(data.wish), comments: data.comments.map(presentComment) }),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, config.defaultLanguage);
    const signedIn = (request: FastifyRequest, reply: FastifyReply) => {
      const account = accountOf(request);
      if (!account || !request.sessionToken) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };

    app.post(`${p}/data-requests`, formSchema(AskForm), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const body = request.body as Body;
      // A field a person cannot see, filled in: a robot. Answered as a success; nothing is kept.
      if (field(body, 'website')) return reply.redirect(`${p}/data-requests?done=asked`, 303);
      const values = { title: field(body, 'title'), description: field(body, 'description') };
      try {
        refuseForm(request);
        const wish = await deps.wishes.ask(account, values, lang);
        return reply.redirect(`${p}/data-requests/${wish.id}`, 303);
      } catch (error) {
        const ctx = deps.contextOf(request);
        return html(reply, wishesPage(ctx, { wishes: await deps.wishes.list(null), status: null, error: say(ctx, error), values }), (error as DomainError).status ?? 500);
      }
    });

    const onWish = (action: string, schema: object, run: (request: FastifyRequest<{ Params: { id: string } }>, id: string) => Promise<string | null>, staffOnly = false) =>
      app.post<{ Params: { id: string } }>(`${p}/data-requests/:id/${action}`, { ...(staffOnly ? { preHandler: guard('dataset.edit') } : {}), ...formSchema(schema) }, async (request, reply) => {
        if (!signedIn(request, reply)) return reply;
        const id = request.params.id;
        try {
          refuseForm(request);
          const done = await run(request, id);
          return reply.redirect(`${p}/data-requests/${id}${done ? `?done=${done}` : ''}`, 303);
        } catch (error) {
          const ctx = deps.contextOf(request);
          const status = (error as DomainError).status ?? 500;
          if (status === 404) throw error;
          return html(reply, wishPage(ctx, { ...(await detail(request, id)), error: say(ctx, error) }), status);
        }
      });

    onWish('vote', formBody({}), async (request, id) => {
      await deps.wishes.vote(accountOf(request)!, id, lang);
      return 'vote';
    });
    onWish('unvote', formBody({}), async (request, id) => {
      await deps.wishes.unvote(accountOf(request)!, id);
      return null;
    });
    onWish('comment', CommentForm, async (request, id) => {
      const body = request.body as Body;
      if (field(body, 'website')) return 'comment';
      const { held } = await deps.wishes.comment(accountOf(request)!, id, field(body, 'body'));
      return held ? 'held' : 'comment';
    });
    app.post<{ Params: { id: string; comment: string } }>(`${p}/data-requests/:id/comments/:comment/report`, formSchema(ReportForm), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const id = request.params.id;
      try {
        refuseForm(request);
        const first = await deps.wishes.report(account, request.params.comment, field(request.body as Body, 'reason'));
        return reply.redirect(`${p}/data-requests/${id}?done=${first ? 'reported' : 'again'}`, 303);
      } catch (error) {
        const ctx = deps.contextOf(request);
        const status = (error as DomainError).status ?? 500;
        if (status === 404) throw error;
        return html(reply, wishPage(ctx, { ...(await detail(request, id)), error: say(ctx, error) }), status);
      }
    });
    // Moderators (the permission discussions' moderators have): from the request's page or from /-/moderation.
    const moderation = (action: string, act: (actor: Account, commentId: string) => Promise<unknown>) =>
      app.post<{ Params: { id: string; comment: string } }>(`${p}/data-requests/:id/comments/:comment/${action}`, { preHandler: guard('dataset.publish'), ...formSchema(ActionForm) }, async (request, reply) => {
        refuseForm(request);
        await act(accountOf(request)!, request.params.comment);
        if (field(request.body as Body, 'from') === 'moderation') return reply.redirect(`${p}/-/moderation?done=moderated`, 303);
        return reply.redirect(`${p}/data-requests/${request.params.id}?done=moderated#${request.params.comment}`, 303);
      });
    moderation('hide', (actor, id) => deps.wishes.hideComment(actor, id));
    moderation('restore', (actor, id) => deps.wishes.restoreComment(actor, id));
    moderation('release', (actor, id) => deps.wishes.releaseComment(actor, id));
    onWish('status', StatusForm, async (request, id) => {
      const body = request.body as Body;
      await deps.wishes.setStatus(accountOf(request)!, id, { status: field(body, 'status'), datasetId: field(body, 'dataset_id'), reason: field(body, 'reason') });
      return 'status';
    }, true);
  }
}
