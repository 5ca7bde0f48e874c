// Information requests over HTTP: the contact form (/-/contact, ?dataset=), the visitor's confirmation link and thread
// link, the account's questions (/-/account/requests, with twin) and the staff inbox (/-/inbox, with twin).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import type { Config } from '../../config.ts';
import { DomainError, Invalid, NotFound } from '../../errors.ts';
import { guard } from '../../http/guard.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { pageRoute } from '../../http/page-route.ts';
import { one as field } from '../../http/params.ts';
import { useSchemaValidation } from '../../http/validation.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { formatDate, languagePrefix, languages } from '../../i18n/index.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { confirmPage, messagePage } from '../../web/pages/account/public.tsx';
import type { AccountSection } from '../../web/pages/account/overview.tsx';
import { inboxPage, inboxRequestJson, inboxRequestPage, isOverdue, type InboxQuery } from '../../web/pages/requests/inbox.tsx';
import { accountRequestsPage, contactPage, requestJson, requestsSectionBody, threadPage, type ContactValues } from '../../web/pages/requests/requests.tsx';
import { reasonText } from '../../web/reasons.ts';
import type { RequestService } from './service.ts';

interface RequestRoutesDeps {
  config: Config;
  requests: RequestService;
  contextOf: (request: FastifyRequest) => PageContext;
}

// Bounds well past the service's own limits, so an oversized message gets the service's clear words, not a schema's.
const ContactForm = formBody({ subject: 2000, message: 200_000, name: 2000, email: 2000, dataset: 200, website: 2000 });
const MessageForm = formBody({ message: 200_000, status: 40 });
const StatusForm = formBody({ status: 40 });
const AssignForm = formBody({ assignee: 100 });
const CannedForm = formBody({ title: 2000, body: 200_000, request: 100 });
const EmptyForm = formBody({});
const staffOnly = ['requests.handle'] as const;

/** The account page's section: a link to the person's questions. */
export function requestsAccountSection() {
  return async (ctx: PageContext): Promise<AccountSection> => ({
    id: 'requests',
    title: ctx.t.requests.accountTitle,
    body: requestsSectionBody(ctx),
  });
}

