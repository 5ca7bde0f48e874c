// Following over HTTP: the dataset page's follow and unfollow forms, the account's follows page (and twin), the
// confirmation link, the one-click unsubscribe link (RFC 8058) and the publishers' announcement form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import type { Config } from '../config.ts';
import { DomainError, Invalid } from '../errors.ts';
import { guarded } from '../http/guard.ts';
import { formBody, formSchema, refuseForm } from '../http/forms.ts';
import { one as field } from '../http/params.ts';
import { useSchemaValidation } from '../http/validation.ts';
import type { Html } from '../html/jsx-runtime.ts';
import { languagePrefix, languages, splitLanguage, type Language } from '../i18n/index.ts';
import type { PageContext } from '../web/context.ts';
import { errorText } from '../web/forms.tsx';
import { reasonText } from '../web/reasons.ts';
import { confirmPage, messagePage } from '../web/pages/account/public.tsx';
import type { AccountSection } from '../web/pages/account/overview.tsx';
import { announcePage, followConfirmPage, followsJson, followsPage, followsSectionBody } from '../web/pages/follow/follows.tsx';
import type { FollowService, Target } from './service.ts';
import type { SubscriptionStatus } from './types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the signed-in person follows, for the dataset pages' button. */
    following: ReadonlyMap<string, SubscriptionStatus> | null;
  }
}

interface FollowRoutesDeps {
  config: Config;
  follow: FollowService;
  contextOf: (request: FastifyRequest) => PageContext;
}

const EmptyForm = formBody({});
const FrequencyForm = formBody({ frequency: 20 });
const AnnouncementForm = formBody({ title: 1000, body: 20_000 });

/** On the root app: a signed-in person's dataset pages learn what they follow. */
export function installFollowState(app: FastifyInstance, deps: { follow: FollowService; defaultLanguage: Language }): void {
  app.decorateRequest('following', null);
  app.addHook('preHandler', async (request) => {
    if (!splitLanguage(request.url, deps.defaultLanguage).path.startsWith('/datasets/')) return;
    const account = request.keyAccount ? null : accountOf(request);
    if (account) request.following = await deps.follow.followState(account.id);
  });
}

/** The account page's section: a link to the follows page. */
export function followsAccountSection() {
  return async (ctx: PageContext): Promise<AccountSection> => ({
    id: 'follows',
    title: ctx.t.follow.title,
    body: followsSectionBody(ctx),
  });
}

