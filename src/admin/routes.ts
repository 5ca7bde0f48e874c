// Administration over HTTP, under /-/admin in every language: accounts, access grants, the audit log, each page with its JSON twin from one loader.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf, clearSessionCookie } from '../accounts/auth.ts';
import type { Action } from '../accounts/permissions.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import { Conflict, DomainError, NotFound } from '../errors.ts';
import { localized } from '../explore/present.ts';
import type { PageContext } from '../web/context.ts';
import { errorText } from '../web/forms.tsx';
import { languagePrefix, languages, type Language } from '../i18n/index.ts';
import type { Html } from '../html/jsx-runtime.ts';
import { auditPage } from '../web/pages/admin/audit.tsx';
import { deliveryPage, type DeliveryData } from '../web/pages/admin/delivery.tsx';
import { adminActions, adminErrorPage, adminHome } from '../web/pages/admin/frame.tsx';
import { datasetGrantsPage, grantsPage } from '../web/pages/admin/grants.tsx';
import { keyState, usersPage, userPage } from '../web/pages/admin/users.tsx';
import { notFoundPage } from '../web/pages/errors.tsx';
import { pageErrors } from '../http/errors.ts';
import { pageRoute, type PageRouteSpec } from '../http/page-route.ts';
import { one } from '../http/params.ts';
import { guard, mayAny } from '../http/guard.ts';
import { stateOf, type AdminService, type AuditFilter } from './service.ts';
import { reasonText } from '../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../http/forms.ts';
import { useSchemaValidation } from '../http/validation.ts';

/** The forms' schemas: each field a string of bounded length; the service judges the values. A button sends its CSRF token only. */
const RoleForm = formBody({ role: 40 });
const GrantForm = formBody({ email: 1000 });
const RevokeGrantForm = formBody({ user_id: 200 });
const ButtonForm = formBody({}, 200);

/** The delivery of mail and background jobs, as admins watch it (the outbox and the job queue). */
interface DeliveryView {
  undelivered(): Promise<DeliveryData['mail']>;
  retry(id: number): Promise<boolean>;
  jobs(): Promise<DeliveryData['jobs']>;
  failedJobs(): Promise<DeliveryData['failedJobs']>;
}

interface AdminRoutesDeps {
  config: Config;
  admin: AdminService;
  delivery: DeliveryView;
  clock: Clock;
  contextOf: (request: FastifyRequest) => PageContext;
}

