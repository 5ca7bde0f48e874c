// The privacy office (DPO console) over HTTP, under /-/privacy-office in every language: the register of processing
// activities and its exports, recipients and processors, the breach register. Only `privacy.manage` opens it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import type { Config } from '../../config.ts';
import { DomainError, FormFieldInvalid, Invalid, NotFound } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { notFoundPage } from '../../web/pages/errors.tsx';
import { pageErrors } from '../../http/errors.ts';
import { many, one } from '../../http/params.ts';
import { guarded } from '../../http/guard.ts';
import { pageRoute, type PageRouteSpec } from '../../http/page-route.ts';
import { breachFormValues, breachesPage, breachPage, type BreachForm } from '../../web/pages/privacy-office/breaches.tsx';
import { officeErrorPage, officeHome } from '../../web/pages/privacy-office/frame.tsx';
import { recipientsPage } from '../../web/pages/privacy-office/recipients.tsx';
import { registerPage } from '../../web/pages/privacy-office/register.tsx';
import { breachesCsv, type BreachInput, type BreachService } from '../breaches/service.ts';
import type { RecipientService } from '../recipients/service.ts';
import type { StatementService } from '../statement/service.ts';
import { processingRegister, registerCsv } from './register.ts';
import { zonedToInstant } from '../zoned-time.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

/** The office's forms: each field a string (or a list) of bounded length; the recipients' and breaches' services judge the values. */
const RecipientForm = formBody({ name: 1000, role: 100, purposes: 100, categories: 100, location: 1000, contract_ref: 1000, contact: 1000 });
const BreachFormSchema = formBody({}, 20_000);
const ButtonForm = formBody({}, 200);

interface PrivacyOfficeDeps {
  config: Config;
  recipients: RecipientService;
  breaches: BreachService;
  statements: Pick<StatementService, 'current'>;
  contextOf: (request: FastifyRequest) => PageContext;
}

type Body = Record<string, string | string[] | undefined>;