export async function followRoutes(app: FastifyInstance, deps: FollowRoutesDeps): Promise<void> {
  useSchemaValidation(app);
  // RFC 8058 lets the mail program post the one-click body as multipart/form-data; what it says is fixed, so it is not read.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8192 }, (_request, _body, done) => done(null, {}));
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const words = (ctx: PageContext, error: unknown) => reasonText(ctx.t.follow.errors, (error as DomainError).reason) || errorText(ctx, error);
  /** A refused link or form: its page, with the status the error carries (a used unsubscribe link is gone: 410). */
  const refused = (reply: FastifyReply, ctx: PageContext, title: string, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    const status = error.reason === 'unsubscribe_used' ? 410 : error.status;
    return html(reply, messagePage(ctx, title, words(ctx, error), { href: ctx.link('/-/account/follows'), label: ctx.t.follow.manage }), status);
  };

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const requireAccount = (request: FastifyRequest, reply: FastifyReply) => {
      const account = request.keyAccount ? null : accountOf(request);
      if (!account) void reply.redirect(`${p}/-/account/login`, 303);
      return account;
    };
    /**
     * A follow or unfollow form: signed in, the CSRF check passed (auth.ts), then the page that says what happened; from
     * the follows page (`from=follows`), back to that page with what happened on it.
     */
    const followForm = (path: string, target: (request: FastifyRequest) => Target, act: 'follow' | 'unfollow') =>
      app.post(`${p}${path}`, formSchema(EmptyForm), async (request, reply) => {
        const account = requireAccount(request, reply);
        if (!account) return reply;
        const ctx = deps.contextOf(request);
        const t = ctx.t.follow;
        const goal = target(request);
        const back = goal.kind === 'dataset' ? { href: ctx.link(`/datasets/${goal.datasetId}`), label: t.backToDataset } : { href: ctx.link('/-/account/follows'), label: t.manage };
        refuseForm(request);
        const fromFollows = field(request.body, 'from') === 'follows';
        if (act === 'unfollow') {
          await deps.follow.unfollow(account.id, goal);
          if (fromFollows) return reply.redirect(`${p}/-/account/follows?done=unfollowed`, 303);
          return html(reply, messagePage(ctx, t.unfollowedTitle, t.unfollowed, back));
        }
        const result = await deps.follow.follow(account.id, goal, lang);
        if (fromFollows) return reply.redirect(`${p}/-/account/follows?done=${result}`, 303);
        return html(reply, messagePage(ctx, result === 'already' ? t.title : t.sentTitle, result === 'already' ? t.alreadyFollowing : t.sent(account.email), back));
      });
    const dataset = (request: FastifyRequest): Target => ({ kind: 'dataset', datasetId: (request.params as { id: string }).id });
    followForm('/datasets/:id/follow', dataset, 'follow');
    followForm('/datasets/:id/unfollow', dataset, 'unfollow');
    for (const kind of ['catalog', 'newsletter'] as const) {
      followForm(`/-/account/follows/${kind}`, () => ({ kind }), 'follow');
      followForm(`/-/account/follows/${kind}/unfollow`, () => ({ kind }), 'unfollow');
    }

    app.get(`${p}/-/account/follows`, async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const t = ctx.t.follow;
      const said = new Map([['frequency', t.frequencySaved], ['sent', t.sent(account.email)], ['already', t.alreadyFollowing], ['unfollowed', t.unfollowed]]);
      const done = said.get(field(request.query, 'done')) ?? null;
      return html(reply, followsPage(ctx, { ...(await deps.follow.followsOf(account.id, lang)), done }));
    });
    app.get(`${p}/-/account/follows.json`, async (request, reply) => {
      const account = request.keyAccount ? null : accountOf(request);
      if (!account) return reply.status(404).header('Cache-Control', 'no-store').send({ error: 'not_found', message: 'Sign in to see what you follow.' });
      return reply.header('Cache-Control', 'no-store').send(followsJson(await deps.follow.followsOf(account.id, lang)));
    });
    app.post(`${p}/-/account/follows/frequency`, formSchema(FrequencyForm), async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      try {
        refuseForm(request);
        await deps.follow.setFrequency(account.id, field(request.body, 'frequency'), lang);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const ctx = deps.contextOf(request);
        return html(reply, followsPage(ctx, { ...(await deps.follow.followsOf(account.id, lang)), error: words(ctx, error) }), error.status);
      }
      return reply.redirect(`${p}/-/account/follows?done=frequency`, 303);
    });

    // The confirmation link: opening it shows a button (mail scanners open links); the button confirms.
    app.get<{ Params: { token: string } }>(`${p}/-/follow/confirm/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.follow;
      try {
        const what = await deps.follow.confirmation(request.params.token, lang);
        return html(reply, followConfirmPage(ctx, { what, action: ctx.link(`/-/follow/confirm/${request.params.token}`) }));
      } catch (error) {
        return refused(reply, ctx, t.confirmTitle, error);
      }
    });
    app.post<{ Params: { token: string } }>(`${p}/-/follow/confirm/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.follow;
      try {
        const { what, datasetId } = await deps.follow.confirm(request.params.token, lang);
        // Back where the person came from: the dataset they now follow, or what they follow.
        const back = datasetId ? { href: ctx.link(`/datasets/${datasetId}`), label: t.backToDataset } : { href: ctx.link('/-/account/follows'), label: t.manage };
        return html(reply, messagePage(ctx, t.confirmTitle, t.confirmed(what), back));
      } catch (error) {
        return refused(reply, ctx, t.confirmTitle, error);
      }
    });

    // One-click unsubscribe (RFC 8058). A GET shows the button and changes nothing; a POST, from the page or straight
    // from the mail program (no origin, no session), ends the subscription: the link's digest is its credential.
    app.get<{ Params: { token: string } }>(`${p}/-/unsubscribe/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.follow;
      try {
        const what = await deps.follow.unsubscribeInfo(request.params.token, lang);
        return html(reply, confirmPage(ctx, t.unsubscribeTitle, t.unsubscribeText(what), ctx.link(`/-/unsubscribe/${request.params.token}`), t.unsubscribeButton));
      } catch (error) {
        return refused(reply, ctx, t.unsubscribeTitle, error);
      }
    });
    app.post<{ Params: { token: string } }>(`${p}/-/unsubscribe/:token`, { config: { linkIsCredential: true } }, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.follow;
      try {
        const what = await deps.follow.unsubscribe(request.params.token, lang);
        return html(reply, messagePage(ctx, t.unsubscribeTitle, t.unsubscribed(what), { href: ctx.link('/-/account/follows'), label: t.manage }));
      } catch (error) {
        return refused(reply, ctx, t.unsubscribeTitle, error);
      }
    });

    // Announcements: a publisher writes to a dataset's followers, or (without a dataset) to the newsletter's readers.
    const announceRoutes = (path: string, datasetOf: (request: FastifyRequest) => string | null) => {
      const heading = async (ctx: PageContext, datasetId: string | null, actor: string) =>
        datasetId === null ? ctx.t.follow.announcePortalTitle : ctx.t.follow.announceTitle((await deps.follow.titleFor(actor, datasetId, lang)) ?? datasetId);
      const back = (ctx: PageContext, datasetId: string | null) =>
        datasetId === null ? { href: ctx.link('/-/account/follows'), label: ctx.t.follow.manage } : { href: ctx.link(`/datasets/${datasetId}`), label: ctx.t.follow.backToDataset };
      app.get(`${p}${path}`, guarded('dataset.publish'), async (request, reply) => {
        const ctx = deps.contextOf(request);
        const datasetId = datasetOf(request);
        const done = field(request.query, 'done') === 'sent' ? ctx.t.follow.announced : null;
        return html(reply, announcePage(ctx, { action: ctx.link(path.replace(':id', datasetId ?? '')), heading: await heading(ctx, datasetId, accountOf(request)!.id), back: back(ctx, datasetId), done }));
      });
      app.post(`${p}${path}`, { ...guarded('dataset.publish'), ...formSchema(AnnouncementForm) }, async (request, reply) => {
        const ctx = deps.contextOf(request);
        const datasetId = datasetOf(request);
        const actor = accountOf(request)!.id;
        const values = { title: field(request.body, 'title'), body: field(request.body, 'body') };
        const action = ctx.link(path.replace(':id', datasetId ?? ''));
        try {
          refuseForm(request);
          await deps.follow.announce(actor, datasetId, values);
        } catch (error) {
          if (!(error instanceof DomainError) || !(error instanceof Invalid)) throw error;
          return html(reply, announcePage(ctx, { action, heading: await heading(ctx, datasetId, actor), back: back(ctx, datasetId), error: words(ctx, error), values }), error.status);
        }
        // Post, then redirect: reloading the page that says it went out does not send the announcement again.
        return reply.redirect(`${action}?done=sent`, 303);
      });
    };
    announceRoutes('/datasets/:id/announce', (request) => (request.params as { id: string }).id);
    announceRoutes('/-/follow/announce', () => null);
  }
}
