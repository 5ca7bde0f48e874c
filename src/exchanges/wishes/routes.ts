// Data requests over HTTP: /data-requests (by support, by status, JSON twin), /data-requests/{id}, and the forms to ask,
// support or withdraw, comment, and (staff) set the status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import { can } from '../../accounts/permissions.ts';
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
const presentComment = (c: WishComment) => ({ id: c.id, body: c.body, author: c.author, created_at: c.createdAt });

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
      const message = done === 'status' ? ctx.t.wishes.statusSaved : done === 'comment' ? ctx.t.wishes.commented : done === 'vote' ? ctx.t.wishes.voted : null;
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
      await deps.wishes.comment(accountOf(request)!, id, field(body, 'body'));
      return 'comment';
    });
    onWish('status', StatusForm, async (request, id) => {
      const body = request.body as Body;
      await deps.wishes.setStatus(accountOf(request)!, id, { status: field(body, 'status'), datasetId: field(body, 'dataset_id'), reason: field(body, 'reason') });
      return 'status';
    }, true);
  }
}