export async function privacyOfficeRoutes(app: FastifyInstance, deps: PrivacyOfficeDeps): Promise<void> {
  const { recipients, breaches } = deps;
  const html = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const text = (ctx: PageContext, error: DomainError) =>
    error instanceof FormFieldInvalid ? ctx.t.errors.formField(error.field) : reasonText(ctx.t.privacy.errors, error.reason) || error.message;
  useSchemaValidation(app);
  const guard = guarded('privacy.manage');

  pageErrors(app, {
    cacheControl: 'no-store',
    page: (request, error) => {
      const ctx = deps.contextOf(request);
      return error instanceof NotFound ? notFoundPage(ctx, text(ctx, error)).value : officeErrorPage(ctx, text(ctx, error)).value;
    },
  });

  const tz = deps.config.timezone;
  /** A `datetime-local` value to an instant; '' is null, anything else unreadable is refused. */
  const instant = (body: Body, name: string): string | null => {
    const raw = one(body, name).trim();
    if (raw === '') return null;
    const at = zonedToInstant(raw, tz);
    if (!at) throw new Invalid(`${name}: give date and time as YYYY-MM-DD HH:MM.`, 'breach_time');
    return at;
  };
  const breachInput = (body: Body): BreachInput => ({
    title: one(body, 'title'), awareAt: instant(body, 'aware_at'), nature: many(body, 'nature'), description: one(body, 'description'), categories: many(body, 'categories'),
    approxSubjects: one(body, 'approx_subjects'), approxRecords: one(body, 'approx_records'), consequences: one(body, 'consequences'), measures: one(body, 'measures'),
    risk: one(body, 'risk'), decision: one(body, 'decision'), notifiedAt: instant(body, 'notified_at'), delayReason: one(body, 'delay_reason'),
    subjectsInformedAt: instant(body, 'subjects_informed_at'),
  });
  const asForm = (body: Body): BreachForm => Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, v ?? '']));

  // The registers, each page with its JSON twin from one loader, in every language (their CSV downloads are below).
  const doneOf = (ctx: PageContext, request: FastifyRequest) => ctx.t.privacy.done[one(request.query, 'done')] ?? null;
  const officePage = <D>(spec: Omit<PageRouteSpec<D>, 'guard' | 'cacheControl' | 'jsonCacheControl'>) =>
    pageRoute(app, deps.config.defaultLanguage, { guard: ['privacy.manage'], cacheControl: 'no-store', jsonCacheControl: 'no-store', ...spec });
  officePage({
    path: '/-/privacy-office/register',
    load: async (_request, lang) => processingRegister(lang, deps.config, await recipients.list({ current: true })),
    render: (request, activities) => registerPage(deps.contextOf(request), activities),
    json: (_request, activities, lang) => ({ language: lang, activities }),
  });
  officePage({
    path: '/-/privacy-office/recipients',
    load: () => recipients.list(),
    render: (request, list) => recipientsPage(deps.contextOf(request), list, { done: doneOf(deps.contextOf(request), request) }),
    json: (_request, list) => ({ recipients: list }),
  });
  officePage({
    path: '/-/privacy-office/breaches',
    load: () => breaches.list(),
    render: (request, list) => breachesPage(deps.contextOf(request), list, doneOf(deps.contextOf(request), request)),
    json: (_request, list) => ({ breaches: list }),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const actor = (request: FastifyRequest) => accountOf(request)!.id;

    app.get(`${p}/-/privacy-office`, guard, async (request, reply) => html(reply, officeHome(deps.contextOf(request))));

    // The register of processing activities (Art. 30), generated on each request so it never lags the map.
    const register = async () => processingRegister(lang, deps.config, await recipients.list({ current: true }));
    app.get(`${p}/-/privacy-office/register.csv`, guard, async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="register-${lang}.csv"`).header('Cache-Control', 'no-store').send(registerCsv(await register())));

    // Recipients and processors.
    const recipientsView = async (request: FastifyRequest, notes: { done?: string | null; error?: string | null }) => recipientsPage(deps.contextOf(request), await recipients.list(), notes);
    app.post(`${p}/-/privacy-office/recipients`, { ...formSchema(RecipientForm), ...guard }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        refuseForm(request);
        await recipients.add(actor(request), {
          name: one(body, 'name'), role: one(body, 'role'), purposes: many(body, 'purposes'), categories: many(body, 'categories'),
          location: one(body, 'location'), contractRef: one(body, 'contract_ref'), contact: one(body, 'contact'),
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return html(reply, await recipientsView(request, { error: text(deps.contextOf(request), error) }), error.status);
      }
      // The statement names recipients: publish its new version now rather than at the next reader.
      await deps.statements.current();
      return reply.redirect(`${p}/-/privacy-office/recipients?done=added`, 303);
    });
    app.post<{ Params: { id: string } }>(`${p}/-/privacy-office/recipients/:id/end`, { ...formSchema(ButtonForm), ...guard }, async (request, reply) => {
      refuseForm(request);
      await recipients.end(actor(request), request.params.id);
      await deps.statements.current();
      return reply.redirect(`${p}/-/privacy-office/recipients?done=ended`, 303);
    });

    // The breach register (Art. 33(5)).
    app.get(`${p}/-/privacy-office/breaches.csv`, guard, async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="breaches.csv"').header('Cache-Control', 'no-store').send(breachesCsv(await breaches.list())));
    app.get(`${p}/-/privacy-office/breaches/new`, guard, async (request, reply) => html(reply, breachPage(deps.contextOf(request), null, { nature: [], categories: [] })));
    app.post(`${p}/-/privacy-office/breaches`, { ...formSchema(BreachFormSchema), ...guard }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        refuseForm(request);
        const breach = await breaches.open(actor(request), breachInput(body));
        return reply.redirect(`${p}/-/privacy-office/breaches/${breach.id}?done=opened`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return html(reply, breachPage(deps.contextOf(request), null, asForm(body), { error: text(deps.contextOf(request), error) }), error.status);
      }
    });
    app.get<{ Params: { id: string } }>(`${p}/-/privacy-office/breaches/:id`, guard, async (request, reply) => {
      const json = request.params.id.endsWith('.json');
      const breach = await breaches.get(json ? request.params.id.slice(0, -5) : request.params.id);
      if (json) return reply.header('Cache-Control', 'no-store').send(breach);
      const ctx = deps.contextOf(request);
      return html(reply, breachPage(ctx, breach, breachFormValues(breach, tz), { done: doneOf(ctx, request) }));
    });
    app.post<{ Params: { id: string } }>(`${p}/-/privacy-office/breaches/:id`, { ...formSchema(BreachFormSchema), ...guard }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const breach = await breaches.get(request.params.id);
      try {
        refuseForm(request);
        await breaches.update(actor(request), breach.id, breachInput(body));
        return reply.redirect(`${p}/-/privacy-office/breaches/${breach.id}?done=saved`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return html(reply, breachPage(deps.contextOf(request), breach, asForm(body), { error: text(deps.contextOf(request), error) }), error.status);
      }
    });
    app.post<{ Params: { id: string } }>(`${p}/-/privacy-office/breaches/:id/close`, { ...formSchema(ButtonForm), ...guard }, async (request, reply) => {
      const breach = await breaches.get(request.params.id);
      try {
        refuseForm(request);
        await breaches.close(actor(request), breach.id);
        return reply.redirect(`${p}/-/privacy-office/breaches/${breach.id}?done=closed`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const ctx = deps.contextOf(request);
        return html(reply, breachPage(ctx, breach, breachFormValues(breach, tz), { error: text(ctx, error) }), error.status);
      }
    });
  }
}