const pageOf = (request: FastifyRequest) => {
  const page = Number(one(request.query, 'page') || 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

/** A domain error's status and text in the page's language: admin reasons first, then the account ones. */
function adminError(ctx: PageContext, error: unknown): { status: number; text: string } {
  if (!(error instanceof DomainError)) throw error;
  return { status: error.status, text: reasonText(ctx.t.admin.errors, error.reason) || errorText(ctx, error) };
}

export async function adminRoutes(app: FastifyInstance, deps: AdminRoutesDeps): Promise<void> {
  const { admin } = deps;
  const secure = deps.config.baseUrl.startsWith('https:');
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);

  // Errors outside a form: an unknown account or dataset is the ordinary 404; any other refusal the admin's error page.
  pageErrors(app, {
    cacheControl: 'no-store',
    hidden: (request) => !mayAny(request, adminActions),
    page: (request, error) => {
      const ctx = deps.contextOf(request);
      return error instanceof NotFound ? notFoundPage(ctx).value : adminErrorPage(ctx, adminError(ctx, error).text).value;
    },
  });

  const doneOf = (ctx: PageContext, request: FastifyRequest) => ctx.t.admin.done[one(request.query, 'done')] ?? null;
  /** Each page with its JSON twin from one loader (src/http/page-route.ts), in every language; never cached. */
  const page = <D>(spec: Omit<PageRouteSpec<D>, 'cacheControl' | 'jsonCacheControl'>) =>
    pageRoute(app, deps.config.defaultLanguage, { cacheControl: 'no-store', jsonCacheControl: 'no-store', ...spec });
  const prefixOf = (lang: Language) => languagePrefix(lang, deps.config.defaultLanguage);

  page({ path: '/-/admin', guard: adminActions, load: async () => null, render: (request) => adminHome(deps.contextOf(request)) });

  // Accounts.
  const usersQuery = (request: FastifyRequest) => ({ q: one(request.query, 'q').slice(0, 100), role: one(request.query, 'role'), page: pageOf(request) });
  page({
    path: '/-/admin/users',
    guard: ['users.manage'],
    load: async (request) => {
      const query = usersQuery(request);
      return { query, result: await admin.listUsers(query) };
    },
    render: (request, { query, result }) => usersPage(deps.contextOf(request), query, result),
    json: (_request, { query, result }, lang) => ({
      total_count: result.total,
      page: query.page,
      pages: result.pages,
      results: result.users.map((u) => ({
        id: u.id, email: u.email, first_name: u.firstName, last_name: u.lastName, role: u.role, state: stateOf(u),
        two_factor: u.totpEnabledAt !== null, created_at: u.createdAt, last_active_at: u.lastActiveAt, url: `${prefixOf(lang)}/-/admin/users/${u.id}`,
      })),
    }),
  });
  type UserData = Awaited<ReturnType<AdminService['getUser']>>;
  const userPageOf = (request: FastifyRequest, data: UserData, extra: { error?: string } = {}) => {
    const ctx = deps.contextOf(request);
    return userPage(ctx, { ...data, now: deps.clock(), done: doneOf(ctx, request), ...extra });
  };
  page({
    path: '/-/admin/users/:id',
    guard: ['users.manage'],
    load: (request) => admin.getUser(request.params.id),
    render: (request, data) => userPageOf(request, data),
    json: (_request, { account: u, keys, grants }) => ({
      id: u.id, email: u.email, first_name: u.firstName, last_name: u.lastName, role: u.role, state: stateOf(u),
      two_factor: u.totpEnabledAt !== null, created_at: u.createdAt, last_active_at: u.lastActiveAt,
      api_keys: keys.map((k) => ({
        id: k.id, name: k.name, prefix: k.prefix, state: keyState(k, deps.clock()), created_at: k.createdAt, expires_at: k.expiresAt,
        last_used_at: k.lastUsedAt, revoked_at: k.revokedAt, revoked_by: k.revokedBy,
      })),
      grants: grants.map((g) => ({ dataset_id: g.datasetId, granted_by: g.grantedBy, granted_at: g.grantedAt })),
    }),
  });

  // Access grants to restricted datasets.
  page({
    path: '/-/admin/grants',
    guard: ['grants.manage'],
    load: () => admin.restrictedDatasets(),
    render: (request, datasets) => grantsPage(deps.contextOf(request), datasets),
    json: (_request, datasets, lang) => ({
      results: datasets.map(({ dataset, grants }) => ({
        dataset_id: dataset.id, title: localized(dataset.metadata.title, lang) ?? dataset.id, grants_count: grants, url: `${prefixOf(lang)}/-/admin/grants/${dataset.id}`,
      })),
    }),
  });
  type GrantsData = Awaited<ReturnType<AdminService['grantsOf']>>;
  const grantsPageOf = (request: FastifyRequest, data: GrantsData, extra: { error?: string; email?: string } = {}) => {
    const ctx = deps.contextOf(request);
    return datasetGrantsPage(ctx, { ...data, done: doneOf(ctx, request), ...extra });
  };
  page({
    path: '/-/admin/grants/:datasetId',
    guard: ['grants.manage'],
    load: (request) => admin.grantsOf(request.params.datasetId),
    render: (request, data) => grantsPageOf(request, data),
    json: (_request, { dataset, grants }) => ({
      dataset_id: dataset.id,
      grants: grants.map((g) => ({ user_id: g.userId, email: g.email, first_name: g.firstName, last_name: g.lastName, granted_by: g.grantedBy, granted_at: g.grantedAt })),
    }),
  });

  // The audit log.
  const auditFilter = (request: FastifyRequest): AuditFilter => ({
    verb: one(request.query, 'verb').slice(0, 60),
    actor: one(request.query, 'actor').slice(0, 320),
    subjectType: one(request.query, 'subject_type').slice(0, 40),
    subject: one(request.query, 'subject').slice(0, 320),
  });
  page({
    path: '/-/admin/audit',
    guard: ['audit.read'],
    load: async (request) => {
      const filter = auditFilter(request);
      return { filter, page: pageOf(request), result: await admin.auditLog(filter, pageOf(request)) };
    },
    render: (request, { filter, page: number, result }) => auditPage(deps.contextOf(request), filter, number, result),
    json: (_request, { page: number, result }) => ({
      total_count: result.total,
      page: number,
      pages: result.pages,
      results: result.entries.map((e) => ({
        id: e.id, at: e.at, actor: e.actor, actor_email: e.actorEmail, verb: e.verb,
        subject_type: e.subjectType, subject_id: e.subjectId, subject_email: e.subjectEmail, data: e.data,
      })),
    }),
  });

  // The delivery of mail and jobs.
  const deliveryData = async () => ({ mail: await deps.delivery.undelivered(), jobs: await deps.delivery.jobs(), failedJobs: await deps.delivery.failedJobs() });
  page({
    path: '/-/admin/delivery',
    guard: ['delivery.manage'],
    load: deliveryData,
    render: (request, data) => {
      const ctx = deps.contextOf(request);
      return deliveryPage(ctx, { ...data, done: doneOf(ctx, request) });
    },
    json: (_request, data) => ({
      mail: data.mail.map((m) => ({ id: m.id, to: m.to, template: m.template, status: m.status, attempts: m.attempts, last_error: m.lastError, created_at: m.createdAt, next_attempt_at: m.nextAttemptAt })),
      jobs: data.jobs,
      failed_jobs: data.failedJobs,
    }),
  });

  // The forms, in every language.
  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const guarded = (actions: readonly Action[]) => ({ preHandler: guard(...actions) });
    const actor = (request: FastifyRequest) => accountOf(request)!.id;

    /**
     * A form: run it, then back to `page` with a note; on a domain error, that page again with the message.
     * When the admin's own sessions ended (their own role changed), to sign-in instead.
     */
    type Outcome = { back: string; done: string; signedOut?: boolean };
    const form = <P>(path: string, action: Action, body: object, run: (request: FastifyRequest<{ Params: P }>) => Promise<Outcome>, again: (request: FastifyRequest<{ Params: P }>, error: string) => Promise<Html>) =>
      app.post<{ Params: P }>(`${p}${path}`, { ...formSchema(body), ...guarded([action]) }, async (request, reply) => {
        try {
          refuseForm(request);
          const { back, done, signedOut } = await run(request);
          if (signedOut) {
            clearSessionCookie(reply, secure);
            return reply.redirect(`${p}/-/account/login`, 303);
          }
          return reply.redirect(`${p}${back}?done=${done}`, 303);
        } catch (error) {
          const ctx = deps.contextOf(request);
          const { status, text } = adminError(ctx, error);
          return html(reply, await again(request, text), status);
        }
      });

    // Accounts.

    const userView = async (request: FastifyRequest<{ Params: { id: string } }>, extra: { error?: string } = {}) => userPageOf(request, await admin.getUser(request.params.id), extra);
    const again = (request: FastifyRequest<{ Params: { id: string } }>, error: string) => userView(request, { error });
    form<{ id: string }>('/-/admin/users/:id/role', 'users.manage', RoleForm, async (request) => {
      await admin.changeRole(actor(request), request.params.id, one(request.body, 'role'));
      // An admin who changed their own role was signed out with every other session of theirs.
      return { back: `/-/admin/users/${request.params.id}`, done: 'role', signedOut: actor(request) === request.params.id };
    }, again);
    form<{ id: string }>('/-/admin/users/:id/disable', 'users.manage', ButtonForm, async (request) => {
      await admin.disable(actor(request), request.params.id);
      return { back: `/-/admin/users/${request.params.id}`, done: 'disabled' };
    }, again);
    form<{ id: string }>('/-/admin/users/:id/enable', 'users.manage', ButtonForm, async (request) => {
      await admin.enable(actor(request), request.params.id);
      return { back: `/-/admin/users/${request.params.id}`, done: 'enabled' };
    }, again);
    form<{ id: string; keyId: string }>('/-/admin/users/:id/keys/:keyId/revoke', 'users.manage', ButtonForm, async (request) => {
      await admin.revokeKey(actor(request), request.params.id, request.params.keyId);
      return { back: `/-/admin/users/${request.params.id}`, done: 'key' };
    }, again);

    // Access grants to restricted datasets.
    const grantsView = async (request: FastifyRequest<{ Params: { datasetId: string } }>, extra: { error?: string; email?: string } = {}) =>
      grantsPageOf(request, await admin.grantsOf(request.params.datasetId), extra);
    form<{ datasetId: string }>('/-/admin/grants/:datasetId', 'grants.manage', GrantForm, async (request) => {
      await admin.grant(actor(request), request.params.datasetId, one(request.body, 'email'));
      return { back: `/-/admin/grants/${request.params.datasetId}`, done: 'granted' };
    }, (request, error) => grantsView(request, { error, email: one(request.body, 'email') }));
    form<{ datasetId: string }>('/-/admin/grants/:datasetId/revoke', 'grants.manage', RevokeGrantForm, async (request) => {
      await admin.revokeGrant(actor(request), request.params.datasetId, one(request.body, 'user_id'));
      return { back: `/-/admin/grants/${request.params.datasetId}`, done: 'revoked' };
    }, (request, error) => grantsView(request, { error }));

    // Mail given up on, sent again.
    form<{ id: string }>('/-/admin/delivery/mail/:id/retry', 'delivery.manage', ButtonForm, async (request) => {
      const id = /^[0-9]{1,15}$/.test(request.params.id) ? Number(request.params.id) : NaN;
      if (!Number.isFinite(id) || !(await deps.delivery.retry(id))) throw new Conflict('Only a mail given up on can be sent again.', 'mail_not_failed');
      return { back: '/-/admin/delivery', done: 'retried' };
    }, async (request, error) => {
      const ctx = deps.contextOf(request);
      return deliveryPage(ctx, { ...(await deliveryData()), done: null, error });
    });
  }
}
