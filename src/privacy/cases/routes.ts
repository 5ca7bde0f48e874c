// The privacy office over HTTP: the request form for anyone (/-/privacy/request) and the DPO's console (/-/privacy-office/cases).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import { guard, mayAny } from '../../http/guard.ts';
import type { Config } from '../../config.ts';
import { DomainError, Invalid, NotFound } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { languageOr, languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { notFoundPage } from '../../web/pages/errors.tsx';
import { pageErrors } from '../../http/errors.ts';
import { pageRoute } from '../../http/page-route.ts';
import { casePage, casesPage } from '../../web/pages/privacy/cases.tsx';
import { letterPage } from '../../web/pages/privacy/letter.tsx';
import { codePage, registeredPage, requestPage } from '../../web/pages/privacy/request.tsx';
import type { PurposeId } from '../../personal-data/vocabulary.ts';
import { purposes } from '../../personal-data/vocabulary.ts';
import type { CaseAction, CaseActions } from './actions.ts';
import { dateText, letterFor, type LetterKind } from './letters.ts';
import type { CaseService } from './service.ts';
import { caseStatuses, closedStatuses, type CaseStatus, type PrivacyCase } from './types.ts';
import type { ContactMention } from '../../catalog/service.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm, requireConfirmed } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

// The forms' schemas: each field a string of bounded length, past the limits service.ts explains itself.
const text = 10_000;
const short = 100;
const RequestForm = formBody({ type: short, message: text, email: 1000 });
const CodeForm = formBody({ code: short });
const ButtonForm = formBody({}, 200);
const RegisterCaseForm = formBody({ channel: short, type: short, email: 1000, lang: short, received_day: short, message: text });
const VerifyForm = formBody({ method: short, day: short });
const ExtendForm = formBody({ months: short, reason: text });
const RefuseForm = formBody({ reason: text });
const CancelForm = formBody({ cancel_reason: text });
const CompleteForm = formBody({ answer: text });
const ActForm = formBody({ action: short, purpose: short });
import { one as field } from '../../http/params.ts';

interface CaseRoutesDeps {
  config: Config;
  cases: CaseService;
  contextOf: (request: FastifyRequest) => PageContext;
  /** The one-click account actions; null until the self-service rights are wired in. */
  actions: CaseActions | null;
  /** Datasets whose metadata still names a case's person (shown on an erasure case); null where the catalog is not wired in. */
  contactPoints: ((person: { email: string; userId: string | null }) => Promise<ContactMention[]>) | null;
}

const dpo = ['privacy.manage'] as const;

/** A form's action field → the action to run, or a 400. */
function actionOf(body: unknown): CaseAction {
  const name = field(body, 'action');
  const purpose = field(body, 'purpose');
  if (name === 'erasure') requireConfirmed(body);
  if (name === 'access' || name === 'erasure') return { action: name };
  if (name === 'restriction_on' || name === 'restriction_off') return { action: 'restriction', on: name === 'restriction_on' };
  if ((name === 'objection_on' || name === 'objection_off') && Object.hasOwn(purposes, purpose)) return { action: 'objection', purpose: purpose as PurposeId, on: name === 'objection_on' };
  throw new Invalid('Choose an existing action.', 'action');
}

function caseJson(c: PrivacyCase) {
  return {
    id: c.id, reference: c.reference, type: c.type, status: c.status, channel: c.channel, requester_email: c.requesterEmail, user_id: c.userId,
    language: c.language, received_at: c.receivedAt, due_at: c.dueAt, extended_at: c.extendedAt, extension_reason: c.extensionReason,
    identity_verified_at: c.identityVerifiedAt, identity_method: c.identityMethod, duplicate_of: c.duplicateOf, outcome: c.outcome, closed_at: c.closedAt,
  };
}

export async function caseRoutes(app: FastifyInstance, deps: CaseRoutesDeps): Promise<void> {
  const { cases } = deps;
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const failure = (ctx: PageContext, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return { status: error.status, text: reasonText(ctx.t.privacyCases.errors, error.reason) || errorText(ctx, error) };
  };

  // The request form's errors on its own page; the office's pages hidden from all but the DPO.
  pageErrors(app, {
    cacheControl: 'no-store',
    hidden: (request) => request.url.includes('/-/privacy-office/') && !mayAny(request, dpo),
    page: (request, error) => {
      const ctx = deps.contextOf(request);
      return error instanceof NotFound ? notFoundPage(ctx).value : requestPage(ctx, { error: failure(ctx, error).text }).value;
    },
  });

  // The console's list and case pages, each with its JSON twin from one loader, in every language.
  const statusOf = (request: FastifyRequest) => {
    const s = field(request.query, 'status');
    return (caseStatuses as readonly string[]).includes(s) ? (s as CaseStatus) : null;
  };
  const doneOf = (ctx: PageContext, request: FastifyRequest) => ctx.t.privacyCases.done[field(request.query, 'done')] ?? null;
  type ListData = { list: PrivacyCase[]; today: string };
  const loadList = async (request: FastifyRequest): Promise<ListData> => ({ list: await cases.list(statusOf(request)), today: cases.today() });
  const listPageOf = (request: FastifyRequest, { list, today }: ListData, extra: { error?: string; values?: Record<string, string> } = {}) => {
    const ctx = deps.contextOf(request);
    return casesPage(ctx, { cases: list, status: statusOf(request) ?? '', today, done: doneOf(ctx, request), ...extra });
  };
  const listView = async (request: FastifyRequest, extra: { error?: string; values?: Record<string, string> } = {}) => listPageOf(request, await loadList(request), extra);
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy-office/cases',
    guard: dpo,
    cacheControl: 'no-store',
    jsonCacheControl: 'no-store',
    load: loadList,
    render: (request, data) => listPageOf(request, data),
    json: (_request, { list, today }) => ({ total_count: list.length, results: list.map((c) => ({ ...caseJson(c), overdue: !c.closedAt && today > c.dueAt })) }),
  });

  type CaseData = { c: PrivacyCase; steps: Awaited<ReturnType<CaseService['steps']>>; contactPoints: ContactMention[] | null };
  const loadCase = async (id: string): Promise<CaseData> => {
    const c = await cases.get(id);
    // An erasure is not done while the person is still published as a contact point: the open case says where.
    const erasing = c.type === 'erasure' && !closedStatuses.includes(c.status) && deps.contactPoints !== null;
    return { c, steps: await cases.steps(c.id), contactPoints: erasing ? await deps.contactPoints!({ email: c.requesterEmail, userId: c.userId }) : null };
  };
  const casePageOf = (request: FastifyRequest, { c, steps, contactPoints }: CaseData, extra: { error?: string } = {}) => {
    const ctx = deps.contextOf(request);
    return casePage(ctx, { c, steps, contactPoints, today: cases.today(), actionsAvailable: deps.actions !== null, done: doneOf(ctx, request), ...extra });
  };
  const caseView = async (request: FastifyRequest<{ Params: { id: string } }>, extra: { error?: string } = {}) => casePageOf(request, await loadCase(request.params.id), extra);
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy-office/cases/:id',
    guard: dpo,
    cacheControl: 'no-store',
    jsonCacheControl: 'no-store',
    load: (request) => loadCase(request.params.id),
    render: (request, data) => casePageOf(request, data),
    json: (_request, { c, steps, contactPoints }) => ({
      ...caseJson(c), steps: steps.map((s) => ({ at: s.at, actor: s.actor, kind: s.kind, note: s.note })),
      ...(contactPoints ? { contact_points: contactPoints.map((m) => ({ dataset_id: m.datasetId, found: m.found })) } : {}),
    }),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const due = (c: PrivacyCase) => dateText(lang, c.dueAt, deps.config.timezone);
    // The form takes a signed-in session, never an API key: a key does not prove who is asking.
    const account = (request: FastifyRequest) => (request.keyAccount ? null : accountOf(request));

    app.get(`${p}/-/privacy/request`, async (request, reply) => html(reply, requestPage(deps.contextOf(request))));
    app.post(`${p}/-/privacy/request`, formSchema(RequestForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const values = { type: field(request.body, 'type'), message: field(request.body, 'message'), email: field(request.body, 'email') };
      const signedIn = account(request);
      try {
        refuseForm(request);
        const c = await cases.submit({ ...values, lang }, signedIn ? { id: signedIn.id, email: signedIn.email } : null, request.ip);
        if (signedIn) return html(reply, registeredPage(ctx, { reference: c.reference, due: due(c) }));
        return reply.redirect(`${p}/-/privacy/request/${c.id}`, 303);
      } catch (error) {
        const { status, text } = failure(ctx, error);
        return html(reply, requestPage(ctx, { error: text, values }), status);
      }
    });

    const unverified = async (id: string) => {
      const c = await cases.get(id);
      if (c.status !== 'identity_unverified') throw new NotFound(`Nothing to confirm at ${id}.`);
      return c;
    };
    app.get<{ Params: { id: string } }>(`${p}/-/privacy/request/:id`, async (request, reply) => {
      const c = await unverified(request.params.id);
      return html(reply, codePage(deps.contextOf(request), { caseId: c.id, email: c.requesterEmail }));
    });
    app.post<{ Params: { id: string } }>(`${p}/-/privacy/request/:id/code`, formSchema(CodeForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const c = await unverified(request.params.id);
      try {
        refuseForm(request);
        const confirmed = await cases.confirmCode(c.id, field(request.body, 'code'));
        return html(reply, registeredPage(ctx, { reference: confirmed.reference, due: due(confirmed) }));
      } catch (error) {
        const { status, text } = failure(ctx, error);
        return html(reply, codePage(ctx, { caseId: c.id, email: c.requesterEmail, error: text }), status);
      }
    });
    app.post<{ Params: { id: string } }>(`${p}/-/privacy/request/:id/new-code`, formSchema(ButtonForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const c = await unverified(request.params.id);
      try {
        refuseForm(request);
        await cases.resendCode(c.id, request.ip);
        return html(reply, codePage(ctx, { caseId: c.id, email: c.requesterEmail, done: ctx.t.privacyCases.newCodeSent }));
      } catch (error) {
        const { status, text } = failure(ctx, error);
        return html(reply, codePage(ctx, { caseId: c.id, email: c.requesterEmail, error: text }), status);
      }
    });

    // The console: only the DPO; anyone else gets the portal's 404 (pages) or a 404 body (JSON).
    const guarded = { preHandler: guard(...dpo) };
    app.post(`${p}/-/privacy-office/cases`, { ...formSchema(RegisterCaseForm), ...guarded }, async (request, reply) => {
      const values = Object.fromEntries(['channel', 'type', 'email', 'lang', 'received_day', 'message'].map((k) => [k, field(request.body, k)]));
      try {
        refuseForm(request);
        const c = await cases.register({ type: values.type, message: values.message, email: values.email, lang: languageOr(values.lang, 'nl'), channel: values.channel, receivedDay: values.received_day }, accountOf(request)!.id);
        return reply.redirect(`${p}/-/privacy-office/cases/${c.id}?done=registered`, 303);
      } catch (error) {
        const { status, text } = failure(deps.contextOf(request), error);
        return html(reply, await listView(request, { error: text, values }), status);
      }
    });


    const caseForm = (path: string, body: object, run: (request: FastifyRequest<{ Params: { id: string } }>, actor: string) => Promise<unknown>, done: string) =>
      app.post<{ Params: { id: string } }>(`${p}/-/privacy-office/cases/:id/${path}`, { ...formSchema(body), ...guarded }, async (request, reply) => {
        await cases.get(request.params.id);
        try {
          refuseForm(request);
          await run(request, accountOf(request)!.id);
          return reply.redirect(`${p}/-/privacy-office/cases/${request.params.id}?done=${done}`, 303);
        } catch (error) {
          const { status, text } = failure(deps.contextOf(request), error);
          return html(reply, await caseView(request, { error: text }), status);
        }
      });
    caseForm('verify', VerifyForm, (r, actor) => cases.verifyManually(r.params.id, { method: field(r.body, 'method'), day: field(r.body, 'day') }, actor), 'verified');
    caseForm('extend', ExtendForm, (r, actor) => cases.extend(r.params.id, { months: field(r.body, 'months'), reason: field(r.body, 'reason') }, actor), 'extended');
    caseForm('refuse', RefuseForm, (r, actor) => cases.refuse(r.params.id, field(r.body, 'reason'), actor), 'refused');
    caseForm('cancel', CancelForm, (r, actor) => cases.cancel(r.params.id, field(r.body, 'cancel_reason'), actor), 'cancelled');
    caseForm('complete', CompleteForm, (r, actor) => cases.complete(r.params.id, field(r.body, 'answer'), actor), 'completed');
    caseForm('act', ActForm, (r, actor) => cases.act(r.params.id, actionOf(r.body), actor, deps.actions), 'acted');

    app.get<{ Params: { id: string; kind: string } }>(`${p}/-/privacy-office/cases/:id/letter/:kind`, guarded, async (request, reply) => {
      const c = await cases.get(request.params.id);
      const kind = request.params.kind as LetterKind;
      const letters = { reply: c.status === 'completed', refusal: c.status === 'refused', extension: c.extendedAt !== null };
      // Own keys only: `constructor` is no kind of letter, whatever Object.prototype has.
      const sent = Object.hasOwn(letters, kind) && letters[kind];
      if (!sent) throw new NotFound(`No ${kind} letter for ${c.reference}.`);
      return html(reply, letterPage(deps.contextOf(request), letterFor(kind, c, { portal: deps.config.portalName, timeZone: deps.config.timezone, authority: deps.config.privacyAuthority }), c.language));
    });
  }
}