export async function requestRoutes(app: FastifyInstance, deps: RequestRoutesDeps): Promise<void> {
  const { requests } = deps;
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const words = (ctx: PageContext, error: unknown) => reasonText(ctx.t.requests.errors, (error as DomainError).reason) || errorText(ctx, error);
  const domain = (error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return error;
  };
  const signedIn = (request: FastifyRequest) => (request.keyAccount ? null : accountOf(request));

  const queryOf = (request: FastifyRequest): InboxQuery => ({
    q: field(request.query, 'q').trim(), status: field(request.query, 'status'), assignee: field(request.query, 'assignee'),
    dataset: field(request.query, 'dataset').trim(), overdue: field(request.query, 'overdue') === '1',
  });
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/inbox',
    guard: staffOnly,
    cacheControl: 'no-store',
    jsonCacheControl: 'no-store',
    load: async (request) => {
      const query = queryOf(request);
      const today = requests.today();
      const list = await requests.inbox({ search: query.q || undefined, status: query.status || undefined, assignee: query.assignee || undefined, datasetId: query.dataset || undefined, overdueOn: query.overdue ? today : undefined });
      return { list, counts: await requests.counts(), staff: await requests.staff(), today, query };
    },
    render: (request, data) => inboxPage(deps.contextOf(request), data),
    json: (_request, { list, counts, today }) => ({
      total_count: list.length, counts,
      results: list.map((r) => ({ id: r.id, reference: r.reference, status: r.status, subject: r.subject, dataset_id: r.dataset_id, assignee: r.assignee, registered_at: r.registered_at, due_at: r.due_at, overdue: isOverdue(r, today) })),
    }),
  });
  const loadForStaff = async (request: FastifyRequest) => {
    const { request: r, messages } = await requests.forStaff((request.params as { id: string }).id);
    const canned = await requests.cannedAnswers();
    const chosen = canned.find((c) => c.id === field(request.query, 'canned'));
    return { request: r, messages, canned, staff: await requests.staff(), today: requests.today(), answer: chosen?.body };
  };
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/inbox/:id',
    guard: staffOnly,
    cacheControl: 'no-store',
    jsonCacheControl: 'no-store',
    load: loadForStaff,
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      return inboxRequestPage(ctx, { ...data, done: ctx.t.requests.done[field(request.query, 'done')] ?? null });
    },
    json: (_request, data) => inboxRequestJson(data.request, data.messages, data.today),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const datasetOf = async (id: string) => {
      if (!id) return null;
      const title = await requests.datasetTitle(id, lang);
      if (title === null) throw new NotFound(`The requested dataset ${id} does not exist.`);
      return { id, title };
    };

    app.get(`${p}/-/contact`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      return html(reply, contactPage(ctx, { dataset: await datasetOf(field(request.query, 'dataset')), signedIn: signedIn(request) !== null }));
    });
    app.post(`${p}/-/contact`, formSchema(ContactForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.requests;
      const values: ContactValues = { subject: field(request.body, 'subject'), message: field(request.body, 'message'), name: field(request.body, 'name'), email: field(request.body, 'email') };
      const account = signedIn(request);
      const dataset = await datasetOf(field(request.body, 'dataset'));
      try {
        refuseForm(request);
        // A robot filled the hidden field: it is told what a person would be told, and nothing is kept or mailed.
        if (field(request.body, 'website') !== '') {
          return html(reply, messagePage(ctx, t.checkMailTitle, t.checkMail(values.email ?? '')));
        }
        const person = account ? { id: account.id, email: account.email, firstName: account.firstName, lastName: account.lastName, displayName: account.displayName } : null;
        const { request: r, registered } = await requests.submit({ subject: values.subject ?? '', message: values.message ?? '', name: values.name ?? '', email: values.email ?? '', datasetId: dataset?.id ?? null, lang }, person, request.ip);
        if (!registered) return html(reply, messagePage(ctx, t.checkMailTitle, t.checkMail(r.email ?? '')));
        return reply.redirect(`${p}/-/account/requests/${r.id}?done=registered`, 303);
      } catch (error) {
        const e = domain(error);
        return html(reply, contactPage(ctx, { dataset, signedIn: account !== null, values, error: words(ctx, e) }), e.status);
      }
    });

    // The confirmation link: opening it shows a button (mail scanners open links); the button registers the question.
    app.get<{ Params: { token: string } }>(`${p}/-/contact/confirm/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.requests;
      try {
        const r = await requests.pending(request.params.token);
        return html(reply, confirmPage(ctx, t.confirmTitle, t.confirmIntro(r.subject), ctx.link(`/-/contact/confirm/${request.params.token}`), t.confirmButton));
      } catch (error) {
        const e = domain(error);
        return html(reply, messagePage(ctx, t.confirmTitle, words(ctx, e), { href: ctx.link('/-/contact'), label: t.askQuestion }), e.status);
      }
    });
    app.post<{ Params: { token: string } }>(`${p}/-/contact/confirm/:token`, formSchema(EmptyForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const t = ctx.t.requests;
      try {
        refuseForm(request);
        const { threadToken } = await requests.confirm(request.params.token);
        return reply.redirect(`${p}/-/contact/thread/${threadToken}?done=registered`, 303);
      } catch (error) {
        const e = domain(error);
        return html(reply, messagePage(ctx, t.confirmTitle, words(ctx, e), { href: ctx.link('/-/contact'), label: t.askQuestion }), e.status);
      }
    });

    const doneText = (ctx: PageContext, request: FastifyRequest, r: { reference: string | null; due_at: string | null }) => {
      const done = field(request.query, 'done');
      if (done === 'registered') return ctx.t.requests.registered(r.reference ?? '', formatDate(lang, `${r.due_at}T12:00:00Z`, deps.config.timezone));
      return done === 'replied' ? ctx.t.requests.replied : null;
    };
    // The visitor's thread, by the secret link in their mails (its digest is stored, never the link).
    app.get<{ Params: { token: string } }>(`${p}/-/contact/thread/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const { request: r, messages } = await requests.threadByToken(request.params.token);
      return html(reply.header('Referrer-Policy', 'same-origin'), threadPage(ctx, { request: r, messages, action: ctx.link(`/-/contact/thread/${request.params.token}`), done: doneText(ctx, request, r) }));
    });
    app.post<{ Params: { token: string } }>(`${p}/-/contact/thread/:token`, formSchema(MessageForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      try {
        refuseForm(request);
        await requests.replyByToken(request.params.token, field(request.body, 'message'));
        return reply.redirect(`${p}/-/contact/thread/${request.params.token}?done=replied`, 303);
      } catch (error) {
        const e = domain(error);
        if (e instanceof NotFound) throw e;
        const { request: r, messages } = await requests.threadByToken(request.params.token);
        return html(reply, threadPage(ctx, { request: r, messages, action: ctx.link(`/-/contact/thread/${request.params.token}`), error: words(ctx, e) }), e.status);
      }
    });

    // The account's questions.
    const requireAccount = (request: FastifyRequest, reply: FastifyReply) => {
      const account = signedIn(request);
      if (!account) void reply.redirect(`${p}/-/account/login`, 303);
      return account;
    };
    app.get(`${p}/-/account/requests`, async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      return html(reply, accountRequestsPage(deps.contextOf(request), { requests: await requests.requestsOf(account.id) }));
    });
    app.get(`${p}/-/account/requests.json`, async (request, reply) => {
      const account = signedIn(request);
      if (!account) return reply.status(404).header('Cache-Control', 'no-store').send({ error: 'not_found', message: 'Sign in to see your questions.' });
      const list = await requests.requestsOf(account.id);
      return reply.header('Cache-Control', 'no-store').send({ total_count: list.length, results: list.map((x) => requestJson(x.request, x.messages)) });
    });
    app.get<{ Params: { id: string } }>(`${p}/-/account/requests/:id`, async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const { request: r, messages } = await requests.threadOf(account.id, request.params.id);
      return html(reply, threadPage(ctx, { request: r, messages, action: ctx.link(`/-/account/requests/${r.id}`), back: { href: ctx.link('/-/account/requests'), label: ctx.t.requests.accountTitle }, done: doneText(ctx, request, r) }));
    });
    app.post<{ Params: { id: string } }>(`${p}/-/account/requests/:id`, formSchema(MessageForm), async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      try {
        refuseForm(request);
        await requests.replyAsUser(account.id, request.params.id, field(request.body, 'message'));
        return reply.redirect(`${p}/-/account/requests/${request.params.id}?done=replied`, 303);
      } catch (error) {
        const e = domain(error);
        if (e instanceof NotFound) throw e;
        const { request: r, messages } = await requests.threadOf(account.id, request.params.id);
        return html(reply, threadPage(ctx, { request: r, messages, action: ctx.link(`/-/account/requests/${r.id}`), error: words(ctx, e) }), e.status);
      }
    });

    // The inbox's forms: staff only (anyone else gets the portal's 404), each back to the request saying what it did.
    const guarded = { preHandler: guard(...staffOnly) };
    const staffForm = (path: string, body: object, run: (request: FastifyRequest<{ Params: { id: string } }>, actor: string) => Promise<unknown>, done: string) =>
      app.post<{ Params: { id: string } }>(`${p}/-/inbox/:id/${path}`, { ...formSchema(body), ...guarded }, async (request, reply) => {
        try {
          refuseForm(request);
          await run(request, accountOf(request)!.id);
          return reply.redirect(`${p}/-/inbox/${request.params.id}?done=${done}`, 303);
        } catch (error) {
          const e = domain(error);
          if (e instanceof NotFound) throw e;
          const ctx = deps.contextOf(request);
          return html(reply, inboxRequestPage(ctx, { ...(await loadForStaff(request)), error: words(ctx, e) }), e.status);
        }
      });
    staffForm('answer', MessageForm, (r, actor) => requests.answer(r.params.id, field(r.body, 'message'), actor, field(r.body, 'status') || 'answered'), 'answered');
    staffForm('note', MessageForm, (r, actor) => requests.note(r.params.id, field(r.body, 'message'), actor), 'noted');
    staffForm('status', StatusForm, (r, actor) => requests.setStatus(r.params.id, field(r.body, 'status'), actor), 'status');
    staffForm('assign', AssignForm, (r, actor) => requests.assign(r.params.id, field(r.body, 'assignee'), actor), 'assigned');
    app.post(`${p}/-/inbox/canned`, { ...formSchema(CannedForm), ...guarded }, async (request, reply) => {
      const back = field(request.body, 'request');
      refuseForm(request);
      try {
        await requests.addCanned(field(request.body, 'title'), field(request.body, 'body'), accountOf(request)!.id);
      } catch (error) {
        const e = domain(error);
        if (!(e instanceof Invalid)) throw e;
        const ctx = deps.contextOf(request);
        return html(reply, messagePage(ctx, ctx.t.requests.canned, words(ctx, e), { href: ctx.link(back ? `/-/inbox/${back}` : '/-/inbox'), label: ctx.t.requests.inboxTitle }), e.status);
      }
      return reply.redirect(`${p}${back ? `/-/inbox/${encodeURIComponent(back)}` : '/-/inbox'}?done=canned`, 303);
    });
  }
}
